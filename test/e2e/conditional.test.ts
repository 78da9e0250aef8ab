// Follow-up questions appear and disappear as answers change (JavaScript on), or on the next
// page load (JavaScript off).
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { partsOf } from "../../src/domain/parts.ts";
import { content } from "../helpers.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();

async function borderTradePart() {
  const profile = { name: "Công ty TNHH Thương mại Tây Trang", legalForm: "company", taxCode: "5600123456", communeId: "na_tau", activityGroup: "trade_services", sector: "border_trade", staff: 12 };
  const res = await fetch(env.server.url + "/api/v1/assessments", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ profile, consents: { report: true, statistics: false, contact: false } }),
  });
  const { code } = (await res.json()) as any;
  const parts = partsOf(content().current, { legalForm: "company", sizeClass: "small", sector: "border_trade", activityGroup: "trade_services" });
  const part = parts.find((p) => p.questionIds.includes("bt_customs"))!;
  return `${env.server.url}/a/${code}/p/${part.number}`;
}
const followUp = (page: Page) => page.locator("#q-bt_single_window").count();

browserSuite("conditional questions", () => {
  it("JavaScript on: the follow-up appears and disappears without a reload", async () => {
    const ctx = await phoneContext(env.browser, true);
    const page = await ctx.newPage();
    await page.goto(await borderTradePart());
    expect(await followUp(page)).toBe(0);
    const saved = () => page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 200);
    let s = saved();
    await page.click("label[for=o-bt_customs-cu_self]");
    await s;
    await expect.poll(() => followUp(page)).toBe(1);
    s = saved();
    await page.click("label[for=o-bt_customs-cu_none]");
    await s;
    await expect.poll(() => followUp(page)).toBe(0);
    await ctx.close();
  });

  it("JavaScript off: the follow-up is asked on the next page load, before moving on", async () => {
    const ctx = await phoneContext(env.browser, false);
    const page = await ctx.newPage();
    const url = await borderTradePart();
    await page.goto(url);
    expect(await followUp(page)).toBe(0);
    await page.click("label[for=o-bt_customs-cu_self]");
    await Promise.all([page.waitForLoadState("load"), page.locator("form button[type=submit]").first().click()]);
    expect(page.url()).toContain(url.replace(env.server.url, ""));
    expect(await followUp(page)).toBe(1);
    expect(await page.locator(".notice").innerText()).toContain("Có thêm câu hỏi");
    await ctx.close();
  });
});

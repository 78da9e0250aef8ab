// axe-core (WCAG 2.1 A and AA rules) in Chromium on every page type: zero violations.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { answerAll, pickMixed } from "../answering.ts";
import { content } from "../helpers.ts";
import { addStaff } from "../staffHelpers.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const env = useServerAndBrowser();
let code = "";

// After the shared server has started (hooks run in the order they are declared).
beforeAll(async () => {
  const post = (path: string, body: unknown, method = "POST") =>
    fetch(env.server.url + path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const profile = { name: "HTX Nông sản Mường Ảng", legalForm: "cooperative", taxCode: "5600123456", communeId: "muong_ang", activityGroup: "agriculture", sector: "ocop", staff: 6 };
  code = ((await (await post("/api/v1/assessments", { profile, consents: { report: true, statistics: true, contact: true } })).json()) as any).code;
  const facts = { legalForm: "cooperative", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
  await post(`/api/v1/assessments/${code}/answers`, { answers: answerAll(content().current, facts, pickMixed) }, "PUT");
});

async function violations(page: Page, path: string) {
  await page.goto(env.server.url + path);
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v: any) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n: any) => n.target.join(" ")).join(" | ")}`);
  });
}

async function signedIn(ctx: BrowserContext, role: "advisor" | "department") {
  const account = await addStaff(env.server.db, role);
  const page = await ctx.newPage();
  await page.goto(`${env.server.url}/staff/login`);
  await page.fill("#f-email", account.email);
  await page.fill("#f-password", account.password);
  await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").last().click()]);
  return page;
}

browserSuite("accessibility (axe-core, WCAG 2.1 AA)", () => {
  it("owner pages: landing, start errors, code, questionnaire, review, result, plan, data, privacy, catalogue", async () => {
    const ctx = await phoneContext(env.browser, true);
    const page = await ctx.newPage();
    const found: Record<string, string[]> = {};
    for (const path of ["/", `/a/${code}/code`, `/a/${code}/p/1`, `/a/${code}/p/8`, `/a/${code}/review`, "/privacy", "/platforms"]) found[path] = await violations(page, path);
    // The start form with errors, as an owner sees it after submitting it empty.
    await page.goto(env.server.url + "/");
    await Promise.all([page.waitForLoadState("load"), page.locator("#start button[type=submit]").click()]);
    await page.evaluate(AXE);
    found["/ (errors)"] = await page.evaluate(async () => ((await (window as any).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations as any[]).map((v) => v.id));
    await fetch(`${env.server.url}/api/v1/assessments/${code}/submit`, { method: "POST" });
    for (const path of [`/a/${code}/result`, `/a/${code}/plan`, `/a/${code}/data`]) found[path] = await violations(page, path);
    await ctx.close();
    for (const [path, v] of Object.entries(found)) expect(v, path).toEqual([]);
  });

  it("staff pages: advisor's list, business list, find by code, department dashboard", async () => {
    const ctx = await phoneContext(env.browser, true);
    const advisor = await signedIn(ctx, "advisor");
    const found: Record<string, string[]> = {};
    for (const path of ["/staff/advisor", "/staff/businesses", "/staff/find"]) found[path] = await violations(advisor, path);
    await ctx.close();
    const ctx2 = await phoneContext(env.browser, true);
    const dept = await signedIn(ctx2, "department");
    for (const path of ["/staff/department", "/staff/department/list", "/staff/department/exports"]) found[path] = await violations(dept, path);
    await ctx2.close();
    for (const [path, v] of Object.entries(found)) expect(v, path).toEqual([]);
  });
});

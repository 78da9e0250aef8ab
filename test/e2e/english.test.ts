// An owner who reads English: from the home page, the language link switches the whole journey to
// English (remembered by the browser), and the start, the questions, the result, the plan and the
// PDF report follow; nothing needs typing a ?lang= by hand.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { content, tempDir } from "../helpers.ts";
import { en } from "../../views/messages/en.ts";
import { vi } from "../../views/messages.ts";
import { localizeContent } from "../../src/content/translations.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();

/** Answer every question on the current part (its second option), then go on. */
async function answerPart(page: Page): Promise<void> {
  const ids = await page.locator("fieldset.q").evaluateAll((els) => els.map((e) => e.id.slice(2)));
  for (const id of ids) await page.locator(`#q-${id} label.opt`).nth(1).click();
  await Promise.all([page.waitForLoadState("load"), page.locator("form button[type=submit]").first().click()]);
}

browserSuite("the owner's journey in English", () => {
  it("home → English → start → answer → submit → result, plan and PDF in English", async () => {
    const english = localizeContent(content(), "en");
    const ctx = await phoneContext(env.browser, false);
    const page = await ctx.newPage();
    await page.goto(env.server.url + "/");
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    expect(await page.locator("h1").innerText()).toBe(vi.landing.heading);

    await Promise.all([page.waitForURL(/\?lang=en$/), page.click("a.language")]);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").innerText()).toBe(en.landing.heading);

    await page.fill("#f-name", "Hoa's tea household");
    await page.selectOption("#f-legalForm", "household");
    await page.selectOption("#f-communeId", "tua_chua");
    await page.selectOption("#f-sector", "ocop");
    await page.selectOption("#f-activityGroup", "agriculture");
    await page.fill("#f-staff", "3");
    await page.check("#f-consent-report");
    await Promise.all([page.waitForURL(/\/a\/[0-9A-Z-]+\/code$/), page.click("#start button[type=submit]")]);
    // The cookie keeps English without ?lang= in the address.
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").innerText()).toBe(en.code.heading);

    await Promise.all([page.waitForURL(/\/p\/1$/), page.click(`text=${en.code.begin}`)]);
    const firstQuestion = english.current.questions[0]!;
    expect(await page.locator("main").innerText()).toContain(firstQuestion.text);
    for (let n = 0; n < 12 && !/\/review$/.test(page.url()); n++) await answerPart(page);
    expect(await page.locator("h1").innerText()).toBe(en.review.heading);
    await Promise.all([page.waitForURL(/\/result$/), page.click(`text=${en.review.submit}`)]);

    const result = await page.locator("main").innerText();
    expect(result).toContain(en.result.heading);
    const level = english.current.levels.find((l) => result.includes(`Level ${l.level} (scale 0–5): ${l.name}`));
    expect(level, "the level line in English").toBeDefined();
    expect(result).toContain(level!.meaning);
    for (const p of english.current.pillars) expect(result).toContain(p.name);

    await Promise.all([page.waitForURL(/\/plan$/), page.click(`text=${en.result.planLink}`)]);
    const plan = await page.locator("main").innerText();
    expect(plan).toContain(en.plan.heading);
    const shownAction = english.actions.actions.find((a) => plan.includes(a.title));
    expect(shownAction, "an action of the plan by its English title").toBeDefined();

    await page.goBack();
    // The report link, fetched with this browser's cookies (its language included).
    const href = await page.locator(`a:text("${en.result.pdfLink}")`).getAttribute("href");
    const pdf = await page.request.get(new URL(href!, page.url()).toString(), { timeout: 120_000 });
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const t = tempDir("dx-e2e-pdf-");
    try {
      const file = join(t.dir, "report.pdf");
      writeFileSync(file, await pdf.body());
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(text.length).toBeGreaterThan(500);
      // The report in English: its own words and the content's (the level's English name).
      const oneLine = text.replace(/\s+/g, " ");
      expect(oneLine).toContain(en.report.pdf.kicker);
      expect(oneLine).not.toContain(vi.report.pdf.kicker);
      expect(oneLine).toContain(level!.name);
    } finally {
      t.cleanup();
    }
    await ctx.close();
  }, 180_000);
});

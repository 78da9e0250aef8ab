// The owner's journey on a 360 × 640 phone, with JavaScript on and off:
// start, answer part, close the browser, resume by typing the code elsewhere, finish, read the result.
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { content } from "../helpers.ts";
import { formatResumeCode, newResumeCode } from "../../src/domain/resumeCode.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();

const api = async (path: string) => (await fetch(`${env.server.url}${path}`)).json() as Promise<any>;

/** Fill the start form as a person would: typing with small delays, choosing from lists. */
async function startAssessment(page: Page) {
  await page.goto(env.server.url + "/");
  await page.locator("#f-name").pressSequentially("HTX Chè Shan Tuyết Tủa Chùa", { delay: 40 });
  await page.selectOption("#f-legalForm", "household");
  await page.selectOption("#f-communeId", "tua_chua");
  await page.selectOption("#f-sector", "ocop");
  await page.selectOption("#f-activityGroup", "agriculture");
  await page.locator("#f-staff").pressSequentially("3", { delay: 40 });
  await page.selectOption("#f-revenueBnVnd", "3");
  await page.check("#f-consent-report");
  await page.check("#f-consent-statistics");
  await Promise.all([page.waitForURL(/\/a\/[0-9A-Z-]+\/code$/), page.click("#start button[type=submit]")]);
  const code = (await page.locator("#resume-code").innerText()).trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect.poll(() => page.locator(".qr svg").count()).toBe(1);
  return code;
}

/** Answer every question on the current part (option i*3+1 of each), then go on. */
async function answerPart(page: Page, js: boolean): Promise<number> {
  const ids = await page.locator("fieldset.q").evaluateAll((els) => els.map((e) => e.id.slice(2)));
  for (const [i, id] of ids.entries()) {
    const labels = page.locator(`#q-${id} label.opt`);
    const n = await labels.count();
    const target = labels.nth((i * 3 + 1) % n);
    if (js) {
      const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/p/") && r.status() === 200);
      await target.click();
      await saved;
    } else {
      await target.click();
    }
  }
  await Promise.all([page.waitForLoadState("load"), page.locator("form button[type=submit]").first().click()]);
  return ids.length;
}

async function partHeading(page: Page) {
  return (await page.locator(".progress span").first().innerText()).trim();
}

browserSuite("owner journey on a phone", () => {
  for (const js of [true, false]) {
    it(`JavaScript ${js ? "on" : "off"}: start, answer, close, resume by code, finish, read the explained result`, async () => {
      const started = Date.now();
      const ctx1 = await phoneContext(env.browser, js);
      const page = await ctx1.newPage();
      const code = await startAssessment(page);

      await Promise.all([page.waitForURL(/\/p\/1$/), page.click("text=Bắt đầu trả lời")]);
      expect(await partHeading(page)).toBe("Phần 1/8");
      let answered = 0;
      for (let part = 1; part <= 3; part++) answered += await answerPart(page, js);
      expect(await partHeading(page)).toBe("Phần 4/8");
      await ctx1.close(); // the phone is closed, the tab is gone

      const stored = await api(`/api/v1/assessments/${code}`);
      expect(stored.progress.answered).toBe(answered);

      // Another device: type the code sloppily (lower case, spaces instead of dashes).
      const ctx2 = await phoneContext(env.browser, js);
      const page2 = await ctx2.newPage();
      await page2.goto(env.server.url + "/");
      await page2.locator("#f-code").pressSequentially(code.toLowerCase().replace(/-/g, " "), { delay: 30 });
      await Promise.all([page2.waitForURL(/\/p\/4$/), page2.click("#resume button[type=submit]")]);
      expect(await partHeading(page2)).toBe("Phần 4/8");

      for (let part = 4; part <= 8; part++) await answerPart(page2, js);
      await expect.poll(() => page2.locator("h1").innerText()).toBe("Xem lại trước khi nộp");
      await Promise.all([page2.waitForURL(/\/result$/), page2.click("text=Nộp và xem kết quả")]);
      const fillSeconds = (Date.now() - started) / 1000;

      const view = await api(`/api/v1/assessments/${code}`);
      expect(view.status).toBe("submitted");
      const q = content().current;
      const level = q.levels.find((l) => l.level === view.scores.nationalLevel)!;
      const body = await page2.locator("main").innerText();
      expect(body).toContain(`Mức ${level.level} (thang 0–5): ${level.name}`);
      expect(body).toContain(level.meaning);
      for (const p of q.pillars) {
        const score = view.scores.pillars.find((x: any) => x.id === p.id).score;
        await expect.poll(() => page2.locator(`#pillar-${p.id} h3`).innerText()).toContain(`${score.toLocaleString("vi-VN")}/100`);
        await expect.poll(() => page2.locator(`#pillar-${p.id} h3`).innerText()).toContain(p.name);
      }
      // The answers that pulled pillars down, and what lifts the business one level.
      const explained = await api(`/api/v1/assessments/${code}/result`);
      const firstDrag = explained.pillars.find((p: any) => p.drags.length)?.drags[0];
      if (firstDrag) expect(body).toContain(firstDrag.question);
      if (explained.liftOneLevel) {
        await expect.poll(() => page2.locator("#lift li").count()).toBe(explained.liftOneLevel.steps.length);
        await expect.poll(() => page2.locator("#lift li").first().innerText()).toContain(explained.liftOneLevel.steps[0].action);
      }
      // The radar chart is in the page as SVG, no script needed, and fits a 360 px screen.
      const radar = page2.locator("svg.radar");
      await expect.poll(() => radar.count()).toBe(1);
      const box = await radar.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(360);
      const overflow = await page2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      console.log(`owner journey, JavaScript ${js ? "on" : "off"}: ${view.progress.total} questions filled in ${fillSeconds.toFixed(1)} s`);
      await ctx2.close();
    });
  }

  it("a lost connection loses nothing that was acknowledged", async () => {
    const ctx = await phoneContext(env.browser, true);
    const page = await ctx.newPage();
    const code = await startAssessment(page);
    await Promise.all([page.waitForURL(/\/p\/1$/), page.click("text=Bắt đầu trả lời")]);
    const ids = await page.locator("fieldset.q").evaluateAll((els) => els.map((e) => e.id.slice(2)));
    const acknowledged: Record<string, string> = {};
    for (const id of ids.slice(0, -1)) {
      const label = page.locator(`#q-${id} label.opt`).nth(1);
      const input = await label.locator("input").getAttribute("value");
      const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 200);
      await label.click();
      await saved;
      acknowledged[id] = input!;
    }
    await expect.poll(() => page.locator("#save-status").innerText()).toContain("Đã lưu");

    // The link drops: the last answer cannot reach the server; the page says it is kept on the phone.
    await ctx.setOffline(true);
    await page.locator(`#q-${ids.at(-1)} label.opt`).nth(1).click();
    await expect.poll(() => page.locator("#save-status").innerText()).toContain("Chưa có mạng: câu trả lời đã được giữ trên điện thoại");
    await ctx.close();

    const stored = await api(`/api/v1/assessments/${code}`);
    for (const [id, option] of Object.entries(acknowledged)) {
      const v = stored.answers[id];
      expect(Array.isArray(v) ? v : [v]).toContain(option);
    }
    expect(stored.answers[ids.at(-1)!]).toBeUndefined();
  });

  it("a wrong code gets a clear message", async () => {
    const ctx = await phoneContext(env.browser, false);
    const page = await ctx.newPage();
    await page.goto(env.server.url + "/");
    const tryCode = async (code: string) => {
      await page.fill("#f-code", code);
      await page.click("#resume button[type=submit]");
      return page.locator("#resume .alert").innerText();
    };
    expect(await tryCode(formatResumeCode(newResumeCode()))).toContain("Không tìm thấy");
    expect(await tryCode("ABCD-EFGH-JKMN")).toContain("gõ nhầm");
    expect(await tryCode("123")).toContain("12 chữ và số");
    await ctx.close();
  });
});

// Nothing an owner types is lost: a page with one refused answer keeps the others (no
// JavaScript), and answers made without signal reach the server once it is back (JavaScript).
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { consents, content, profile } from "../helpers.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();

const api = async (path: string, init?: RequestInit) => (await fetch(`${env.server.url}${path}`, init)).json() as Promise<any>;
const startByApi = async () =>
  (await api("/api/v1/assessments", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ profile: profile(), consents }) })).code as string;

/** The multiple-choice questions with an "only this" option, and that option. */
const exclusiveOf = new Map(
  content()
    .current.questions.filter((q) => q.type === "multi")
    .flatMap((q) => q.options.filter((o) => o.exclusive).map((o) => [q.id, o.id] as const)),
);

/** Opens parts from the first until one shows a question with an "only this" option. */
async function partWithExclusive(page: Page, code: string) {
  for (let n = 1; ; n++) {
    await page.goto(`${env.server.url}/a/${code}/p/${n}`);
    const ids = await page.locator("fieldset.q").evaluateAll((els) => els.map((e) => e.id.slice(2)));
    const multi = ids.find((id) => exclusiveOf.has(id));
    if (multi) return { n, ids, multi };
  }
}

browserSuite("nothing typed is lost", () => {
  it("JavaScript off: ticking an 'only this' option with another keeps every other answer of the page, and shows the refused one", async () => {
    const code = await startByApi();
    const ctx = await phoneContext(env.browser, false);
    const page = await ctx.newPage();
    const { ids, multi } = await partWithExclusive(page, code);
    const only = exclusiveOf.get(multi)!;
    const chosen: Record<string, string> = {};
    for (const id of ids) {
      if (id === multi) continue;
      const label = page.locator(`#q-${id} label.opt`).last();
      chosen[id] = (await label.locator("input").getAttribute("value"))!;
      await label.click();
    }
    await page.locator(`#o-${multi}-${only}`).check();
    const another = (await page.locator(`#q-${multi} input[type=checkbox]:not([value="${only}"])`).first().getAttribute("value"))!;
    await page.locator(`#o-${multi}-${another}`).check();
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.locator("form button[type=submit]").first().click()]);
    expect(response.status()).toBe(200);
    await page.waitForLoadState("load");

    // The page says what was kept and which answer was not, and shows every answer as ticked.
    await expect.poll(() => page.locator("#errors").innerText()).toContain("Các câu trả lời khác đã được lưu");
    await expect.poll(() => page.locator(`#q-${multi}.refused .field-error`).innerText()).toContain("không chọn cùng các đáp án khác");
    expect(await page.locator(`#o-${multi}-${only}`).isChecked()).toBe(true);
    expect(await page.locator(`#o-${multi}-${another}`).isChecked()).toBe(true);
    for (const [id, option] of Object.entries(chosen)) expect(await page.locator(`#o-${id}-${option}`).isChecked()).toBe(true);
    const stored = await api(`/api/v1/assessments/${code}`);
    for (const [id, option] of Object.entries(chosen)) expect([stored.answers[id]].flat()).toEqual([option]);
    expect(stored.answers[multi]).toBeUndefined();

    // Untick one box and save again: now it is saved too.
    await page.locator(`#o-${multi}-${only}`).uncheck();
    await Promise.all([page.waitForLoadState("load"), page.locator("form button[type=submit]").first().click()]);
    expect((await api(`/api/v1/assessments/${code}`)).answers[multi]).toEqual([another]);
    await ctx.close();
  });

  it("JavaScript on: answers made without signal are kept on the phone, 'Lưu' opens the next page, and they reach the server in order once the network is back", async () => {
    const code = await startByApi();
    const ctx = await phoneContext(env.browser, true);
    const page = await ctx.newPage();
    await page.goto(`${env.server.url}/a/${code}/p/1`);
    // One visit online: the service worker takes the page and keeps the questionnaire's pages.
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => page.evaluate(async (c) => Boolean(await caches.match(`/a/${c}/review`, { cacheName: "dx-owner-pages" })), code), { timeout: 10_000 })
      .toBe(true);
    const part2Title = await (await fetch(`${env.server.url}/a/${code}/p/2`)).text().then((h) => /<h1>([^<]+)<\/h1>/.exec(h)![1]!);

    await ctx.setOffline(true);
    const ids1 = await page.locator("fieldset.q").evaluateAll((els) => els.map((e) => e.id.slice(2)));
    const wanted: Record<string, string> = {};
    for (const id of ids1) {
      // Changed twice without signal: the last answer is the one that must arrive.
      for (const nth of [0, 1]) {
        const label = page.locator(`#q-${id} label.opt`).nth(nth);
        wanted[id] = (await label.locator("input").getAttribute("value"))!;
        await label.click();
        if ((await label.locator("input").getAttribute("type")) === "checkbox" && nth === 1) await page.locator(`#q-${id} label.opt`).nth(0).click(); // leave only the second ticked
      }
      await expect.poll(() => page.locator("#save-status").innerText()).toContain("giữ trên điện thoại");
    }
    // "Lưu" without signal: the next page, kept on the phone, never the browser's error page.
    await Promise.all([page.waitForURL(/\/p\/2$/), page.locator("form button[type=submit]").first().click()]);
    expect(await page.locator("h1").innerText()).toBe(part2Title);
    await expect.poll(() => page.locator("#kept-banner").innerText()).toContain("khi có mạng");
    const ids2 = await page.locator("fieldset.q").evaluateAll((els) => els.map((e) => e.id.slice(2)));
    for (const id of ids2.slice(0, 2)) {
      const label = page.locator(`#q-${id} label.opt`).last();
      wanted[id] = (await label.locator("input").getAttribute("value"))!;
      await label.click();
      await expect.poll(() => page.locator("#save-status").innerText()).toContain("giữ trên điện thoại");
    }
    // Back to part 1, still without signal: the answers left there show as the owner left them.
    await Promise.all([page.waitForURL(/\/p\/1$/), page.click("text=Phần trước")]);
    for (const id of ids1) expect(await page.locator(`#o-${id}-${wanted[id]}`).isChecked()).toBe(true);
    await expect.poll(() => page.locator("#kept-banner").innerText()).toContain("đang chờ gửi");
    // Nothing reached the server yet.
    expect(Object.keys((await api(`/api/v1/assessments/${code}`)).answers)).toEqual([]);

    await ctx.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(async () => (await api(`/api/v1/assessments/${code}`)).answers, { timeout: 15_000 }).toEqual(
      Object.fromEntries(
        Object.entries(wanted).map(([id, o]) => [id, content().current.questions.find((q) => q.id === id)!.type === "multi" ? [o] : o]),
      ),
    );
    await expect.poll(() => page.locator("#kept-banner").innerText()).toContain("Đã gửi");
    await ctx.close();
  });
});

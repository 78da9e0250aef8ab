// The advisor's offline app in Chromium on a 360 × 640 phone, the network cut by the browser's
// offline emulation: the package downloaded before the trip; three assessments captured without
// signal (the result shown on the phone); the browser closed and opened again, still offline, with
// nothing lost; the network back, each assessment on the server exactly once, with the score the
// phone showed. Then a sync cut off midway (the server's answer lost) resumed without a double,
// and a session that ended while away: sign in, and the sync goes on.
// Set SCREENSHOT_DIR to keep a screenshot of each step.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { content, tempDir } from "../helpers.ts";
import { addStaff } from "../staffHelpers.ts";
import { browserSuite, CHROMIUM_PATH, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();
const shots = process.env.SCREENSHOT_DIR;
if (shots) mkdirSync(shots, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `field-${name}.png`), fullPage: true });
};

const sql = (query: string, ...args: unknown[]) => env.server.db.$client.prepare(query).all(...args) as Record<string, any>[];

/** A phone whose browser data lives in `dir`: closing it and opening it again keeps IndexedDB and the worker. */
function phone(dir: string, offline = false): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    offline,
  });
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.fill("#f-email", who.email);
  await page.fill("#f-password", who.password);
  await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").click()]);
}

interface Business {
  name: string;
  legalForm: string;
  taxCode?: string;
  communeId: string;
  sector: string;
  activityGroup: string;
  staff: string;
}

const BUSINESSES: Business[] = [
  { name: "Hộ kinh doanh Mận hậu Lò Văn Sơn", legalForm: "household", communeId: "muong_ang", sector: "ocop", activityGroup: "agriculture", staff: "2" },
  { name: "Công ty TNHH Xuất nhập khẩu Tây Trang", legalForm: "company", taxCode: "5600888001", communeId: "muong_cha", sector: "border_trade", activityGroup: "trade_services", staff: "18" },
  { name: "Hợp tác xã Du lịch cộng đồng Bản Mển", legalForm: "cooperative", taxCode: "5600888002", communeId: "tua_chua", sector: "tourism", activityGroup: "trade_services", staff: "9" },
];

/** Option n (mod the count) of each question: different businesses answer differently. */
const optionFor = (questionId: string, n: number) => {
  const q = content().current.questions.find((x) => x.id === questionId)!;
  return q.options[(n * 5 + q.id.length) % q.options.length]!.id;
};

/** Start a capture, fill the profile and consents, answer every part, finish: returns the result shown. */
async function capture(page: Page, b: Business, n: number) {
  await page.click("#start-new");
  await page.waitForSelector("#profile-form");
  await page.fill("#f-name", b.name);
  await page.selectOption("#f-legalForm", b.legalForm);
  if (b.taxCode) await page.fill("#f-taxCode", b.taxCode);
  await page.selectOption("#f-communeId", b.communeId);
  await page.selectOption("#f-sector", b.sector);
  await page.selectOption("#f-activityGroup", b.activityGroup);
  await page.fill("#f-staff", b.staff);
  await page.check("#f-consent-report");
  await page.check("#f-consent-statistics");
  if (n === 0) await shot(page, "02-profile");
  await page.click("#profile-form button[type=submit]");
  let noted = false;
  for (let guard = 0; guard < 60; guard++) {
    // The screen the address names is drawn (the app draws after the address changes).
    await page.waitForFunction(() => {
      const part = /\/p\/(\d+)$/.exec(location.hash)?.[1];
      return part ? document.querySelector("#part-form")?.getAttribute("data-part") === part : Boolean(document.querySelector("#review"));
    });
    if (await page.locator("#review").count()) break;
    // The first unanswered question shown, again after each tick (a tick can open follow-ups).
    for (let q = 0; q < 40; q++) {
      const id = await page.evaluate(() => Array.from(document.querySelectorAll("fieldset.q")).find((f) => !f.querySelector("input:checked"))?.id.slice(2));
      if (!id) break;
      const input = page.locator(`#o-${id}-${optionFor(id, n)}`);
      await page.locator(`label[for="o-${id}-${optionFor(id, n)}"]`).click();
      await expect.poll(() => input.isChecked().catch(() => false)).toBe(true);
    }
    const ids = await page.locator("fieldset.q").evaluateAll((els) => els.map((e) => e.id.slice(2)));
    if (!noted) {
      const first = ids[0]!;
      await page.locator(`#q-${first} + details.notes summary`).click();
      await page.locator(`label[for="f-evidence-${first}"]`).click();
      await page.fill(`#f-note-${first}`, "Xem sổ bán hàng và hóa đơn");
      noted = true;
      if (n === 0) await shot(page, "03-part");
    }
    const before = await page.evaluate(() => location.hash);
    await page.click("#part-form button[type=submit]");
    // Either the next part (or the review) opens, or follow-ups opened on this one.
    await expect.poll(async () => (await page.evaluate(() => location.hash)) !== before || (await page.locator("fieldset.q:not(:has(input:checked))").count()) > 0).toBe(true);
  }
  await page.waitForSelector("#review");
  expect(await page.locator("#review").innerText()).toContain("Đã trả lời đủ");
  await page.click("[data-action=finish]");
  await page.waitForSelector("#result");
  if (n === 0) await shot(page, "04-result");
  const level = await page.locator("#device-level").innerText();
  const overall = await page.locator("#device-overall").innerText();
  const code = (await page.locator("#device-code").innerText()).trim();
  expect(await page.locator("#device-steps li").count()).toBeGreaterThan(0);
  await page.click("#result a[href='#/']");
  await page.waitForSelector("#ready");
  return { level, overall, code };
}

browserSuite("the advisor's offline app", () => {
  it("three assessments captured offline survive a closed browser, then arrive once each with the score the phone showed", async () => {
    const advisor = await addStaff(env.server.db, "advisor", "Lò Văn Tư");
    const dir = tempDir("dx-field-phone-");
    let ctx = await phone(dir.dir);
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));

    // Before the trip: sign in, download the package; the worker keeps the app.
    await page.goto(`${env.server.url}/staff/field/`);
    expect(page.url()).toContain("/staff/login?next=%2Fstaff%2Ffield%2F");
    await signIn(page, advisor);
    expect(new URL(page.url()).pathname).toBe("/staff/field/");
    await page.click("[data-action=download]");
    await expect.poll(() => page.locator("#package").innerText()).toContain(`Bộ câu hỏi ${content().current.version}, tải lúc`);
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 15_000 }).toBe(true);
    await shot(page, "01-home-online");

    // At the businesses: no signal at all, the app reopened from the phone.
    await ctx.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator("#net").innerText()).toContain("không có mạng");
    const shown = [];
    for (const [n, b] of BUSINESSES.entries()) shown.push(await capture(page, b, n));
    await expect.poll(() => page.locator("#ready li").count()).toBe(3);
    expect(sql("select count(*) as n from assessments where capture = 'offline'")[0]!.n).toBe(0);

    // The browser is closed and opened again, still without signal: the three are still there.
    await ctx.close();
    ctx = await phone(dir.dir, true);
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${env.server.url}/staff/field/`);
    await expect.poll(() => page.locator("#ready li").count()).toBe(3);
    for (const b of BUSINESSES) expect(await page.locator("#ready").innerText()).toContain(b.name);
    await shot(page, "05-home-offline-ready");

    // The network is back: the app sends them by itself.
    await ctx.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.locator("#sent li").count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => page.locator("#sync-status").innerText()).toContain("Đã gửi 3 bài");
    await expect.poll(() => page.locator("#ready li").count()).toBe(0);
    await shot(page, "06-home-sent");

    const rows = sql("select a.id, a.client_id, a.captured_at, a.synced_at, a.overall_score, a.national_level, a.status, b.name from assessments a join businesses b on b.id = a.business_id where a.capture = 'offline' order by a.id");
    expect(rows.map((r) => r.name)).toEqual(BUSINESSES.map((b) => b.name));
    expect(new Set(rows.map((r) => r.client_id)).size).toBe(3);
    for (const [i, r] of rows.entries()) {
      expect(r.status).toBe("submitted");
      expect(r.captured_at).toBeTruthy();
      expect(Date.parse(r.synced_at)).toBeGreaterThanOrEqual(Date.parse(r.captured_at));
      // The server scored it as the phone did, and the owner's code from the phone opens it.
      expect(shown[i]!.level).toContain(`Mức ${r.national_level}`);
      expect(shown[i]!.overall).toContain(String(r.overall_score).replace(".", ","));
      const owner = (await (await fetch(`${env.server.url}/api/v1/assessments/${shown[i]!.code}`)).json()) as any;
      expect(owner.scores.overall).toBe(r.overall_score);
    }
    expect(sql("select count(*) as n from answer_notes where note = 'Xem sổ bán hàng và hóa đơn' and evidence_seen = 1")[0]!.n).toBe(3);

    // Sending again (a second tap, a reload) changes nothing on the server.
    await page.reload();
    await expect.poll(() => page.locator("#sent li").count()).toBe(3);
    expect(sql("select count(*) as n from assessments where capture = 'offline'")[0]!.n).toBe(3);

    // The review page on the server says when it was captured and when it arrived.
    await page.locator("#sent a").first().click();
    await expect.poll(() => page.locator("main").innerText()).toContain("Ghi khi không có mạng");
    await shot(page, "07-review-on-server");
    expect(pageErrors).toEqual([]);
    await ctx.close();
    dir.cleanup();
  }, 300_000);

  it("a sync cut off midway (the server's answer lost) resumes without a double; an ended session asks for sign-in, then sends", async () => {
    const advisor = await addStaff(env.server.db, "advisor", "Quàng Thị Mai");
    const dir = tempDir("dx-field-phone-");
    const ctx = await phone(dir.dir);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${env.server.url}/staff/field/`);
    await signIn(page, advisor);
    await page.click("[data-action=download]");
    await expect.poll(() => page.locator("#package").innerText()).toContain(`Bộ câu hỏi ${content().current.version}, tải lúc`);
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 15_000 }).toBe(true);
    await ctx.setOffline(true);
    await page.reload();
    const names = ["Hộ kinh doanh Chè Shan Tủa Chùa", "Hộ kinh doanh Gạo Mường Thanh", "Hộ kinh doanh Cà phê Mường Ảng"];
    for (const [n, name] of names.entries()) await capture(page, { ...BUSINESSES[0]!, name, communeId: "tua_chua" }, n + 3);
    const count = (name: string) => sql("select count(*) as n from assessments a join businesses b on b.id = a.business_id where b.name = ?", name)[0]!.n;

    // Back online, but the link drops right after the server took the second one: its answer never arrives.
    let puts = 0;
    await ctx.route("**/api/v1/field/assessments/*", async (route) => {
      puts++;
      if (puts === 2) {
        await route.fetch();
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    await ctx.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.locator("#sync-status").innerText(), { timeout: 20_000 }).toContain("Mất kết nối khi đang gửi: đã gửi 1/3");
    await shot(page, "08-sync-stopped");
    expect(count(names[0]!)).toBe(1);
    expect(count(names[1]!)).toBe(1); // on the server, though the phone does not know it yet
    expect(count(names[2]!)).toBe(0);
    expect(await page.locator("#ready li").count()).toBe(2);

    // Meanwhile the staff session ended: sending asks for sign-in and keeps everything.
    await ctx.unroute("**/api/v1/field/assessments/*");
    await ctx.clearCookies();
    await page.click("#sync");
    await expect.poll(() => page.locator("#sync-status").innerText()).toContain("Phiên đăng nhập đã hết hạn");
    expect(await page.locator("#ready li").count()).toBe(2);
    await shot(page, "09-sign-in-asked");
    await Promise.all([page.waitForNavigation(), page.click("#sign-in")]);
    await signIn(page, advisor);
    expect(new URL(page.url()).pathname).toBe("/staff/field/");
    // Signed in again: the app sends what waited; the one the server already had is found, not doubled.
    await expect.poll(() => page.locator("#sent li").count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => page.locator("#ready li").count()).toBe(0);
    for (const name of names) expect(count(name)).toBe(1);
    await ctx.close();
    dir.cleanup();
  }, 300_000);
});

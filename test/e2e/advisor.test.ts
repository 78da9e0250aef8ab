// The advisor workspace in a browser on a 360 × 640 phone: an admin creates an advisor; the advisor
// runs a guided assessment, validates an owner's self-assessment found by code (changing one answer,
// which shows in the audit trail), records a subsidy, re-assesses and reads the T0 → T1 comparison.
// Set SCREENSHOT_DIR to keep a screenshot of each step.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { content } from "../helpers.ts";
import { answerAll, pickMixed } from "../answering.ts";
import { addStaff } from "../staffHelpers.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();
const shots = process.env.SCREENSHOT_DIR;
if (shots) mkdirSync(shots, { recursive: true });
/** The whole page in phone-screen slices, readable one by one. */
const shot = async (page: Page, name: string) => {
  if (!shots) return;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 1; y < height; y += 700, i++)
    await page.screenshot({ path: join(shots, `${name}-${i}.png`), fullPage: true, clip: { x: 0, y, width: 360, height: Math.min(700, height - y) } });
};

const api = async (path: string, init?: RequestInit) => (await fetch(`${env.server.url}${path}`, init)).json() as Promise<any>;
const jsonPost = (body: unknown, method = "POST"): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Click submit and wait for the page it leads to. */
async function submit(page: Page, selector = "main form button[type=submit]") {
  await Promise.all([page.waitForLoadState("load"), page.waitForNavigation(), page.locator(selector).last().click()]);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${env.server.url}/staff/login`);
  await page.fill("#f-email", email);
  await page.fill("#f-password", password);
  await submit(page);
}

/**
 * Answer every question shown on the guided pages, part after part, until the review page:
 * `choose` picks the option per question; the first question gets a note and the evidence mark.
 */
async function answerGuided(page: Page, choose: (questionId: string) => string, note?: string) {
  const q = content().current;
  let first = true;
  for (let guard = 0; guard < 40 && /\/p\/\d+/.test(page.url()); guard++) {
    const ids = await page.locator("fieldset.q").evaluateAll((els) => els.map((e) => e.id.slice(2)));
    for (const id of ids) {
      const question = q.questions.find((x) => x.id === id)!;
      const option = choose(id);
      const input = page.locator(`#o-${id}-${option}`);
      if (question.type === "multi") {
        // Leave exactly the chosen option ticked.
        for (const o of question.options) if (o.id !== option && (await page.locator(`#o-${id}-${o.id}`).isChecked())) await page.locator(`label[for="o-${id}-${o.id}"]`).click();
        if (!(await input.isChecked())) await page.locator(`label[for="o-${id}-${option}"]`).click();
      } else if (!(await input.isChecked())) await page.locator(`label[for="o-${id}-${option}"]`).click();
      if (first && note) {
        await page.locator(`#q-${id} + details.notes summary`).click().catch(() => undefined);
        await page.locator(`label[for="f-evidence-${id}"]`).click();
        await page.fill(`#f-note-${id}`, note);
        first = false;
      }
    }
    await submit(page, "main form button[type=submit]");
  }
  expect(page.url()).toMatch(/\/staff\/assessments\/\d+(\?.*)?(#.*)?$/);
}

const worst = (id: string) => content().current.questions.find((x) => x.id === id)!.options.find((o) => o.points === 0)!.id;
const best = (id: string) => {
  const question = content().current.questions.find((x) => x.id === id)!;
  return question.options.reduce((a, b) => (b.points > a.points ? b : a)).id;
};

browserSuite("advisor workspace on a phone", () => {
  it("admin → advisor; guided T0; owner's self-assessment validated by code; subsidy; T1 and the comparison", async () => {
    const started = Date.now();
    const admin = await addStaff(env.server.db, "admin", "Quản trị Sở KH&CN");
    const ctx = await phoneContext(env.browser, true);
    const page = await ctx.newPage();

    // 1. The admin creates an advisor account.
    await signIn(page, admin.email, admin.password);
    expect(page.url()).toMatch(/\/staff\/admin\/users$/);
    await page.fill("#f-name", "Lò Văn Tư");
    await page.fill("#f-email", "tu.lv@dienbien.gov.vn");
    await page.selectOption("#f-role", "advisor");
    await page.fill("#f-password", "mật khẩu ban đầu của Tư");
    await submit(page, "#new-user button[type=submit]");
    await expect.poll(() => page.locator(".notice").innerText()).toContain("Đã tạo tài khoản tu.lv@dienbien.gov.vn");
    await shot(page, "01-admin-users");
    await submit(page, ".staff-nav button.link");
    expect(page.url()).toMatch(/\/staff\/login\?out=1$/);

    // 2. The advisor signs in and runs a guided assessment with the owner of a small company.
    await signIn(page, "tu.lv@dienbien.gov.vn", "mật khẩu ban đầu của Tư");
    expect(page.url()).toMatch(/\/staff\/advisor$/);
    await shot(page, "02-worklist-empty");
    await Promise.all([page.waitForNavigation(), page.click(".staff-nav a >> text=Đánh giá cùng chủ cơ sở")]);
    await page.fill("#f-name", "Công ty TNHH Thương mại Tây Trang");
    await page.selectOption("#f-legalForm", "company");
    await page.fill("#f-taxCode", "5600555555");
    await page.selectOption("#f-communeId", "muong_cha");
    await page.selectOption("#f-sector", "border_trade");
    await page.selectOption("#f-activityGroup", "trade_services");
    await page.fill("#f-staff", "20");
    await page.selectOption("#f-revenueBnVnd", "20");
    await page.check("#f-consent-report");
    await page.check("#f-consent-statistics");
    await shot(page, "03-guided-profile");
    await submit(page, "#profile button[type=submit]");
    expect(page.url()).toMatch(/\/staff\/assessments\/\d+\/p\/1$/);
    const ownerCode = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(await page.locator("#owner-code").innerText())![1]!;
    await shot(page, "04-guided-part1");
    await answerGuided(page, worst, "Chủ cơ sở cho xem hóa đơn điện tử trên điện thoại");
    await shot(page, "05-guided-review");
    await submit(page, "form[action$='/submit'] button");
    await expect.poll(() => page.locator("#scores").innerText()).toMatch(/Mức \d/);
    expect(await page.locator("#answers").innerText()).toContain("Chủ cơ sở cho xem hóa đơn điện tử trên điện thoại");
    const t0Url = page.url();
    // The owner's code works on the owner's pages.
    expect((await api(`/api/v1/assessments/${ownerCode}`)).status).toBe("submitted");

    // 3. An owner's self-assessment, opened with the owner's code.
    const owner = await api("/api/v1/assessments", jsonPost({ profile: { name: "Hộ kinh doanh Lò Thị Hoa", legalForm: "household", communeId: "tua_chua", activityGroup: "agriculture", sector: "ocop", staff: 2 }, consents: { report: true, statistics: true, contact: false } }));
    const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
    const ownerAnswers = answerAll(content().current, facts, pickMixed);
    await fetch(`${env.server.url}/api/v1/assessments/${owner.code}/answers`, jsonPost({ answers: ownerAnswers }, "PUT"));
    await fetch(`${env.server.url}/api/v1/assessments/${owner.code}/submit`, { method: "POST" });
    const before = await api(`/api/v1/assessments/${owner.code}`);

    await Promise.all([page.waitForNavigation(), page.click(".staff-nav >> text=Mở bài bằng mã")]);
    await page.fill("#f-code", owner.code.toLowerCase());
    await submit(page);
    expect(page.url()).toMatch(/\/staff\/assessments\/\d+$/);
    await shot(page, "06-review-self");
    // Change the first answer to its best option, with a reason.
    const firstId = (await page.locator(".review-q").first().getAttribute("id"))!.slice(2);
    const target = best(firstId) === ownerAnswers[firstId] ? worst(firstId) : best(firstId);
    await Promise.all([page.waitForNavigation(), page.locator(`#a-${firstId} a`).click()]);
    await page.locator(`label[for="o-${firstId}-${target}"]`).click();
    for (const o of content().current.questions.find((x) => x.id === firstId)!.options)
      if (o.id !== target && (await page.locator(`#o-${firstId}-${o.id}`).isChecked())) await page.locator(`label[for="o-${firstId}-${o.id}"]`).click();
    await page.fill("#f-reason", "Chủ hộ cho xem sổ bán hàng trên điện thoại");
    await shot(page, "07-change-answer");
    await submit(page);
    await expect.poll(() => page.locator(".notice").innerText()).toContain("Đã lưu thay đổi");
    const audit = await page.locator("#audit").innerText();
    expect(audit).toContain("Sửa câu trả lời");
    expect(audit).toContain("Lò Văn Tư");
    expect(audit).toContain("Chủ hộ cho xem sổ bán hàng trên điện thoại");
    await page.fill("#f-validate-note", "Đã xem cùng chủ hộ");
    await submit(page, "#validate button");
    await expect.poll(() => page.locator("#validation").innerText()).toContain("Tư vấn viên Lò Văn Tư xác nhận");
    await shot(page, "08-validated");
    const after = await api(`/api/v1/assessments/${owner.code}`);
    expect(after.validation).toMatchObject({ validated: true, validatedBy: "Lò Văn Tư" });
    expect(after.answers[firstId]).not.toEqual(before.answers[firstId]);
    // The owner sees it on their result.
    const ownerPage = await (await phoneContext(env.browser, false)).newPage();
    await ownerPage.goto(`${env.server.url}/a/${owner.code}/result`);
    expect(await ownerPage.locator("#validation").innerText()).toContain("Lò Văn Tư");
    await ownerPage.context().close();

    // 4. A platform subsidy over the Decree 80 cap of a small company: saved, with a warning.
    await page.goto(t0Url);
    await Promise.all([page.waitForNavigation(), page.click("a >> text=Trang cơ sở")]);
    await Promise.all([page.waitForNavigation(), page.click("a.button >> text=Ghi nhận hỗ trợ")]);
    await page.selectOption("#f-type", "platform_subsidy");
    await page.fill("#f-amountVnd", "60.000.000");
    await page.selectOption("#f-platformId", content().platforms[0]!.id);
    await page.fill("#f-note", "Thuê phần mềm khai hải quan điện tử");
    await shot(page, "09-support-form");
    await submit(page);
    await expect.poll(() => page.locator("#support").innerText()).toContain("Vượt trần Nghị định 80");
    await shot(page, "10-business-support");

    // 5. Re-assessment: profile and answers prefilled; the owner has progressed.
    await Promise.all([page.waitForNavigation(), page.click("#rounds >> text=Đánh giá lại")]);
    expect(await page.inputValue("#f-name")).toBe("Công ty TNHH Thương mại Tây Trang");
    await page.check("#f-consent-report");
    await page.check("#f-consent-statistics");
    await submit(page, "#profile button[type=submit]");
    await expect.poll(() => page.locator(".notice").first().innerText()).toContain("đã được điền sẵn");
    await answerGuided(page, best);
    await submit(page, "form[action$='/submit'] button");
    await Promise.all([page.waitForNavigation(), page.click("a >> text=Trang cơ sở")]);
    await Promise.all([page.waitForNavigation(), page.click("a.button >> text=So sánh các lượt")]);
    const comparison = await page.locator("main").innerText();
    expect(comparison).toContain("So sánh T0 → T1: Công ty TNHH Thương mại Tây Trang");
    expect(comparison).toMatch(/Mức: \d \(.+\) → \d \(.+\)/);
    expect(comparison).toContain("lên");
    expect(comparison).toContain("Thuê phần mềm khai hải quan điện tử");
    for (const p of content().current.pillars) expect(await page.locator(`#cmp-${p.id}`).count()).toBe(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "11-compare");
    console.log(`advisor workspace journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await ctx.close();
  }, 180_000);
});

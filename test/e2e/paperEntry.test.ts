// Keying a paper form in, in Chromium on a 360 × 640 phone: with JavaScript each box says what its
// codes mean as they are typed (and what is wrong with them); without JavaScript the whole form is
// saved as a plain form, a refused page comes back with everything typed, and the fixed page ends
// on the assessment marked as entered from paper.
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { codesOf, paperFormOf, paperQuestions } from "../../src/domain/paperForm.ts";
import { answerAll, pickMixed } from "../answering.ts";
import { content } from "../helpers.ts";
import { addStaff } from "../staffHelpers.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function signedIn(javaScript: boolean): Promise<Page> {
  const advisor = await addStaff(env.server.db, "advisor", "Lò Thị Hoa");
  const page = await (await phoneContext(env.browser, javaScript)).newPage();
  await page.goto(`${env.server.url}/staff/login`);
  await page.fill("#f-email", advisor.email);
  await page.fill("#f-password", advisor.password);
  await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").click()]);
  return page;
}

async function openOcopForm(page: Page) {
  await page.goto(`${env.server.url}/staff/paper-entry`);
  await page.selectOption("#f-sector", "ocop");
  await Promise.all([page.waitForNavigation(), page.locator("form[action='/staff/paper-entry'] button[type=submit]").click()]);
  await page.waitForSelector("#paper-entry");
}

browserSuite("paper entry", () => {
  it("with JavaScript, each box says what its codes mean, or what is wrong, as they are typed", async () => {
    const page = await signedIn(true);
    await openOcopForm(page);
    const q = paperQuestions(paperFormOf(content().current, "ocop")).find((x) => x.type === "multi" && x.options.length >= 3)!;
    const box = page.locator(`#f-${q.id}`);
    await box.click();
    await page.keyboard.type("13");
    await expect.poll(() => page.locator(`#e-${q.id}`).innerText()).toContain(`1 ${q.options[0]!.label}`);
    expect(await page.locator(`#e-${q.id}`).innerText()).toContain(`3 ${q.options[2]!.label}`);
    await box.fill("");
    await page.keyboard.type("9");
    await expect.poll(() => page.locator(`#e-${q.id}`).innerText()).toContain("không có mã 9");
    await page.context().close();
  }, 60_000);

  it("without JavaScript, a refused form keeps everything typed, and the fixed one is saved once as from paper", async () => {
    const page = await signedIn(false);
    await openOcopForm(page);
    const q = content().current;
    const answers = answerAll(q, { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" }, pickMixed);
    await page.fill("#f-capturedOn", today());
    await page.fill("#f-name", "Hộ kinh doanh Mận hậu Lò Văn Sơn");
    await page.selectOption("#f-legalForm", "household");
    await page.selectOption("#f-communeId", "muong_ang");
    await page.selectOption("#f-activityGroup", "agriculture");
    await page.fill("#f-staff", "2");
    await page.check("#f-consent-report");
    const questions = paperQuestions(paperFormOf(q, "ocop"));
    for (const x of questions) await page.fill(`#f-${x.id}`, codesOf(x, answers[x.id]));
    // Not signed: refused, nothing lost.
    await Promise.all([page.waitForNavigation(), page.locator("#paper-entry button[type=submit]").click()]);
    expect(await page.locator("#errors").innerText()).toContain("chữ ký");
    expect(await page.inputValue("#f-name")).toBe("Hộ kinh doanh Mận hậu Lò Văn Sơn");
    for (const x of questions) expect(await page.inputValue(`#f-${x.id}`), x.id).toBe(codesOf(x, answers[x.id]));
    await page.check("#f-signed");
    await Promise.all([page.waitForNavigation(), page.locator("#paper-entry button[type=submit]").click()]);
    expect(page.url()).toMatch(/\/staff\/assessments\/\d+\?done=paper$/);
    expect(await page.locator("main").innerText()).toContain("Nhập từ phiếu giấy");
    const rows = env.server.db.$client.prepare("select capture, status from assessments where business_name = ?").all("Hộ kinh doanh Mận hậu Lò Văn Sơn");
    expect(rows).toEqual([{ capture: "paper", status: "submitted" }]);
    await page.context().close();
  }, 90_000);
});

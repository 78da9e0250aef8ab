// The department in a browser on a desktop screen: sign in, import the register from a CSV file
// (preview, then save), read the reach %, filter by commune, download the yearly Decision 761
// report and open it. Set SCREENSHOT_DIR to keep screenshots of each step.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { content, tempDir } from "../helpers.ts";
import { pickBest, pickWorst } from "../answering.ts";
import { addStaff } from "../staffHelpers.ts";
import { servicesOf, setSubmittedAt, submitOwner, validTaxCode } from "../statsFixtures.ts";
import { browserSuite, launchBrowser, startServer, type Served } from "./harness.ts";

let server: Served;
let browser: Browser;
const shots = process.env.SCREENSHOT_DIR;
if (shots) mkdirSync(shots, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
};

const lastYear = new Date(Date.now() + 7 * 3600_000).getUTCFullYear() - 1;
const codes = Array.from({ length: 20 }, (_, i) => validTaxCode(String(560300000 + i * 61)));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // 12 businesses assessed last year: 8 in Tủa Chùa, 4 in Mường Thanh (all with tax codes).
  const s = servicesOf({ db: server.db, content: content() } as never);
  for (let i = 0; i < 12; i++) {
    const row = await submitOwner(s, {
      name: `Công ty TNHH Điện Biên ${i}`,
      legalForm: "company",
      taxCode: codes[i]!,
      communeId: i < 8 ? "tua_chua" : "muong_thanh",
      sector: i % 2 ? "tourism" : "ocop",
      statistics: true,
      pick: i < 6 ? pickBest : pickWorst,
    });
    setSubmittedAt(s, row.id, `${lastYear}-06-0${1 + (i % 9)}T03:00:00.000Z`);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

browserSuite("the department's dashboard", () => {
  it("imports the register, sees reach %, filters by commune, downloads the yearly report", async () => {
    const account = await addStaff(server.db, "department", "Cán bộ Sở Khoa học và Công nghệ");
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/staff/department`);
    expect(page.url()).toContain("/staff/login");
    await page.fill("#f-email", account.email);
    await page.fill("#f-password", account.password);
    await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").click()]);
    await page.goto(`${server.url}/staff/department`);
    await expect.poll(() => page.locator("h1").innerText()).toBe("Tổng hợp chuyển đổi số doanh nghiệp");
    expect(await page.locator(".notice").first().innerText()).toContain("Chưa nhập sổ đăng ký");
    await shot(page, "1-dashboard-empty");

    // The register: the 12 assessed businesses and 8 more (4 + 4), semicolon CSV as Excel writes it.
    await page.click("nav >> text=Sổ đăng ký");
    const rows = codes.map((code, i) => `${code};Công ty TNHH Điện Biên ${i};Công ty TNHH;${i < 8 || (i >= 12 && i < 16) ? "Xã Tủa Chùa" : "phuong muong thanh"};${i % 2 ? "Du lịch" : "OCOP"};Siêu nhỏ`);
    const t = tempDir("dx-e2e-reg-");
    const file = join(t.dir, "so-dang-ky-doanh-nghiep.csv");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, "\uFEFFMã số thuế;Tên doanh nghiệp;Loại hình;Xã/phường;Ngành;Quy mô\r\n" + rows.join("\r\n") + "\r\n");
    await page.setInputFiles("#f-file", file);
    await Promise.all([page.waitForNavigation(), page.click("#upload button[type=submit]")]);
    expect(await page.locator("#preview-ok").innerText()).toContain("20 dòng hợp lệ: 20 cơ sở mới, 0 cơ sở thay đổi, 0 cơ sở không đổi");
    await shot(page, "2-preview");
    await Promise.all([page.waitForNavigation(), page.click("#preview button[type=submit]")]);
    expect(await page.locator(".notice").first().innerText()).toContain("Đã lưu vào sổ đăng ký.");
    expect(await page.locator("#committed").innerText()).toContain(": 20 cơ sở mới, 0 cơ sở thay đổi, 0 cơ sở không đổi.");
    t.cleanup();

    // Reach of the SMEs (the register says micro companies): 12 of 20 = 60 %; 8 of 12 in Tủa Chùa, 4 of 8 in Mường Thanh.
    await page.click("nav >> text=Tổng hợp Kế hoạch 2902");
    expect(await page.locator("#ind-reach .big-number").innerText()).toBe("60%");
    expect(await page.locator("#ind-reach").innerText()).toContain("12/20 doanh nghiệp nhỏ và vừa trong sổ đăng ký");
    await shot(page, "3-dashboard");
    await page.selectOption("#f-communeId", "tua_chua");
    await Promise.all([page.waitForNavigation(), page.click(".dept-filters button[type=submit]")]);
    expect(page.url()).toContain("communeId=tua_chua");
    expect(await page.locator("#ind-reach .big-number").innerText()).toBe("66,7%");
    expect(await page.locator("#ind-reach").innerText()).toContain("8/12 doanh nghiệp nhỏ và vừa trong sổ đăng ký");
    await shot(page, "4-filtered");
    // The number leads to the list behind it.
    await Promise.all([page.waitForNavigation(), page.click("#ind-reach .big-number a")]);
    expect(await page.locator("main table tbody tr").count()).toBe(8);
    await page.goBack();

    // The yearly report, downloaded and opened: the register imported today (its file gives no
    // registration day) did not exist on 31/12 last year, so last year's report has no reach; this
    // year's (provisional) has it.
    const reachIn = async (year: number) => {
      await page.selectOption("#f-year", String(year));
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#exports form button[type=submit]")]);
      expect(download.suggestedFilename()).toBe(`bao-cao-chuyen-doi-so-nam-${year}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync((await download.path())!) as never);
      expect(wb.worksheets.map((w) => w.name)).toContain("Phương pháp");
      const kpi = wb.getWorksheet("Chỉ tiêu")!;
      expect(String(kpi.getRow(1).getCell(1).value)).toBe(`BÁO CÁO CHỈ TIÊU CHUYỂN ĐỔI SỐ DOANH NGHIỆP NĂM ${year}`);
      let reach: unknown = "row missing";
      kpi.eachRow((r) => {
        if (String(r.getCell(1).value).startsWith("Tỷ lệ doanh nghiệp nhỏ và vừa được đánh giá")) reach = r.getCell(5).value;
      });
      return reach;
    };
    expect(await reachIn(lastYear + 1)).toBe(60);
    expect(await reachIn(lastYear)).toBeNull();
    await ctx.close();
  }, 120_000);
});

// Two officers (two browser tabs) preview the register: the second saves a newer file first, then
// the first saves their older preview. The older one must not undo the newer: it is refused with a
// message and a fresh preview of the same file, counted against the register as it is now, is
// shown; saving that one is the officer's deliberate choice.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { tempDir } from "../helpers.ts";
import { addStaff } from "../staffHelpers.ts";
import { validTaxCode } from "../statsFixtures.ts";
import { browserSuite, launchBrowser, startServer, type Served } from "./harness.ts";

let server: Served;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const A = validTaxCode("560800010");
const B = validTaxCode("560800020");
const nameOf = (tax: string) => (server.db.$client.prepare("SELECT name FROM registry WHERE tax_code = ?").get(tax) as { name: string } | undefined)?.name;

async function signedIn(email: string, password: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/staff/login`);
  await page.fill("#f-email", email);
  await page.fill("#f-password", password);
  await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").click()]);
  return page;
}

async function preview(page: Page, file: string) {
  await page.goto(`${server.url}/staff/department/registry`);
  await page.setInputFiles("#f-file", file);
  await Promise.all([page.waitForNavigation(), page.click("#upload button[type=submit]")]);
  await expect.poll(() => page.locator("#commit").count()).toBe(1);
}

browserSuite("two tabs saving registry previews in the wrong order", () => {
  it("the older preview is refused and replaced by a fresh one; the newer import stands", async () => {
    const t = tempDir("dx-e2e-tabs-");
    const write = (name: string, rows: string[]) => {
      const file = join(t.dir, name);
      writeFileSync(file, ["Mã số thuế;Tên;Loại hình;Xã/phường;Ngành", ...rows].join("\r\n"));
      return file;
    };
    const older = write("so-cu.csv", [`${A};Công ty Tên Cũ;Công ty;Tủa Chùa;OCOP`, `${B};Hợp tác xã Bổ Sung;HTX;Tủa Chùa;`]);
    const newer = write("so-moi.csv", [`${A};Công ty Tên Mới;Công ty;Tủa Chùa;OCOP`]);

    const first = await addStaff(server.db, "department", "Cán bộ Lò Thị Một");
    const second = await addStaff(server.db, "department", "Cán bộ Quàng Văn Hai");
    const tab1 = await signedIn(first.email, first.password);
    const tab2 = await signedIn(second.email, second.password);

    // Tab 1 previews the older file and leaves it open; tab 2 previews the newer one and saves it.
    await preview(tab1, older);
    expect(await tab1.locator("#preview-ok").innerText()).toContain("2 dòng hợp lệ: 2 cơ sở mới");
    await preview(tab2, newer);
    await Promise.all([tab2.waitForNavigation(), tab2.click("#commit button[type=submit]")]);
    expect(await tab2.locator("#committed").innerText()).toContain("Cán bộ Quàng Văn Hai: 1 cơ sở mới");
    expect(nameOf(A)).toBe("Công ty Tên Mới");

    // Tab 1 now saves its older preview: refused, nothing written, a fresh preview in its place.
    await Promise.all([tab1.waitForNavigation(), tab1.click("#commit button[type=submit]")]);
    expect(tab1.url()).toMatch(/\/staff\/department\/registry\/imports\/\d+\?stale=\d+$/);
    expect(await tab1.locator(".alert, [role=alert]").first().innerText()).toContain("Sổ đăng ký đã thay đổi sau khi bản xem trước cũ được tạo");
    expect(nameOf(A)).toBe("Công ty Tên Mới");
    expect(nameOf(B)).toBeUndefined();
    // The fresh preview says what saving would now do: rename A back, add B.
    expect(await tab1.locator("#preview-ok").innerText()).toContain("2 dòng hợp lệ: 1 cơ sở mới, 1 cơ sở thay đổi, 0 cơ sở không đổi");
    expect(await tab1.locator("table.changes").innerText()).toContain("Công ty Tên Mới → Công ty Tên Cũ");

    // Going back to the old preview: it cannot be saved and points to the fresh one.
    await tab1.goBack();
    await tab1.reload();
    expect(await tab1.locator("#commit").count()).toBe(0);
    expect(await tab1.locator("#superseded").innerText()).toContain("bản xem trước mới");

    // The import history tells the story: saved by the second officer, the first's superseded.
    await tab2.goto(`${server.url}/staff/department/registry/imports`);
    const history = await tab2.locator("table.imports").innerText();
    expect(history).toContain("Đã lưu (Cán bộ Quàng Văn Hai)");
    expect(history).toContain("Không lưu: sổ đã thay đổi");
    t.cleanup();
  }, 120_000);
});

// Importing the province's register: a file with errors shows every error and commits nothing; a
// good file is previewed, then committed in one transaction; importing again updates, never
// duplicates; a failure in the middle of a commit leaves nothing behind.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import { addToPreview, commitImport, finishPreview, registryCount, startPreview } from "../../db/registry.ts";
import { dashboardData } from "../../src/services/stats.ts";
import { pickBest } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, get, signInAs } from "../staffHelpers.ts";
import { addAdvisor, servicesOf, submitOwner, validateBy, validTaxCode, type Owner } from "../statsFixtures.ts";
import type { Services } from "../../src/services/assessments.ts";

/** An owner who assessed and had an advisor validate it: the department sees it by name. */
async function followed(s: Services, o: Owner) {
  const row = await submitOwner(s, o);
  validateBy(s, row.id, addAdvisor(s).id);
  return row;
}


// Every preview is read in a worker thread of its own: on a loaded machine a test of several
// previews takes longer than the default.
vi.setConfig({ testTimeout: 60_000 });
let t: TestApp;
let cookie: string;
beforeEach(async () => {
  t = makeTestApp();
  cookie = await signInAs(t, await addStaff(t.db, "department"));
});
afterEach(() => t.cleanup());

const A = validTaxCode("560100001");
const B = validTaxCode("560100050");
const C = validTaxCode("560100099");

/** Upload a file: the preview is made, then shown at its own address (303 after the POST). */
async function upload(name: string, body: string | Uint8Array, type = "text/csv", fields: Record<string, string> = {}) {
  const fd = new FormData();
  fd.append("file", new File([body as BlobPart], name, { type }));
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  const posted = await t.app.request("/staff/department/registry/preview", { method: "POST", body: fd, headers: { cookie, origin: "http://localhost" } });
  if (posted.status !== 303) return { res: posted, posted, html: await posted.text() };
  const res = await t.app.request(posted.headers.get("location")!, get(cookie));
  return { res, posted, html: await res.text() };
}
const importIdOf = (html: string) => Number(/name="importId" value="(\d+)"/.exec(html)?.[1]);
const commit = (importId: number, skipErrors = false) =>
  t.app.request("/staff/department/registry/commit", {
    method: "POST",
    headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
    body: `importId=${importId}${skipErrors ? "&skipErrors=1" : ""}`,
  });

describe("a register with errors", () => {
  it("lists every bad row in Vietnamese and commits nothing unless the officer saves the valid rows only", async () => {
    const csv = [
      "\uFEFFMã số thuế;Tên cơ sở;Loại hình;Xã/phường;Ngành;Quy mô",
      `${A};Công ty TNHH Chè Tủa Chùa;Công ty;Tủa Chùa;OCOP;Nhỏ`,
      `0100109107;Công ty Sai Mã;Công ty;Tủa Chùa;;`,
      `${B};HTX Mận Mường Thanh;HTX;Phường Mường Thanhh;;`,
      `${A};Công ty TNHH Chè Tủa Chùa (lặp);Công ty;tua chua;;`,
      `;Hộ Lò Văn Páo;Hộ kinh doanh;Nà Tấu;du lịch;siêu nhỏ`,
    ].join("\r\n");
    const { posted, html } = await upload("so-dang-ky.csv", csv);
    expect(posted.status).toBe(303);
    expect(html).toContain("3 lỗi ở 3 dòng (trên 5 dòng của tệp). Chưa có gì được lưu");
    expect(html).toContain("sai chữ số kiểm tra");
    expect(html).toContain("không có xã/phường &quot;Phường Mường Thanhh&quot;");
    expect(html).toContain("có phải &quot;Mường Thanh&quot;?");
    expect(html).toContain(`mã số thuế ${A} trùng với dòng 2`);
    // only the officer's explicit choice saves the valid rows: no plain "save" button
    expect(html).not.toContain(">Lưu vào sổ đăng ký<");
    expect(html).toContain("Chỉ lưu 2 dòng hợp lệ, bỏ qua 3 dòng có lỗi");
    expect(registryCount(t.db)).toBe(0);
    // Forcing the commit of that upload changes nothing either.
    const id = importIdOf(html);
    expect((await commit(id)).status).toBe(422);
    expect(registryCount(t.db)).toBe(0);
    // Saving the valid rows only: two rows in, the three bad ones listed as left out, still readable.
    const saved = await commit(id, true);
    expect(saved.status).toBe(303);
    expect(registryCount(t.db)).toBe(2);
    const after = await (await t.app.request(saved.headers.get("location")!, get(cookie))).text();
    expect(after).toContain("2 cơ sở mới, 0 cơ sở thay đổi, 0 cơ sở không đổi. 3 dòng có lỗi đã bị bỏ qua.");
    expect(after).toContain("sai chữ số kiểm tra");
    expect((await commit(id, true)).status).toBe(409);
  });

  it("a failure half-way through a commit rolls every row back", () => {
    const good = { line: 2, registryKey: A, taxCode: A, name: "Công ty A", legalForm: "company" as const, communeId: "tua_chua", sector: "ocop" as const, sizeClass: null };
    const second = { ...good, line: 3, registryKey: B, taxCode: B, name: "Công ty B" };
    const imp = startPreview(t.db, { fileName: "x.csv", staffId: null, fullRegister: false });
    addToPreview(t.db, imp.id, [good, second], [], 0);
    finishPreview(t.db, imp.id, { rowCount: 2, errorCount: 0, errorRows: 0, fresh: 2, changed: 0, toReopen: 0, missing: 0 });
    // the disk refuses the second row, after the first was written
    t.db.$client.exec(`CREATE TEMP TRIGGER fail_second BEFORE INSERT ON registry WHEN NEW.registry_key = '${B}' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    expect(() => commitImport(t.db, imp.id, { staffId: null, skipErrors: false })).toThrow();
    expect(registryCount(t.db)).toBe(0);
    expect((t.db.$client.prepare("SELECT committed_at FROM registry_imports WHERE id = ?").get(imp.id) as { committed_at: string | null }).committed_at).toBeNull();
  });
});

describe("a good register", () => {
  it("previews, commits in one go, and re-importing updates instead of duplicating", async () => {
    const s = servicesOf(t);
    // An owner already assessed with tax code A: reach follows the import.
    await submitOwner(s, { name: "Công ty TNHH Chè Tủa Chùa", legalForm: "company", taxCode: A, communeId: "tua_chua", sector: "ocop", statistics: true, pick: pickBest });
    const csv = ["ma so thue,ten,loai hinh,xa/phuong,nganh,quy mo", `${A},Công ty TNHH Chè Tủa Chùa,Cong ty,TUA CHUA,ocop,nho`, `${B},HTX Mận,hop tac xa,muong thanh,,`, `,Hộ Lò Văn Páo,HKD,Nà Tấu,Du lịch,`].join("\n");
    const first = await upload("dang-ky.csv", csv);
    expect(first.posted.status).toBe(303);
    expect(first.html).toContain("3 dòng hợp lệ: 3 cơ sở mới, 0 cơ sở thay đổi, 0 cơ sở không đổi. Chưa có gì được lưu.");
    expect(registryCount(t.db)).toBe(0);
    const c1 = await commit(importIdOf(first.html));
    expect(c1.status).toBe(303);
    expect(registryCount(t.db)).toBe(3);
    const after = await t.app.request(c1.headers.get("location")!, get(cookie));
    expect(await after.text()).toContain(": 3 cơ sở mới, 0 cơ sở thay đổi, 0 cơ sở không đổi.");
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 3, reached: 1 });
    // Committing the same preview again does nothing.
    expect((await commit(importIdOf(first.html))).status).toBe(409);

    // The cooperative moved commune in the register, a new business appears, the company is as it was
    // (no size column: its stored size is kept).
    const csv2 = ["Mã số thuế;Tên;Loại hình;Xã/phường;Ngành", `${A};Công ty TNHH Chè Tủa Chùa;Công ty;Tủa Chùa;OCOP`, `${B};HTX Mận;HTX;Mường Phăng;`, `${C};Công ty Mới;Công ty;Mường Phăng;`].join("\n");
    const second = await upload("dang-ky-2.csv", csv2);
    expect(second.html).toContain("3 dòng hợp lệ: 1 cơ sở mới, 1 cơ sở thay đổi, 1 cơ sở không đổi.");
    expect(second.html).toContain("Xã/phường: Mường Thanh → Mường Phăng");
    await commit(importIdOf(second.html));
    expect(registryCount(t.db)).toBe(4);
    const b = t.db.$client.prepare("SELECT commune_id FROM registry WHERE tax_code = ?").get(B) as { commune_id: string };
    expect(b.commune_id).toBe("muong_phang");
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 4, reached: 1 });
  });

  it("reads XLSX, and explains a tax code Excel turned into a number", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sổ đăng ký");
    ws.addRow(["Mã số thuế", "Tên doanh nghiệp", "Loại hình", "Xã, phường", "Ngành"]);
    ws.addRow([A, "Công ty Điện Biên Xanh", "Công ty cổ phần", "Điện Biên Phủ", "Thương mại biên mậu"]);
    const leadingZero = "0100109106";
    ws.addRow([Number(leadingZero), "Công ty mất số 0", "Công ty", "Mường Lay", ""]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const withError = await upload("so.xlsx", bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(withError.html).toContain("1 lỗi ở 1 dòng");
    expect(withError.html).toContain("có thể Excel đã bỏ số 0 ở đầu");
    ws.getRow(3).getCell(1).value = leadingZero;
    const fixed = await upload("so.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(fixed.html).toContain("2 dòng hợp lệ");
    await commit(importIdOf(fixed.html));
    const rows = t.db.$client.prepare("SELECT name, commune_id, sector, legal_form FROM registry ORDER BY id").all();
    expect(rows).toEqual([
      { name: "Công ty Điện Biên Xanh", commune_id: "dien_bien_phu", sector: "border_trade", legal_form: "company" },
      { name: "Công ty mất số 0", commune_id: "muong_lay", sector: "other", legal_form: "company" },
    ]);
  });

  it("refuses what is not a register: empty, not UTF-8, too large", async () => {
    expect((await upload("x.csv", "")).res.status).toBe(400);
    const latin = new Uint8Array([0x4d, 0xe3, 0x20, 0x73, 0xf6]); // Windows-1258 bytes, not UTF-8
    const bad = await upload("x.csv", latin);
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain("chỉ nhận CSV (UTF-8) hoặc Excel .xlsx");
    const big = await upload("big.csv", new Uint8Array(21 * 1024 * 1024).fill(0x41));
    expect(big.res.status).toBe(413);
    expect(registryCount(t.db)).toBe(0);
  });
});

describe("linking a household by hand", () => {
  it("counts it as reached once linked to its registry row", async () => {
    const s = servicesOf(t);
    const hh = await followed(s, { name: "Hộ kinh doanh Lò Thị Hoa", legalForm: "household", communeId: "tua_chua", sector: "ocop", statistics: true, pick: pickBest });
    const { html } = await upload("hh.csv", "Tên,Loại hình,Xã/phường\nHộ Lò Thị Hoa,Hộ kinh doanh,Tủa Chùa\n");
    await commit(importIdOf(html));
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 1, reached: 0 });
    expect(dashboardData(s, {}).unlinked).toBe(1);
    const page = await (await t.app.request("/staff/department/registry/link", get(cookie))).text();
    expect(page).toContain("Hộ kinh doanh Lò Thị Hoa");
    const regId = (t.db.$client.prepare("SELECT id FROM registry").get() as { id: number }).id;
    const res = await t.app.request("/staff/department/registry/link", {
      method: "POST",
      headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
      body: `assessmentId=${hh.id}&registryId=${regId}`,
    });
    expect(res.status).toBe(303);
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 1, reached: 1 });
    expect(dashboardData(s, {}).unlinked).toBe(0);
  });

  it("an owner's own self-assessment is counted on the link page but never named, and cannot be linked", async () => {
    const s = servicesOf(t);
    const own = await submitOwner(s, { name: "Hộ kinh doanh Quàng Thị Riêng", legalForm: "household", communeId: "tua_chua", sector: "ocop", statistics: false, pick: pickBest });
    const { html } = await upload("hh.csv", "Tên,Loại hình,Xã/phường\nHộ Quàng Thị Riêng,Hộ kinh doanh,Tủa Chùa\n");
    await commit(importIdOf(html));
    const page = await (await t.app.request("/staff/department/registry/link", get(cookie))).text();
    expect(page).not.toContain("Quàng Thị Riêng</");
    expect(page).not.toContain(`value="${own.id}"`);
    expect(page).toContain("Còn 1 bài tự đánh giá chưa khớp");
    const regId = (t.db.$client.prepare("SELECT id FROM registry").get() as { id: number }).id;
    const res = await t.app.request("/staff/department/registry/link", {
      method: "POST",
      headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
      body: `assessmentId=${own.id}&registryId=${regId}`,
    });
    expect(res.status).toBe(422);
    expect(t.db.$client.prepare("SELECT count(*) n FROM registry_links").get()).toEqual({ n: 0 });
  });
});

describe("a link by hand that would be wrong", () => {
  const post = (path: string, body: string) =>
    t.app.request(path, { method: "POST", headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" }, body });
  it("is refused when the tax codes differ, and registered rows of other tax codes are not offered", async () => {
    const s = servicesOf(t);
    const other = await followed(s, { name: "Công ty TNHH Mật ong Ẳng Tở", legalForm: "company", taxCode: C, communeId: "tua_chua", sector: "ocop", statistics: true, pick: pickBest });
    const { html } = await upload("r.csv", `Mã số thuế,Tên,Loại hình,Xã/phường\n${A},Công ty TNHH Cà phê Mường Ảng,Công ty,Tủa Chùa\n`);
    await commit(importIdOf(html));
    const regId = (t.db.$client.prepare("SELECT id FROM registry").get() as { id: number }).id;
    const page = await (await t.app.request("/staff/department/registry/link", get(cookie))).text();
    expect(page).toContain("Công ty TNHH Mật ong Ẳng Tở");
    expect(page).not.toContain("Công ty TNHH Cà phê Mường Ảng");
    const res = await post("/staff/department/registry/link", `assessmentId=${other.id}&registryId=${regId}`);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("mã số thuế khác nhau");
    expect(t.db.$client.prepare("SELECT count(*) n FROM registry_links").get()).toEqual({ n: 0 });
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 1, reached: 0 });
  });
  it("can be undone: the registered business is no longer counted as reached", async () => {
    const s = servicesOf(t);
    const hh = await followed(s, { name: "Hộ kinh doanh Lò Văn Nhầm", legalForm: "household", communeId: "tua_chua", sector: "ocop", statistics: true, pick: pickBest });
    const { html } = await upload("hh.csv", "Tên,Loại hình,Xã/phường\nHộ Lò Thị Khác,Hộ kinh doanh,Tủa Chùa\n");
    await commit(importIdOf(html));
    const regId = (t.db.$client.prepare("SELECT id FROM registry").get() as { id: number }).id;
    expect((await post("/staff/department/registry/link", `assessmentId=${hh.id}&registryId=${regId}`)).status).toBe(303);
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 1, reached: 1 });
    const page = await (await t.app.request("/staff/department/registry/link", get(cookie))).text();
    expect(page).toContain("Các liên kết đã làm bằng tay");
    expect((await post("/staff/department/registry/unlink", `assessmentId=${hh.id}`)).status).toBe(303);
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 1, reached: 0 });
    expect(dashboardData(s, {}).unlinked).toBe(1);
  });
});

describe("what the preview says about a file (tester's report)", () => {
  const header = "Mã số thuế;Tên cơ sở;Loại hình;Xã/phường;Ngành;Quy mô";
  const goodRows = (n: number, prefix = "560200") =>
    Array.from({ length: n }, (_, i) => `${validTaxCode(`${prefix}${String(i * 50).padStart(3, "0")}`)};Công ty Số ${i + 1};Công ty;Tủa Chùa;OCOP;Nhỏ`);
  /** The table row (<tr>) of the page that contains this text. */
  const rowOf = (html: string, text: string) => [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => m[1]!).find((r) => r.includes(text));

  it("counts errors and the rows they are on separately, and names the business of each bad row", async () => {
    const csv = [
      header,
      ...goodRows(7),
      `0100109107;Công ty Sai Hai Chỗ;Công ty;Mường Thanhh;;`, // row 9: tax code and commune
      `${validTaxCode("560300001")};HTX Sai Xã;HTX;Xã Không Có;;`, // row 10
      `${validTaxCode("560300050")};Công ty Sai Ngành;Công ty;Tủa Chùa;Ngân hàng;`, // row 11
      `${validTaxCode("560300099")};Cơ sở Sai Loại Hình;Tổ chức khác;Tủa Chùa;;`, // row 12
      `${validTaxCode("560300150")};;Công ty;Tủa Chùa;;`, // row 13: no name
    ].join("\n");
    const { html } = await upload("12-dong.csv", csv);
    expect(html).toContain("6 lỗi ở 5 dòng (trên 12 dòng của tệp)");
    const twoErrors = rowOf(html, "Công ty Sai Hai Chỗ")!;
    expect(twoErrors).toContain(">9<");
    expect(twoErrors).toContain("sai chữ số kiểm tra");
    expect(twoErrors).toContain("Mường Thanhh");
    expect(rowOf(html, "Cơ sở Sai Loại Hình")).toContain(">12<");
    expect(rowOf(html, "thiếu tên cơ sở")).toContain(">13<");
  });

  it("a duplicate tax code is reported on the first upload, even when the code itself is wrong", async () => {
    const csv = [header, `0100109107;Công ty Một;Công ty;Tủa Chùa;;`, `0100109107;Công ty Một (lặp);Công ty;Tủa Chùa;;`, `0100109108;Công ty Khác;Công ty;Tủa Chùa;;`].join("\n");
    const { html } = await upload("lap.csv", csv);
    expect(rowOf(html, "Công ty Một (lặp)")).toContain("trùng với dòng 2");
    // Different codes, both wrong: no duplicate claimed.
    expect(rowOf(html, "Công ty Khác")).not.toContain("trùng");
    expect(rowOf(html, "Công ty Một<")).not.toContain("trùng");
  });

  it("re-importing a file with one changed row says 1 change and lists it; the commit says the same", async () => {
    const rows = goodRows(15);
    const first = await upload("lan-1.csv", [header, ...rows].join("\n"));
    expect(first.html).toContain("15 dòng hợp lệ: 15 cơ sở mới, 0 cơ sở thay đổi, 0 cơ sở không đổi.");
    await commit(importIdOf(first.html));
    // Row 7 is renamed and moves commune; row 3 leaves its size empty (the stored size is kept, so no change).
    const changed = [...rows];
    changed[6] = changed[6]!.replace("Công ty Số 7;Công ty;Tủa Chùa", "Công ty TNHH Số Bảy;Công ty;Mường Thanh");
    changed[2] = changed[2]!.replace(/;Nhỏ$/, ";");
    const second = await upload("lan-2.csv", [header, ...changed].join("\n"));
    expect(second.html).toContain("15 dòng hợp lệ: 0 cơ sở mới, 1 cơ sở thay đổi, 14 cơ sở không đổi.");
    const line = rowOf(second.html, "Công ty TNHH Số Bảy")!;
    expect(line).toContain("Công ty Số 7 → Công ty TNHH Số Bảy");
    expect(line).toContain("Tủa Chùa → Mường Thanh");
    expect(second.html).not.toContain("Công ty Số 3 →");
    const c = await commit(importIdOf(second.html));
    const after = await (await t.app.request(c.headers.get("location")!, get(cookie))).text();
    expect(after).toContain(": 0 cơ sở mới, 1 cơ sở thay đổi, 14 cơ sở không đổi.");
    const seven = t.db.$client.prepare("SELECT name, commune_id FROM registry WHERE name LIKE '%Bảy'").get();
    expect(seven).toEqual({ name: "Công ty TNHH Số Bảy", commune_id: "muong_thanh" });
    expect(t.db.$client.prepare("SELECT size_class FROM registry WHERE name = 'Công ty Số 3'").get()).toEqual({ size_class: "small" });
  });
});

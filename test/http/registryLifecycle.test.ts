// The register never goes backwards: a preview saves only what it showed (an older preview saved
// after a newer import is refused and made again against the register as it is now), rows a full
// re-import lacks are listed to close from a day or delete with a reason, the template's columns
// and values are the ones the import accepts, the history says who imported what and whether it was
// saved, and the errors of a large file are paged.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import { registryCount } from "../../db/registry.ts";
import { parseRegistryTable, REGISTRY_COLUMNS, REGISTRY_VALUE_WORDS } from "../../src/domain/registry.ts";
import { parseCsv } from "../../src/domain/csv.ts";
import { dashboardData } from "../../src/services/stats.ts";
import { pickBest } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, get, signInAs } from "../staffHelpers.ts";
import { addAdvisor, servicesOf, submitOwner, validateBy, validTaxCode } from "../statsFixtures.ts";


// Every preview is read in a worker thread of its own: on a loaded machine a test of several
// previews takes longer than the default.
vi.setConfig({ testTimeout: 60_000 });
let t: TestApp;
let cookie: string;
beforeEach(async () => {
  t = makeTestApp();
  cookie = await signInAs(t, await addStaff(t.db, "department", "Cán bộ Lường Thị Nhập"));
});
afterEach(() => t.cleanup());

const A = validTaxCode("560200001");
const B = validTaxCode("560200050");
const C = validTaxCode("560200099");
const HEAD = "Mã số thuế,Tên,Loại hình,Xã/phường,Ngành";

async function upload(name: string, body: string | Uint8Array, fields: Record<string, string> = {}) {
  const fd = new FormData();
  fd.append("file", new File([body as BlobPart], name, { type: "text/csv" }));
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  const posted = await t.app.request("/staff/department/registry/preview", { method: "POST", body: fd, headers: { cookie, origin: "http://localhost" } });
  expect(posted.status).toBe(303);
  const location = posted.headers.get("location")!;
  const html = await (await t.app.request(location, get(cookie))).text();
  return { id: Number(/imports\/(\d+)/.exec(location)![1]), html };
}
const post = (path: string, body: string) =>
  t.app.request(path, { method: "POST", headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" }, body });
const commit = (importId: number, skipErrors = false) => post("/staff/department/registry/commit", `importId=${importId}${skipErrors ? "&skipErrors=1" : ""}`);
const nameOf = (tax: string) => (t.db.$client.prepare("SELECT name FROM registry WHERE tax_code = ?").get(tax) as { name: string } | undefined)?.name;
const page = async (path: string) => (await t.app.request(path, get(cookie))).text();

describe("a preview saved after the register moved", () => {
  it("is refused, nothing is undone, and a fresh preview of the same file is offered", async () => {
    await commit((await upload("goc.csv", `${HEAD}\n${A},Công ty Cũ,Công ty,Tủa Chùa,\n`)).id);
    // Two officers preview: the first an older file, the second a newer one that renames A.
    const older = await upload("cu.csv", `${HEAD}\n${A},Công ty Cũ,Công ty,Tủa Chùa,\n${B},Hợp tác xã Cũ,HTX,Tủa Chùa,\n`);
    const newer = await upload("moi.csv", `${HEAD}\n${A},Công ty Tên Mới,Công ty,Tủa Chùa,\n`);
    expect((await commit(newer.id)).status).toBe(303);
    expect(nameOf(A)).toBe("Công ty Tên Mới");

    const late = await commit(older.id);
    expect(late.status).toBe(303);
    const freshAt = late.headers.get("location")!;
    expect(freshAt).toMatch(new RegExp(`/staff/department/registry/imports/\\d+\\?stale=${older.id}$`));
    // Nothing of the old preview was written: the newer name stands, B is not in.
    expect(nameOf(A)).toBe("Công ty Tên Mới");
    expect(nameOf(B)).toBeUndefined();
    const fresh = await page(freshAt);
    expect(fresh).toContain("Sổ đăng ký đã thay đổi sau khi bản xem trước cũ được tạo");
    // The fresh preview counts against the register as it is now: saving it would rename A back, and says so.
    expect(fresh).toContain("2 dòng hợp lệ: 1 cơ sở mới, 1 cơ sở thay đổi, 0 cơ sở không đổi");
    expect(fresh).toContain("Công ty Tên Mới → Công ty Cũ");
    // The stale one cannot be saved any more and points to its successor.
    expect((await commit(older.id)).status).toBe(409);
    const freshId = Number(/imports\/(\d+)/.exec(freshAt)![1]);
    expect(await page(`/staff/department/registry/imports/${older.id}`)).toContain(`href="/staff/department/registry/imports/${freshId}"`);
    // The officer checked it and saves the fresh one.
    expect((await commit(freshId)).status).toBe(303);
    expect(nameOf(A)).toBe("Công ty Cũ");
    expect(nameOf(B)).toBe("Hợp tác xã Cũ");
  });

  it("a hand link made after the preview makes it stale too", async () => {
    const s = servicesOf(t);
    const hh = await submitOwner(s, { name: "Hộ Lò Văn Liên", legalForm: "household", communeId: "tua_chua", sector: "ocop", statistics: true, pick: pickBest });
    validateBy(s, hh.id, addAdvisor(s).id);
    await commit((await upload("goc.csv", "Tên,Loại hình,Xã/phường\nHộ Lò Văn Liên,Hộ kinh doanh,Tủa Chùa\n")).id);
    const preview = await upload("them.csv", `${HEAD}\n${C},Công ty Thêm,Công ty,Tủa Chùa,\n`);
    const regId = (t.db.$client.prepare("SELECT id FROM registry").get() as { id: number }).id;
    expect((await post("/staff/department/registry/link", `assessmentId=${hh.id}&registryId=${regId}`)).status).toBe(303);
    const res = await commit(preview.id);
    expect(res.headers.get("location")).toContain(`?stale=${preview.id}`);
    expect(registryCount(t.db)).toBe(1);
  });
});

describe("rows a full re-import lacks", () => {
  it("are listed; closed from a day they leave the register's count, deleted they are gone, both audited; a later file reopens a closed row", async () => {
    const s = servicesOf(t);
    await commit((await upload("goc.csv", `${HEAD}\n${A},Công ty Một,Công ty,Tủa Chùa,\n${B},Công ty Hai,Công ty,Tủa Chùa,\n${C},Công ty Ba,Công ty,Tủa Chùa,\n`)).id);
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 3 });
    // A part of the register (not the whole): nothing is missing.
    const part = await upload("mot-xa.csv", `${HEAD}\n${A},Công ty Một,Công ty,Tủa Chùa,\n`);
    expect(part.html).not.toContain("mà tệp không có");
    // The whole register: B and C are not in it.
    const full = await upload("toan-bo.csv", `${HEAD}\n${A},Công ty Một,Công ty,Tủa Chùa,\n`, { fullRegister: "1" });
    expect(full.html).toContain("2 cơ sở đang có trong sổ mà tệp không có");
    const saved = await page((await commit(full.id)).headers.get("location")!);
    expect(saved).toContain(`/staff/department/registry/imports/${full.id}/missing`);
    const missingAt = `/staff/department/registry/imports/${full.id}/missing`;
    const list = await page(missingAt);
    expect(list).toContain("Công ty Hai");
    expect(list).toContain("Công ty Ba");
    expect(list).toContain("Còn 2 cơ sở chưa xử lý.");
    const idOf = (tax: string) => (t.db.$client.prepare("SELECT id FROM registry WHERE tax_code = ?").get(tax) as { id: number }).id;

    // A closing day in the future, and a deletion without reason, are refused with a message.
    const future = new Date(Date.now() + 9 * 86400_000).toISOString().slice(0, 10);
    const badClose = await post(`/staff/department/registry/rows/${idOf(B)}/close`, `closedOn=${future}&back=${encodeURIComponent(missingAt)}`);
    expect(badClose.status).toBe(422);
    expect(await badClose.text()).toContain("Ngày đóng phải là một ngày không ở tương lai");
    const noReason = await post(`/staff/department/registry/rows/${idOf(C)}/delete`, `reason=&back=${encodeURIComponent(missingAt)}`);
    expect(noReason.status).toBe(422);
    expect(registryCount(t.db)).toBe(3);

    // B closed on 1/11 (it ceased trading): it stays with its history, counted no more from that day.
    const closed = await post(`/staff/department/registry/rows/${idOf(B)}/close`, `closedOn=2026-11-01&back=${encodeURIComponent(missingAt)}`);
    expect(closed.status).toBe(303);
    expect(closed.headers.get("location")).toBe(`${missingAt}?closed=1`);
    expect(t.db.$client.prepare("SELECT closed_on FROM registry WHERE tax_code = ?").get(B)).toEqual({ closed_on: "2026-11-01" });
    // C was imported by mistake: deleted, with the reason in the audit log.
    const deleted = await post(`/staff/department/registry/rows/${idOf(C)}/delete`, `reason=${encodeURIComponent("nhập nhầm từ tệp của tỉnh khác")}&back=${encodeURIComponent(missingAt)}`);
    expect(deleted.status).toBe(303);
    expect(nameOf(C)).toBeUndefined();
    const audit = t.db.$client.prepare("SELECT action, reason FROM audit_log WHERE action LIKE 'registry_row%' ORDER BY id").all();
    expect(audit).toEqual([
      { action: "registry_rows_closed", reason: null },
      { action: "registry_row_deleted", reason: "nhập nhầm từ tệp của tỉnh khác" },
    ]);
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 1 });
    expect(await page(missingAt)).toContain("Đã xử lý hết.");

    // B is in the next file again: saving reopens it.
    const again = await upload("lai.csv", `${HEAD}\n${A},Công ty Một,Công ty,Tủa Chùa,\n${B},Công ty Hai,Công ty,Tủa Chùa,\n`);
    expect(again.html).toContain("1 cơ sở đã đóng trong sổ có lại trong tệp: khi lưu sẽ được mở lại.");
    await commit(again.id);
    expect(t.db.$client.prepare("SELECT closed_on FROM registry WHERE tax_code = ?").get(B)).toEqual({ closed_on: null });
    expect(dashboardData(s, {}).headline).toMatchObject({ registered: 2 });
  });

  it("'close all' closes every row still open from one day", async () => {
    await commit((await upload("goc.csv", `${HEAD}\n${A},Công ty Một,Công ty,Tủa Chùa,\n${B},Công ty Hai,Công ty,Tủa Chùa,\n${C},Công ty Ba,Công ty,Tủa Chùa,\n`)).id);
    const full = await upload("toan-bo.csv", `${HEAD}\n${A},Công ty Một,Công ty,Tủa Chùa,\n`, { fullRegister: "1" });
    await commit(full.id);
    const res = await post(`/staff/department/registry/imports/${full.id}/missing/close`, "closedOn=2026-10-15");
    expect(res.headers.get("location")).toContain("closed=2");
    expect(t.db.$client.prepare("SELECT tax_code, closed_on FROM registry ORDER BY tax_code").all()).toEqual(
      [
        { tax_code: A, closed_on: null },
        { tax_code: B, closed_on: "2026-10-15" },
        { tax_code: C, closed_on: "2026-10-15" },
      ].sort((x, y) => x.tax_code.localeCompare(y.tax_code)),
    );
  });
});

describe("the template", () => {
  it("the CSV's header and every value it lists are read back by the import without an error", async () => {
    const csv = await page("/staff/department/registry/template.csv");
    const table = parseCsv(csv);
    expect(table[0]).toEqual([...REGISTRY_COLUMNS]);
    // Every accepted value of each list, in a row of its own.
    const rows: string[][] = [table[0]!];
    let i = 0;
    const tax = () => validTaxCode(String(560300000 + 50 * ++i));
    for (const lf of Object.values(REGISTRY_VALUE_WORDS.legalForm)) rows.push([tax(), `Cơ sở ${lf} ${i}`, lf, "Tủa Chùa", "", "", ""]);
    for (const sec of Object.values(REGISTRY_VALUE_WORDS.sector)) rows.push([tax(), `Cơ sở ngành ${i}`, "doanh nghiệp", "Mường Thanh", sec, "", "23/11/2025"]);
    for (const size of Object.values(REGISTRY_VALUE_WORDS.sizeClass)) rows.push([tax(), `Cơ sở quy mô ${i}`, "hợp tác xã", "Nà Tấu", "", size, ""]);
    const parsed = parseRegistryTable([...rows, ...table.slice(1)], t.content.communes);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.length).toBe(rows.length - 1);
    expect(parsed.rows.map((r) => r.legalForm).slice(0, 3)).toEqual(["company", "cooperative", "household"]);
    expect(new Set(parsed.rows.map((r) => r.sizeClass))).toEqual(new Set([null, "micro", "small", "medium", "large"]));
    // Every commune of the province is named in the notes.
    for (const c of t.content.communes) expect(csv).toContain(c.name);
  });

  it("the XLSX has the columns on its first sheet and a drop-down of the legal forms; filled in, it imports", async () => {
    const res = await t.app.request("/staff/department/registry/template.xlsx", get(cookie));
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...REGISTRY_COLUMNS]);
    expect(sheet.getCell("C2").dataValidation).toMatchObject({ type: "list" });
    // Filled in (a fresh workbook with the template's header: loading the template's 200,000-row
    // drop-downs back into ExcelJS and writing them again takes long in a test).
    const filled = new ExcelJS.Workbook();
    const ws = filled.addWorksheet("Sổ đăng ký");
    ws.addRow((sheet.getRow(1).values as unknown[]).slice(1));
    ws.addRow([A, "Công ty Từ Mẫu", "doanh nghiệp", "Tủa Chùa", "du lịch", "nhỏ", "01/02/2024"]);
    const fd = new FormData();
    fd.append("file", new File([new Uint8Array(await filled.xlsx.writeBuffer())], "mau.xlsx"));
    const posted = await t.app.request("/staff/department/registry/preview", { method: "POST", body: fd, headers: { cookie, origin: "http://localhost" } });
    const html = await page(posted.headers.get("location")!);
    expect(html).toContain("1 dòng hợp lệ: 1 cơ sở mới");
    await commit(Number(/imports\/(\d+)/.exec(posted.headers.get("location")!)![1]));
    expect(t.db.$client.prepare("SELECT name, sector, size_class, registered_on FROM registry").get()).toEqual({ name: "Công ty Từ Mẫu", sector: "tourism", size_class: "small", registered_on: "2024-02-01" });
   }, 60_000);
});

describe("the import history", () => {
  it("says who imported which file, when, and whether and by whom it was saved", async () => {
    const saved = await upload("thang-10.csv", `${HEAD}\n${A},Công ty Một,Công ty,Tủa Chùa,\n`);
    await commit(saved.id);
    await upload("loi.csv", `${HEAD}\n123,Công ty Lỗi,Công ty,Tủa Chùa,\n`);
    await upload("chua-luu.csv", `${HEAD}\n${B},Công ty Hai,Công ty,Tủa Chùa,\n`);
    const html = await page("/staff/department/registry/imports");
    const rows = html.split("<tr").slice(2);
    expect(rows[0]).toContain("chua-luu.csv");
    expect(rows[0]).toContain("Chưa lưu");
    expect(rows[1]).toContain("loi.csv");
    expect(rows[1]).toContain("Không lưu: 1 lỗi");
    expect(rows[2]).toContain("thang-10.csv");
    expect(rows[2]).toContain("Đã lưu (Cán bộ Lường Thị Nhập): 1 mới, 0 thay đổi, 0 không đổi");
    for (const r of rows) expect(r).toContain("Cán bộ Lường Thị Nhập");
  });
});

describe("a file with many bad rows", () => {
  it("pages its errors, 100 rows a page, every bad row on exactly one page", async () => {
    const lines = [HEAD];
    for (let i = 0; i < 250; i++) lines.push(`${1000 + i},Cơ sở Lỗi ${i},Công ty,Tủa Chùa,`);
    const { id, html } = await upload("nhieu-loi.csv", lines.join("\n"));
    expect(html).toContain("250 lỗi ở 250 dòng");
    expect(html).toContain("Trang 1/3 các dòng có lỗi");
    const seen = new Set<string>();
    for (const p of [1, 2, 3]) {
      const body = p === 1 ? html : await page(`/staff/department/registry/imports/${id}?page=${p}`);
      const names = [...body.matchAll(/Cơ sở Lỗi (\d+)</g)].map((m) => m[1]!);
      expect(names.length).toBe(p < 3 ? 100 : 50);
      for (const n of names) seen.add(n);
    }
    expect(seen.size).toBe(250);
  });
});

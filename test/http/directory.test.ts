// "Danh sách cơ sở": every business the staff member may see — the records they reached and the
// rows of the province's register — searchable by name (with or without diacritics), tax code and
// commune, paged. An owner's own self-assessment never shows there, not even as "assessed" beside
// its register row.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pickBest } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, get, signInAs } from "../staffHelpers.ts";
import { addAdvisor, addBusiness, addRegistryRows, servicesOf, submitOwner, validateBy, validTaxCode } from "../statsFixtures.ts";
import type { Services } from "../../src/services/assessments.ts";

let t: TestApp;
let s: Services;
let department: string;
let advisor: string;
beforeEach(async () => {
  t = makeTestApp();
  s = servicesOf(t);
  department = await signInAs(t, await addStaff(t.db, "department"));
  advisor = await signInAs(t, await addStaff(t.db, "advisor"));
});
afterEach(() => t.cleanup());

const list = async (cookie: string, query = "") => (await t.app.request(`/staff/businesses${query}`, get(cookie))).text();
const names = (html: string) => [...(/<ul class="list card" id="directory">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "").matchAll(/<li>(?:<a [^>]*>|<span>)([^<]+)</g)].map((m) => m[1]!);

describe("Danh sách cơ sở", () => {
  it("lists the register before anything is validated, the reached records beside it, and never an owner's own self-assessment", async () => {
    const validated = validTaxCode("560400010");
    const hidden = validTaxCode("560400020");
    addRegistryRows(s, [
      { taxCode: validated, name: "Công ty Chè Đã Xác Nhận", legalForm: "company", communeId: "tua_chua", sector: "ocop" },
      { taxCode: hidden, name: "Công ty Tự Đánh Giá (trong sổ)", legalForm: "company", communeId: "tua_chua", sector: "ocop" },
      { taxCode: null, name: "Hộ Lò Văn Sổ", legalForm: "household", communeId: "muong_thanh", sector: "tourism" },
    ]);
    // Nothing validated yet: the register alone fills the list (it used to be empty).
    expect(names(await list(department))).toEqual(["Công ty Chè Đã Xác Nhận", "Công ty Tự Đánh Giá (trong sổ)", "Hộ Lò Văn Sổ"]);
    // Validated by an advisor: it has a business record (as validation makes one).
    const owner = { name: "Công ty TNHH Chè Đã Xác Nhận", legalForm: "company" as const, taxCode: validated, communeId: "tua_chua", sector: "ocop" as const, statistics: true, pick: pickBest };
    const row = await submitOwner(s, owner, { businessId: addBusiness(s, owner).id });
    validateBy(s, row.id, addAdvisor(s).id);
    await submitOwner(s, { name: "Công ty Riêng Của Chủ", legalForm: "company", taxCode: hidden, communeId: "tua_chua", sector: "ocop", statistics: true, pick: pickBest });
    for (const cookie of [department, advisor]) {
      const html = await list(cookie);
      // The validated business is its record (a page), in place of its register row; the owner's own
      // self-assessment is not named, and its register row says only that it is in the register.
      expect(names(html)).toEqual(["Công ty TNHH Chè Đã Xác Nhận", "Công ty Tự Đánh Giá (trong sổ)", "Hộ Lò Văn Sổ"]);
      expect(html).not.toContain("Công ty Riêng Của Chủ");
      expect(html).toContain(`href="/staff/businesses/`);
      expect(html).toContain("3 cơ sở");
    }
    // An advisor may start a guided session from a register row, the form filled from the register.
    expect(await list(advisor)).toContain("/staff/businesses/new?registryId=");
    expect(await list(department)).not.toContain("/staff/businesses/new?registryId=");
    const regId = (t.db.$client.prepare("SELECT id FROM registry WHERE tax_code IS NULL").get() as { id: number }).id;
    const form = await (await t.app.request(`/staff/businesses/new?registryId=${regId}`, get(advisor))).text();
    expect(form).toContain('value="Hộ Lò Văn Sổ"');
  });

  it("finds by name without diacritics, by the first digits of a tax code, and by commune; pages 50 at a time", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      taxCode: validTaxCode(String(560500000 + 20 * i)),
      name: `Hợp tác xã Mường Phăng số ${String(i).padStart(3, "0")}`,
      legalForm: "cooperative" as const,
      communeId: i % 2 ? "muong_phang" : "tua_chua",
      sector: "ocop" as const,
    }));
    addRegistryRows(s, [...rows, { taxCode: null, name: "Hộ Đèo Thị Ánh", legalForm: "household", communeId: "muong_thanh", sector: "other" }]);
    expect(names(await list(department, "?q=deo+thi+anh"))).toEqual(["Hộ Đèo Thị Ánh"]);
    expect(names(await list(department, "?q=ĐÈO"))).toEqual(["Hộ Đèo Thị Ánh"]);
    expect(names(await list(department, `?q=${rows[7]!.taxCode.slice(0, 9)}`))).toContain(rows[7]!.name);
    const inPhang = await list(department, "?communeId=muong_phang&q=muong+phang");
    expect(inPhang).toContain("60 cơ sở");
    const first = await list(department);
    expect(first).toContain("121 cơ sở");
    expect(names(first).length).toBe(50);
    expect(first).toContain("Trang 1/3");
    const seen = new Set<string>();
    for (const p of [1, 2, 3]) for (const n of names(await list(department, p > 1 ? `?page=${p}` : ""))) seen.add(n);
    expect(seen.size).toBe(121);
    // The filters ride along to the next page.
    expect(inPhang).toContain("page=2");
    expect(inPhang).toContain("communeId=muong_phang");
    // A search that matches nothing says so; wildcards are read as letters.
    expect(await list(department, "?q=%25")).toContain("Không có cơ sở nào khớp.");
  });
});

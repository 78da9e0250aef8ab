// One business, counted once: a second self-assessment with the same tax code replaces the first
// in every current figure (the first stays as history); households are matched through their
// registry row; staff merge two records of one business (audited, undoable) and unlink a wrong
// link on the business page; a hand link refuses a household to a company with its own tax code,
// and a registry row already matched to another business.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pickBest, pickWorst } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, form, get, signInAs } from "../staffHelpers.ts";
import { addRegistryRows, servicesOf, setSubmittedAt, submitOwner, validTaxCode, type Owner } from "../statsFixtures.ts";
import { dashboardData } from "../../src/services/stats.ts";
import type { Services } from "../../src/services/assessments.ts";

let t: TestApp;
let s: Services;
let advisor: string;
let dept: string;
beforeEach(async () => {
  t = makeTestApp();
  s = servicesOf(t);
  advisor = await signInAs(t, await addStaff(t.db, "advisor"));
  dept = await signInAs(t, await addStaff(t.db, "department"));
});
afterEach(() => t.cleanup());

const owner = (name: string, o: Partial<Owner> = {}): Owner => ({ name, legalForm: "household", communeId: "tua_chua", sector: "ocop", statistics: true, pick: pickBest, ...o });
const headline = () => dashboardData(s, {}).headline;
const businessOf = (assessmentId: number) => (t.db.$client.prepare(`SELECT business_id b FROM assessments WHERE id = ?`).get(assessmentId) as { b: number | null }).b;

/** An owner's self-assessment, opened with the code and validated by the advisor: a business record. */
async function followed(o: Owner) {
  const row = await submitOwner(s, o);
  expect((await t.app.request("/staff/find", form({ code: row.code }, advisor))).status).toBe(303);
  expect((await t.app.request(`/staff/assessments/${row.id}/validate`, form({ note: "" }, advisor))).status).toBe(303);
  return { ...row, businessId: businessOf(row.id)! };
}
const link = (assessmentId: number, registryId: number) =>
  t.app.request("/staff/department/registry/link", form({ assessmentId: String(assessmentId), registryId: String(registryId) }, dept));

describe("the same tax code is the same business", () => {
  it("a second self-assessment replaces the first in the figures; the first stays in the history of submissions", async () => {
    const tax = validTaxCode("560800011");
    const first = await submitOwner(s, owner("Công ty TNHH Hai Lần", { legalForm: "company", taxCode: tax, pick: pickWorst }));
    setSubmittedAt(s, first.id, "2026-03-01T03:00:00.000Z");
    expect(headline()).toMatchObject({ assessed: 1, platformUsers: 0 });
    const second = await submitOwner(s, owner("Công ty TNHH Hai Lần", { legalForm: "company", taxCode: tax, pick: pickBest }));
    setSubmittedAt(s, second.id, "2026-07-01T03:00:00.000Z");
    // one business, using platforms as its latest assessment says
    expect(headline()).toMatchObject({ assessed: 1, platformUsers: 1, statisticsBase: 1 });
    const trend = dashboardData(s, {}).tables.find((x) => x.id === "trend")!;
    // both submissions stay in the quarters they were made in (Q1 and Q3)
    expect(trend.rows.filter((r) => !r.total && r.values.submitted).map((r) => [r.key, r.values.submitted])).toEqual([
      ["2026-Q1", 1],
      ["2026-Q3", 1],
    ]);
    // an earlier submission later corrected to be the latest takes its place again
    setSubmittedAt(s, first.id, "2026-08-01T03:00:00.000Z");
    expect(headline()).toMatchObject({ assessed: 1, platformUsers: 0 });
  });

  it("a business record with a tax code and an owner's self-assessment with it are one business", async () => {
    const tax = validTaxCode("560800122");
    await followed(owner("HTX Một Mã", { legalForm: "cooperative", taxCode: tax, pick: pickWorst }));
    await submitOwner(s, owner("HTX Một Mã", { legalForm: "cooperative", taxCode: tax, pick: pickBest }));
    expect(headline()).toMatchObject({ assessed: 1, validated: 0, platformUsers: 1 });
  });
});

describe("households matched through the registry, records merged and unmerged", () => {
  it("a second household record is refused the same registry row, merged instead, counted once; undo restores two", async () => {
    const [row] = addRegistryRows(s, [{ taxCode: null, name: "Hộ Lò Thị Mai", legalForm: "household", communeId: "tua_chua", sector: "ocop" }]);
    const a = await followed(owner("Hộ kinh doanh Lò Thị Mai", { pick: pickWorst }));
    setSubmittedAt(s, a.id, "2026-02-01T03:00:00.000Z");
    const b = await followed(owner("Hộ Lò Thị Mai (bán chè)", { pick: pickBest }));
    expect(headline()).toMatchObject({ assessed: 2 });
    expect((await link(a.id, row!.id)).status).toBe(303);
    expect(headline()).toMatchObject({ registered: 1, reached: 1, assessed: 2 });
    // the row already has a linked business: refused, with the way out
    const refused = await link(b.id, row!.id);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("đã khớp với một cơ sở khác");
    // the department merges b's record into a's (b's page is a's now)
    const preview = await t.app.request(`/staff/businesses/${a.businessId}/merge?other=${b.businessId}`, get(dept));
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("Hộ Lò Thị Mai (bán chè)");
    expect((await t.app.request(`/staff/businesses/${a.businessId}/merge`, form({ other: String(b.businessId), reason: "" }, dept))).status).toBe(422);
    const merged = await t.app.request(`/staff/businesses/${a.businessId}/merge`, form({ other: String(b.businessId), reason: "cùng chủ hộ, đã gọi điện" }, dept));
    expect(merged.status).toBe(303);
    expect(headline()).toMatchObject({ assessed: 1, reached: 1, platformUsers: 1 });
    expect(t.db.$client.prepare(`SELECT id, round, previous_assessment_id p FROM assessments WHERE business_id = ? ORDER BY round`).all(a.businessId)).toEqual([
      { id: a.id, round: 1, p: null },
      { id: b.id, round: 2, p: a.id },
    ]);
    expect((await t.app.request(`/staff/businesses/${b.businessId}`, get(dept))).headers.get("location")).toBe(`/staff/businesses/${a.businessId}`);
    const page = await (await t.app.request(`/staff/businesses/${a.businessId}`, get(dept))).text();
    expect(page).toContain("Hồ sơ đã gộp vào đây");
    expect(page).toContain("cùng chủ hộ, đã gọi điện");
    // undo: two records again, exactly as before
    const mergeId = (t.db.$client.prepare(`SELECT id FROM business_merges`).get() as { id: number }).id;
    expect((await t.app.request(`/staff/merges/${mergeId}/undo`, form({ reason: "nhầm, hai hộ khác nhau" }, dept))).status).toBe(303);
    expect(headline()).toMatchObject({ assessed: 2 });
    expect(businessOf(b.id)).toBe(b.businessId);
    expect(t.db.$client.prepare(`SELECT round, previous_assessment_id p FROM assessments WHERE id = ?`).get(b.id)).toEqual({ round: 1, p: null });
    const audit = t.db.$client.prepare(`SELECT action, reason FROM audit_log WHERE action IN ('businesses_merged', 'merge_undone') ORDER BY id`).all();
    expect(audit).toEqual([
      { action: "businesses_merged", reason: "cùng chủ hộ, đã gọi điện" },
      { action: "merge_undone", reason: "nhầm, hai hộ khác nhau" },
    ]);
    // undoing twice says so
    expect((await t.app.request(`/staff/merges/${mergeId}/undo`, form({ reason: "lần nữa" }, dept))).status).toBe(409);
  });

  it("two records with different tax codes are two businesses; the record kept is the one with a tax code", async () => {
    const x = await followed(owner("Công ty A", { legalForm: "company", taxCode: validTaxCode("560800233") }));
    const y = await followed(owner("Công ty B", { legalForm: "company", taxCode: validTaxCode("560800344") }));
    const z = await followed(owner("Hộ C", {}));
    const differ = await t.app.request(`/staff/businesses/${x.businessId}/merge?other=${y.businessId}`, get(advisor));
    expect(differ.status).toBe(409);
    expect(await differ.text()).toContain("mã số thuế khác nhau");
    const keep = await t.app.request(`/staff/businesses/${z.businessId}/merge?other=${x.businessId}`, get(advisor));
    expect(keep.status).toBe(409);
    expect(await keep.text()).toContain("giữ lại hồ sơ có mã số thuế");
    expect(t.db.$client.prepare(`SELECT count(*) n FROM business_merges`).get()).toEqual({ n: 0 });
  });

  it("a merge cannot be undone once the record has a new round", async () => {
    const a = await followed(owner("Hộ Quàng Văn Một"));
    const b = await followed(owner("Hộ Quàng Văn Một (2)"));
    await t.app.request(`/staff/businesses/${a.businessId}/merge`, form({ other: String(b.businessId), reason: "trùng hồ sơ" }, advisor));
    await followed(owner("Hộ Quàng Văn Một (3)")); // another record: no effect
    t.db.$client.prepare(`UPDATE assessments SET business_id = ? WHERE id = (SELECT max(id) FROM assessments)`).run(a.businessId);
    const mergeId = (t.db.$client.prepare(`SELECT id FROM business_merges`).get() as { id: number }).id;
    const res = await t.app.request(`/staff/merges/${mergeId}/undo`, form({ reason: "nhầm" }, advisor));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("không hoàn tác được nữa");
  });
});

describe("hand links", () => {
  it("refuse a household without a tax code to a company that has its own", async () => {
    const [company] = addRegistryRows(s, [{ taxCode: validTaxCode("560800455"), name: "Công ty TNHH Mai Chè", legalForm: "company", communeId: "tua_chua", sector: "ocop" }]);
    const hh = await followed(owner("Hộ kinh doanh Mai Chè"));
    const page = await (await t.app.request("/staff/department/registry/link", get(dept))).text();
    expect(page).toContain("Hộ kinh doanh Mai Chè");
    expect(page).not.toContain(`<option value="${company!.id}"`); // not offered
    const res = await link(hh.id, company!.id);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("là doanh nghiệp/hợp tác xã có mã số thuế");
    expect(t.db.$client.prepare(`SELECT count(*) n FROM registry_links`).get()).toEqual({ n: 0 });
  });

  it("are shown on the business page, where the department can undo them", async () => {
    const [row] = addRegistryRows(s, [{ taxCode: null, name: "Hộ Lường Văn Đức", legalForm: "household", communeId: "tua_chua", sector: "ocop" }]);
    const hh = await followed(owner("Hộ kinh doanh Lường Văn Đức"));
    await link(hh.id, row!.id);
    const page = await (await t.app.request(`/staff/businesses/${hh.businessId}`, get(dept))).text();
    expect(page).toContain("Hộ Lường Văn Đức");
    expect(page).toContain("Bỏ liên kết");
    // an advisor sees the link but does not manage the register
    expect(await (await t.app.request(`/staff/businesses/${hh.businessId}`, get(advisor))).text()).not.toContain("Bỏ liên kết");
    const res = await t.app.request("/staff/department/registry/unlink", form({ assessmentId: String(hh.id), back: `/staff/businesses/${hh.businessId}` }, dept));
    expect(res.headers.get("location")).toBe(`/staff/businesses/${hh.businessId}?unlinked=1#registry`);
    expect(headline()).toMatchObject({ reached: 0 });
  });
});

// The department's figures on 40 realistic assessments, checked against numbers worked out by hand;
// the registry import (errors shown, nothing half-imported, re-import updates); exports read back;
// the statistics API token; the peer benchmark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { assessments } from "../../db/schema.ts";
import { linkByHand } from "../../db/registry.ts";
import { pickBest, pickWorst } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, form, get, signInAs } from "../staffHelpers.ts";
import {
  addAdvisor,
  addBusiness,
  addRegistryRows,
  addSupport,
  servicesOf,
  setSubmittedAt,
  submitOwner,
  validateBy,
  validTaxCode,
  type Owner,
} from "../statsFixtures.ts";
import { dashboardData, refreshDemand } from "../../src/services/stats.ts";
import { foldVietnamese } from "../../src/domain/vnText.ts";
import { createApiToken } from "../../src/services/apiTokens.ts";
import { revokeToken } from "../../db/apiTokens.ts";
import type { Services } from "../../src/services/assessments.ts";
import { pdfText, popplerAvailable } from "../pdf/poppler.ts";

let t: TestApp;
let s: Services;
let dept: string;
let advisorCookie: string;
let token: string;
const ids: number[] = [];
const codes = new Map<number, string>();

/**
 * The 40 businesses, i = 0..39:
 * - tua_chua for i < 20, muong_thanh otherwise; ocop for even i, tourism for odd i;
 * - households (no tax code) for i % 4 == 3 (10), companies with a tax code otherwise (30);
 * - the statistics consent is refused for i % 5 == 4 (8), given by the other 32;
 * - best answers for i < 22, worst answers otherwise;
 * - validated by an advisor for i % 4 == 0 (10);
 * - i = 0..3 were first assessed with worst answers in Q1 2026 (T0) and re-assessed (T1) in Q3,
 *   with training (i = 0, 1) or consultation (i = 2) in between, nothing for i = 3; both rounds
 *   with an advisor (guided sessions).
 * The department sees by name only what was done with or validated by an advisor: the 8 guided
 * rounds of i = 0..3 and the 9 other validated ones (i = 4, 8, …, 36); the 27 others are the
 * owners' own and appear only in the figures.
 * Registry: the 30 companies (by tax code), 5 households linked by hand (i = 3, 7, 11, 15, 19),
 * 15 businesses in na_tau never assessed: 50 registered, 35 reached.
 */
const owner = (i: number, pick = i < 22 ? pickBest : pickWorst): Owner => ({
  name: i % 4 === 3 ? `Hộ kinh doanh Lò Thị ${i}` : `Công ty TNHH Mường ${i}`,
  legalForm: i % 4 === 3 ? "household" : "company",
  taxCode: i % 4 === 3 ? null : validTaxCode(String(560000000 + i * 37)),
  communeId: i < 20 ? "tua_chua" : "muong_thanh",
  sector: i % 2 === 0 ? "ocop" : "tourism",
  statistics: i % 5 !== 4,
  pick,
});

beforeAll(async () => {
  t = makeTestApp();
  s = servicesOf(t);
  const adv = addAdvisor(s);
  const registryRows = addRegistryRows(s, [
    ...Array.from({ length: 40 }, (_, i) => i)
      .filter((i) => i % 4 !== 3 || [3, 7, 11, 15, 19].includes(i))
      .map((i) => ({ taxCode: owner(i).taxCode ?? null, name: owner(i).name, legalForm: owner(i).legalForm, communeId: owner(i).communeId, sector: owner(i).sector })),
    ...Array.from({ length: 15 }, (_, k) => ({ taxCode: validTaxCode(String(570000000 + k * 41)), name: `HTX Nà Tấu ${k}`, legalForm: "cooperative" as const, communeId: "na_tau", sector: "other" as const })),
  ]);
  for (let i = 0; i < 40; i++) {
    const o = owner(i);
    let prev: number | null = null;
    let businessId: number | null = null;
    if (i < 4) {
      businessId = addBusiness(s, o).id;
      const t0 = await submitOwner(s, owner(i, pickWorst), { businessId, method: "guided", createdByStaffId: adv.id });
      setSubmittedAt(s, t0.id, "2026-02-10T03:00:00.000Z");
      prev = t0.id;
    }
    const row = await submitOwner(s, o, businessId ? { businessId, round: 2, previousAssessmentId: prev, method: "guided", createdByStaffId: adv.id } : {});
    setSubmittedAt(s, row.id, i < 4 ? "2026-08-10T03:00:00.000Z" : "2026-05-15T03:00:00.000Z");
    if (i % 4 === 0) validateBy(s, row.id, adv.id);
    if ([3, 7, 11, 15, 19].includes(i)) linkByHand(s.db, row.id, registryRows.find((r) => r.name === o.name)!.id, null);
    if (businessId && i === 0) addSupport(s, businessId, "training", "2026-04-01", adv.id);
    if (businessId && i === 1) {
      addSupport(s, businessId, "training", "2026-04-01", adv.id);
      addSupport(s, businessId, "consultation", "2026-12-01", adv.id); // after T1: not between the two
    }
    if (businessId && i === 2) addSupport(s, businessId, "consultation", "2026-05-01", adv.id);
    ids.push(row.id);
    codes.set(row.id, row.code);
  }
  refreshDemand(s, 60_000);
  dept = await signInAs(t, await addStaff(t.db, "department"));
  advisorCookie = await signInAs(t, await addStaff(t.db, "advisor"));
  token = createApiToken(t.db, "Cổng dữ liệu tỉnh").token;
}, 120_000);
afterAll(() => t.cleanup());

const table = (data: ReturnType<typeof dashboardData>, id: string) => data.tables.find((x) => x.id === id)!;
const row = (data: ReturnType<typeof dashboardData>, id: string, key: string) => table(data, id).rows.find((r) => r.key === key)!;

describe("KPIs of 40 realistic assessments, worked out by hand", () => {
  it("reach 35/50 = 70 %, 15 businesses short of the 100 % target", () => {
    const h = dashboardData(s, {}).headline;
    expect([h.registered, h.reached, h.reachPct]).toEqual([50, 35, 70]);
    const all = dashboardData(s, {}).indicatorViews.find((v) => v.indicator.id === "reach")!.compare.find((c) => c.population.id === "all")!.all;
    expect([all.progress.gapPts, all.progress.stillNeeded, all.progress.met]).toEqual([30, 15, false]);
  });
  it("40 businesses assessed once each (T1 replaces T0), 10 validated, 30 not", () => {
    const h = dashboardData(s, {}).headline;
    expect([h.assessed, h.validated, h.selfAssessed]).toEqual([40, 10, 30]);
  });
  it("platform use counts the 32 consenting businesses: 18 use platforms = 56.3 %, above the 50 % target", () => {
    const h = dashboardData(s, {}).headline;
    expect([h.statisticsBase, h.platformUsers, h.platformUsePct]).toEqual([32, 18, 56.3]);
    expect(h.meanOverall).toBeCloseTo(56.25, 9);
  });
  it("indicators over their population: SMEs are the 30 companies (size not in the register: counted in), cooperatives and households apart", () => {
    const v = dashboardData(s, {}).indicatorViews;
    const reach = v.find((x) => x.indicator.id === "reach")!;
    expect(reach.population.id).toBe("sme");
    expect([reach.all.numerator, reach.all.denominator, reach.all.valuePct, reach.all.sizeUnknown, reach.all.progress.met]).toEqual([30, 30, 100, 30, true]);
    // validated only: the 10 companies an advisor validated (i % 4 == 0)
    expect([reach.validated.numerator, reach.validated.valuePct, reach.validated.progress.met]).toEqual([10, 33.3, false]);
    const byPop = Object.fromEntries(reach.compare.map((c) => [c.population.id, [c.all.numerator, c.all.denominator]]));
    expect(byPop).toEqual({ cooperative: [0, 15], household: [5, 5], all: [35, 50] });
  });
  it("platform use over the SMEs of the register is 14/30 = 46.7 %, not met; 14 of the 24 that chose to be assessed (58.3 %) says so", () => {
    const p = dashboardData(s, {}).indicatorViews.find((x) => x.indicator.id === "platformUse")!;
    expect([p.all.numerator, p.all.denominator, p.all.valuePct, p.all.progress.met]).toEqual([14, 30, 46.7, false]);
    expect([p.validated.numerator, p.validated.valuePct]).toEqual([5, 16.7]);
    expect(p.sample).toMatchObject({ assessed: 24, users: 14, valuePct: 58.3, registryCoveragePct: 80, metAmongAssessed: true });
  });
  it("levels: 18 at level 5, 14 at level 0", () => {
    expect(dashboardData(s, {}).levels).toEqual([14, 0, 0, 0, 0, 18]);
  });
  it("by commune: Tủa Chùa 20/20 reached, 16 consenting all on platforms; Mường Thanh 15/15, 2 of 16; Nà Tấu 0/15", () => {
    const d = dashboardData(s, {});
    const r = (c: string) => row(d, "by-communeId", c).values;
    expect([r("tua_chua").registered, r("tua_chua").reached, r("tua_chua").statsN, r("tua_chua").platformPct]).toEqual([20, 20, 16, 100]);
    expect([r("muong_thanh").registered, r("muong_thanh").reached, r("muong_thanh").statsN, r("muong_thanh").platformPct]).toEqual([15, 15, 16, 12.5]);
    expect([r("na_tau").registered, r("na_tau").reached, r("na_tau").reachPct]).toEqual([15, 0, 0]);
  });
  it("a commune filter narrows every figure", () => {
    const h = dashboardData(s, { communeId: "muong_thanh" }).headline;
    expect([h.registered, h.reached, h.assessed, h.statisticsBase, h.platformUsers]).toEqual([15, 15, 20, 16, 2]);
  });
  it("trend: 4 T0 in Q1, 36 in Q2 (28 consenting), 4 T1 in Q3", () => {
    const tr = table(dashboardData(s, {}), "trend").rows.filter((r) => !r.total);
    expect(tr.map((r) => [r.key, r.values.submitted, r.values.statsN])).toEqual([
      ["2026-Q1", 4, 4],
      ["2026-Q2", 36, 28],
      ["2026-Q3", 4, 4],
    ]);
  });
  it("T0 → T1: 4 re-assessed from 0 to 100; training 2, consultation 1 (support after T1 not counted), none 1", () => {
    const ch = table(dashboardData(s, {}), "change");
    const v = (k: string) => ch.rows.find((r) => r.key === k)!.values;
    expect([v("_all").pairs, v("_all").t0, v("_all").t1, v("_all").change, v("_all").levelUpPct, v("_all").t1PlatformPct]).toEqual([4, 0, 100, 100, 100, 100]);
    expect([v("training").pairs, v("consultation").pairs, v("_none").pairs, v("platform_subsidy").pairs]).toEqual([2, 1, 1, 0]);
  });
  it("gaps: a question every business is asked is missing for the 14 consenting worst answerers of 32", () => {
    const q = t.content.current;
    const common = q.modules.find((m) => !m.sectors)!;
    const askedOfAll = new Set(q.questions.filter((x) => common.questionIds.includes(x.id) && !x.showIf).map((x) => x.id));
    const rows = table(dashboardData(s, {}), "gaps").rows.filter((r) => askedOfAll.has(r.key));
    expect(rows.length).toBeGreaterThan(0);
    for (const gap of rows) expect([gap.values.count, gap.values.base, gap.values.sharePct]).toEqual([14, 32, 43.8]);
  });
  it("the page shows the figures, each linked to its list", async () => {
    const res = await t.app.request("/staff/department", get(dept));
    expect(res.status).toBe(200);
    const html = await res.text();
    // the SME indicators: 30/30 reached, 46,7% on platforms over the register; the 58,3% among
    // the assessed is said to rest on 80% of the register and not to meet the province's target
    expect(html).toContain("30/30 doanh nghiệp nhỏ và vừa trong sổ đăng ký");
    expect(html).toContain("46,7%");
    expect(html).toContain("58,3%");
    expect(html).toContain("chỉ dựa trên 80% số doanh nghiệp nhỏ và vừa trong sổ đăng ký (cơ sở tự chọn tham gia): chưa phải là đạt chỉ tiêu của tỉnh");
    expect(html).toContain("Mốc tạm, chia đều theo năm, chưa được Sở quyết định");
    // reach is met counting every assessment, not counting only those an advisor validated: said beside "met"
    const reach = dashboardData(s, {}).indicatorViews.find((x) => x.indicator.id === "reach")!;
    expect([reach.all.progress.met, reach.validated.progress.met]).toEqual([true, false]);
    expect(html).toMatch(new RegExp(`id="ind-reach-self-reported">[^<]*chỉ tính bài đã xác nhận: [0-9,]+% \\(${reach.validated.numerator}/30\\), chưa đạt`));
    expect(html).not.toContain('id="ind-platformUse-self-reported"');
    expect(html).toContain('href="/staff/department/registry/list?reached=1"');
    const list = await t.app.request("/staff/department/list?kind=level&level=5&communeId=muong_thanh", get(dept));
    const lh = await list.text();
    // i = 20 (validated) is listed; i = 21 is an owner's own self-assessment: counted, not named
    expect(lh).toContain("Công ty TNHH Mường 20");
    expect(lh).not.toContain("Mường 21");
    expect(lh).not.toContain("Mường 22<");
  });
});

describe("who may see what", () => {
  it("no session: to the login page; an advisor may read the dashboard but not import a register", async () => {
    const anon = await t.app.request("/staff/department");
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toMatch(/^\/staff\/login/);
    expect((await t.app.request("/staff/department", get(advisorCookie))).status).toBe(200);
    expect((await t.app.request("/staff/department/registry", get(advisorCookie))).status).toBe(403);
  });
  it("the statistics API needs a valid, unrevoked token", async () => {
    expect((await t.app.request("/api/v1/stats/summary")).status).toBe(401);
    expect((await t.app.request("/api/v1/stats/summary", { headers: { authorization: "Bearer dxs_nope" } })).status).toBe(401);
    const ok = await t.app.request("/api/v1/stats/summary", { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as any;
    expect(body.headline).toMatchObject({ registered: 50, reached: 35, reachPct: 70, statisticsBase: 32, platformUsePct: 56.3 });
    const other = createApiToken(t.db, "Hệ thống thử");
    revokeToken(t.db, other.row.id);
    expect((await t.app.request("/api/v1/stats/summary", { headers: { authorization: `Bearer ${other.token}` } })).status).toBe(401);
  });
  it("a bad filter is a Vietnamese 400, never a 500", async () => {
    const api = await t.app.request("/api/v1/stats/tables?communeId=ha_noi", { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(400);
    expect(((await api.json()) as any).error.fields.communeId).toContain("xã/phường");
    const page = await t.app.request("/staff/department?sector=banking", get(dept));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("ngành không có trong danh sách");
  });
});

describe("exports", () => {
  it("the assessments XLSX opens in exceljs with correct Vietnamese, one row per submitted assessment", async () => {
    const res = await t.app.request("/staff/department/exports/assessments.xlsx", get(dept));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("Bài đánh giá");
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(["Mã bài", "Lần đánh giá", "Tên cơ sở", "Mã số thuế"]);
    expect(header).toContain("Điểm: Định hướng chiến lược");
    // the 8 guided rounds of i = 0..3 and the 9 other validated assessments; no owner's own
    expect(ws.actualRowCount).toBe(1 + 17);
    const names = Array.from({ length: 17 }, (_, i) => String(ws.getRow(i + 2).getCell(3).value));
    expect(names).toContain("Hộ kinh doanh Lò Thị 3");
    expect(names).not.toContain("Công ty TNHH Mường 5");
    const communes = new Set(Array.from({ length: 17 }, (_, i) => String(ws.getRow(i + 2).getCell(6).value)));
    expect([...communes].sort()).toEqual(["Mường Thanh", "Tủa Chùa"]);
    // tax codes stay text (a leading zero would otherwise be lost)
    expect(typeof ws.getRow(2).getCell(4).value).toBe("string");
  });
  it("the CSV starts with a BOM, uses the page's filter, and streams the answers in long format", async () => {
    const res = await t.app.request("/staff/department/exports/assessments.csv?communeId=muong_thanh", get(dept));
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    // i = 20, 24, 28, 32, 36: the validated ones of Mường Thanh
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1 + 5);
    expect(text).toContain("Mường Thanh");
    expect(text).not.toContain("Tủa Chùa");
    const answers = await (await t.app.request(`/staff/department/exports/answers.csv?communeId=muong_thanh`, get(dept))).text();
    const lines = answers.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("Mã bài,Tên cơ sở,Mã câu hỏi,Câu hỏi,Trụ cột,Mã lựa chọn,Câu trả lời,Điểm đạt,Điểm tối đa,Phiên bản bộ câu hỏi");
    const stored = t.db.$client
      .prepare(`SELECT count(*) n FROM answers an JOIN assessments a ON a.id = an.assessment_id WHERE a.commune_id = 'muong_thanh' AND a.status = 'submitted' AND a.validated_at IS NOT NULL`)
      .get() as { n: number };
    expect(lines.length - 1).toBe(stored.n);
  });
  it("support records export names the support and the business", async () => {
    const text = await (await t.app.request("/staff/department/exports/support.csv", get(dept))).text();
    expect(text).toContain("Tập huấn, đào tạo");
    expect(text).toContain("Công ty TNHH Mường 0");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1 + 4);
  });
  it("every export is named in Vietnamese, folded to ASCII: a table's CSV after its title, not its internal id", async () => {
    const nameOf = async (path: string) => {
      const res = await t.app.request(path, get(dept));
      expect(res.status).toBe(200);
      return /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
    };
    const date = String.raw`\d{4}-\d{2}-\d{2}`;
    expect(await nameOf("/staff/department/exports/tables/by-communeId.csv")).toMatch(new RegExp(`^theo-xa-phuong-${date}\\.csv$`));
    expect(await nameOf("/staff/department/exports/tables/infrastructure-skills.csv")).toMatch(new RegExp(`^nhu-cau-ha-tang-va-ky-nang-so-theo-xa-phuong-${date}\\.csv$`));
    for (const table of dashboardData(s, {}, { outbound: true }).tables) {
      const name = (await nameOf(`/staff/department/exports/tables/${table.id}.csv`))!;
      expect(name).toMatch(new RegExp(`^[a-z0-9]+(-[a-z0-9]+)*-${date}\\.csv$`));
      expect(name.startsWith(foldVietnamese(table.title).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""))).toBe(true);
    }
    for (const path of ["assessments.csv", "answers.xlsx", "support.csv", "tables.xlsx"])
      expect(await nameOf(`/staff/department/exports/${path}`)).toMatch(new RegExp(`^(bai-danh-gia|cau-tra-loi|ho-tro|bang-tong-hop)-${date}\\.(csv|xlsx)$`));
  });
  it("the dashboard tables export as one workbook; the yearly report has its indicator and method sheets", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await (await t.app.request("/staff/department/exports/tables.xlsx", get(dept))).arrayBuffer()) as never);
    const bySector = dashboardData(s, {}).tables.findIndex((x) => x.id === "by-sector");
    expect(wb.worksheets.map((w) => w.name)).toContain(`${bySector + 1}. Theo ngành ưu tiên`);
    const rep = await t.app.request("/staff/department/report-761.xlsx?year=2026", get(dept));
    expect(rep.status).toBe(200);
    const y = new ExcelJS.Workbook();
    await y.xlsx.load(Buffer.from(await rep.arrayBuffer()) as never);
    expect(y.worksheets.map((w) => w.name)).toEqual([
      "Chỉ tiêu",
      "DNNVV được đánh giá theo xã",
      "DNNVV dùng nền tảng số theo xã",
      "Theo ngành",
      "Theo xã, phường",
      "Theo quy mô",
      "Theo loại hình",
      "Phân bố mức",
      "T0-T1",
      "Phương pháp",
    ]);
    const kpi = y.getWorksheet("Chỉ tiêu")!;
    const cells = (r: number) => (kpi.getRow(r).values as unknown[]).slice(1);
    const rows = Array.from({ length: 40 }, (_, i) => cells(i + 1));
    // each indicator on the SMEs, labelled as such, with all businesses beside it
    const reachRow = rows.find((r) => String(r[0]).startsWith("Tỷ lệ doanh nghiệp nhỏ và vừa được đánh giá"))!;
    expect(reachRow.slice(1, 6)).toEqual(["Doanh nghiệp nhỏ và vừa", 30, 30, 100, 33.3]);
    const reachAll = rows.find((r, i) => i > rows.indexOf(reachRow) && r[1] === "Tất cả cơ sở")!;
    expect(reachAll.slice(2, 5)).toEqual([35, 50, 70]);
    // the share among the assessed is said not to be the province's
    const sample = rows.find((r) => String(r[0]).includes("trong số đã đánh giá"))!;
    expect(sample.slice(2, 5)).toEqual([14, 24, 58.3]);
    expect(String(sample[9])).toContain("KHÔNG phải là đạt chỉ tiêu của tỉnh");
    expect(rows.some((r) => /^Lập bởi .+ lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/.test(String(r[0])))).toBe(true);
    expect(String(y.getWorksheet("Phương pháp")!.getRow(1).getCell(1).value)).toBe("Phương pháp tính");
  }, 30_000);
  it("a year not over yet is marked as provisional to the day it is made, a past year as final", async () => {
    const { reportCutoff } = await import("../../src/services/yearReport.ts");
    expect(reportCutoff(2026, new Date("2026-11-23T03:00:00Z"))).toMatchObject({ date: "23/11/2026", provisional: true });
    expect(reportCutoff(2026, new Date("2026-11-23T03:00:00Z")).text).toContain("TẠM TÍNH");
    // 31 December 20:00 UTC is already 1 January in Vietnam: the year is over.
    expect(reportCutoff(2026, new Date("2026-12-31T20:00:00Z"))).toMatchObject({ date: "31/12/2026", provisional: false });
    expect(reportCutoff(2025, new Date("2026-03-01T03:00:00Z")).text).toBe("Số liệu tính đến hết ngày 31/12/2025 (giờ Việt Nam).");
  });
  it("a year before any data gives zeros, and a year in the future is refused", async () => {
    expect((await t.app.request("/staff/department/report-761.xlsx?year=2099", get(dept))).status).toBe(400);
  });
});

describe("peer benchmark", () => {
  it("the owner's result page shows the peers' median and top quartile, or why not", async () => {
    const mine = s.db.select().from(assessments).where(eq(assessments.id, ids[21]!)).get()!;
    const code = codes.get(mine.id)!;
    const html = await (await t.app.request(`/a/${code}/result`)).text();
    expect(html).toContain("So với cơ sở cùng ngành, cùng quy mô");
    expect(html).toContain("So với 15 cơ sở du lịch cộng đồng, homestay, quy mô siêu nhỏ");
    expect(html).toContain("stroke-dasharray"); // the peers' median drawn on the radar
    const alone = await submitOwner(s, { name: "Công ty biên mậu", legalForm: "company", taxCode: validTaxCode("560888888"), communeId: "na_tau", sector: "border_trade", statistics: true, pick: pickBest });
    const lone = await (await t.app.request(`/a/${alone.code}/result`)).text();
    expect(lone).toContain("Chưa đủ 5 cơ sở thương mại biên mậu");
  });
  it("compares with consenting businesses of the same sector and size, the business itself excluded", async () => {
    const { peerBenchmark } = await import("../../src/services/peers.ts");
    const mine = s.db.select().from(assessments).where(eq(assessments.id, ids[21]!)).get()!; // tourism, micro, best
    const b = peerBenchmark(s, mine);
    // tourism micro consenting current: odd i with i % 5 != 4 → 16, minus itself = 15; best among them: 1,3,…,21 minus 9,19 = 9
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.peers).toBe(15);
    // 9 peers at 100, 6 at 0: median = 100, top quartile = 100
    expect([b.overall.median, b.overall.topQuartile]).toEqual([100, 100]);
  });
  it.skipIf(!popplerAvailable)("the PDF report draws the same peers' medians (needs poppler's pdftotext)", async () => {
    const res = await t.app.request(`/a/${codes.get(ids[21]!)!}/report.pdf`);
    expect(res.status).toBe(200);
    const text = pdfText(new Uint8Array(await res.arrayBuffer())).replace(/\s+/g, " ");
    expect(text).toContain("Trung vị các cơ sở cùng nhóm (Du lịch cộng đồng, homestay, siêu nhỏ, 15 cơ sở)");
  }, 60_000);

  it("the result page follows a new peer and a withdrawn consent at once (nothing stale is served)", async () => {
    const { withdrawConsent } = await import("../../src/services/dataRights.ts");
    const page = async () => (await (await t.app.request(`/a/${codes.get(ids[21]!)!}/result`)).text()).match(/So với (\d+) cơ sở du lịch cộng đồng/)?.[1];
    expect(await page()).toBe("15");
    expect(await page()).toBe("15"); // the same page again, kept
    const peer = await submitOwner(s, { name: "Homestay Bản Mển", legalForm: "household", communeId: "muong_thanh", sector: "tourism", statistics: true, pick: pickBest });
    expect(await page()).toBe("16");
    withdrawConsent(s, peer, "statistics", false);
    expect(await page()).toBe("15");
  });

  it("with fewer than 5 consenting peers it says so instead", async () => {
    const { peerBenchmark } = await import("../../src/services/peers.ts");
    const border = await submitOwner(s, { name: "HTX biên mậu", legalForm: "cooperative", taxCode: validTaxCode("560999999"), communeId: "na_tau", sector: "border_trade", statistics: true, pick: pickBest });
    const b = peerBenchmark(s, border);
    expect(b).toMatchObject({ ok: false, reason: "too_few_peers", minPeers: 5 });
    expect(b.peers).toBeLessThan(5);
  });
});

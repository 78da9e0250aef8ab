// The Decision 761 report for last year is computed from the state at 31/12: the register as it
// stood that day, the latest assessment of each business submitted by then, validations made by
// then. Changing the register and the assessments afterwards leaves it exactly as it was; it agrees
// with the dashboard at the same date; the live cubes agree with the same computation for today;
// twenty requests at once compute it once, in one worker, and it is kept until the data changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { linkByHand } from "../../db/registry.ts";
import { assessments, registry } from "../../db/schema.ts";
import { cellsAsOf, currentCells, reachCells } from "../../db/stats.ts";
import { computeFigures, FiguresService } from "../../src/services/figures.ts";
import { ReportPool } from "../../src/pdf/pool.ts";
import { dashboardData, type StatTable } from "../../src/services/stats.ts";
import { vietnamYear } from "../../src/domain/vietnamTime.ts";
import { pickBest, pickWorst } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, get, signInAs } from "../staffHelpers.ts";
import { addBusiness, servicesOf, setSubmittedAt, submitOwner, validateBy, validTaxCode, type Owner } from "../statsFixtures.ts";
import type { Services } from "../../src/services/assessments.ts";

const Y = vietnamYear() - 1;
const now = new Date().toISOString();
let t: TestApp;
let s: Services;
let dept: string;
const regIds: number[] = [];

const owner = (i: number): Owner => ({
  name: i >= 10 ? `Hộ kinh doanh Quàng Văn ${i}` : `Công ty TNHH Năm Cũ ${i}`,
  legalForm: i >= 10 ? "household" : "company",
  taxCode: i >= 10 ? null : validTaxCode(String(572000000 + i * 17)),
  communeId: i % 2 ? "muong_thanh" : "tua_chua",
  sector: i % 3 ? "ocop" : "tourism",
  statistics: i !== 4,
  pick: i < 5 ? pickBest : pickWorst,
});

function register(i: number, registeredOn: string, sizeClass: "micro" | "small" | null = "micro") {
  const o = owner(i);
  const row = t.db
    .insert(registry)
    .values({ registryKey: o.taxCode ?? `hh:${o.name}`, taxCode: o.taxCode, name: o.name, legalForm: o.legalForm, communeId: o.communeId, sector: o.sector, sizeClass, registeredOn, importedAt: now, updatedAt: now })
    .returning()
    .get();
  regIds[i] = row.id;
  return row;
}

beforeAll(async () => {
  t = makeTestApp();
  s = servicesOf(t);
  const adv = await addStaff(t.db, "advisor");
  dept = await signInAs(t, await addStaff(t.db, "department", "Nguyễn Thị Sở"));
  // Last year's register: companies 0-9 and households 10-11, registered in January.
  for (let i = 0; i < 12; i++) register(i, `${Y}-01-10`);
  // Last year's assessments: companies 0-7, household 10 (linked by hand that year) and household
  // 11 (linked only this year, in the test).
  for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 10, 11]) {
    const o = owner(i);
    const row = await submitOwner(s, o, { businessId: addBusiness(s, o).id });
    setSubmittedAt(s, row.id, `${Y}-0${1 + (i % 8)}-15T03:00:00.000Z`);
    if (i < 3) validateBy(s, row.id, adv.id, `${Y}-10-01T03:00:00.000Z`);
    if (i === 10) {
      linkByHand(s.db, row.id, regIds[10]!, null);
      t.db.$client.prepare(`UPDATE registry_links SET linked_at = ? WHERE assessment_id = ?`).run(`${Y}-09-01T03:00:00.000Z`, row.id);
    }
  }
  // Company 0 assessed itself again in November, on its own without a business record (same tax
  // code): one business, counted once, by its November answers.
  const again = await submitOwner(s, { ...owner(0), pick: pickWorst });
  setSubmittedAt(s, again.id, `${Y}-11-20T03:00:00.000Z`);
}, 120_000);
afterAll(() => t.cleanup());

async function report(year: number, edition = "internal") {
  const res = await t.app.request(`/staff/department/report-761.xlsx?year=${year}&edition=${edition}`, get(dept));
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return wb;
}

/** Every cell of every sheet, without the lines that say who made the file and when. */
function figuresOf(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((r, n) => {
      const v = (r.values as unknown[]).slice(1).map((x) => String(x ?? ""));
      const line = v.join("|").replace(/Lập bởi .*? lúc [\d/: ]+\(giờ Việt Nam\)\./g, "Lập bởi …");
      out.push(`${ws.name}#${n}: ${line}`);
    });
  return out;
}

describe("the yearly report stands as it was at 31/12", () => {
  it("re-running it after the register and the assessments changed gives the same figures", async () => {
    const before = figuresOf(await report(Y));
    const reachBefore = before.find((l) => l.startsWith("Chỉ tiêu#") && l.includes("Tỷ lệ doanh nghiệp nhỏ và vừa được đánh giá"))!;
    // 8 of the 10 companies were assessed last year; 3 validated by then
    expect(reachBefore).toContain("|Doanh nghiệp nhỏ và vừa|8|10|80|30|");

    // This year: two companies join the register, one closes, one moves commune and grows; new
    // assessments (the two unassessed companies, a re-assessment), a late validation of last
    // year's assessment, a hand link of last year's household made only now.
    register(12, `${Y + 1}-02-01`);
    t.db.update(registry).set({ closedOn: `${Y + 1}-03-01`, updatedAt: now }).where(eq(registry.id, regIds[5]!)).run();
    t.db.update(registry).set({ communeId: "na_tau", sizeClass: "small", updatedAt: now }).where(eq(registry.id, regIds[6]!)).run();
    for (const i of [8, 9]) await submitOwner(s, owner(i), { businessId: addBusiness(s, owner(i)).id });
    const first = t.db.select().from(assessments).where(eq(assessments.businessName, owner(3).name)).get()!;
    t.db.update(assessments).set({ validatedAt: now, validatedByStaffId: null }).where(eq(assessments.id, first.id)).run();
    await submitOwner(s, { ...owner(1), pick: pickWorst }, { businessId: first.businessId, round: 2, previousAssessmentId: t.db.select().from(assessments).where(eq(assessments.businessName, owner(1).name)).get()!.id });
    const hh = t.db.select().from(assessments).where(eq(assessments.businessName, owner(11).name)).get()!;
    linkByHand(s.db, hh.id, regIds[11]!, null); // assessed last year, linked by hand only this year

    const after = figuresOf(await report(Y));
    expect(after).toEqual(before);
    // the same changes do move this year's (provisional) report: the test would see a registry read today
    const thisYear = figuresOf(await report(Y + 1)).find((l) => l.startsWith("Chỉ tiêu#") && l.includes("Tỷ lệ doanh nghiệp nhỏ và vừa được đánh giá"))!;
    expect(thisYear).not.toContain("|8|10|");
  }, 60_000);

  it("every figure of the report is the dashboard's at the same date (indicators, by commune, breakdowns, levels)", async () => {
    const wb = await report(Y);
    const fig = computeFigures(t.db, { day: `${Y}-12-31` });
    const data = dashboardData(s, {}, { outbound: false, asOf: { day: `${Y}-12-31`, current: fig.current, reach: fig.reach } });
    const sheetOf: Record<string, string> = {
      "indicator-reach": "DNNVV được đánh giá theo xã",
      "indicator-platformUse": "DNNVV dùng nền tảng số theo xã",
      "by-sector": "Theo ngành",
      "by-communeId": "Theo xã, phường",
      "by-sizeClass": "Theo quy mô",
      "by-legalForm": "Theo loại hình",
      levels: "Phân bố mức",
    };
    let compared = 0;
    for (const [id, sheet] of Object.entries(sheetOf)) {
      const table = data.tables.find((x) => x.id === id) as StatTable;
      const ws = wb.getWorksheet(sheet)!;
      const cols = table.columns.filter((c) => c.key !== "label");
      const byLabel = new Map<string, unknown[]>();
      ws.eachRow((r) => byLabel.set(String(r.getCell(1).value), (r.values as unknown[]).slice(2)));
      for (const row of table.rows) {
        const cells = byLabel.get(row.label);
        expect(cells, `${sheet}: ${row.label}`).toBeDefined();
        cols.forEach((c, j) => {
          expect(cells![j] ?? null, `${sheet}: ${row.label} / ${c.label}`).toEqual(row.values[c.key] ?? null);
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(300);
    // the indicator sheet's headline numbers are the dashboard cards'
    const v = data.indicatorViews.find((x) => x.indicator.id === "reach")!;
    expect([v.all.numerator, v.all.denominator]).toEqual([8, 10]);
    // and the dashboard page at that date shows them
    const html = await (await t.app.request(`/staff/department?date=${Y}-12-31`, get(dept))).text();
    expect(html).toContain(`id="as-of"`);
    expect(html).toContain("8/10 doanh nghiệp nhỏ và vừa trong sổ đăng ký");
    // a day that does not exist, or not yet come, is refused in Vietnamese
    for (const bad of [`${Y}-02-30`, "2999-01-01", "31/12/2025"]) {
      const res = await t.app.request(`/staff/department?date=${encodeURIComponent(bad)}`, get(dept));
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toContain("Ngày phải là một ngày có thật");
    }
  }, 60_000);

  it("the live cubes and the same computation for today agree", () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const at = cellsAsOf(t.db, today);
    const key = (c: object) => JSON.stringify(c);
    const sortBy = <T extends object>(xs: T[]) => xs.map(key).sort();
    expect(sortBy(at.current)).toEqual(sortBy(currentCells(t.db, {})));
    expect(sortBy(at.reach.filter((r) => r.registered || r.reached))).toEqual(sortBy(reachCells(t.db, {}).filter((r) => r.registered || r.reached)));
  });

  it("a business that assessed itself twice that year counts once, by its latest answers", () => {
    const { current } = cellsAsOf(t.db, `${Y}-12-31`);
    // eleven assessments by 31/12, ten businesses: companies 0-7 and households 10-11
    expect(current.reduce((n, c) => n + c.n, 0)).toBe(10);
    // company 0's November self-assessment (worst answers) is the one counted, not its first (best)
    const tourismCompanies = current.filter((c) => c.sector === "tourism" && c.legalForm === "company");
    expect(tourismCompanies.reduce((n, c) => n + c.levels[5]! + c.levels[4]!, 0)).toBe(1); // company 3 only
    // on 19 November the first one still counted
    const before = cellsAsOf(t.db, `${Y}-11-19`).current.filter((c) => c.sector === "tourism" && c.legalForm === "company");
    expect(before.reduce((n, c) => n + c.levels[5]! + c.levels[4]!, 0)).toBe(2);
  });

  it("labels name the population; the published edition hides what the department's own shows", async () => {
    const own = await report(Y, "internal");
    const pub = await report(Y, "published");
    expect(String(own.getWorksheet("Theo ngành")!.getRow(1).getCell(1).value)).toContain("Mọi cơ sở (doanh nghiệp mọi quy mô, hợp tác xã, hộ kinh doanh)");
    expect(String(own.getWorksheet("Chỉ tiêu")!.getRow(4).getCell(1).value)).toContain("BẢN CỦA SỞ");
    expect(String(pub.getWorksheet("Chỉ tiêu")!.getRow(4).getCell(1).value)).toContain("BẢN CÔNG BỐ");
    // Mường Thanh had 4 companies registered, 4 assessed last year: exact in the department's edition, hidden in the published one
    const row = (wb: ExcelJS.Workbook) => {
      let v: unknown[] = [];
      wb.getWorksheet("DNNVV được đánh giá theo xã")!.eachRow((r) => {
        if (r.getCell(1).value === "Mường Thanh") v = (r.values as unknown[]).slice(2, 5);
      });
      return v;
    };
    expect(row(own)).toEqual([5, 4, 80]);
    expect(row(pub)).toEqual([5, "x", "x"]);
    for (const ws of own.worksheets) expect(JSON.stringify(ws.getSheetValues()), ws.name).toMatch(/Lập bởi Nguyễn Thị Sở lúc/);
  }, 60_000);
});

describe("one computation, one worker, kept until the data changes", () => {
  it("twenty requests at once compute the figures once; again: none; after a change: once more", async () => {
    const pool = new ReportPool({ size: 1 });
    const f = new FiguresService(t.db, { databasePath: t.dbPath, pool });
    try {
      const job = { day: `${Y}-12-31`, year: Y };
      const all = await Promise.all(Array.from({ length: 20 }, () => f.get(job)));
      expect(f.computations).toBe(1);
      expect(pool.stats().started).toBe(1);
      expect(new Set(all).size).toBe(1);
      await f.get(job);
      expect(f.computations).toBe(1);
      t.db.update(registry).set({ name: "Công ty TNHH Đổi Tên", updatedAt: new Date().toISOString() }).where(eq(registry.id, regIds[0]!)).run();
      await Promise.all([f.get(job), f.get(job)]);
      expect(f.computations).toBe(2);
      expect(pool.stats().started).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("twenty report requests at once get one workbook, made once, with the figures of 31/12", async () => {
    const res = await Promise.all(Array.from({ length: 20 }, () => t.app.request(`/staff/department/report-761.xlsx?year=${Y}`, get(dept))));
    expect(res.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(res.map(async (r) => Buffer.from(await r.arrayBuffer()).toString("base64")));
    // made once: every copy is the same file, down to the stamp saying who made it and when
    expect(new Set(bodies).size).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bodies[0]!, "base64") as never);
    expect(figuresOf(wb).find((l) => l.startsWith("Chỉ tiêu#") && l.includes("Tỷ lệ doanh nghiệp nhỏ và vừa được đánh giá"))).toContain("|Doanh nghiệp nhỏ và vừa|8|10|");
  }, 120_000);
});

// Groups of 1 to 4 businesses never leave the staff pages: not through the statistics API, the
// exported tables, the yearly report or the open data, and no published total gives them back by
// subtraction. For k = 1..4, k businesses of Nà Tấu (all at level 0, re-assessed, asking for
// advice) sit next to 12 of Mường Thanh (all at level 5).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { pickBest, pickWorst } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, get, signInAs } from "../staffHelpers.ts";
import { addBusiness, addRegistryRows, addSupport, addAdvisor, servicesOf, setSubmittedAt, submitOwner, validTaxCode } from "../statsFixtures.ts";
import { createApiToken } from "../../src/services/apiTokens.ts";
import { dashboardData, refreshDemand } from "../../src/services/stats.ts";
import { parseCsv } from "../../src/domain/csv.ts";
import { vi } from "../../views/messages.ts";

const X = vi.department.suppressed;
type Col = { key: string; label: string; kind: string };
type Row = { label: string; total: boolean; values: Record<string, unknown> };

/** Counts of businesses in a table: never 1..4, and a shown total minus the shown parts is never 1..4. */
function leaks(name: string, cols: Col[], rows: Row[], additive: boolean): string[] {
  const out: string[] = [];
  const counts = cols.filter((c) => c.kind === "count" && c.key !== "registered");
  for (const c of counts) {
    for (const r of rows) {
      const v = r.values[c.key];
      if (typeof v === "number" && v >= 1 && v <= 4) out.push(`${name}: "${r.label}" ${c.label} = ${v}`);
    }
    const total = rows.find((r) => r.total);
    if (!additive || !total || typeof total.values[c.key] !== "number") continue;
    const parts = rows.filter((r) => !r.total);
    const shown = parts.reduce((s, r) => s + (typeof r.values[c.key] === "number" ? (r.values[c.key] as number) : 0), 0);
    const gap = (total.values[c.key] as number) - shown;
    if (gap >= 1 && gap <= 4) out.push(`${name}: ${c.label} total − shown rows = ${gap}`);
  }
  out.push(...levelLeaks(name, cols, rows));
  return out;
}

/** A row's level shares are counts too (share × businesses): never 1..4, and not one hidden that the others give back. */
function levelLeaks(name: string, cols: Col[], rows: Row[]): string[] {
  const out: string[] = [];
  const levelKeys = cols.filter((c) => /^level\d$/.test(c.key)).map((c) => c.key);
  if (!levelKeys.length) return out;
  for (const r of rows) {
    const n = r.values.statsN;
    if (typeof n !== "number") continue;
    let shown = 0;
    for (const key of levelKeys) {
      const v = r.values[key];
      if (typeof v !== "number") continue;
      const implied = Math.round((v * n) / 100);
      if (implied >= 1 && implied <= 4) out.push(`${name}: "${r.label}" ${key} ${v} % of ${n} = ${implied}`);
      shown += implied;
    }
    if (n - shown >= 1 && n - shown <= 4) out.push(`${name}: "${r.label}" businesses − shown levels = ${n - shown}`);
  }
  return out;
}
const ADDITIVE = new Set(["indicator-reach", "indicator-platformUse", "by-sector", "by-communeId", "by-sizeClass", "by-legalForm", "levels", "trend", "advice", "infrastructure-skills"]);

for (const k of [1, 2, 3, 4]) {
  describe(`a group of ${k} in Nà Tấu`, () => {
    let t: TestApp;
    let cookie: string;
    let token: string;
    let defs: { id: string; title: string; columns: Col[] }[];
    const auth = () => ({ headers: { authorization: `Bearer ${token}` } });

    beforeAll(async () => {
      t = makeTestApp();
      const s = servicesOf(t);
      const adv = addAdvisor(s);
      const people = [
        ...Array.from({ length: 12 }, (_, i) => ({ i, communeId: "muong_thanh", pick: pickBest })),
        ...Array.from({ length: k }, (_, i) => ({ i: 100 + i, communeId: "na_tau", pick: pickWorst })),
      ];
      addRegistryRows(
        s,
        people.map((p) => ({ taxCode: validTaxCode(String(560200000 + p.i * 53)), name: `Cơ sở ${p.i}`, legalForm: "company" as const, communeId: p.communeId, sector: "ocop" as const })),
      );
      for (const p of people) {
        const o = { name: `Cơ sở ${p.i}`, legalForm: "company" as const, taxCode: validTaxCode(String(560200000 + p.i * 53)), communeId: p.communeId, sector: "ocop" as const, statistics: true, pick: p.pick };
        if (p.communeId === "na_tau") {
          // re-assessed after training, and asking for advice
          const b = addBusiness(s, o);
          const t0 = await submitOwner(s, o, { businessId: b.id });
          setSubmittedAt(s, t0.id, "2026-03-01T03:00:00.000Z");
          addSupport(s, b.id, "training", "2026-04-01", adv.id);
          const t1 = await submitOwner(s, o, { businessId: b.id, round: 2, previousAssessmentId: t0.id });
          setSubmittedAt(s, t1.id, "2026-06-01T03:00:00.000Z");
          t.db.$client
            .prepare(`INSERT INTO advice_requests (assessment_id, action_id, channel, contact, status, dedupe_key, created_at, updated_at) VALUES (?, 'einvoice', 'phone', '0912345678', 'new', ?, 'x', 'x')`)
            .run(t1.id, `k${p.i}`);
        } else {
          const row = await submitOwner(s, o);
          setSubmittedAt(s, row.id, "2026-06-01T03:00:00.000Z");
        }
      }
      refreshDemand(s, 60_000);
      // The staff page does see the small group (positive control).
      expect(dashboardData(s, { communeId: "na_tau" }).headline.assessed).toBe(k);
      cookie = await signInAs(t, await addStaff(t.db, "department"));
      token = createApiToken(t.db, "thử").token;
      defs = ((await (await t.app.request("/api/v1/stats/tables", auth())).json()) as any).tables;
    }, 120_000);
    afterAll(() => t.cleanup());

    it("the statistics API: summary and every table, for the province and filtered to the small group", async () => {
      const small = (await (await t.app.request("/api/v1/stats/summary?communeId=na_tau", auth())).json()) as any;
      expect(small.headline).toMatchObject({ reached: null, assessed: null, statisticsBase: null, platformUsePct: null, meanOverall: null });
      const found: string[] = [];
      for (const q of ["", "?communeId=na_tau", "?sector=ocop", "?communeId=muong_thanh"]) {
        const all = (await (await t.app.request(`/api/v1/stats/tables${q}`, auth())).json()) as any;
        for (const tb of all.tables) found.push(...leaks(`${tb.id}${q}`, tb.columns, tb.rows, ADDITIVE.has(tb.id)));
        for (const d of defs) {
          const one = (await (await t.app.request(`/api/v1/stats/tables/${d.id}${q}`, auth())).json()) as any;
          found.push(...leaks(`${d.id}${q} (one)`, one.table.columns, one.table.rows, ADDITIVE.has(d.id)));
        }
      }
      expect(found).toEqual([]);
      // The small group is hidden, not absent: its commune row says so.
      const byCommune = ((await (await t.app.request(`/api/v1/stats/tables/by-communeId`, auth())).json()) as any).table;
      expect(byCommune.rows.find((r: any) => r.key === "na_tau").suppressed).toContain("reached");
    });

    it("exported tables (XLSX workbook and each CSV), with and without the filter", async () => {
      const found: string[] = [];
      const labelsOf = new Map(defs.map((d) => [d.title, d]));
      for (const q of ["", "?communeId=na_tau"]) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(await (await t.app.request(`/staff/department/exports/tables.xlsx${q}`, get(cookie))).arrayBuffer()) as never);
        wb.worksheets.forEach((ws, i) => {
          const d = defs[i]!;
          const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
          const rows: Row[] = [];
          ws.eachRow((r, n) => {
            if (n === 1) return;
            const v = (r.values as unknown[]).slice(1);
            if (v.length < 2) return; // notes under the table
            rows.push({ label: String(v[0]), total: String(v[0]) === vi.department.columns.total, values: Object.fromEntries(d.columns.slice(1).map((c, j) => [c.key, v[j + 1] === X ? null : v[j + 1]])) });
          });
          expect(header[0]).toBe(d.columns[0]!.label);
          found.push(...leaks(`${ws.name}${q}`, d.columns, rows, ADDITIVE.has(d.id)));
        });
        for (const d of defs) {
          const text = await (await t.app.request(`/staff/department/exports/tables/${d.id}.csv${q}`, get(cookie))).text();
          const [, ...body] = parseCsv(text);
          const rows = body.map((cells) => ({ label: cells[0]!, total: cells[0] === vi.department.columns.total, values: Object.fromEntries(d.columns.slice(1).map((c, j) => [c.key, cells[j + 1] === "" || cells[j + 1] === X ? null : Number(cells[j + 1])])) }));
          found.push(...leaks(`${d.id}.csv${q}`, d.columns, rows, ADDITIVE.has(d.id)));
        }
        void labelsOf;
      }
      expect(found).toEqual([]);
    });

    it("the yearly report", async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await (await t.app.request("/staff/department/report-761.xlsx?year=2026", get(cookie))).arrayBuffer()) as never);
      const found: string[] = [];
      const sheetTable: Record<string, string> = { "Theo ngành": "by-sector", "Theo xã, phường": "by-communeId", "Theo quy mô": "by-sizeClass", "Theo loại hình": "by-legalForm", "Phân bố mức": "levels", "T0-T1": "change", "DNNVV được đánh giá theo xã": "indicator-reach", "DNNVV dùng nền tảng số theo xã": "indicator-platformUse" };
      for (const [sheet, id] of Object.entries(sheetTable)) {
        const ws = wb.getWorksheet(sheet)!;
        const d = defs.find((x) => x.id === id)!;
        const rows: Row[] = [];
        let header = 0;
        ws.eachRow((r, n) => {
          if (!header) {
            if (r.getCell(1).value === d.columns[0]!.label) header = n;
            return;
          }
          const v = (r.values as unknown[]).slice(1);
          if (v.length < 2) return;
          rows.push({ label: String(v[0]), total: String(v[0]) === vi.department.columns.total, values: Object.fromEntries(d.columns.slice(1).map((c, j) => [c.key, v[j + 1] === X ? null : v[j + 1]])) });
        });
        expect(rows.length).toBeGreaterThan(0);
        found.push(...leaks(sheet, d.columns, rows, ADDITIVE.has(id)));
      }
      // the indicator sheet: no numerator (column 3) of 1 to 4 businesses
      const kpi = wb.getWorksheet("Chỉ tiêu")!;
      kpi.eachRow((r) => {
        const v = r.getCell(3).value;
        if (typeof v === "number" && v >= 1 && v <= 4) found.push(`Chỉ tiêu: ${r.getCell(1).value} / ${r.getCell(2).value} = ${v}`);
      });
      expect(found).toEqual([]);
    }, 30_000);

    it("the open data (JSON and CSV)", async () => {
      const o = (await (await t.app.request("/open-data/readiness.json")).json()) as any;
      const found: string[] = [];
      for (const r of o.rows) if (typeof r.businesses === "number" && r.businesses >= 1 && r.businesses <= 4) found.push(`${r.commune_id}/${r.size_class}: ${r.businesses}`);
      const levelCols = Object.keys(o.total.levels_pct).map((l) => ({ key: `level${l}`, label: l, kind: "pct" }));
      const asRow = (r: any): Row => ({ label: `${r.commune_id}/${r.size_class}`, total: false, values: { statsN: r.businesses, ...Object.fromEntries(Object.entries(r.levels_pct).map(([l, v]) => [`level${l}`, v])) } });
      found.push(...levelLeaks("open data", levelCols, [...o.rows, o.total].map(asRow)));
      expect(o.rows.filter((r: any) => r.commune_id === "na_tau").every((r: any) => r.suppressed)).toBe(true);
      if (!o.total.suppressed) {
        const shown = o.rows.reduce((s: number, r: any) => s + (r.businesses ?? 0), 0);
        const gap = o.total.businesses - shown;
        if (gap >= 1 && gap <= 4) found.push(`total − shown = ${gap}`);
      }
      expect(found).toEqual([]);
      // every one-way table: no group of 1-4, its total minus its shown rows never 1-4, the CSV the same
      for (const [name, table] of Object.entries(o.tables) as [string, any[]][]) {
        const total = table.find((r) => r.total);
        for (const r of table) if (typeof r.businesses === "number" && r.businesses >= 1 && r.businesses <= 4) found.push(`${name}/${r.key}: ${r.businesses}`);
        if (typeof total.businesses === "number") {
          const gap = total.businesses - table.filter((r) => !r.total).reduce((x, r) => x + (r.businesses ?? 0), 0);
          if (gap >= 1 && gap <= 4) found.push(`${name}: total − shown = ${gap}`);
        }
        expect(table.find((r) => r.key === "na_tau")?.businesses ?? null, name).toBeNull();
        const [h, ...lines] = parseCsv(await (await t.app.request(`/open-data/tables/${name}.csv`)).text());
        const b = h!.indexOf("businesses");
        expect(lines.length, name).toBe(table.length);
        for (const r of lines) expect(r[b] === "" || r[b] === "0" || Number(r[b]) >= 5, `${name} csv ${r.join(";")}`).toBe(true);
      }
      expect(found).toEqual([]);
      const [header, ...rows] = parseCsv(await (await t.app.request("/open-data/readiness.csv")).text());
      const col = header!.indexOf("businesses");
      for (const r of rows) expect(["", "0"].includes(r[col]!) || Number(r[col]) >= 5).toBe(true);
      expect(JSON.stringify(o)).not.toContain("Cơ sở 1"); // no business-level rows
      // the page says the platform-use share rests on the businesses that chose to be assessed, and how much of the register they are
      expect(o.total.suppressed).toBe(false);
      {
        const registered = o.tables.reach_by_sector.find((r: any) => r.total).registered;
        const note = /<p id="self-selected">([^<]*)<\/p>/.exec(await (await t.app.request("/open-data")).text())?.[1] ?? "";
        const pctText = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format(Math.round((1000 * o.total.businesses) / registered) / 10);
        expect(note).toContain(`trong số ${o.total.businesses} cơ sở đã tự chọn làm bài đánh giá`);
        expect(note).toContain(`bằng ${pctText}% số ${registered} cơ sở trong sổ đăng ký`);
        expect(note).toContain("không phải tỷ lệ của toàn tỉnh");
      }
    });
  });
}

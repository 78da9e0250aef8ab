// The centre's activity page on a small fixture worked out by hand (a fixed "now" of 15/06/2026):
// requests for advice by status and age, re-assessments due with the periods in follow-up.yaml,
// validations by advisor, support against the year's budget. Then the files: a CSV that Excel set
// to Vietnamese opens as it is (";" and decimal commas), and Excel files whose days are dates.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { parse, stringify } from "yaml";
import { insertSupport } from "../../db/businesses.ts";
import { assessments } from "../../db/schema.ts";
import { eq } from "drizzle-orm";
import { parseCsv, UTF8_BOM } from "../../src/domain/csv.ts";
import { ContentError, loadContent } from "../../src/content/load.ts";
import { activity } from "../../src/services/activity.ts";
import { pickBest } from "../answering.ts";
import { copyContent, makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, get, signInAs } from "../staffHelpers.ts";
import { addBusiness, servicesOf, setSubmittedAt, submitOwner, validateBy, validTaxCode } from "../statsFixtures.ts";
import type { Services } from "../../src/services/assessments.ts";

const NOW = Date.parse("2026-06-15T03:00:00Z");
const daysAgo = (n: number) => new Date(NOW - n * 86400_000).toISOString();
let t: TestApp;
let s: Services;
let contentCopy: ReturnType<typeof copyContent>;
let dept: string;
let advisorA: { id: number };
let advisorB: { id: number };

/** A followed business whose latest assessment was submitted `submittedDaysAgo` days before NOW. */
async function followed(i: number, submittedDaysAgo: number, opts: { supportDaysAgo?: number; draft?: boolean } = {}) {
  const o = { name: `Công ty TNHH Theo dõi ${i}`, legalForm: "company" as const, taxCode: validTaxCode(String(571000000 + i * 13)), communeId: i < 3 ? "tua_chua" : "muong_thanh", sector: "ocop" as const, statistics: true, pick: pickBest };
  const businessId = addBusiness(s, o).id;
  const row = await submitOwner(s, o, { businessId });
  setSubmittedAt(s, row.id, daysAgo(submittedDaysAgo));
  if (opts.supportDaysAgo !== undefined)
    insertSupport(s.db, { businessId, assessmentId: null, type: "training", date: daysAgo(opts.supportDaysAgo).slice(0, 10), amountVnd: null, platformId: null, note: null, staffId: advisorA.id });
  if (opts.draft) s.db.insert(assessments).values({ ...row, id: undefined, codeHash: `draft-${i}`, status: "draft", submittedAt: null, round: 2, previousAssessmentId: row.id }).run();
  return { businessId, assessmentId: row.id };
}

beforeAll(async () => {
  // A copy of the content with this year's budget entered, as the centre would.
  contentCopy = copyContent();
  const file = join(contentCopy.dir, "follow-up.yaml");
  const y = parse(readFileSync(file, "utf8"));
  y.budgets = [{ year: 2026, totalVnd: 70_000_000, source: "Quyết định thử số 1/QĐ-TTĐMST ngày 02/01/2026" }];
  writeFileSync(file, stringify(y));
  t = makeTestApp({ contentDir: contentCopy.dir });
  s = servicesOf(t);
  advisorA = await addStaff(t.db, "advisor", "Lò Văn An");
  advisorB = await addStaff(t.db, "advisor", "Quàng Thị Bình");
  dept = await signInAs(t, await addStaff(t.db, "department"));

  // Re-assessments: 12 months after the last one (400 days), 3 months after support (support 150
  // days ago, after a submission 200 days ago), due within 30 days (340 days), not yet (10 days),
  // and one already being re-assessed.
  const b1 = await followed(1, 400);
  await followed(2, 200, { supportDaysAgo: 150 });
  await followed(3, 340);
  const b4 = await followed(4, 10);
  await followed(5, 400, { draft: true });

  // Validations: An validated two this year (one 5 days ago), Bình one in 2025.
  validateBy(s, b1.assessmentId, advisorA.id, daysAgo(5));
  validateBy(s, b4.assessmentId, advisorA.id, "2026-02-01T03:00:00Z");
  const old = await followed(6, 30);
  validateBy(s, old.assessmentId, advisorB.id, "2025-11-01T03:00:00Z");

  // Support in 2026 (before business 6's last assessment, so it does not make it due): 30 and 20
  // million đồng, a training without an amount; one in 2025 (not counted). With business 2's
  // training in January, 2026 has four records, two without an amount.
  const money = (type: "consultation" | "platform_subsidy" | "training", date: string, amountVnd: number | null) =>
    insertSupport(s.db, { businessId: old.businessId, assessmentId: null, type, date, amountVnd, platformId: null, note: null, staffId: advisorA.id });
  money("consultation", "2026-03-01", 30_000_000);
  money("platform_subsidy", "2026-04-01", 20_000_000);
  money("training", "2026-05-01", null);
  money("consultation", "2025-12-20", 10_000_000);

  // Requests for advice: 1 and 5 days old (new), 20 days (in progress), 45 days (done).
  for (const [days, status] of [
    [1, "new"],
    [5, "new"],
    [20, "in_progress"],
    [45, "done"],
  ] as const)
    t.db.$client
      .prepare(`INSERT INTO advice_requests (assessment_id, action_id, channel, contact, status, dedupe_key, created_at, updated_at) VALUES (?, 'act', 'phone', '0900000000', ?, ?, ?, ?)`)
      .run(b1.assessmentId, status, `k${days}`, daysAgo(days), daysAgo(days));
}, 120_000);
afterAll(() => {
  t.cleanup();
  contentCopy.cleanup();
});

const table = (id: string) => activity(s, 2026, NOW).tables.find((x) => x.id === id)!;
const row = (id: string, key: string) => table(id).rows.find((r) => r.key === key)!.values;

describe("the centre's activity, worked out by hand", () => {
  it("requests for advice by status and age: ≤2, 3-7, 8-30, >30 days", () => {
    expect(row("advice", "new")).toMatchObject({ age0: 1, age1: 1, age2: 0, age3: 0, count: 2, oldest: 5 });
    expect(row("advice", "in_progress")).toMatchObject({ age2: 1, count: 1 });
    expect(row("advice", "done")).toMatchObject({ age3: 1, count: 1, oldest: 45 });
    expect(row("advice", "_total")).toMatchObject({ count: 4, oldest: 45 });
  });
  it("re-assessments due: one yearly, one after support, one within 30 days, one not yet, one in progress", () => {
    expect(row("reassessments", "_total")).toEqual({ afterSupport: 1, yearly: 1, soon: 1, inProgress: 1, notYet: 2 });
    expect(row("reassessments", "tua_chua")).toEqual({ afterSupport: 1, yearly: 1, soon: 0, inProgress: 0, notYet: 0 });
  });
  it("the periods are the file's: with 8 months after support, the business supported 150 days ago is not due yet", () => {
    const f = s.content.followUp.reassessment;
    const longer = { ...s, content: { ...s.content, followUp: { ...s.content.followUp, reassessment: { ...f, afterSupportMonths: 8 } } } };
    expect(activity(longer, 2026, NOW).tables.find((x) => x.id === "reassessments")!.rows.find((r) => r.total)!.values).toMatchObject({ afterSupport: 0 });
  });
  it("validations by advisor in the year and in the last 30 days; Bình's 2025 validation is not this year's", () => {
    const t2 = table("advisors");
    const an = t2.rows.find((r) => r.label === "Lò Văn An")!.values;
    const binh = t2.rows.find((r) => r.label === "Quàng Thị Bình")!.values;
    expect([an.validated, an.validatedRecent]).toEqual([2, 1]);
    expect([binh.validated, binh.validatedRecent]).toEqual([0, 0]);
    expect(activity(s, 2025, NOW).tables.find((x) => x.id === "advisors")!.rows.find((r) => r.label === "Quàng Thị Bình")!.values.validated).toBe(1);
  });
  it("support of 2026 against its budget: 50 of 70 million đồng (71.4 %), two records without an amount", () => {
    const a = activity(s, 2026, NOW);
    expect(a.budget).toEqual({ year: 2026, budgetVnd: 70_000_000, source: "Quyết định thử số 1/QĐ-TTĐMST ngày 02/01/2026", spentVnd: 50_000_000, withoutAmount: 2, remainingVnd: 20_000_000, usedPct: 71.4 });
    expect(row("support", "consultation")).toEqual({ records: 1, withAmount: 1, amountVnd: 30_000_000, sharePct: 42.9 });
    // a year with no budget in the file says so rather than comparing with anything
    expect(activity(s, 2025, NOW).budget).toMatchObject({ budgetVnd: null, spentVnd: 10_000_000, remainingVnd: null, usedPct: null });
  });
});

describe("the page and its files", () => {
  it("the page shows the budget line and every table; advisors may read it, a bad year is a Vietnamese 400", async () => {
    const res = await t.app.request("/staff/activity?year=2026", get(dept));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Dự toán năm 2026: 70.000.000 đồng; đã ghi nhận 50.000.000 đồng (71,4%), còn 20.000.000 đồng.");
    for (const id of ["advice", "reassessments", "advisors", "support"]) expect(html).toContain(`id="t-${id}"`);
    const adv = await signInAs(t, await addStaff(t.db, "advisor"));
    expect((await t.app.request("/staff/activity", get(adv))).status).toBe(200);
    const bad = await t.app.request("/staff/activity?year=1999", get(dept));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Năm phải từ");
  });

  it("the CSV for Excel in Vietnamese: BOM, ';' between columns, decimal commas; the standard one ',' and points", async () => {
    const bytes = new Uint8Array(await (await t.app.request("/staff/activity/tables/support.csv?year=2026&excel=vi", get(dept))).arrayBuffer());
    // the UTF-8 byte order mark, which tells Excel the file is UTF-8 (Vietnamese letters intact)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const vi = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(vi.startsWith(UTF8_BOM)).toBe(true);
    const lines = vi.slice(1).split("\r\n");
    expect(lines[0]).toBe("Loại hỗ trợ;Số lần hỗ trợ;Có ghi số tiền;Số tiền (đồng);Phần của dự toán (%)");
    expect(lines).toContain("Tư vấn;1;1;30000000;42,9");
    expect(parseCsv(vi).find((r) => r[0] === "Tổng")).toEqual(["Tổng", "4", "2", "50000000", "71,4"]);
    const std = await (await t.app.request("/staff/activity/tables/support.csv?year=2026", get(dept))).text();
    expect(std.split("\r\n")).toContain("Tư vấn,1,1,30000000,42.9");
  });

  it("department exports: the Excel-in-Vietnamese CSV writes days as dd/mm/yyyy and scores with a decimal comma", async () => {
    const res = await t.app.request("/staff/department/exports/assessments.csv?excel=vi", get(dept));
    expect(res.headers.get("content-disposition")).toMatch(/-excel\.csv"/);
    const [header, ...rows] = parseCsv(await res.text());
    const day = header!.indexOf("Ngày nộp");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[day]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const scoreCol = header!.indexOf("Điểm chung");
    expect(rows.some((r) => /^\d+,\d+$/.test(r[scoreCol]!)) || rows.every((r) => /^\d+$/.test(r[scoreCol]!))).toBe(true);
    expect(rows.every((r) => !r[scoreCol]!.includes("."))).toBe(true);
  });

  it("Excel files hold days as dates (dd/mm/yyyy), not text: assessments, support, the activity workbook", async () => {
    const load = async (path: string) => {
      const wb = new ExcelJS.Workbook();
      const res = await t.app.request(path, get(dept));
      expect(res.status, path).toBe(200);
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      return wb;
    };
    const ws = (await load("/staff/department/exports/assessments.xlsx")).worksheets[0]!;
    const col = (ws.getRow(1).values as unknown[]).indexOf("Ngày nộp");
    const one = await s.db.select().from(assessments).where(eq(assessments.businessName, "Công ty TNHH Theo dõi 4")).get();
    let seen = 0;
    ws.eachRow((r, n) => {
      if (n === 1 || r.getCell(1).value !== one!.id) return;
      const c = r.getCell(col);
      expect(c.value).toBeInstanceOf(Date);
      expect(c.numFmt).toBe("dd/mm/yyyy");
      // submitted 10 days before 15/06/2026 at 10:00 Vietnam time: 05/06/2026
      expect((c.value as Date).toISOString().slice(0, 10)).toBe("2026-06-05");
      seen++;
    });
    expect(seen).toBe(1);
    const sup = (await load("/staff/department/exports/support.xlsx")).worksheets[0]!;
    expect(sup.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    const act = await load("/staff/activity/export.xlsx?year=2026");
    expect(act.worksheets.length).toBe(4);
    const notes: string[] = [];
    act.worksheets[3]!.eachRow((r) => notes.push(String(r.getCell(1).value)));
    expect(notes.some((x) => /^Lập bởi .+ lúc /.test(x))).toBe(true);
  });
});

describe("follow-up.yaml is checked at start-up", () => {
  it("refuses a budget without the decision that set it, and age groups that do not increase", () => {
    for (const [edit, path] of [
      [(y: any) => (y.budgets = [{ year: 2026, totalVnd: 5, source: null }]), "budgets[0].source"],
      [(y: any) => (y.adviceAgeDays = [7, 2]), "adviceAgeDays"],
    ] as const) {
      const c = copyContent();
      try {
        const file = join(c.dir, "follow-up.yaml");
        const y = parse(readFileSync(file, "utf8"));
        edit(y);
        writeFileSync(file, stringify(y));
        let err: unknown;
        try {
          loadContent(c.dir);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ContentError);
        expect((err as ContentError).file).toMatch(/follow-up\.yaml$/);
        expect((err as ContentError).path).toBe(path);
      } finally {
        c.cleanup();
      }
    }
  });
});

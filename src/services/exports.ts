// Staff exports: CSV (UTF-8 with BOM so Excel shows Vietnamese) and XLSX (exceljs streaming
// writer). Rows are read a page at a time and written as they come: a large export never sits in
// memory, and other requests run between pages.
import { PassThrough, Readable } from "node:stream";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { answersOfAssessments, assessmentsPage, supportPage } from "../../db/exports.ts";
import type { StaffMember } from "../domain/access.ts";
import type { Filter } from "../domain/aggregates.ts";
import { csvLine, CSV_STANDARD, UTF8_BOM, type CsvDialect } from "../domain/csv.ts";
import { oneLine, withoutInvisible } from "../domain/text.ts";
import type { Questionnaire } from "../domain/questionnaire.ts";
import { maxPoints, pointsEarned, selectedOptions, type AnswerValue } from "../domain/scoring.ts";
import { fmt, msg, vi, type Messages } from "../../views/messages.ts";
import type { Services } from "./assessments.ts";
import { labels, type StatTable } from "./stats.ts";
import { vietnamDay } from "../domain/vietnamTime.ts";

/** A cell of an export; a Date is a whole day (UTC midnight), written as a date in XLSX. */
export type Cell = string | number | Date | null;

/** The day of a "YYYY-MM-DD" string, as an export cell. */
export const dayCell = (day: string | null | undefined): Date | null => (day && /^\d{4}-\d{2}-\d{2}/.test(day) ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : null);
/** The Vietnam day (UTC+7) of an instant, as an export cell. */
export const vnDayCell = (iso: string | null | undefined): Date | null => (iso ? dayCell(vietnamDay(iso)) : null);

export interface Sheet {
  /** Sheet name (≤ 31 characters, Excel's limit). */
  name: string;
  header: string[];
  widths?: number[];
  rows: () => AsyncIterable<Cell[]>;
  /** Lines printed under the table in XLSX (legend, source). */
  notes?: string[];
}

const PAGE = 1000;
const yieldToOthers = () => new Promise<void>((r) => setImmediate(r));

/** One CSV file, streamed: BOM, header, then rows in chunks of about 64 KB. */
export function csvStream(sheet: Sheet, dialect: CsvDialect = CSV_STANDARD): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let it: AsyncIterator<Cell[]> | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        it = sheet.rows()[Symbol.asyncIterator]();
        controller.enqueue(enc.encode(UTF8_BOM + csvLine(sheet.header, dialect)));
        return;
      }
      let chunk = "";
      while (chunk.length < 64 * 1024) {
        const { value, done } = await it!.next();
        if (done) {
          if (chunk) controller.enqueue(enc.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(value, dialect);
      }
      controller.enqueue(enc.encode(chunk));
    },
    async cancel() {
      await it?.return?.();
    },
  });
}

/** An XLSX workbook, streamed sheet by sheet, row by row. */
export function xlsxStream(sheets: Sheet[]): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  void (async () => {
    try {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      wb.creator = vi.site.owner;
      for (const sheet of sheets) {
        const ws = wb.addWorksheet(sheetName(sheet.name), { views: [{ state: "frozen", ySplit: 1 }] });
        ws.columns = sheet.header.map((h, i) => ({ header: h, width: sheet.widths?.[i] ?? Math.min(60, Math.max(10, h.length + 2)) }));
        ws.getRow(1).font = { bold: true };
        ws.getRow(1).commit();
        let n = 0;
        for await (const row of sheet.rows()) {
          const r = ws.addRow(row.map(xlsxCell));
          // A day is a real date in Excel (sorts and filters as one), shown the Vietnamese way.
          row.forEach((v, i) => {
            if (v instanceof Date) r.getCell(i + 1).numFmt = "dd/mm/yyyy";
          });
          r.commit();
          if (++n % PAGE === 0 && out.writableNeedDrain) await once(out, "drain");
        }
        if (sheet.notes?.length) {
          ws.addRow([]).commit();
          for (const note of sheet.notes) ws.addRow([note]).commit();
        }
        ws.commit();
      }
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

/**
 * A cell as XLSX can hold it: a control character makes the file one Excel refuses to open, and a
 * bidi override disguises the text; both are dropped even if stored before inputs were cleaned.
 */
const xlsxCell = (cell: Cell): Cell => (typeof cell === "string" ? withoutInvisible(cell) : cell);

/** Excel refuses * ? : \\ / [ ] in sheet names and more than 31 characters. */
export const sheetName = (name: string) => name.replace(/[*?:\\/[\]]/g, "-").slice(0, 31);

/** A sheet of rows known in advance (small tables). */
export function listSheet(name: string, header: string[], rows: Cell[][], notes?: string[], widths?: number[]): Sheet {
  return {
    name,
    header,
    notes,
    widths,
    rows: async function* () {
      yield* rows;
    },
  };
}

const d = vi.department;

/** A dashboard table; hidden cells (disclosure control) are written "x". */
export function tableSheet(t: StatTable, name = t.title): Sheet {
  const cols = t.columns.filter((c) => c.key !== "label");
  const rows = t.rows.map((r) => [r.label, ...cols.map((c) => (r.hidden.includes(c.key) ? d.suppressed : (r.values[c.key] ?? null)))]);
  const hasHidden = t.rows.some((r) => r.hidden.length);
  return listSheet(name, [t.columns[0]!.label, ...cols.map((c) => c.label)], rows, [...(t.lead ? [t.lead] : []), ...(hasHidden ? [d.suppressedLegend] : [])], [40, ...cols.map(() => 14)]);
}

/** One row per submitted assessment: profile, scores, level, validation, platform use; titled in the words of `t`. */
export function assessmentsSheet(s: Services, f: Filter, viewer: StaffMember, t: Messages = msg()): Sheet {
  const L = labels(s);
  const q = s.content.current;
  const words = t.department.exports;
  const yesNo = (b: boolean | number | null | undefined) => (b ? words.yes : words.no);
  const col = words.assessmentsSheet.columns;
  const levelName = (v: Questionnaire, n: number | null) => (n === null ? "" : (v.levels.find((l) => l.level === n)?.name ?? ""));
  return {
    name: words.assessmentsSheet.name,
    header: [
      col.id,
      col.round,
      col.name,
      col.taxCode,
      col.legalForm,
      col.commune,
      col.activityGroup,
      col.sector,
      col.staff,
      col.revenue,
      col.capital,
      col.size,
      col.method,
      col.submitted,
      col.overall,
      col.level,
      col.levelName,
      col.euBand,
      col.usesPlatforms,
      ...q.pillars.map((p) => fmt(col.pillar, { pillar: p.name })),
      col.validatedOn,
      col.validator,
      col.statistics,
      col.inRegistry,
      col.version,
    ],
    widths: [8, 8, 40, 16, 18, 18, 22, 28, 9, 10, 10, 10, 16, 12, 10, 6, 18, 12, 10, ...q.pillars.map(() => 12), 14, 20, 10, 10, 10],
    rows: async function* () {
      let after = 0;
      for (;;) {
        const page = assessmentsPage(s.db, f, viewer, after, PAGE);
        if (!page.length) return;
        for (const a of page) {
          const v = s.questionnaireByHash(a.questionnaire_hash);
          const pillars = new Map(((a.pillar_scores ? JSON.parse(a.pillar_scores) : []) as { id: string; score: number | null }[]).map((p) => [p.id, p.score]));
          yield [
            a.id,
            a.round,
            a.business_name,
            a.tax_code,
            L.legalForm(a.legal_form),
            L.communeId(a.commune_id),
            (t.activityGroups as Record<string, string>)[a.activity_group] ?? a.activity_group,
            L.sector(a.sector),
            a.staff,
            a.revenue_bn_vnd,
            a.capital_bn_vnd,
            L.sizeClass(a.size_class),
            a.method === "guided" ? words.methods.guided : words.methods.self,
            vnDayCell(a.submitted_at),
            a.overall_score,
            a.national_level,
            levelName(v, a.national_level),
            v.euBands.find((b) => b.id === a.eu_band)?.name ?? a.eu_band,
            yesNo(a.uses_digital_platforms),
            ...q.pillars.map((p) => pillars.get(p.id) ?? null),
            vnDayCell(a.validated_at),
            a.validator,
            yesNo(a.consent),
            yesNo(a.registry_id !== null),
            a.questionnaire_version,
          ];
        }
        after = page[page.length - 1]!.id;
        await yieldToOthers();
      }
    },
  };
}

/** Answers in long format: one row per answered question. */
export function answersSheet(s: Services, f: Filter, viewer: StaffMember, t: Messages = msg()): Sheet {
  const { name, columns: col } = t.department.exports.answersSheet;
  return {
    name,
    header: [col.id, col.name, col.questionId, col.question, col.pillar, col.optionIds, col.answer, col.earned, col.max, col.version],
    widths: [8, 36, 18, 60, 24, 24, 60, 9, 9, 10],
    rows: async function* () {
      let after = 0;
      for (;;) {
        const page = assessmentsPage(s.db, f, viewer, after, 200);
        if (!page.length) return;
        const byId = new Map(page.map((a) => [a.id, a]));
        for (const ans of answersOfAssessments(s.db, page.map((a) => a.id))) {
          const a = byId.get(ans.assessment_id)!;
          const v = s.questionnaireByHash(a.questionnaire_hash);
          const question = v.questions.find((x) => x.id === ans.question_id);
          const value = JSON.parse(ans.value) as AnswerValue;
          const picked = selectedOptions(value);
          yield [
            a.id,
            a.business_name,
            ans.question_id,
            question?.text ?? "",
            v.pillars.find((p) => p.id === question?.pillar)?.name ?? "",
            picked.join("; "),
            question ? question.options.filter((o) => picked.includes(o.id)).map((o) => o.label).join("; ") : "",
            question ? pointsEarned(question, value) : null,
            question ? maxPoints(question) : null,
            a.questionnaire_version,
          ];
        }
        after = page[page.length - 1]!.id;
        await yieldToOthers();
      }
    },
  };
}

export function supportSheet(s: Services, f: Filter, viewer: StaffMember, t: Messages = msg()): Sheet {
  const L = labels(s);
  const { name, columns: col } = t.department.exports.supportSheet;
  return {
    name,
    header: [col.id, col.date, col.name, col.taxCode, col.legalForm, col.commune, col.sector, col.type, col.amount, col.platform, col.note, col.staff, t.staff.support.cols.scheme],
    widths: [8, 12, 36, 16, 18, 18, 26, 26, 14, 24, 40, 22, 30],
    rows: async function* () {
      const schemes = new Map(s.content.schemes.map((x) => [x.id, x.shortName]));
      let after = 0;
      for (;;) {
        const page = supportPage(s.db, f, viewer, after, PAGE);
        if (!page.length) return;
        for (const r of page)
          yield [r.id, dayCell(r.date), r.business_name, r.tax_code, L.legalForm(r.legal_form), L.communeId(r.commune_id), L.sector(r.sector), L.supportType(r.type), r.amount_vnd, r.platform_id ? L.platform(r.platform_id) : null, r.note, r.staff_name, r.scheme_id ? (schemes.get(r.scheme_id) ?? r.scheme_id) : null];
        after = page[page.length - 1]!.id;
        await yieldToOthers();
      }
    },
  };
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function attachment(name: string): string {
  const fileName = oneLine(name);
  const ascii = fileName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").replace(/[^A-Za-z0-9._-]+/g, "-");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

// Importing the province's register: read the uploaded file (CSV or XLSX), check every row, show a
// preview, and only then write everything in one transaction. Nothing is written while any row
// has an error.
import ExcelJS from "exceljs";
import { commitImport, findImport, savePreview, storedByKey } from "../../db/registry.ts";
import { parseCsv } from "../domain/csv.ts";
import { parseRegistryTable, registryChanges, type FieldChange, type RegistryRow, type RowError } from "../domain/registry.ts";
import type { Services } from "./assessments.ts";

export const MAX_REGISTRY_BYTES = 20 * 1024 * 1024;

export type FileProblem = "too_large" | "unreadable" | "empty";

/** The first sheet of an XLSX, or a CSV (UTF-8, with or without BOM), as rows of text. */
export async function readTable(bytes: Uint8Array): Promise<{ ok: true; table: string[][] } | { ok: false; problem: FileProblem }> {
  if (bytes.byteLength === 0) return { ok: false, problem: "empty" };
  if (bytes.byteLength > MAX_REGISTRY_BYTES) return { ok: false, problem: "too_large" };
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip) {
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
      const ws = wb.worksheets[0];
      if (!ws) return { ok: false, problem: "empty" };
      const table: string[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        const cells: string[] = [];
        for (let i = 1; i <= ws.columnCount; i++) cells.push(cellText(row.getCell(i)));
        table[n - 1] = cells;
      });
      for (let i = 0; i < table.length; i++) table[i] ??= [];
      return { ok: true, table };
    } catch {
      return { ok: false, problem: "unreadable" };
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  return { ok: true, table: parseCsv(text) };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  // Numbers as Excel shows them would turn 0101234567 into 101234567; the raw value keeps what was typed.
  if (typeof v === "number") return String(v);
  return cell.text ?? String(v);
}

/** How many changed rows the preview lists (all of them are counted). */
export const LISTED_CHANGES = 100;

export interface Preview {
  importId: number;
  fileName: string;
  /** Data rows of the file, good or bad. */
  rows: number;
  errors: RowError[];
  /** Rows with at least one error. */
  errorRows: number;
  /** Counted against the stored registry by registry key, as the commit writes. */
  fresh: number;
  changed: number;
  unchanged: number;
  /** The first LISTED_CHANGES changed rows, with what changes. */
  changes: { row: RegistryRow; line: number; changes: FieldChange[] }[];
  sample: RegistryRow[];
  columns: Record<string, string>;
}

export async function previewRegistry(
  s: Services,
  file: { name: string; bytes: Uint8Array },
  staffId: number | null,
): Promise<{ ok: true; preview: Preview } | { ok: false; problem: FileProblem }> {
  const read = await readTable(file.bytes);
  if (!read.ok) return read;
  const parsed = parseRegistryTable(read.table, s.content.communes);
  const rows = parsed.rows.map(({ line: _line, ...r }) => r);
  const stored = parsed.errors.length ? new Map<string, RegistryRow>() : storedByKey(s.db, rows.map((r) => r.registryKey));
  let fresh = 0;
  let changed = 0;
  const changes: Preview["changes"] = [];
  for (const { line, ...row } of parsed.rows) {
    const before = stored.get(row.registryKey);
    if (!before) {
      fresh++;
      continue;
    }
    const diff = registryChanges(row, before);
    if (!diff.length) continue;
    changed++;
    if (changes.length < LISTED_CHANGES) changes.push({ row, line, changes: diff });
  }
  const fileName = file.name.slice(0, 200) || "tệp";
  const saved = savePreview(s.db, {
    fileName,
    staffId,
    rows,
    rowCount: parsed.dataRows,
    errorCount: parsed.errors.length,
  });
  return {
    ok: true,
    preview: {
      importId: saved.id,
      fileName,
      rows: saved.rowCount,
      errors: parsed.errors,
      errorRows: new Set(parsed.errors.map((e) => e.row)).size,
      fresh,
      changed,
      unchanged: rows.length - fresh - changed,
      changes,
      sample: rows.slice(0, 5),
      columns: parsed.columns,
    },
  };
}

export function commitRegistry(s: Services, importId: number): { ok: true; inserted: number; changed: number; unchanged: number } | { ok: false; reason: "not_found" | "already_committed" | "has_errors" } {
  const imp = findImport(s.db, importId);
  if (!imp) return { ok: false, reason: "not_found" };
  if (imp.committedAt) return { ok: false, reason: "already_committed" };
  if (imp.errorCount > 0) return { ok: false, reason: "has_errors" };
  const r = commitImport(s.db, importId);
  return r ? { ok: true, ...r } : { ok: false, reason: "already_committed" };
}

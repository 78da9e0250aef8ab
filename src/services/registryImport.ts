// Importing the province's register: read the uploaded file (CSV or XLSX) row by row off the
// request thread, check every row, keep a preview (valid rows, errors, what saving would change,
// rows of the register the file lacks), and only when the officer says so write it in one
// transaction — refused if the register changed since the preview was made, with a fresh preview
// made from the same rows in its place.
import { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import ExcelJS from "exceljs";
import {
  addMissing,
  addToPreview,
  commitImport,
  dropPreview,
  errorsOfImport,
  findImport,
  finishPreview,
  missingFromPreview,
  rowsOfImport,
  startPreview,
  storedByKey,
  supersede,
  type CommitOutcome,
  type ImportError,
} from "../../db/registry.ts";
import type { Db } from "../../db/connection.ts";
import { csvRows } from "../domain/csv.ts";
import { registryChanges, registryParser, type CommuneRef, type RegistryRow } from "../domain/registry.ts";

export const MAX_REGISTRY_BYTES = 20 * 1024 * 1024;

export type FileProblem = "too_large" | "unreadable" | "empty";

/** Rows written to the preview per transaction: short enough that other writers hardly wait. */
const STEP = 2000;

/** The first sheet of an XLSX (streamed), or a CSV (UTF-8, with or without BOM), one row of text at a time. */
export async function* tableRows(bytes: Uint8Array): AsyncGenerator<string[]> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    yield* csvRows(text);
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  for await (const sheet of reader) {
    let next = 1;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      // The stream skips empty rows: keep the row numbers the spreadsheet shows.
      for (; next < row.number; next++) yield [];
      const cells: string[] = [];
      for (let i = 1; i <= row.cellCount; i++) cells.push(cellText(row.getCell(i)));
      yield cells;
      next = row.number + 1;
    }
    return; // the first sheet only
  }
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  // Numbers as Excel shows them would turn 0101234567 into 101234567; the raw value keeps what was typed.
  if (typeof v === "number") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cell.text ?? String(v);
}

export interface PreviewJob {
  fileName: string;
  bytes: Uint8Array;
  staffId: number | null;
  /** The file is the whole register: open rows it lacks are listed. */
  fullRegister: boolean;
}

export type PreviewResult = { ok: true; importId: number } | { ok: false; problem: FileProblem };

/** Counts what saving would do, a step at a time, and writes the step to the preview. */
function previewWriter(db: Db, importId: number) {
  const f = { rowCount: 0, errorCount: 0, errorRows: 0, fresh: 0, changed: 0, toReopen: 0, missing: 0 };
  let lastErrorRow = -1;
  let seq = 0;
  return {
    figures: f,
    add(rows: (RegistryRow & { line: number })[], errors: ImportError[]) {
      const stored = storedByKey(
        db,
        rows.map((r) => r.registryKey),
      );
      for (const row of rows) {
        const before = stored.get(row.registryKey);
        if (!before) f.fresh++;
        else if (before.closedOn) f.toReopen++;
        else if (registryChanges(row, before).length) f.changed++;
      }
      for (const e of errors) {
        if (e.row !== lastErrorRow) f.errorRows++;
        lastErrorRow = e.row;
      }
      f.errorCount += errors.length;
      addToPreview(db, importId, rows, errors, seq);
      seq += errors.length;
    },
  };
}

/**
 * Make a preview from a file: read and check it row by row, writing the preview in short steps.
 * Run off the request thread (previewInWorker); it is complete, and may be saved, when finished.
 */
export async function preparePreview(db: Db, communes: readonly CommuneRef[], job: PreviewJob): Promise<PreviewResult> {
  if (job.bytes.byteLength === 0) return { ok: false, problem: "empty" };
  if (job.bytes.byteLength > MAX_REGISTRY_BYTES) return { ok: false, problem: "too_large" };
  const imp = startPreview(db, { fileName: job.fileName.slice(0, 200) || "tệp", staffId: job.staffId, fullRegister: job.fullRegister });
  const out = previewWriter(db, imp.id);
  const parser = registryParser(communes);
  let pending = 0;
  try {
    for await (const cells of tableRows(job.bytes)) {
      parser.push(cells);
      if (++pending >= STEP) {
        out.add(parser.takeRows(), parser.takeErrors());
        pending = 0;
      }
    }
  } catch {
    dropPreview(db, imp.id);
    return { ok: false, problem: "unreadable" };
  }
  const rest = [parser.takeRows(), parser.takeErrors()] as const;
  const end = parser.finish();
  if (end.fileLevel) {
    // The file as a whole is wrong (no header, too many rows): nothing of it is kept but the reason.
    db.$client.prepare(`DELETE FROM registry_import_rows WHERE import_id = ?`).run(imp.id);
    db.$client.prepare(`DELETE FROM registry_import_errors WHERE import_id = ?`).run(imp.id);
    const fresh = previewWriter(db, imp.id);
    fresh.add([], end.errors);
    finishPreview(db, imp.id, { ...fresh.figures, rowCount: 0 });
    return { ok: true, importId: imp.id };
  }
  out.add([...rest[0], ...end.rows], [...rest[1], ...end.errors]);
  const missing = job.fullRegister ? missingFromPreview(db, imp.id) : [];
  for (let i = 0; i < missing.length; i += STEP) addMissing(db, imp.id, missing.slice(i, i + STEP));
  finishPreview(db, imp.id, { ...out.figures, rowCount: end.dataRows, missing: missing.length });
  return { ok: true, importId: imp.id };
}

/**
 * A fresh preview from the rows of one the register moved under (another import, a hand link):
 * the same file, counted against the register as it is now. The old one points to it.
 */
export function prepareAgain(db: Db, staleId: number, staffId: number | null): { ok: true; importId: number } | { ok: false } {
  const old = findImport(db, staleId);
  if (!old || old.committedAt) return { ok: false };
  if (old.supersededBy) return { ok: true, importId: old.supersededBy };
  const imp = startPreview(db, { fileName: old.fileName, staffId, fullRegister: old.fullRegister });
  const out = previewWriter(db, imp.id);
  for (let after = 0; ; ) {
    const rows = rowsOfImport(db, staleId, after, STEP);
    if (!rows.length) break;
    out.add(rows, []);
    after = rows[rows.length - 1]!.line;
  }
  for (let after = -1; ; ) {
    const errors = errorsOfImport(db, staleId, after, STEP);
    if (!errors.length) break;
    out.add([], errors);
    after = errors[errors.length - 1]!.seq;
  }
  const missing = old.fullRegister && old.rowCount > 0 ? missingFromPreview(db, imp.id) : [];
  for (let i = 0; i < missing.length; i += STEP) addMissing(db, imp.id, missing.slice(i, i + STEP));
  finishPreview(db, imp.id, { ...out.figures, rowCount: old.rowCount, missing: missing.length });
  supersede(db, staleId, imp.id);
  return { ok: true, importId: imp.id };
}

type WorkerJob = { kind: "file"; job: PreviewJob } | { kind: "again"; staleId: number; staffId: number | null };

function inWorker<T>(dbPath: string, communes: readonly CommuneRef[], work: WorkerJob, transfer: ArrayBuffer[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("../pdf/workerBoot.mjs", import.meta.url), {
      workerData: { entry: new URL("./registryImportWorker.ts", import.meta.url).href, dbPath, communes, work },
      transferList: transfer,
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error("registry preview timed out"));
    }, timeoutMs);
    worker.once("message", (m: { ok: true; value: T } | { ok: false; error: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok) resolve(m.value);
      else reject(new Error(m.error));
    });
    worker.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/**
 * Make the preview in a worker thread with its own connection: a register of 200,000 rows takes
 * seconds to read and check, and the server keeps answering everyone else meanwhile.
 */
export function previewInWorker(dbPath: string, communes: readonly CommuneRef[], job: PreviewJob, timeoutMs = 300_000): Promise<PreviewResult> {
  // The worker gets the bytes without a copy.
  const own = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength ? job.bytes : job.bytes.slice();
  return inWorker<PreviewResult>(dbPath, communes, { kind: "file", job: { ...job, bytes: own } }, [own.buffer as ArrayBuffer], timeoutMs);
}

export function prepareAgainInWorker(dbPath: string, staleId: number, staffId: number | null, timeoutMs = 300_000): Promise<{ ok: true; importId: number } | { ok: false }> {
  return inWorker(dbPath, [], { kind: "again", staleId, staffId }, [], timeoutMs);
}

export type CommitResult = CommitOutcome | { ok: false; reason: "stale"; freshId: number };

/**
 * Save a preview as it was shown. When the register moved since, nothing is saved and a fresh
 * preview of the same file is made (the officer checks it and saves that one).
 */
export async function commitRegistry(dbPath: string, db: Db, importId: number, by: { staffId: number; skipErrors: boolean }): Promise<CommitResult> {
  const r = commitImport(db, importId, by);
  if (r.ok || r.reason !== "stale") return r;
  const fresh = await prepareAgainInWorker(dbPath, importId, by.staffId);
  return fresh.ok ? { ok: false, reason: "stale", freshId: fresh.importId } : r;
}

// The figures worker thread: its own read-only connection, one job at a time (see figures.ts).
import { parentPort, workerData } from "node:worker_threads";
import { openDatabaseReadOnly } from "../../db/connection.ts";
import { computeFigures, type FiguresJob } from "./figures.ts";

const db = openDatabaseReadOnly((workerData as { dbPath: string }).dbPath);
parentPort!.on("message", (m: { id: number; job: FiguresJob; version: number }) => {
  try {
    parentPort!.postMessage({ id: m.id, ok: true, figures: computeFigures(db, m.job, m.version) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});

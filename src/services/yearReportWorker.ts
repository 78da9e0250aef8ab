// Worker thread of the yearly report: its own read-only connection, so the year-end queries never
// hold up the server's connection.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema.ts";
import type { Db } from "../../db/connection.ts";
import { loadContent } from "../content/load.ts";
import { createServices } from "./assessments.ts";
import { buildYearReport } from "./yearReport.ts";

const { dbPath, contentDir, year } = workerData as { dbPath: string; contentDir: string; year: number };
try {
  const sqlite = new Database(dbPath, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  const s = createServices(db, loadContent(contentDir));
  const bytes = await buildYearReport(s, year);
  sqlite.close();
  parentPort!.postMessage({ ok: true, bytes });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
}

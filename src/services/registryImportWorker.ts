// Worker thread of the registry import: its own connection to the database file, so reading and
// checking a large register never holds up the server's thread. It writes the preview in short
// transactions (the server's own writes wait at most one step).
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema.ts";
import type { Db } from "../../db/connection.ts";
import type { CommuneRef } from "../domain/registry.ts";
import { prepareAgain, preparePreview, type PreviewJob } from "./registryImport.ts";

const { dbPath, communes, work } = workerData as {
  dbPath: string;
  communes: CommuneRef[];
  work: { kind: "file"; job: PreviewJob } | { kind: "again"; staleId: number; staffId: number | null };
};
try {
  const sqlite = new Database(dbPath, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = FULL");
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  const value = work.kind === "file" ? await preparePreview(db, communes, work.job) : prepareAgain(db, work.staleId, work.staffId);
  sqlite.close();
  parentPort!.postMessage({ ok: true, value });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
}

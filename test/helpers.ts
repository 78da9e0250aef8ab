// Builds the real app on a fresh temporary SQLite file, as the server does.
import { mkdtempSync, rmSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "../db/connection.ts";
import { loadContent, type Content } from "../src/content/load.ts";
import { createApp } from "../src/http/app.ts";
import type { ReportPool } from "../src/pdf/pool.ts";
import type { KeptReports } from "../src/pdf/keptReports.ts";
import { RateLimiter, DEFAULT_LIMITS, type LimitKind, type LimitRule } from "../src/http/rateLimit.ts";

export const CONTENT_DIR = join(import.meta.dirname, "..", "questionnaires");

let realContent: Content | undefined;
export function content(): Content {
  return (realContent ??= loadContent(CONTENT_DIR));
}

export function tempDir(prefix = "dx-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A writable copy of the real content, for tests that change or break it. */
export function copyContent(): { dir: string; cleanup: () => void } {
  const t = tempDir("dx-content-");
  cpSync(CONTENT_DIR, t.dir, { recursive: true });
  return t;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  content: Content;
  dbPath: string;
  cleanup: () => void;
}

export function makeTestApp(
  opts: { contentDir?: string; dbPath?: string; limits?: Partial<Record<LimitKind, LimitRule>>; reportPool?: ReportPool; publicUrl?: string; keptReports?: KeptReports } = {},
): TestApp {
  const t = tempDir();
  const dbPath = opts.dbPath ?? join(t.dir, "test.sqlite");
  const db = openDatabase(dbPath);
  const c = opts.contentDir ? loadContent(opts.contentDir) : content();
  const limiter = new RateLimiter({ ...DEFAULT_LIMITS, ...opts.limits });
  const app = createApp({ db, content: c, limiter, reportPool: opts.reportPool, publicUrl: opts.publicUrl, keptReports: opts.keptReports });
  return {
    app,
    db,
    content: c,
    dbPath,
    cleanup: () => {
      db.$client.close();
      t.cleanup();
    },
  };
}

export const json = (body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export function profile(overrides: Record<string, unknown> = {}) {
  return {
    name: "Hộ kinh doanh Chè Shan Tuyết Tủa Chùa",
    legalForm: "household",
    communeId: "tua_chua",
    activityGroup: "agriculture",
    sector: "ocop",
    staff: 3,
    revenueBnVnd: 0.5,
    ...overrides,
  };
}
export const consents = { report: true, statistics: true, contact: false };

/** Starts an assessment through the API and returns its resume code. */
export async function startedCode(t: TestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await t.app.request("/api/v1/assessments", json({ profile: profile(overrides), consents }));
  return ((await res.json()) as { code: string }).code;
}

// Figures as they stood at the end of a day (the yearly report's 31 December, the dashboard at a
// past date): seconds of year-end queries at a million assessments, so they are computed in the
// render pool's workers (kind "figures" in src/pdf/kinds.ts), each with its own read-only
// connection, one computation at a time. The same day asked twenty times at once is computed once
// (single flight), and the result is kept until the figures version (migration 0013) moves, so
// asking again costs nothing until the data changes.
import { openDatabaseReadOnly, type Db } from "../../db/connection.ts";
import { activityOfYear, cellsAsOf, changeCellsOfYear, figuresVersion } from "../../db/stats.ts";
import type { ChangeCell, CurrentCell, ReachCell } from "../domain/aggregates.ts";
import { sharedReportPool, type ReportPool } from "../pdf/pool.ts";

export interface FiguresJob {
  /** The last day counted (YYYY-MM-DD, Vietnam time). */
  day: string;
  /** For the yearly report: also the year's activity and its T0 → T1 pairs. */
  year?: number;
}

export interface Figures {
  day: string;
  /** The figures version read before computing: the figures are at least that recent. */
  version: number;
  current: CurrentCell[];
  reach: ReachCell[];
  year?: { year: number; changes: ChangeCell[]; activity: { submitted: number; validated: number; reassessed: number; guided: number } };
}

/** The computation itself (in the worker, or on the caller's thread in tests and benchmarks). */
export function computeFigures(db: Db, job: FiguresJob, version = figuresVersion(db)): Figures {
  const { current, reach } = cellsAsOf(db, job.day);
  return {
    day: job.day,
    version,
    current,
    reach,
    year: job.year === undefined ? undefined : { year: job.year, changes: changeCellsOfYear(db, job.year), activity: activityOfYear(db, job.year) },
  };
}

/**
 * Values made once per key however many ask at once (single flight), the `size` most recently
 * used kept. Keys carry the figures version, so a change of data is a new key.
 */
export class KeptOnce<T> {
  private running = new Map<string, Promise<T>>();
  private kept = new Map<string, T>();
  /** How many values were made (tests and the benchmark read it). */
  made = 0;
  constructor(private readonly size: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    if (this.kept.has(key)) {
      const hit = this.kept.get(key)!;
      this.kept.delete(key);
      this.kept.set(key, hit);
      return Promise.resolve(hit);
    }
    const running = this.running.get(key);
    if (running) return running;
    this.made++;
    const p = make()
      .then((v) => {
        this.kept.set(key, v);
        while (this.kept.size > this.size) this.kept.delete(this.kept.keys().next().value!);
        return v;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, p);
    return p;
  }
}

/** What the page thread sends a worker: where the data is, the day asked, the version read. */
export interface FiguresInput {
  dbPath: string;
  job: FiguresJob;
  version: number;
}

const readOnly = new Map<string, Db>();

/** In a pool worker: the figures of `input` as JSON bytes (a worker hands back bytes, without a copy). */
export function figuresDocument(input: FiguresInput): Uint8Array {
  let db = readOnly.get(input.dbPath);
  if (!db) readOnly.set(input.dbPath, (db = openDatabaseReadOnly(input.dbPath)));
  return new TextEncoder().encode(JSON.stringify(computeFigures(db, input.job, input.version)));
}

/**
 * Figures of past days, computed in the render pool: one computation at a time (each waits for
 * the one before, so a year-end query never takes more than one worker from the owners' reports),
 * single flight per day and version, the `keep` most recent kept. Fair between the pool's clients:
 * all figures share one turn with each owner waiting for a report.
 */
export class FiguresService {
  private kept: KeptOnce<Figures>;
  private previous: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly opts: { databasePath: string; pool?: ReportPool; timeoutMs?: number; keep?: number },
  ) {
    this.kept = new KeptOnce(opts.keep ?? 16);
  }

  /** How many computations were started (the benchmark and tests read it). */
  get computations(): number {
    return this.kept.made;
  }

  /** The figures of `job`, from what is kept when the data has not changed since. */
  get(job: FiguresJob): Promise<Figures> {
    const version = figuresVersion(this.db);
    return this.kept.get(`${job.day}|${job.year ?? ""}|${version}`, () => this.inTurn(() => this.compute(job, version)));
  }

  private inTurn<T>(make: () => Promise<T>): Promise<T> {
    const run = this.previous.then(make);
    this.previous = run.catch(() => undefined);
    return run;
  }

  private async compute(job: FiguresJob, version: number): Promise<Figures> {
    // A database only this connection can see (in memory, in tests) is read on this thread.
    if (this.db.$client.memory) return computeFigures(this.db, job, version);
    const pool = this.opts.pool ?? sharedReportPool();
    const input: FiguresInput = { dbPath: this.opts.databasePath, job, version };
    const bytes = await pool.run("figures", input, {
      key: `figures|${this.opts.databasePath}|${job.day}|${job.year ?? ""}|${version}`,
      shares: ["figures", job.day],
      timeoutMs: this.opts.timeoutMs ?? 120_000,
    });
    return JSON.parse(new TextDecoder().decode(bytes)) as Figures;
  }
}

// Figures as they stood at the end of a day (the yearly report's 31 December, the dashboard at a
// past date): seconds of year-end queries at a million assessments, so they run in ONE worker
// thread with its own read-only connection, one request at a time. The same day asked twenty times
// at once is computed once (single flight), and the result is kept until the figures version
// (migration 0013) moves, so asking again costs nothing until the data changes.
import { Worker } from "node:worker_threads";
import { activityOfYear, cellsAsOf, changeCellsOfYear, figuresVersion } from "../../db/stats.ts";
import type { Db } from "../../db/connection.ts";
import type { ChangeCell, CurrentCell, ReachCell } from "../domain/aggregates.ts";

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

type Reply = { id: number; ok: true; figures: Figures } | { id: number; ok: false; error: string };

/**
 * One worker thread, started when first needed and stopped after a minute without work; jobs
 * queue in its message port, so at most one computation runs at any time. A job that takes longer
 * than `timeoutMs` ends the worker (and every job waiting in it) with an error.
 */
export class FiguresService {
  private worker: Worker | null = null;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (f: Figures) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private kept: KeptOnce<Figures>;
  private idle: NodeJS.Timeout | null = null;
  /** How many worker threads were started (the benchmark and tests read it). */
  workersStarted = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: { databasePath: string; timeoutMs?: number; idleMs?: number; keep?: number },
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
    return this.kept.get(`${job.day}|${job.year ?? ""}|${version}`, () => this.compute(job, version));
  }

  private compute(job: FiguresJob, version: number): Promise<Figures> {
    const w = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Figures>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error("figures timed out")), this.opts.timeoutMs ?? 120_000);
      this.waiting.set(id, { resolve, reject, timer });
      w.postMessage({ id, job, version });
    });
  }

  private ensureWorker(): Worker {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (this.worker) return this.worker;
    this.workersStarted++;
    const w = new Worker(new URL("../pdf/workerBoot.mjs", import.meta.url), {
      workerData: { entry: new URL("./figuresWorker.ts", import.meta.url).href, dbPath: this.opts.databasePath },
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    w.on("message", (m: Reply) => {
      const x = this.waiting.get(m.id);
      if (!x) return;
      this.waiting.delete(m.id);
      clearTimeout(x.timer);
      if (m.ok) x.resolve(m.figures);
      else x.reject(new Error(m.error));
      if (!this.waiting.size) this.idle = setTimeout(() => this.stop(), this.opts.idleMs ?? 60_000).unref();
    });
    w.on("error", (e) => this.fail(e));
    w.on("exit", () => {
      if (this.worker === w) this.worker = null;
      if (this.waiting.size) this.fail(new Error("figures worker stopped"));
    });
    w.unref();
    this.worker = w;
    return w;
  }

  private fail(e: Error) {
    const w = this.worker;
    this.worker = null;
    for (const x of this.waiting.values()) {
      clearTimeout(x.timer);
      x.reject(e);
    }
    this.waiting.clear();
    if (w) void w.terminate();
  }

  /** Stop the worker (idle, or the server shutting down). */
  async stop(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

// A small pool of worker threads that make documents (the owner's report, the paper form, the
// figures of a past day behind the yearly report: the kinds listed in kinds.ts), so a render or a
// year-end computation (hundreds of ms to seconds of CPU) never blocks the pages. Bounded everywhere: a
// worker per core but one, a time-out per render, a short queue (full → PoolBusyError, which the
// route answers with 503 + Retry-After), and each worker replaced after N renders or once its heap
// grows past a threshold, so memory stays flat.
// Fair: renders someone waits for are served in turn per client address, then per code
// (FairQueue), so one client holding many requests delays each other client by one render at most
// per turn; when the queue is full, a newcomer takes the place of the newest request of whoever
// holds the most. The same document asked for twice (same key) is rendered once. Background
// renders (a report kept ready before anyone asks) run only when nobody is waiting.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { FairQueue } from "../domain/fairQueue.ts";
import type { AssessmentJob } from "./assemble.ts";
import type { RenderKind } from "./kinds.ts";
import type { ReportData } from "./reportData.ts";
import type { RenderJob, RenderReply, RenderRequest } from "./workerMain.ts";

export interface ReportPoolOptions {
  /**
   * Worker threads; default: one per core but one, which stays with the pages (measured in
   * `npm run bench`: with every core rendering, the questionnaire page's p99 doubled).
   */
  size?: number;
  /** A render (once handed to a worker) that takes longer is stopped and its worker replaced. */
  timeoutMs?: number;
  /** Renders someone waits for, queued for a free worker; past that, PoolBusyError (or a newcomer's turn, see above). */
  maxQueue?: number;
  /** Background renders queued; past that, new ones are dropped (rendered when asked for instead). */
  maxBackground?: number;
  /** A worker is replaced after this many renders... */
  maxRendersPerWorker?: number;
  /** ...or as soon as a render leaves its heap above this many MB. */
  maxHeapMb?: number;
  /** The worker script (tests pass one whose renderer fails on purpose). */
  workerUrl?: URL;
}

export class PoolBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`report queue full, retry after ${retryAfterSeconds}s`);
    this.name = "PoolBusyError";
  }
}

export class RenderFailedError extends Error {
  constructor(
    readonly reason: "timeout" | "error" | "crashed" | "closed",
    message: string,
  ) {
    super(message);
    this.name = "RenderFailedError";
  }
}

export interface PoolStats {
  workers: number;
  busy: number;
  queued: number;
  queuedBackground: number;
  /** Requests that joined a render of the same key instead of starting one. */
  joined: number;
  /** Waiting requests refused to make room for a client with fewer waiting. */
  evicted: number;
  renders: number;
  /** Worker threads started since the pool was made (replacements included). */
  started: number;
  failures: number;
  timeouts: number;
  recycled: number;
  /** V8 heap of each live worker after its last render, in bytes. */
  workerHeaps: number[];
}

export interface RenderOptions {
  /** "now": someone is waiting (the default); "background": kept for later, rendered only when nobody waits. */
  priority?: "now" | "background";
  /** Whose turn it is: the client's address, then what it asked for (the code). */
  shares?: readonly [client: string, subject?: string];
  /** Renders of the same key are one render: a request for a key being rendered joins it. */
  key?: string;
  /** This job's time-out once handed to a worker, when its kind needs longer than a render. */
  timeoutMs?: number;
}

interface Waiter {
  resolve: (pdf: Uint8Array<ArrayBuffer>) => void;
  reject: (e: Error) => void;
}

interface Job {
  id: number;
  job: RenderJob;
  key?: string;
  timeoutMs: number;
  priority: "now" | "background";
  shares: readonly string[];
  waiters: Waiter[];
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  renders: number;
  heapUsed: number;
  startedAt: number;
  retiring: boolean;
}

const DEFAULT_WORKER = new URL("./worker.ts", import.meta.url);
/** Workers run the TypeScript sources through tsx, as `npm start` does (see workerBoot.mjs for why not `--import tsx`). */
const BOOT = new URL("./workerBoot.mjs", import.meta.url);

export class ReportPool {
  readonly size: number;
  readonly timeoutMs: number;
  readonly maxQueue: number;
  readonly maxBackground: number;
  readonly maxRendersPerWorker: number;
  readonly maxHeapBytes: number;
  private readonly workerUrl: URL;
  private slots: Slot[] = [];
  private waiting = new FairQueue<Job>(2);
  private background: Job[] = [];
  /** Jobs queued or rendering, by key. */
  private byKey = new Map<string, Job>();
  private nextId = 1;
  private closed = false;
  private avgMs = 1000;
  private counts = { renders: 0, started: 0, failures: 0, timeouts: 0, recycled: 0, joined: 0, evicted: 0 };

  constructor(opts: ReportPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism() - 1);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxQueue = opts.maxQueue ?? this.size * 16;
    this.maxBackground = opts.maxBackground ?? 1000;
    this.maxRendersPerWorker = opts.maxRendersPerWorker ?? 200;
    this.maxHeapBytes = (opts.maxHeapMb ?? 192) * 1024 * 1024;
    this.workerUrl = opts.workerUrl ?? DEFAULT_WORKER;
  }

  /** Render one owner's report from its data; rejects with PoolBusyError when the queue is full, RenderFailedError when it fails. */
  render(data: ReportData, opts: RenderOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
    return this.run("ownerReport", { data }, opts);
  }

  /** Render the report of a submitted assessment, its data assembled in the worker (see assemble.ts). */
  renderAssessment(assessment: AssessmentJob, opts: RenderOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
    return this.run("ownerReport", { assessment }, opts);
  }

  /** Render a document of any kind the workers know (kinds.ts). */
  run(kind: RenderKind, input: unknown, opts: RenderOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
    if (this.closed) return Promise.reject(new RenderFailedError("closed", "report pool is closed"));
    const priority = opts.priority ?? "now";
    const shares = [opts.shares?.[0] ?? "", opts.shares?.[1] ?? ""];
    const same = opts.key === undefined ? undefined : this.byKey.get(opts.key);
    if (same) {
      this.counts.joined++;
      // Someone now waits for a render that was only being kept ready: it joins the waiting line.
      if (priority === "now" && same.priority === "background" && this.background.includes(same)) {
        this.background.splice(this.background.indexOf(same), 1);
        same.priority = "now";
        same.shares = shares;
        this.waiting.push(shares, same);
      }
      return new Promise((resolve, reject) => {
        same.waiters.push({ resolve, reject });
        this.pump();
      });
    }
    const job: Job = { id: this.nextId++, job: { kind, input }, key: opts.key, timeoutMs: opts.timeoutMs ?? this.timeoutMs, priority, shares, waiters: [] };
    const free = this.slots.some((s) => s.ready && !s.job && !s.retiring) || this.slots.length < this.size;
    if (priority === "background") {
      if (this.background.length >= this.maxBackground) return Promise.reject(new PoolBusyError(this.retryAfter()));
      this.background.push(job);
    } else if (!free && this.waiting.size >= this.maxQueue) {
      // Full: a client with fewer requests waiting takes the newest place of the one with the most.
      if (this.maxQueue === 0 || this.waiting.sizeOf([shares[0]!]) + 1 >= this.waiting.largestLane()) return Promise.reject(new PoolBusyError(this.retryAfter()));
      const evicted = this.waiting.popFromLargest()!;
      this.counts.evicted++;
      this.settle(evicted, (w) => w.reject(new PoolBusyError(this.retryAfter())));
      this.waiting.push(shares, job);
    } else {
      this.waiting.push(shares, job);
    }
    if (job.key !== undefined) this.byKey.set(job.key, job);
    return new Promise((resolve, reject) => {
      job.waiters.push({ resolve, reject });
      this.pump();
    });
  }

  /** Hands `job`'s outcome to everyone waiting for it and forgets its key. */
  private settle(job: Job, each: (w: Waiter) => void): void {
    if (job.key !== undefined && this.byKey.get(job.key) === job) this.byKey.delete(job.key);
    for (const w of job.waiters.splice(0)) each(w);
  }

  /** Start every worker now and wait until each has loaded (so the first render is not a cold one). */
  async warm(): Promise<void> {
    while (this.slots.length < this.size) this.spawn();
    await Promise.all(
      this.slots.map(
        (s) =>
          s.ready ||
          new Promise<void>((resolve) => {
            const check = (m: RenderReply) => m.type === "ready" && (s.worker.off("message", check), resolve());
            s.worker.on("message", check);
            s.worker.once("exit", () => resolve());
          }),
      ),
    );
  }

  stats(): PoolStats {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.waiting.size,
      queuedBackground: this.background.length,
      ...this.counts,
      workerHeaps: this.slots.filter((s) => s.ready).map((s) => s.heapUsed),
    };
  }

  /** Refuse new renders, fail the queued ones, stop every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.waiting.drain(), ...this.background.splice(0)]) this.settle(job, (w) => w.reject(new RenderFailedError("closed", "report pool closed")));
    await Promise.all(this.slots.map((s) => this.stop(s, new RenderFailedError("closed", "report pool closed"))));
  }

  private retryAfter(): number {
    const waves = Math.ceil((this.waiting.size + 1) / this.size) + 1;
    return Math.min(60, Math.max(1, Math.ceil((waves * this.avgMs) / 1000)));
  }

  /** Background renders may use every worker but one (all of a one-worker pool, while nobody waits). */
  private backgroundRoom(): boolean {
    const running = this.slots.filter((s) => s.job?.priority === "background").length;
    return this.waiting.size === 0 && running < Math.max(1, this.size - 1);
  }

  private pump(): void {
    while (this.waiting.size || (this.background.length && this.backgroundRoom())) {
      const slot = this.slots.find((s) => s.ready && !s.job && !s.retiring);
      if (!slot) {
        if (this.slots.filter((s) => !s.retiring).length < this.size) this.spawn();
        break; // the new worker takes the job once it has loaded
      }
      this.dispatch(slot, this.waiting.shift() ?? this.background.shift()!);
    }
    // Workers keep the process alive only while loading or rendering; an idle pool never holds it open.
    for (const s of this.slots) {
      if (s.job || !s.ready) s.worker.ref();
      else s.worker.unref();
    }
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, {
      workerData: { entry: this.workerUrl.href },
      // Not the parent's flags: under `tsx` they would register the loader a second time on newer Node.
      execArgv: [],
      // React's development checks cost time and memory and show nobody anything in a worker.
      env: { ...process.env, NODE_ENV: "production" },
      resourceLimits: {
        maxOldGenerationSizeMb: Math.max(256, Math.ceil((2 * this.maxHeapBytes) / 1024 / 1024)),
        // A render allocates a lot of short-lived objects: a roomier nursery means fewer scavenges.
        maxYoungGenerationSizeMb: 48,
      },
      stdout: false,
      stderr: false,
    });
    this.counts.started++;
    const slot: Slot = { worker, ready: false, job: null, timer: null, renders: 0, heapUsed: 0, startedAt: Date.now(), retiring: false };
    worker.on("message", (m: RenderReply) => this.onMessage(slot, m));
    worker.on("error", (e) => this.onExit(slot, e));
    worker.on("exit", (code) => this.onExit(slot, new Error(`render worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    const started = Date.now();
    slot.timer = setTimeout(() => {
      this.counts.timeouts++;
      // A render stuck in a loop cannot be interrupted from inside: stop the thread.
      void this.stop(slot, new RenderFailedError("timeout", `${job.job.kind} took longer than ${job.timeoutMs} ms`));
      this.pump();
    }, job.timeoutMs);
    slot.startedAt = started;
    slot.worker.postMessage({ id: job.id, job: job.job } satisfies RenderRequest);
    // Once the input is with the worker, the page thread need not keep it (a report's data is large).
    job.job = { kind: job.job.kind, input: null };
  }

  private onMessage(slot: Slot, m: RenderReply): void {
    if (m.type === "ready") {
      slot.ready = true;
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== m.id) return;
    clearTimeout(slot.timer!);
    slot.job = null;
    slot.timer = null;
    slot.renders++;
    slot.heapUsed = m.heapUsed;
    if (m.type === "done") {
      this.counts.renders++;
      this.avgMs = 0.8 * this.avgMs + 0.2 * (Date.now() - slot.startedAt);
      // Every waiter gets the same bytes: none of them changes a PDF it is handed.
      this.settle(job, (w) => w.resolve(m.pdf));
    } else {
      this.counts.failures++;
      this.settle(job, (w) => w.reject(new RenderFailedError("error", m.message)));
    }
    // A failed render may leave the renderer in a bad state; a fresh worker costs little.
    if (m.type === "failed" || slot.renders >= this.maxRendersPerWorker || slot.heapUsed > this.maxHeapBytes) {
      this.counts.recycled++;
      void this.stop(slot, null);
    }
    this.pump();
  }

  private onExit(slot: Slot, cause: Error): void {
    if (!this.slots.includes(slot)) return; // already stopped on purpose
    this.slots = this.slots.filter((s) => s !== slot);
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.job) {
      this.counts.failures++;
      this.settle(slot.job, (w) => w.reject(new RenderFailedError("crashed", cause.message)));
    } else if (!slot.ready && (this.waiting.size || this.background.length)) {
      // A worker that cannot even start would be replaced forever: let the waiting job fail instead.
      this.counts.failures++;
      const next = this.waiting.shift() ?? this.background.shift()!;
      this.settle(next, (w) => w.reject(new RenderFailedError("crashed", `render worker failed to start: ${cause.message}`)));
    }
    slot.job = null;
    if (!this.closed) this.pump();
  }

  private async stop(slot: Slot, reason: RenderFailedError | null): Promise<void> {
    if (!this.slots.includes(slot)) return;
    this.slots = this.slots.filter((s) => s !== slot);
    slot.retiring = true;
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.job && reason) {
      if (reason.reason !== "timeout" && reason.reason !== "closed") this.counts.failures++;
      this.settle(slot.job, (w) => w.reject(reason));
    }
    slot.job = null;
    await slot.worker.terminate();
  }
}

let shared: ReportPool | undefined;

/** The pool the app uses unless it is given one (created on first use). */
export function sharedReportPool(): ReportPool {
  return (shared ??= new ReportPool());
}

/** Stop the shared pool's workers (on server shutdown). */
export async function closeReportPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}

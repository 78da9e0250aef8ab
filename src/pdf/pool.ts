// A small pool of worker threads that render reports, so a render (hundreds of ms of CPU) never
// blocks the pages. Bounded everywhere: a worker per core but one, a time-out per render, a short
// queue (full → PoolBusyError, which the route answers with 503 + Retry-After), and each worker
// replaced after N renders or once its heap grows past a threshold, so memory stays flat.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AssessmentJob } from "./assemble.ts";
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
  /** Renders waiting for a free worker; one more is refused with PoolBusyError. */
  maxQueue?: number;
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
  renders: number;
  failures: number;
  timeouts: number;
  recycled: number;
  /** V8 heap of each live worker after its last render, in bytes. */
  workerHeaps: number[];
}

interface Job {
  id: number;
  job: RenderJob;
  resolve: (pdf: Uint8Array<ArrayBuffer>) => void;
  reject: (e: Error) => void;
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
  readonly maxRendersPerWorker: number;
  readonly maxHeapBytes: number;
  private readonly workerUrl: URL;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private avgMs = 1000;
  private counts = { renders: 0, failures: 0, timeouts: 0, recycled: 0 };

  constructor(opts: ReportPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism() - 1);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxQueue = opts.maxQueue ?? this.size * 4;
    this.maxRendersPerWorker = opts.maxRendersPerWorker ?? 200;
    this.maxHeapBytes = (opts.maxHeapMb ?? 192) * 1024 * 1024;
    this.workerUrl = opts.workerUrl ?? DEFAULT_WORKER;
  }

  /** Render one report; rejects with PoolBusyError when the queue is full, RenderFailedError when it fails. */
  render(data: ReportData): Promise<Uint8Array<ArrayBuffer>> {
    return this.submit({ kind: "data", data });
  }

  /** Render the report of a submitted assessment, its data assembled in the worker (see assemble.ts). */
  renderAssessment(assessment: AssessmentJob): Promise<Uint8Array<ArrayBuffer>> {
    return this.submit({ kind: "assessment", assessment });
  }

  private submit(job: RenderJob): Promise<Uint8Array<ArrayBuffer>> {
    if (this.closed) return Promise.reject(new RenderFailedError("closed", "report pool is closed"));
    const free = this.slots.some((s) => s.ready && !s.job && !s.retiring) || this.slots.length < this.size;
    if (!free && this.queue.length >= this.maxQueue) return Promise.reject(new PoolBusyError(this.retryAfter()));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.pump();
    });
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
      queued: this.queue.length,
      ...this.counts,
      workerHeaps: this.slots.filter((s) => s.ready).map((s) => s.heapUsed),
    };
  }

  /** Refuse new renders, fail the queued ones, stop every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new RenderFailedError("closed", "report pool closed"));
    await Promise.all(this.slots.map((s) => this.stop(s, new RenderFailedError("closed", "report pool closed"))));
  }

  private retryAfter(): number {
    const waves = Math.ceil((this.queue.length + 1) / this.size) + 1;
    return Math.min(60, Math.max(1, Math.ceil((waves * this.avgMs) / 1000)));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.slots.find((s) => s.ready && !s.job && !s.retiring);
      if (!slot) {
        if (this.slots.filter((s) => !s.retiring).length < this.size) this.spawn();
        break; // the new worker takes the job once it has loaded
      }
      this.dispatch(slot, this.queue.shift()!);
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
      void this.stop(slot, new RenderFailedError("timeout", `report render took longer than ${this.timeoutMs} ms`));
      this.pump();
    }, this.timeoutMs);
    slot.startedAt = started;
    slot.worker.postMessage({ id: job.id, job: job.job } satisfies RenderRequest);
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
      job.resolve(m.pdf);
    } else {
      this.counts.failures++;
      job.reject(new RenderFailedError("error", m.message));
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
      slot.job.reject(new RenderFailedError("crashed", cause.message));
    } else if (!slot.ready && this.queue.length) {
      // A worker that cannot even start would be replaced forever: let the waiting job fail instead.
      this.counts.failures++;
      this.queue.shift()!.reject(new RenderFailedError("crashed", `render worker failed to start: ${cause.message}`));
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
      slot.job.reject(reason);
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

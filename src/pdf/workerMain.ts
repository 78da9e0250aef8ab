// The message loop of a render worker: one job at a time, the PDF bytes handed back without a copy.
// A worker renders several kinds of document (the owner's report; others register theirs in
// kinds.ts); each job names its kind. Kept apart from worker.ts so a test can run the same loop
// around a renderer that fails on purpose.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";

/** A document to render: its kind (a key of the worker's renderers) and that kind's input. */
export interface RenderJob {
  kind: string;
  input: unknown;
}

/** What a worker can render: one function per kind of document. */
export type Renderers = Record<string, (input: never) => Promise<Uint8Array>>;

export interface RenderRequest {
  id: number;
  job: RenderJob;
}

export type RenderReply =
  | { type: "ready" }
  /** heapUsed: this worker's V8 heap after the render, for recycling. */
  | { type: "done"; id: number; pdf: Uint8Array<ArrayBuffer>; heapUsed: number }
  | { type: "failed"; id: number; message: string; heapUsed: number };

/**
 * Pages come first: a render thread asks the scheduler for less CPU than the thread serving
 * pages (Linux: a thread id works as a pid for setpriority). Elsewhere this does nothing.
 */
export function yieldToPages(nice = 19): boolean {
  try {
    const tid = Number(/task\/(\d+)$/.exec(readlinkSync("/proc/thread-self"))?.[1]);
    if (!tid || tid === process.pid) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

export function serveRenders(renderers: Renderers): void {
  const port = parentPort;
  if (!port) throw new Error("serveRenders must run in a worker thread");
  yieldToPages();
  port.on("message", async (req: RenderRequest) => {
    try {
      const render = Object.hasOwn(renderers, req.job.kind) ? renderers[req.job.kind]! : null;
      if (!render) throw new Error(`no renderer for documents of kind "${req.job.kind}"`);
      const out = await render(req.job.input as never);
      // A fresh buffer we own, so it can be transferred rather than copied across threads.
      const pdf = new Uint8Array(out);
      const reply: RenderReply = { type: "done", id: req.id, pdf, heapUsed: getHeapStatistics().used_heap_size };
      port.postMessage(reply, [pdf.buffer]);
    } catch (e) {
      const reply: RenderReply = {
        type: "failed",
        id: req.id,
        message: e instanceof Error ? e.message : String(e),
        heapUsed: getHeapStatistics().used_heap_size,
      };
      port.postMessage(reply);
    }
  });
  port.postMessage({ type: "ready" } satisfies RenderReply);
}

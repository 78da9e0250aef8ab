// The message loop of a render worker: one job at a time, the PDF bytes handed back without a copy.
// Kept apart from worker.ts so a test can run the same loop around a renderer that fails on purpose.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { reportDataFor, type AssessmentJob } from "./assemble.ts";
import type { ReportData } from "./reportData.ts";

/** A report to render: its data, or the assessment to assemble it from in the worker. */
export type RenderJob = { kind: "data"; data: ReportData } | { kind: "assessment"; assessment: AssessmentJob };

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

export function serveRenders(render: (data: ReportData) => Promise<Uint8Array>): void {
  const port = parentPort;
  if (!port) throw new Error("serveRenders must run in a worker thread");
  yieldToPages();
  port.on("message", async (req: RenderRequest) => {
    try {
      const data = req.job.kind === "data" ? req.job.data : reportDataFor(req.job.assessment);
      const out = await render(data);
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

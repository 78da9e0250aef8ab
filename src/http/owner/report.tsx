// GET /a/{code}/report.pdf: the advisory report, rendered in the worker pool.
// Same 404 page and miss counting as every other /a/{code} route (loadAssessment).
import { Hono, type Context } from "hono";
import { buildReportData } from "../../pdf/reportData.ts";
import { reportDisposition } from "../../pdf/fileName.ts";
import { PoolBusyError, RenderFailedError, sharedReportPool, type ReportPool } from "../../pdf/pool.ts";
import type { Services } from "../../services/assessments.ts";
import { fmt, vi } from "../../../views/messages.ts";
import { ReportProblemPage } from "../../../views/owner/report.tsx";
import { rateLimited } from "../rateLimit.ts";
import { loadAssessment, type OwnerEnv } from "./index.tsx";
import { peerBenchmark, peerSeriesForReport } from "../../services/peers.ts";

export interface ReportRouteDeps {
  /** Base of the QR code and short link printed in the report. */
  publicUrl: string;
  /** Tests pass their own pool; the server uses the shared one (closed by closeReportPool). */
  pool?: ReportPool;
  /** Cookies carry Secure (production, behind HTTPS). */
  secureCookies?: boolean;
}

const r = vi.report;

export function reportRoutes(s: Services, deps: ReportRouteDeps) {
  const app = new Hono<OwnerEnv>();

  app.get("/a/:code/report.pdf", rateLimited("lookup"), loadAssessment(s, deps.secureCookies ?? false), async (c) => {
    const row = c.get("assessment");
    const code = c.get("code");
    if (row.status !== "submitted")
      return c.html(
        <ReportProblemPage title={r.notReadyTitle} message={r.notReady} links={[{ href: `/a/${code}`, label: r.continue }]} />,
        409,
      );
    const peers = peerSeriesForReport(peerBenchmark(s, row), vi.sectors[row.sector], vi.sizeClasses[row.sizeClass]);
    const pool = deps.pool ?? sharedReportPool();
    // The worker assembles the data from its own read-only connection, off the page thread; a
    // database only this connection can see (in memory) has its data assembled here.
    const dbPath = s.db.$client.memory ? null : s.db.$client.name;
    try {
      const pdf = dbPath
        ? await pool.renderAssessment({ dbPath, contentDir: s.content.dir, code, publicUrl: deps.publicUrl, peers })
        : await pool.render(buildReportData(s, row, { code, publicUrl: deps.publicUrl, peers }));
      return c.body(pdf, 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": reportDisposition(row.businessName, { vietnamese: r.fileName, ascii: r.fileNameAscii }),
      });
    } catch (e) {
      return problem(c, code, e);
    }
  });

  return app;
}

function problem(c: Context<OwnerEnv>, code: string, e: unknown) {
  const again = { href: `/a/${code}/report.pdf`, label: r.tryAgain };
  const result = { href: `/a/${code}/result`, label: r.backToResult };
  if (e instanceof PoolBusyError) {
    c.header("Retry-After", String(e.retryAfterSeconds));
    return c.html(
      <ReportProblemPage title={r.busyTitle} message={fmt(r.busy, { seconds: e.retryAfterSeconds })} links={[again, result]} />,
      503,
    );
  }
  // Logged without the business: the reason is enough to act on.
  console.error(`report render failed: ${e instanceof RenderFailedError ? `${e.reason}: ` : ""}${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof RenderFailedError && e.reason === "timeout") {
    c.header("Retry-After", "30");
    return c.html(<ReportProblemPage title={r.failedTitle} message={r.timedOut} links={[again, result]} />, 503);
  }
  return c.html(<ReportProblemPage title={r.failedTitle} message={r.failed} links={[again, result]} />, 500);
}

// GET /a/{code}/report.pdf: the advisory report, kept ready on disk or rendered in the worker pool
// (services/ownerReports.ts). Same 404 page and miss counting as every other /a/{code} route.
import { Hono, type Context } from "hono";
import { reportDisposition } from "../../pdf/fileName.ts";
import { PoolBusyError, RenderFailedError } from "../../pdf/pool.ts";
import type { OwnerReports } from "../../services/ownerReports.ts";
import type { Services } from "../../services/assessments.ts";
import { fmt, msg } from "../../../views/messages.ts";
import { ReportProblemPage } from "../../../views/owner/report.tsx";
import { rateLimited } from "../rateLimit.ts";
import { loadAssessment, type OwnerEnv } from "./common.tsx";

export interface ReportRouteDeps {
  reports: OwnerReports;
  /** Cookies carry Secure (production, behind HTTPS). */
  secureCookies?: boolean;
}


export function reportRoutes(s: Services, deps: ReportRouteDeps) {
  const app = new Hono<OwnerEnv>();

  app.get("/a/:code/report.pdf", rateLimited("lookup"), loadAssessment(s, deps.secureCookies ?? false), async (c) => {
    const row = c.get("assessment");
    const code = c.get("code");
    if (row.status !== "submitted")
      return c.html(
        <ReportProblemPage title={msg().report.notReadyTitle} message={msg().report.notReady} links={[{ href: `/a/${code}`, label: msg().report.continue }]} />,
        409,
      );
    try {
      const { pdf } = await deps.reports.forOwner(row, c.get("stamp"), code, c.get("clientIp"), c.var.locale);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": "application/pdf",
        "Content-Language": c.var.locale,
        "Content-Disposition": reportDisposition(row.businessName, { vietnamese: msg().report.fileName, ascii: msg().report.fileNameAscii }),
      });
    } catch (e) {
      return problem(c, code, e);
    }
  });

  return app;
}

function problem(c: Context<OwnerEnv>, code: string, e: unknown) {
  const again = { href: `/a/${code}/report.pdf`, label: msg().report.tryAgain };
  const result = { href: `/a/${code}/result`, label: msg().report.backToResult };
  if (e instanceof PoolBusyError) {
    c.header("Retry-After", String(e.retryAfterSeconds));
    return c.html(
      <ReportProblemPage title={msg().report.busyTitle} message={fmt(msg().report.busy, { seconds: e.retryAfterSeconds })} links={[again, result]} />,
      503,
    );
  }
  // Logged without the business: the reason is enough to act on.
  c.get("log").error({ err: e, reason: e instanceof RenderFailedError ? e.reason : undefined }, "report render failed");
  if (e instanceof RenderFailedError && e.reason === "timeout") {
    c.header("Retry-After", "30");
    return c.html(<ReportProblemPage title={msg().report.failedTitle} message={msg().report.timedOut} links={[again, result]} />, 503);
  }
  return c.html(<ReportProblemPage title={msg().report.failedTitle} message={msg().report.failed} links={[again, result]} />, 500);
}

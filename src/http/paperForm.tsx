// GET /paper-form.pdf?sector=…: the blank paper form of a sector, for advisors going where there is
// no signal (and anyone who prefers paper). The same for everybody, so it is rendered once per
// sector and content in the worker pool and then served from memory.
import { Hono } from "hono";
import { SECTORS, type Sector } from "../domain/questionnaire.ts";
import { reportDisposition } from "../pdf/fileName.ts";
import { paperFormData, paperFormKey, paperFormPath, type PaperFormData } from "../pdf/paperFormData.ts";
import { PoolBusyError, RenderFailedError, sharedReportPool, type ReportPool } from "../pdf/pool.ts";
import type { Services } from "../services/assessments.ts";
import { fmt, msg } from "../../views/messages.ts";
import { ReportProblemPage } from "../../views/owner/report.tsx";
import type { AppEnv } from "./env.ts";


export function paperFormRoutes(s: Services, deps: { pool?: ReportPool } = {}) {
  const app = new Hono<AppEnv>();
  const pool = () => deps.pool ?? sharedReportPool();
  /** By sector and language. */
  const forms = new Map<string, { data: PaperFormData; key: string }>();
  /** Finished forms by key: four sectors of the version in force, a few hundred KB in all. */
  const rendered = new Map<string, Uint8Array>();

  const sectorLinks = () => SECTORS.map((x) => ({ href: paperFormPath(x), label: msg().sectors[x] }));

  app.get("/paper-form.pdf", async (c) => {
    const sector = c.req.query("sector") as Sector | undefined;
    if (!sector || !(SECTORS as readonly string[]).includes(sector))
      return c.html(<ReportProblemPage title={msg().offline.paper.badSectorTitle} message={msg().offline.paper.badSector} links={sectorLinks()} />, 400);
    const locale = c.var.locale;
    let form = forms.get(`${sector}|${locale}`);
    if (!form) {
      const data = paperFormData(s.content, sector, locale);
      forms.set(`${sector}|${locale}`, (form = { data, key: paperFormKey(data) }));
    }
    const etag = `"${form.key.split("|").pop()}"`;
    const headers = {
      "Content-Type": "application/pdf",
      "Content-Disposition": reportDisposition(msg().sectors[sector], { vietnamese: msg().offline.paper.fileName, ascii: msg().offline.paper.fileNameAscii }),
      // Nothing personal in it; it changes only with the questionnaire or the consent text.
      "Cache-Control": "public, max-age=3600",
      // The language may come from the cookie rather than the address: a cache keeps one copy per language.
      Vary: "Cookie",
      "Content-Language": locale,
      ETag: etag,
    };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    let pdf = rendered.get(form.key);
    if (!pdf) {
      try {
        pdf = await pool().run("paperForm", form.data, { key: form.key, shares: [c.get("clientIp"), sector] });
      } catch (e) {
        const again = { href: paperFormPath(sector), label: msg().offline.paper.tryAgain };
        if (e instanceof PoolBusyError) {
          c.header("Retry-After", String(e.retryAfterSeconds));
          return c.html(<ReportProblemPage title={msg().offline.paper.busyTitle} message={fmt(msg().offline.paper.busy, { seconds: e.retryAfterSeconds })} links={[again]} />, 503);
        }
        c.get("log").error({ err: e, reason: e instanceof RenderFailedError ? e.reason : undefined, sector }, "paper form render failed");
        if (e instanceof RenderFailedError && e.reason === "timeout") c.header("Retry-After", "30");
        return c.html(<ReportProblemPage title={msg().offline.paper.failedTitle} message={msg().offline.paper.failed} links={[again]} />, e instanceof RenderFailedError && e.reason === "timeout" ? 503 : 500);
      }
      rendered.set(form.key, pdf);
    }
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, headers);
  });

  return app;
}

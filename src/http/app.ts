// createApp(deps) builds the whole service; server.ts and the tests both use it.
import { Hono, type Context } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { HTTPException } from "hono/http-exception";
import { getConnInfo } from "@hono/node-server/conninfo";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/connection.ts";
import { saveQuestionnaireVersion } from "../../db/assessments.ts";
import type { Content } from "../content/load.ts";
import { createServices } from "../services/assessments.ts";
import { apiV1 } from "./api/v1/index.ts";
import { ownerPages } from "./owner/index.tsx";
import { setCentreContact } from "../../views/contact.tsx";
import { staffPages } from "./staff/index.tsx";
import { activityPages } from "./staff/activity.tsx";
import { fieldPages } from "./staff/field.tsx";
import { departmentPages, REGISTRY_UPLOAD_PATH } from "./department/index.tsx";
import { openDataRoutes } from "./open-data/index.tsx";
import { reportRoutes } from "./owner/report.tsx";
import { paperFormRoutes } from "./paperForm.tsx";
import type { ReportPool } from "../pdf/pool.ts";
import type { KeptReports } from "../pdf/keptReports.ts";
import { OwnerReports } from "../services/ownerReports.ts";
import { keepReportsReady } from "./reportsReady.ts";
import { mountAssets } from "./assets.ts";
import { compressPages } from "./compression.ts";
import { csrfFormTokens, sameOriginOnly } from "./csrf.ts";
import { closeAfterTooLarge, limitBody } from "./bodyLimit.ts";
import { clientAddress, NO_PROXY, type ProxyTrust } from "./clientAddress.ts";
import type { AppEnv } from "./env.ts";
import { RateLimiter } from "./rateLimit.ts";
import { ephemeralKeys, serverKeys } from "../services/serverKeys.ts";
import { requestLog } from "./logging.ts";
import type { Logger } from "pino";
import { MessagePage } from "../../views/owner/pages.tsx";
import { vi } from "../../views/messages.ts";

export interface AppDeps {
  db: Db;
  content: Content;
  limiter?: RateLimiter;
  /** Which proxies in front are ours (X-Forwarded-For); none when absent: the socket's peer is the client. */
  proxyTrust?: ProxyTrust;
  /** Base of links and QR codes that leave the site (report, resume code). */
  publicUrl?: string;
  /** Staff session cookies carry Secure (production, behind HTTPS). */
  secureCookies?: boolean;
  /** Request logs (JSON); none when absent (tests). */
  logger?: Logger;
  /** SESSION_SECRET: keys form tokens, known-code tags and advisors' code grants; random per app when absent. */
  sessionSecret?: string;
  /** Renders PDF reports; the shared worker pool when absent. */
  reportPool?: ReportPool;
  /** Owner reports kept on disk (ready when the owner taps); every request renders when absent. */
  keptReports?: KeptReports;
}

export function createApp(deps: AppDeps) {
  // Freeze every version on disk so assessments taken on it re-score identically forever.
  for (const q of deps.content.questionnaires) saveQuestionnaireVersion(deps.db, q);
  const services = createServices(deps.db, deps.content);
  setCentreContact(deps.content.contact);
  const keys = deps.sessionSecret ? serverKeys(deps.sessionSecret) : ephemeralKeys();
  const limiter = deps.limiter ?? new RateLimiter();
  limiter.keyTags(keys.knownCodes);

  const app = new Hono<AppEnv>();
  if (deps.logger) app.use(requestLog(deps.logger));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: "same-origin",
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(closeAfterTooLarge());
  app.use(compressPages());
  const smallBodies = limitBody(64 * 1024, (c) =>
    c.req.path.startsWith("/api/")
      ? c.json({ error: { code: "too_large", message: "Dữ liệu gửi lên quá lớn (tối đa 64 KB)." } }, 413)
      : c.text("Dữ liệu gửi lên quá lớn.", 413),
  );
  // The department's register upload is the one large body; its route sets its own limit.
  // GET and HEAD carry no body: checking one would build the full Request object for nothing.
  app.use((c, next) => (c.req.method === "GET" || c.req.method === "HEAD" || (c.req.path === REGISTRY_UPLOAD_PATH && c.req.method === "POST") ? next() : smallBodies(c, next)));
  // After the size limit: the guard may read a form body to check its token.
  app.use(sameOriginOnly(keys.csrf, deps.publicUrl ? [new URL(deps.publicUrl).origin] : []));
  app.use(csrfFormTokens(keys.csrf));
  const reports = new OwnerReports(services, { publicUrl: deps.publicUrl ?? "http://localhost:3000", pool: deps.reportPool, kept: deps.keptReports });
  app.use(async (c, next) => {
    c.set("services", services);
    c.set("limiter", limiter);
    c.set("clientIp", clientAddress(peerOf(c), c.req.header("x-forwarded-for"), deps.proxyTrust ?? NO_PROXY));
    await next();
  });
  app.use(keepReportsReady(reports, keys.codeGrants));

  const ping = deps.db.$client.prepare("select 1");
  app.get("/healthz", (c) => {
    try {
      ping.get();
      return c.json({ status: "ok" }, 200);
    } catch {
      return c.json({ status: "error" }, 503);
    }
  });

  mountAssets(app);
  app.route("/api/v1", apiV1(services));
  app.route("/open-data", openDataRoutes(services));
  app.route("/staff/department", departmentPages(services, { databasePath: deps.db.$client.name }));
  app.route("/staff/activity", activityPages(services));
  app.route("/", fieldPages());
  app.route("/staff", staffPages(services, { secureCookies: deps.secureCookies ?? false, codeGrantsKey: keys.codeGrants }));
  app.route("/", reportRoutes(services, { reports, secureCookies: deps.secureCookies ?? false }));
  app.route("/", paperFormRoutes(services, { pool: deps.reportPool }));
  app.route("/", ownerPages(services, { publicUrl: deps.publicUrl ?? "http://localhost:3000", secureCookies: deps.secureCookies ?? false }));

  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? c.json({ error: { code: "not_found", message: "Không có địa chỉ này." } }, 404)
      : c.html(MessagePage({ title: vi.errors.pageNotFound, message: vi.errors.noSuchPage }), 404),
  );
  app.onError((err, c) => {
    const status = err instanceof HTTPException ? err.status : 500;
    if (status >= 500) console.error(err);
    const { code, message } = HTTP_ERRORS[status] ?? (status < 500 ? { code: "bad_request", message: "Yêu cầu không hợp lệ." } : HTTP_ERRORS[500]!);
    return c.req.path.startsWith("/api/") ? c.json({ error: { code, message } }, status as 400) : c.text(message, status as 400);
  });
  return app;
}

/** What the API says for an error thrown by Hono or a validator rather than answered by a route. */
const HTTP_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: "malformed_body", message: "Dữ liệu gửi lên không đọc được (JSON hoặc biểu mẫu sai dạng)." },
  413: { code: "too_large", message: "Dữ liệu gửi lên quá lớn." },
  // The JSON API reads only JSON: a body sent as a form or as plain text is not guessed at.
  415: { code: "unsupported_media_type", message: "Dữ liệu phải gửi dạng JSON (Content-Type: application/json)." },
  500: { code: "internal", message: "Có lỗi xảy ra phía máy chủ. Vui lòng thử lại." },
};

function peerOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "local"; // app.request() in tests has no socket
  }
}

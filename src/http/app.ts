// createApp(deps) builds the whole service; server.ts and the tests both use it.
import { Hono, type Context } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { contextStorage } from "hono/context-storage";
import { getConnInfo } from "@hono/node-server/conninfo";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/connection.ts";
import { saveQuestionnaireVersion } from "../../db/assessments.ts";
import type { Content } from "../content/load.ts";
import { localizeContent } from "../content/translations.ts";
import { createServices } from "../services/assessments.ts";
import { apiV1 } from "./api/v1/index.ts";
import { ownerPages } from "./owner/index.tsx";
import { setCentreContact } from "../../views/contact.tsx";
import { staffPages } from "./staff/index.tsx";
import { activityPages } from "./staff/activity.tsx";
import { fieldPages } from "./staff/field.tsx";
import { paperEntryPages } from "./staff/paperEntry.tsx";
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
import { createLogger, requestLog } from "./logging.ts";
import { chooseLocale } from "./locale.ts";
import type { Logger } from "pino";
import { fmt, msg } from "../../views/messages.ts";
import { answerErrors, isApiRequest, refuse } from "./errors.ts";

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

/** Every request body but the department's register upload. */
const SMALL_BODY_KB = 64;

export function createApp(deps: AppDeps) {
  // Freeze every version on disk so assessments taken on it re-score identically forever.
  for (const q of deps.content.questionnaires) saveQuestionnaireVersion(deps.db, q);
  const services = createServices(deps.db, deps.content);
  setCentreContact((locale) => localizeContent(deps.content, locale).contact);
  const keys = deps.sessionSecret ? serverKeys(deps.sessionSecret) : ephemeralKeys();
  const limiter = deps.limiter ?? new RateLimiter();
  limiter.keyTags(keys.knownCodes);

  // Without a logger (tests) server errors still reach the console, as JSON like in production.
  const log = deps.logger ?? createLogger("error");
  const app = new Hono<AppEnv>();
  // First: every later middleware and page renders in the request's language (msg() in views).
  app.use(contextStorage());
  app.use(chooseLocale({ secureCookies: deps.secureCookies ?? false }));
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
  const smallBodies = limitBody(SMALL_BODY_KB * 1024, (c) =>
    refuse(c, 413, "too_large", isApiRequest(c) ? fmt(msg().problems.tooLargeMax, { kb: SMALL_BODY_KB }) : msg().problems.tooLarge),
  );
  // The department's register upload is the one large body; its route sets its own limit.
  // GET and HEAD carry no body: checking one would build the full Request object for nothing.
  app.use((c, next) => (c.req.method === "GET" || c.req.method === "HEAD" || (c.req.path === REGISTRY_UPLOAD_PATH && c.req.method === "POST") ? next() : smallBodies(c, next)));
  // After the size limit: the guard may read a form body to check its token.
  app.use(sameOriginOnly(keys.csrf, deps.publicUrl ? [new URL(deps.publicUrl).origin] : []));
  app.use(csrfFormTokens(keys.csrf));
  const reports = new OwnerReports(services, { publicUrl: deps.publicUrl ?? "http://localhost:3000", pool: deps.reportPool, kept: deps.keptReports, log });
  app.use(async (c, next) => {
    c.set("services", services);
    c.set("limiter", limiter);
    c.set("log", log);
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
  app.route("/staff/department", departmentPages(services, { databasePath: deps.db.$client.name, pool: deps.reportPool }));
  app.route("/staff/activity", activityPages(services));
  app.route("/", fieldPages());
  app.route("/staff/paper-entry", paperEntryPages(services, { codeGrantsKey: keys.codeGrants }));
  app.route("/staff", staffPages(services, { secureCookies: deps.secureCookies ?? false, codeGrantsKey: keys.codeGrants }));
  app.route("/", reportRoutes(services, { reports, secureCookies: deps.secureCookies ?? false }));
  app.route("/", paperFormRoutes(services, { pool: deps.reportPool }));
  app.route("/", ownerPages(services, { publicUrl: deps.publicUrl ?? "http://localhost:3000", secureCookies: deps.secureCookies ?? false }));

  answerErrors(app, log);
  return app;
}

function peerOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "local"; // app.request() in tests has no socket
  }
}

// Cross-site request forgery guard for every state-changing request (forms, htmx, JSON).
// 1. Browsers say where a request comes from (Sec-Fetch-Site, Origin): another site is refused.
// 2. Where neither header is sent (old browsers on cheap phones) and the request carries a staff
//    session cookie, the form must carry a token derived from that session, which a page on
//    another site cannot know. Staff pages get the token added to every POST form.
// Owners have no session (their code is in the address; the dx_codes cookie only eases a guessing
// block, see rateLimit.ts), and JSON needs a CORS preflight we never grant, so requests without a
// session and without those headers come from scripts, not victims.
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "./env.ts";
import { refuse } from "./errors.ts";
import { msg } from "../../views/messages.ts";
import { tag } from "../services/serverKeys.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
export const STAFF_COOKIE = "dx_staff";
export const CSRF_FIELD = "_csrf";

/** The form token of a staff session: keyed by the server (SESSION_SECRET), so only our pages can hold it. */
export function csrfTokenFor(key: Buffer, session: string): string {
  return tag(key, session);
}

export function sameOriginOnly(csrfKey: Buffer, allowedOrigins: string[] = []): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    const own = new URL(c.req.url).origin;
    let ok = site
      ? site === "same-origin" || site === "none"
      : origin
        ? origin === own || allowedOrigins.includes(origin)
        : true;
    if (ok && !site && !origin) {
      const session = getCookie(c, STAFF_COOKIE);
      const type = (c.req.header("content-type") ?? "").toLowerCase();
      // Only what a cross-site page can send without a preflight: forms, plain text, no body type.
      const simple = type === "" || /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/.test(type);
      if (session && simple) {
        const token = /form/.test(type) ? (await c.req.parseBody())[CSRF_FIELD] : undefined;
        ok = typeof token === "string" && token === csrfTokenFor(csrfKey, session);
      }
    }
    if (ok) return next();
    return refuse(c, 403, "cross_site", msg().problems.crossSite);
  };
}

/** Adds the session's token to every POST form of an HTML page served to a signed-in staff member. */
export function csrfFormTokens(csrfKey: Buffer): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const session = getCookie(c, STAFF_COOKIE);
    if (!session || !(c.res.headers.get("content-type") ?? "").startsWith("text/html")) return;
    const html = await c.res.text();
    const field = `<input type="hidden" name="${CSRF_FIELD}" value="${csrfTokenFor(csrfKey, session)}"/>`;
    const out = html.replace(/<form\b[^>]*\bmethod="post"[^>]*>/gi, (tag) => tag + field);
    c.set("gzippedBody", undefined); // the body changed: a gzip kept of the old one must not be sent
    const headers = new Headers(c.res.headers);
    headers.delete("content-length");
    c.res = new Response(out, { status: c.res.status, headers });
  };
}

// Cross-site request forgery guard for every state-changing request (forms, htmx, JSON).
// Browsers tell us where a request comes from (Sec-Fetch-Site, Origin); a request from another
// site is refused. Requests with neither header come from non-browser clients (scripts, other
// systems), which cannot carry an owner's browser state.
import type { MiddlewareHandler } from "hono";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function sameOriginOnly(allowedOrigins: string[] = []): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    const own = new URL(c.req.url).origin;
    const ok = site
      ? site === "same-origin" || site === "none"
      : origin
        ? origin === own || allowedOrigins.includes(origin)
        : true;
    if (ok) return next();
    const message = "Yêu cầu bị từ chối vì không gửi từ trang của dịch vụ.";
    return c.req.path.startsWith("/api/")
      ? c.json({ error: { code: "cross_site", message } }, 403)
      : c.text(message, 403);
  };
}

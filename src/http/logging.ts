// Structured request logs (pino, JSON): method, route, status, latency. Never the resume code
// (it is the owner's key), passwords, contact details or request bodies.
import type { MiddlewareHandler } from "hono";
import { pino, type Logger } from "pino";

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ["password", "*.password", "contact", "*.contact", "code", "*.code"], censor: "[ẩn]" },
  });
}

/** The path with every resume code replaced, so a log line never carries an owner's key. */
export function loggablePath(path: string): string {
  return path.replace(/^\/a\/[^/]+/, "/a/:code").replace(/^\/api\/v1\/assessments\/[^/]+/, "/api/v1/assessments/:code");
}

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const status = c.res.status;
    const entry = { method: c.req.method, path: loggablePath(c.req.path), status, ms };
    if (status >= 500) logger.error(entry, "request");
    else logger.info(entry, "request");
  };
}

// Fixed-window counters per client address, in memory (one process serves the province).
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";

export type LimitKind = "create" | "lookup" | "advice" | "login";

export interface LimitRule {
  max: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: Record<LimitKind, LimitRule> = {
  // Creation: a training session in a commune hall shares one address.
  create: { max: 60, windowMs: 60 * 60_000 },
  // Codes that find nothing: a person mistypes a few times, a guesser thousands.
  lookup: { max: 20, windowMs: 15 * 60_000 },
  advice: { max: 20, windowMs: 60 * 60_000 },
  login: { max: 10, windowMs: 15 * 60_000 },
};

export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    readonly rules: Record<LimitKind, LimitRule> = DEFAULT_LIMITS,
    private now: () => number = Date.now,
  ) {}

  private entry(kind: LimitKind, key: string) {
    const k = `${kind}:${key}`;
    const t = this.now();
    let e = this.hits.get(k);
    if (!e || e.resetAt <= t) {
      e = { count: 0, resetAt: t + this.rules[kind].windowMs };
      this.hits.set(k, e);
      if (this.hits.size > 100_000) this.sweep(t);
    }
    return e;
  }

  /** Seconds until the caller may try again, or 0 if allowed now. */
  blockedFor(kind: LimitKind, key: string): number {
    const e = this.entry(kind, key);
    return e.count >= this.rules[kind].max ? Math.ceil((e.resetAt - this.now()) / 1000) : 0;
  }

  hit(kind: LimitKind, key: string): void {
    this.entry(kind, key).count++;
  }

  private sweep(t: number) {
    for (const [k, e] of this.hits) if (e.resetAt <= t) this.hits.delete(k);
  }
}

export function tooMany(c: Context, retryAfter: number) {
  c.header("Retry-After", String(retryAfter));
  const message = `Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfter / 60)} phút.`;
  return c.req.path.startsWith("/api/")
    ? c.json({ error: { code: "rate_limited", message } }, 429)
    : c.text(message, 429);
}

/**
 * "create" and "advice" count every request; "lookup" only blocks once too many codes found
 * nothing (see recordMiss), so an owner using a right code is never slowed down.
 */
export function rateLimited(kind: LimitKind): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = c.get("limiter");
    const ip = c.get("clientIp");
    const wait = limiter.blockedFor(kind, ip);
    if (wait > 0) return tooMany(c, wait);
    if (kind !== "lookup" && kind !== "login") limiter.hit(kind, ip);
    await next();
  };
}

// Any audience's context carries the limiter and the address (see AppEnv).
export function recordMiss(c: Context<any>, kind: LimitKind = "lookup"): void {
  (c.get("limiter") as RateLimiter).hit(kind, c.get("clientIp") as string);
}

// Fixed-window counters per client address, in memory (one process serves the province).
import { createHmac, randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { parseResumeCode } from "../domain/resumeCode.ts";
import { keptPerKey } from "../domain/keptPerKey.ts";
import { MessagePage } from "../../views/owner/pages.tsx";
import { fmt, msg } from "../../views/messages.ts";
import type { AppEnv } from "./env.ts";
import { apiError, isApiRequest } from "./errors.ts";

export type LimitKind = "create" | "lookup" | "advice" | "login";

export interface LimitRule {
  max: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: Record<LimitKind, LimitRule> = {
  // Creation: a training session in a commune hall shares one address.
  create: { max: 60, windowMs: 60 * 60_000 },
  // Codes that find nothing: a person mistypes a few times, a guesser thousands. Many owners share
  // one address (a commune hall, a mobile network), so the allowance is for all of them; 60 a
  // quarter-hour is still about 6e-11 of the code space a year (test/http/api.test.ts).
  lookup: { max: 60, windowMs: 15 * 60_000 },
  advice: { max: 20, windowMs: 60 * 60_000 },
  login: { max: 10, windowMs: 15 * 60_000 },
};

const tagger = (key: Buffer) => keptPerKey((code) => createHmac("sha256", key).update(code).digest("base64url").slice(0, 16));

export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    readonly rules: Record<LimitKind, LimitRule> = DEFAULT_LIMITS,
    private now: () => number = Date.now,
  ) {}

  #tagOf = tagger(randomBytes(32));

  /** The tag of a code a browser has opened (see "Codes this browser has opened" below). */
  tagOf(code: string): string {
    return this.#tagOf(code);
  }

  /** Keys the tags with a key derived from SESSION_SECRET, so a browser's tags outlive a restart (random until then). */
  keyTags(key: Buffer): void {
    this.#tagOf = tagger(key);
  }

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
  const message = fmt(msg().errors.tooMany, { minutes: Math.ceil(retryAfter / 60) });
  return isApiRequest(c)
    ? apiError(c, 429, "rate_limited", message)
    : c.html(MessagePage({ title: msg().errors.limitedTitle, message: `${message} ${msg().errors.limitedWhy}` }), 429);
}

// ── Codes this browser has opened ──
// A block for guessing falls on an address, and many owners share one. A browser that has opened a
// code keeps it working through a block: the cookie holds a tag per code, keyed by the server, which
// a guesser cannot make for a code it does not know. It holds no code, name or answer.
const KNOWN_COOKIE = "dx_codes";
const KNOWN_MAX = 5;

function knownTags(c: Context): string[] {
  return (getCookie(c, KNOWN_COOKIE) ?? "").split(".").filter((t) => /^[\w-]{16}$/.test(t)).slice(0, KNOWN_MAX);
}

function opened(c: Context<AppEnv>, input: string | undefined): boolean {
  const parsed = parseResumeCode(input ?? "");
  return parsed.ok && knownTags(c).includes(c.get("limiter").tagOf(parsed.code));
}

/** Remembers that this browser opened `code` (canonical form), unless it already has. */
export function rememberOpened<E extends AppEnv>(c: Context<E>, code: string, secure: boolean): void {
  const tag = (c as unknown as Context<AppEnv>).get("limiter").tagOf(code);
  const tags = knownTags(c);
  if (tags.includes(tag)) return;
  const kept = [tag, ...tags].slice(0, KNOWN_MAX).join(".");
  setCookie(c, KNOWN_COOKIE, kept, { httpOnly: true, sameSite: "Lax", secure, path: "/", maxAge: 180 * 24 * 3600 });
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
    if (wait > 0 && !(kind === "lookup" && opened(c, c.req.param("code")))) return tooMany(c, wait);
    if (kind !== "lookup" && kind !== "login") limiter.hit(kind, ip);
    await next();
  };
}

// Any audience's context carries the limiter and the address (see AppEnv).
export function recordMiss(c: Context<any>, kind: LimitKind = "lookup"): void {
  (c.get("limiter") as RateLimiter).hit(kind, c.get("clientIp") as string);
}

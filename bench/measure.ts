// Measuring helpers shared by the benchmarks that drive the app in-process on a generated database.
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { insertStaff } from "../db/staff.ts";
import type { Db } from "../db/connection.ts";
import type { createApp } from "../src/http/app.ts";
import { hashPassword } from "../src/services/passwords.ts";
import { percentile } from "./types.ts";

/** Cheap password hashing: the bench signs in once and measures something else. */
const CHEAP = { N: 1024, r: 8, p: 1 } as const;

export function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1]! };
}

export async function timeMany(n: number, f: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** The one-minute load average, to read beside a figure measured on a shared machine. */
export const load1 = () => loadavg()[0]!.toFixed(1);

/** CPU time this process spent (all threads) while `f` ran, in ms, beside the wall time. */
export async function withCpu<T>(f: () => Promise<T> | T): Promise<{ value: T; wallMs: number; cpuMs: number; load: string }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const d = process.cpuUsage(c0);
  return { value, wallMs: performance.now() - t0, cpuMs: (d.user + d.system) / 1000, load: load1() };
}

/** Longest wait any other request would have had while `f` ran (event-loop delay, ms). */
export async function loopHeld<T>(f: () => Promise<T>): Promise<{ value: T; maxMs: number }> {
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  try {
    const value = await f();
    return { value, maxMs: lag.max / 1e6 };
  } finally {
    lag.disable();
  }
}

/** A department account signed in through the login form: the cookie to send. */
export async function departmentCookie(db: Db, app: ReturnType<typeof createApp>, email = "so.khcn@dienbien.gov.vn"): Promise<string> {
  const password = "mật khẩu đủ dài cho thử";
  insertStaff(db, { email, name: "Cán bộ Sở", role: "department", passwordHash: await hashPassword(password, CHEAP) });
  const login = await app.request("/staff/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const cookie = /dx_staff=[^;]+/.exec(login.headers.get("set-cookie") ?? "")?.[0];
  if (!cookie) throw new Error(`login failed (${login.status})`);
  return cookie;
}

/** Reads a response body to its end: bytes, and lines for a CSV. */
export async function drain(res: Response): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let lines = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  return { bytes, lines };
}

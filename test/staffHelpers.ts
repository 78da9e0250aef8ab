// Staff accounts and signed-in requests for HTTP tests. Passwords are hashed with a cheap scrypt
// cost here (verification reads the cost from the hash), so tests stay fast.
import type { Db } from "../db/connection.ts";
import { insertStaff } from "../db/staff.ts";
import type { Role } from "../src/domain/staff.ts";
import { hashPassword } from "../src/services/passwords.ts";
import type { TestApp } from "./helpers.ts";

export const CHEAP = { N: 1024, r: 8, p: 1 } as const;
const PASSWORD = "mật khẩu đủ dài cho thử nghiệm";

let n = 0;
export async function addStaff(db: Db, role: Role, name = `Cán bộ ${role} ${++n}`) {
  const email = `${role}${++n}@dienbien.gov.vn`;
  const row = insertStaff(db, { email, name, role, passwordHash: await hashPassword(PASSWORD, CHEAP) });
  return { ...row, password: PASSWORD };
}

/** Sign in through the login form; returns the Cookie header value. */
export async function signInAs(t: TestApp, account: { email: string; password: string }): Promise<string> {
  const res = await t.app.request("/staff/login", form({ email: account.email, password: account.password }));
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  const set = res.headers.get("set-cookie") ?? "";
  const m = /dx_staff=([^;]+)/.exec(set);
  if (!m) throw new Error("no session cookie");
  return `dx_staff=${m[1]}`;
}

export function form(fields: Record<string, string | string[]>, cookie?: string): RequestInit {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  // A browser posting our own form says so (Sec-Fetch-Site); see src/http/csrf.ts.
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", ...(cookie ? { cookie } : {}) }, body };
}

export const get = (cookie?: string): RequestInit => ({ headers: cookie ? { cookie } : {} });

/** The profile form an advisor fills (same fields as the owner's start form). */
export function profileForm(overrides: Record<string, string> = {}) {
  return {
    name: "HTX Chè Shan Tuyết Tủa Chùa",
    legalForm: "cooperative",
    taxCode: "5600123456",
    communeId: "tua_chua",
    sector: "ocop",
    activityGroup: "agriculture",
    staff: "8",
    revenueBnVnd: "3",
    "consent.report": "yes",
    "consent.statistics": "yes",
    ...overrides,
  };
}

// Staff accounts and sign-in. Sessions live server-side: the browser holds a random token, the
// database its sha256, so a copied database cannot be used to sign in.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/connection.ts";
import {
  deleteExpiredSessions,
  deleteSession,
  insertSession,
  insertStaff,
  sessionWithStaff,
  setStaffActive,
  setStaffPassword,
  staffByEmail,
  staffById,
  touchSession,
  type StaffRow,
} from "../../db/staff.ts";
import { emailSchema, newStaffSchema, passwordSchema, sessionAlive, SESSION_MAX_AGE_MS, type AccountFieldProblem } from "../domain/staff.ts";
import { dummyHash, hashPassword, verifyPassword } from "./passwords.ts";

/** Why an account operation was refused; the pages word it (views/staff/accountRefusal.ts). */
export type AccountProblem = "invalid_account" | "email_taken" | "wrong_password" | "weak_password" | "self" | "not_found";
export interface AccountRefusal {
  status: 404 | 409 | 422;
  code: AccountProblem;
  /**
   * Input name → what is wrong with it: a code of ours, or, for a rule that has none (zod's own,
   * such as an over-long e-mail), the message zod wrote in its Vietnamese locale.
   */
  fields?: Record<string, AccountFieldProblem | (string & {})>;
}
export type AccountResult<T> = { ok: true; value: T } | { ok: false; error: AccountRefusal };
const refused = (error: AccountRefusal): { ok: false; error: AccountRefusal } => ({ ok: false, error });

function fieldsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.map(String).join(".") || "_"] ??= i.message;
  return out;
}

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createStaffAccount(db: Db, input: unknown): Promise<AccountResult<StaffRow>> {
  const parsed = newStaffSchema.safeParse(input);
  if (!parsed.success)
    return refused({ status: 422, code: "invalid_account", fields: fieldsOf(parsed.error.issues) });
  const { password, ...rest } = parsed.data;
  if (staffByEmail(db, rest.email))
    return refused({ status: 409, code: "email_taken", fields: { email: "email_taken" } });
  const passwordHash = await hashPassword(password);
  try {
    return { ok: true, value: insertStaff(db, { ...rest, passwordHash }) };
  } catch (e) {
    // Two admins creating the same address at once: the unique index decides.
    if (e instanceof Error && /UNIQUE constraint failed: staff.email/.test(e.message))
      return refused({ status: 409, code: "email_taken", fields: { email: "email_taken" } });
    throw e;
  }
}

/** The e-mail as stored, or null when it cannot be one (used as the per-account rate-limit key). */
export function normaliseEmail(input: string): string | null {
  const r = emailSchema.safeParse(input);
  return r.success ? r.data : null;
}

/**
 * Check the password and open a session. Unknown e-mails, wrong passwords and deactivated accounts
 * get the same answer in about the same time, so the form does not reveal who has an account.
 */
export async function signIn(db: Db, email: string, password: string, now = Date.now()): Promise<{ token: string; staff: StaffRow } | null> {
  const normalised = normaliseEmail(email);
  const account = normalised ? staffByEmail(db, normalised) : undefined;
  const ok = await verifyPassword(password.slice(0, 200), account?.passwordHash ?? (await dummyHash()));
  if (!account || !ok || !account.active) return null;
  deleteExpiredSessions(db, new Date(now).toISOString());
  const token = randomBytes(32).toString("base64url");
  insertSession(db, tokenHash(token), account.id, new Date(now + SESSION_MAX_AGE_MS).toISOString());
  return { token, staff: account };
}

/** The signed-in staff member for a cookie token, or null (unknown, expired, idle or deactivated). */
export function staffForToken(db: Db, token: string, now = Date.now()): StaffRow | null {
  const hash = tokenHash(token);
  const found = sessionWithStaff(db, hash);
  if (!found) return null;
  if (!sessionAlive(found.session, now) || !found.staff.active) {
    deleteSession(db, hash);
    return null;
  }
  // Write lastSeenAt at most once a minute: reads stay reads.
  if (now - Date.parse(found.session.lastSeenAt) > 60_000) touchSession(db, hash, new Date(now).toISOString());
  return found.staff;
}

export function signOut(db: Db, token: string): void {
  deleteSession(db, tokenHash(token));
}

export async function changePassword(db: Db, staffId: number, current: string, next: string, keepToken: string): Promise<AccountResult<true>> {
  const account = staffById(db, staffId);
  if (!account || !(await verifyPassword(current.slice(0, 200), account.passwordHash)))
    return refused({ status: 422, code: "wrong_password", fields: { current: "password_wrong" } });
  const parsed = passwordSchema.safeParse(next);
  if (!parsed.success)
    return refused({ status: 422, code: "weak_password", fields: { next: parsed.error.issues[0]!.message } });
  setStaffPassword(db, staffId, await hashPassword(parsed.data), tokenHash(keepToken));
  return { ok: true, value: true };
}

/** An admin cannot deactivate their own account (the province would lose its last admin). */
export function setActive(db: Db, actorId: number, staffId: number, active: boolean): AccountResult<true> {
  if (actorId === staffId)
    return refused({ status: 409, code: "self" });
  if (!setStaffActive(db, staffId, active)) return refused({ status: 404, code: "not_found" });
  return { ok: true, value: true };
}

/** An admin sets a new initial password (a forgotten one); every session of the account ends. */
export async function resetPassword(db: Db, staffId: number, next: string): Promise<AccountResult<true>> {
  if (!staffById(db, staffId)) return refused({ status: 404, code: "not_found" });
  const parsed = passwordSchema.safeParse(next);
  if (!parsed.success)
    return refused({ status: 422, code: "weak_password", fields: { password: parsed.error.issues[0]!.message } });
  setStaffPassword(db, staffId, await hashPassword(parsed.data));
  return { ok: true, value: true };
}

// Staff of the province and what each role may do. Owners have no account: their resume code is
// their key, and it never opens a staff page.
import { z } from "zod";
import "./zodLocale.ts";
import { oneLineText } from "./text.ts";

import { STAFF_ROLES, type StaffRole } from "./vocabularies.ts";

export const ROLES = STAFF_ROLES;
export type Role = StaffRole;

/**
 * What each role may do. The server checks one of these on every staff route; the route × role
 * test walks every route with every role.
 * - advisor: runs and validates assessments, records support, re-assesses.
 * - department: reads everything across the province, changes nothing.
 * - admin: manages accounts and sees content versions; no access to businesses' data.
 */
export const PERMISSIONS = {
  /** Read businesses, assessments, comparisons, history. */
  readBusinesses: ["advisor", "department"],
  /** Create businesses, guided sessions, change answers, validate, record support, re-assess. */
  advise: ["advisor"],
  /** Province-wide counts. */
  readAggregates: ["department", "advisor"],
  /** Merge two records of the same business, and undo a merge (both sides must be seen). */
  mergeRecords: ["advisor", "department"],
  /** Import the province's register and link assessed households to it by hand (department). */
  manageRegistry: ["department"],
  manageAccounts: ["admin"],
  /** Any signed-in staff member (own password, logout). */
  self: ["advisor", "department", "admin"],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function may(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Long enough to resist guessing offline if a hash ever leaks; no composition rules (NIST 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * What can be wrong with an account's field, as codes: the schemas below give them as their issue
 * messages and the pages word them in the reader's language (the catalogue's `staff.accountFields`).
 */
export const ACCOUNT_FIELD_PROBLEMS = [
  "password_missing",
  "password_too_short",
  "password_too_long",
  "password_wrong",
  "email_missing",
  "email_invalid",
  "email_taken",
  "name_missing",
  "name_too_short",
  "name_too_long",
  "role_unknown",
] as const;
export type AccountFieldProblem = (typeof ACCOUNT_FIELD_PROBLEMS)[number];
const problem = (p: AccountFieldProblem) => p;

export const passwordSchema = z
  .string({ error: problem("password_missing") })
  .min(MIN_PASSWORD_LENGTH, problem("password_too_short"))
  .max(200, problem("password_too_long"));

export const emailSchema = z
  .string({ error: problem("email_missing") })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: problem("email_invalid") }).max(200));

export const newStaffSchema = z.strictObject({
  email: emailSchema,
  name: oneLineText({ error: problem("name_missing") }).min(2, problem("name_too_short")).max(120, problem("name_too_long")),
  role: z.enum(ROLES, { error: problem("role_unknown") }),
  password: passwordSchema,
});
export type NewStaff = z.infer<typeof newStaffSchema>;

/** Sessions end after a working day, or after two idle hours (a phone left on a commune-hall table). */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60_000;
export const SESSION_IDLE_MS = 2 * 60 * 60_000;

export function sessionAlive(s: { expiresAt: string; lastSeenAt: string }, now: number): boolean {
  return Date.parse(s.expiresAt) > now && Date.parse(s.lastSeenAt) + SESSION_IDLE_MS > now;
}

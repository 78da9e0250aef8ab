// Queries of the staff aggregate: accounts and their server-side sessions.
import { and, asc, eq, lt, ne, sql } from "drizzle-orm";
import type { Role } from "../src/domain/staff.ts";
import type { Db } from "./connection.ts";
import { staff, staffSessions } from "./schema.ts";

export type StaffRow = typeof staff.$inferSelect;
export type SessionRow = typeof staffSessions.$inferSelect;

const now = () => new Date().toISOString();

export function insertStaff(db: Db, values: { email: string; name: string; role: Role; passwordHash: string }): StaffRow {
  return db.insert(staff).values({ ...values, createdAt: now() }).returning().get();
}

export function staffByEmail(db: Db, email: string): StaffRow | undefined {
  return db.select().from(staff).where(eq(staff.email, email)).get();
}

export function staffById(db: Db, id: number): StaffRow | undefined {
  return db.select().from(staff).where(eq(staff.id, id)).get();
}

export function listStaff(db: Db): StaffRow[] {
  return db.select().from(staff).orderBy(asc(staff.role), asc(staff.name)).all();
}

export function countStaff(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(staff).get()!.n;
}

/** Deactivating also ends every session of the account at once. */
export function setStaffActive(db: Db, id: number, active: boolean): boolean {
  return db.transaction((tx) => {
    const res = tx.update(staff).set({ active }).where(eq(staff.id, id)).run();
    if (!active) tx.delete(staffSessions).where(eq(staffSessions.staffId, id)).run();
    return res.changes === 1;
  });
}

/** A new password ends the account's other sessions (a stolen session stops working). */
export function setStaffPassword(db: Db, id: number, passwordHash: string, keepTokenHash?: string): void {
  db.transaction((tx) => {
    tx.update(staff).set({ passwordHash }).where(eq(staff.id, id)).run();
    const mine = eq(staffSessions.staffId, id);
    tx.delete(staffSessions)
      .where(keepTokenHash ? and(mine, ne(staffSessions.tokenHash, keepTokenHash)) : mine)
      .run();
  });
}

export function insertSession(db: Db, tokenHash: string, staffId: number, expiresAt: string): void {
  const t = now();
  db.insert(staffSessions).values({ tokenHash, staffId, createdAt: t, lastSeenAt: t, expiresAt }).run();
}

export function sessionWithStaff(db: Db, tokenHash: string): { session: SessionRow; staff: StaffRow } | undefined {
  const row = db.select().from(staffSessions).innerJoin(staff, eq(staff.id, staffSessions.staffId)).where(eq(staffSessions.tokenHash, tokenHash)).get();
  return row ? { session: row.staff_sessions, staff: row.staff } : undefined;
}

export function touchSession(db: Db, tokenHash: string, at: string): void {
  db.update(staffSessions).set({ lastSeenAt: at }).where(eq(staffSessions.tokenHash, tokenHash)).run();
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash)).run();
}

export function deleteExpiredSessions(db: Db, before: string): number {
  return db.delete(staffSessions).where(lt(staffSessions.expiresAt, before)).run().changes;
}

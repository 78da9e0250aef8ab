// Queries behind the owner's data rights: see, correct, withdraw, erase (Law 91/2025/QH15).
import { eq } from "drizzle-orm";
import type { Db } from "./connection.ts";
import { adviceRequests, answerNotes, assessments, auditLog, consents } from "./schema.ts";

export function consentHistory(db: Db, assessmentId: number) {
  return db.select().from(consents).where(eq(consents.assessmentId, assessmentId)).orderBy(consents.id).all();
}

export function adviceRequestsFor(db: Db, assessmentId: number) {
  return db.select().from(adviceRequests).where(eq(adviceRequests.assessmentId, assessmentId)).all();
}

export type ProfileCorrection = Partial<{
  businessName: string;
  taxCode: string | null;
  communeId: string;
}>;

export function correctProfile(db: Db, assessmentId: number, changes: ProfileCorrection, before: Record<string, unknown>): void {
  const t = new Date().toISOString();
  db.transaction((tx) => {
    tx.update(assessments).set({ ...changes, updatedAt: t }).where(eq(assessments.id, assessmentId)).run();
    tx.insert(auditLog)
      .values({
        at: t,
        assessmentId,
        action: "owner_corrected_profile",
        oldValue: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k]])),
        newValue: changes,
      })
      .run();
  });
}

/**
 * Erasure: the assessment, its answers, consents, notes and requests for advice are deleted
 * (cascade). The audit trail keeps that an erasure happened, with no personal data.
 */
export function eraseAssessment(db: Db, assessmentId: number): void {
  const t = new Date().toISOString();
  db.transaction((tx) => {
    // Audit rows stay (who did what, when) but lose the values, which may hold personal data.
    tx.update(auditLog).set({ oldValue: null, newValue: null, reason: null }).where(eq(auditLog.assessmentId, assessmentId)).run();
    tx.delete(answerNotes).where(eq(answerNotes.assessmentId, assessmentId)).run();
    tx.delete(assessments).where(eq(assessments.id, assessmentId)).run();
    tx.insert(auditLog).values({ at: t, action: "owner_erased_assessment", reason: "yêu cầu xóa của chủ cơ sở" }).run();
  });
}

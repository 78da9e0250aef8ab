// Queries of an advisor's review of an assessment: per-question notes and evidence, answer
// changes with their audit trail, validation. Everything a staff member changes, and every answer an
// owner corrects after submitting, leaves a row in audit_log (who, when, old, new, why) in the same
// transaction as the change.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { AnswerValue, Scores } from "../src/domain/scoring.ts";
import type { Db } from "./connection.ts";
import { answerNotes, answers, assessments, auditLog, staff } from "./schema.ts";

export type AuditRow = typeof auditLog.$inferSelect;
export type NoteRow = typeof answerNotes.$inferSelect;

export const AUDIT_ACTIONS = ["answer_changed", "validated", "opened_by_code", "support_recorded", "reassessment_started", "captured_offline", "entered_from_paper", "owner_corrected", "validation_withdrawn", "restarted_from_copy"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const now = () => new Date().toISOString();

export function notesOf(db: Db, assessmentId: number): Map<string, NoteRow> {
  const rows = db.select().from(answerNotes).where(eq(answerNotes.assessmentId, assessmentId)).all();
  return new Map(rows.map((r) => [r.questionId, r]));
}

/** Set notes and evidence marks; an empty note with no evidence removes the row. Returns the rows written. */
export function saveNotes(
  db: Db,
  assessmentId: number,
  staffId: number,
  notes: Record<string, { note: string | null; evidenceSeen: boolean }>,
): number {
  return db.transaction((tx) => {
    const t = now();
    let written = 0;
    for (const [questionId, n] of Object.entries(notes)) {
      const where = and(eq(answerNotes.assessmentId, assessmentId), eq(answerNotes.questionId, questionId));
      if (!n.note && !n.evidenceSeen) {
        written += tx.delete(answerNotes).where(where).run().changes;
        continue;
      }
      written++;
      tx.insert(answerNotes)
        .values({ assessmentId, questionId, note: n.note, evidenceSeen: n.evidenceSeen, staffId, updatedAt: t })
        .onConflictDoUpdate({
          target: [answerNotes.assessmentId, answerNotes.questionId],
          set: { note: n.note, evidenceSeen: n.evidenceSeen, staffId, updatedAt: t },
        })
        .run();
    }
    return written;
  });
}

function frozenScores(scores: Scores) {
  return {
    overallScore: scores.overall,
    nationalLevel: scores.nationalLevel,
    euBand: scores.euBand,
    usesDigitalPlatforms: scores.usesDigitalPlatforms,
    pillarScores: scores.pillars.map((p) => ({ id: p.id, score: p.score })),
  };
}

/**
 * Change answers as a staff member, or as the owner after submitting (staffId null): the answers,
 * one audit row per changed question and (for a submitted assessment) the re-computed frozen
 * scores, all in one transaction. An owner's correction of a validated assessment withdraws the
 * validation in the same transaction, keeping whose it was until an advisor checks it again.
 */
export function changeAnswersAudited(
  db: Db,
  input: {
    assessmentId: number;
    staffId: number | null;
    reason: string | null;
    changes: { questionId: string; oldValue: AnswerValue | null; newValue: AnswerValue | null }[];
    /** Scores after the change, when the assessment was already submitted. */
    rescored: Scores | null;
    action?: "answer_changed" | "owner_corrected";
    /** The validation this change withdraws (the owner corrected a validated assessment). */
    withdrawValidationOf?: number | null;
  },
): void {
  db.transaction((tx) => {
    const t = now();
    for (const c of input.changes) {
      const where = and(eq(answers.assessmentId, input.assessmentId), eq(answers.questionId, c.questionId));
      if (c.newValue === null) tx.delete(answers).where(where).run();
      else
        tx.insert(answers)
          .values({ assessmentId: input.assessmentId, questionId: c.questionId, value: c.newValue, updatedAt: t })
          .onConflictDoUpdate({ target: [answers.assessmentId, answers.questionId], set: { value: c.newValue, updatedAt: t } })
          .run();
      tx.insert(auditLog)
        .values({
          at: t,
          staffId: input.staffId,
          assessmentId: input.assessmentId,
          action: input.action ?? "answer_changed",
          questionId: c.questionId,
          oldValue: c.oldValue,
          newValue: c.newValue,
          reason: input.reason,
        })
        .run();
    }
    const withdraw = input.withdrawValidationOf !== undefined && input.withdrawValidationOf !== null;
    tx.update(assessments)
      .set({
        updatedAt: t,
        ...(input.rescored ? frozenScores(input.rescored) : {}),
        ...(withdraw ? { validatedAt: null, validatedByStaffId: null, recheckSince: t, recheckOfStaffId: input.withdrawValidationOf } : {}),
      })
      .where(eq(assessments.id, input.assessmentId))
      .run();
    if (withdraw)
      tx.insert(auditLog)
        .values({ at: t, staffId: null, assessmentId: input.assessmentId, action: "validation_withdrawn", newValue: { validatedBy: input.withdrawValidationOf }, reason: input.reason })
        .run();
  });
}

/**
 * Mark a submitted assessment validated (once). Submitting on the way, when the draft is complete,
 * happens in the same transaction so a validation never points at a draft.
 */
export function markValidated(
  db: Db,
  input: { assessmentId: number; staffId: number; note: string | null; submitWith: Scores | null },
): boolean {
  return db.transaction((tx) => {
    const t = now();
    if (input.submitWith)
      tx.update(assessments)
        .set({ status: "submitted", submittedAt: t, ...frozenScores(input.submitWith) })
        .where(and(eq(assessments.id, input.assessmentId), eq(assessments.status, "draft")))
        .run();
    const row = tx.select().from(assessments).where(eq(assessments.id, input.assessmentId)).get();
    if (!row || row.status !== "submitted" || row.validatedAt !== null) return false;
    tx.update(assessments)
      .set({ validatedByStaffId: input.staffId, validatedAt: t, updatedAt: t, recheckSince: null, recheckOfStaffId: null })
      .where(eq(assessments.id, input.assessmentId))
      .run();
    tx.insert(auditLog)
      .values({ at: t, staffId: input.staffId, assessmentId: input.assessmentId, businessId: row.businessId, action: "validated", reason: input.note })
      .run();
    return true;
  });
}

export function recordAudit(
  db: Db,
  values: { staffId: number; action: AuditAction; assessmentId?: number | null; businessId?: number | null; reason?: string | null; newValue?: unknown },
): void {
  db.insert(auditLog).values({ at: now(), ...values }).run();
}

/** Has this staff member opened the assessment with the owner's code? (The code is the owner's key.) */
export function openedByCode(db: Db, staffId: number, assessmentId: number): boolean {
  const where = and(eq(auditLog.staffId, staffId), eq(auditLog.assessmentId, assessmentId), eq(auditLog.action, "opened_by_code"));
  return db.select({ id: auditLog.id }).from(auditLog).where(where).limit(1).get() !== undefined;
}

/** The audit trail of an assessment, oldest first, with the staff member's name. */
export function auditOf(db: Db, assessmentId: number) {
  return db
    .select({ entry: auditLog, staffName: staff.name })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.staffId))
    .where(eq(auditLog.assessmentId, assessmentId))
    .orderBy(asc(auditLog.id))
    .all();
}

export function assessmentById(db: Db, id: number) {
  return db.select().from(assessments).where(eq(assessments.id, id)).get();
}

/** What was recorded when a capture (device or paper form) reached the server: its audit entry's value. */
export function captureRecordOf(db: Db, assessmentId: number): unknown {
  const row = db
    .select({ value: auditLog.newValue })
    .from(auditLog)
    .where(and(eq(auditLog.assessmentId, assessmentId), inArray(auditLog.action, ["captured_offline", "entered_from_paper"])))
    .orderBy(asc(auditLog.id))
    .limit(1)
    .get();
  return row?.value ?? null;
}

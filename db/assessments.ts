// Queries of the assessment aggregate: profile, answers, consents, frozen questionnaire versions.
import { and, eq } from "drizzle-orm";
import type { Questionnaire } from "../src/domain/questionnaire.ts";
import type { AnswerValue, Scores } from "../src/domain/scoring.ts";
import type { Db } from "./connection.ts";
import { answers, assessments, consents, questionnaireVersions } from "./schema.ts";

export type AssessmentRow = typeof assessments.$inferSelect;
export type NewAssessment = Omit<typeof assessments.$inferInsert, "id" | "createdAt" | "updatedAt" | "status">;
export type ConsentPurpose = (typeof consents.$inferSelect)["purpose"];

const now = () => new Date().toISOString();

/** Freeze a questionnaire version (idempotent). */
export function saveQuestionnaireVersion(db: Db, q: Questionnaire): void {
  db.insert(questionnaireVersions)
    .values({ hash: q.hash, questionnaireId: q.id, version: q.version, content: JSON.stringify(q), firstSeenAt: now() })
    .onConflictDoNothing()
    .run();
}

export function loadQuestionnaireVersion(db: Db, hash: string): Questionnaire | undefined {
  const row = db.select().from(questionnaireVersions).where(eq(questionnaireVersions.hash, hash)).get();
  return row ? (JSON.parse(row.content) as Questionnaire) : undefined;
}

export function createAssessment(
  db: Db,
  values: NewAssessment,
  consentGiven: Record<ConsentPurpose, boolean>,
  policyVersion: string,
  method: "online" | "in_person",
  /** Consent given in person: the advisor who recorded it. */
  recordedByStaffId: number | null = null,
): AssessmentRow {
  return db.transaction((tx) => {
    const t = now();
    const row = tx.insert(assessments).values({ ...values, createdAt: t, updatedAt: t }).returning().get();
    for (const purpose of ["report", "statistics", "contact"] as const) {
      tx.insert(consents)
        .values({ assessmentId: row.id, purpose, granted: consentGiven[purpose], policyVersion, method, recordedByStaffId, recordedAt: t })
        .run();
    }
    return row;
  });
}

export function findAssessmentByCodeHash(db: Db, codeHash: string): AssessmentRow | undefined {
  return db.select().from(assessments).where(eq(assessments.codeHash, codeHash)).get();
}

export function answersOf(db: Db, assessmentId: number): Record<string, AnswerValue> {
  const rows = db.select().from(answers).where(eq(answers.assessmentId, assessmentId)).all();
  return Object.fromEntries(rows.map((r) => [r.questionId, r.value]));
}

/** The consent in force per purpose (the latest record). */
export function consentsOf(db: Db, assessmentId: number) {
  const rows = db.select().from(consents).where(eq(consents.assessmentId, assessmentId)).orderBy(consents.id).all();
  const latest = new Map<ConsentPurpose, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.purpose, r);
  return latest;
}

/**
 * Merge answers in one transaction: all are stored or none. `null` clears an answer.
 * Saving the same answer twice changes nothing but the time stamp.
 */
export function mergeAnswers(db: Db, assessmentId: number, changes: Record<string, AnswerValue | null>): void {
  db.transaction((tx) => {
    const t = now();
    for (const [questionId, value] of Object.entries(changes)) {
      if (value === null) {
        tx.delete(answers).where(and(eq(answers.assessmentId, assessmentId), eq(answers.questionId, questionId))).run();
      } else {
        tx.insert(answers)
          .values({ assessmentId, questionId, value, updatedAt: t })
          .onConflictDoUpdate({ target: [answers.assessmentId, answers.questionId], set: { value, updatedAt: t } })
          .run();
      }
    }
    tx.update(assessments).set({ updatedAt: t }).where(eq(assessments.id, assessmentId)).run();
  });
}

/** Submit once: returns false if it was already submitted (nothing changes then). */
export function submitAssessment(db: Db, assessmentId: number, scores: Scores): boolean {
  const t = now();
  const res = db
    .update(assessments)
    .set({
      status: "submitted",
      submittedAt: t,
      updatedAt: t,
      overallScore: scores.overall,
      nationalLevel: scores.nationalLevel,
      euBand: scores.euBand,
      usesDigitalPlatforms: scores.usesDigitalPlatforms,
      pillarScores: scores.pillars.map((p) => ({ id: p.id, score: p.score })),
    })
    .where(and(eq(assessments.id, assessmentId), eq(assessments.status, "draft")))
    .run();
  return res.changes === 1;
}

/** Record a new consent decision for one purpose (the latest row is the one in force). */
export function recordConsent(
  db: Db,
  assessmentId: number,
  purpose: ConsentPurpose,
  granted: boolean,
  policyVersion: string,
  method: "online" | "in_person",
  recordedByStaffId: number | null = null,
): void {
  db.insert(consents)
    .values({ assessmentId, purpose, granted, policyVersion, method, recordedByStaffId, recordedAt: now() })
    .run();
}

// Queries of the assessment aggregate: profile, answers, consents, frozen questionnaire versions.
import { and, eq, sql } from "drizzle-orm";
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
  /** When the consent was given, if not now (captured earlier on a device or on paper). */
  consentGivenAt?: string,
): AssessmentRow {
  return db.transaction((tx) => {
    const t = now();
    const row = tx.insert(assessments).values({ ...values, createdAt: t, updatedAt: t }).returning().get();
    for (const purpose of ["report", "statistics", "contact"] as const) {
      tx.insert(consents)
        .values({ assessmentId: row.id, purpose, granted: consentGiven[purpose], policyVersion, method, recordedByStaffId, recordedAt: consentGivenAt ?? t })
        .run();
    }
    return row;
  });
}

// The owner's hot path (every autosave) uses statements prepared once per connection:
// preparing SQL each time cost more than running it.
function preparedFor(db: Db) {
  return {
    byCodeHash: db
      .select()
      .from(assessments)
      .where(eq(assessments.codeHash, sql.placeholder("codeHash")))
      .prepare(),
    byId: db
      .select()
      .from(assessments)
      .where(eq(assessments.id, sql.placeholder("id")))
      .prepare(),
    answersOf: db
      .select({ questionId: answers.questionId, value: answers.value })
      .from(answers)
      .where(eq(answers.assessmentId, sql.placeholder("id")))
      .prepare(),
    consentsOf: db
      .select()
      .from(consents)
      .where(eq(consents.assessmentId, sql.placeholder("id")))
      .orderBy(consents.id)
      .prepare(),
    // Raw statements for writes: values are bound as stored (JSON text), no mapping needed.
    upsertAnswer: db.$client.prepare(
      `insert into answers (assessment_id, question_id, value, updated_at) values (?, ?, ?, ?)
       on conflict (assessment_id, question_id) do update set value = excluded.value, updated_at = excluded.updated_at`,
    ),
    deleteAnswer: db.$client.prepare(`delete from answers where assessment_id = ? and question_id = ?`),
    touchDraft: db.$client.prepare(`update assessments set updated_at = ? where id = ? and status = 'draft'`),
    stampByCodeHash: db.$client
      .prepare(
        `select a.id, coalesce(r.n, 0), coalesce(v.v, 0), s.name from assessments a
         left join assessment_revisions r on r.assessment_id = a.id
         left join stat_peer_versions v on v.sector = a.sector and v.size_class = a.size_class
         left join staff s on s.id = a.validated_by_staff_id
         where a.code_hash = ?`,
      )
      .raw(),
  };
}
const preparedCache = new WeakMap<Db, ReturnType<typeof preparedFor>>();
function prepared(db: Db) {
  let p = preparedCache.get(db);
  if (!p) preparedCache.set(db, (p = preparedFor(db)));
  return p;
}

export function findAssessmentByCodeHash(db: Db, codeHash: string): AssessmentRow | undefined {
  return prepared(db).byCodeHash.get({ codeHash });
}

export function findAssessmentById(db: Db, id: number): AssessmentRow | undefined {
  return prepared(db).byId.get({ id });
}

/**
 * What an owner page kept rendered depends on besides its address (src/http/pageMemo.ts), in one
 * read, so that a kept page costs one lookup: the revision (raised by the triggers of migration
 * 0007 on every write to the assessment, its answers or its consents), the version of its peer
 * group (raised on every change to the group's histograms, migration 0006) and the name of the
 * advisor who validated it.
 */
export interface AssessmentStamp {
  id: number;
  revision: number;
  peerVersion: number;
  validatedBy: string | null;
}

export function findStampByCodeHash(db: Db, codeHash: string): AssessmentStamp | undefined {
  const r = prepared(db).stampByCodeHash.get(codeHash) as [number, number, number, string | null] | undefined;
  return r && { id: r[0], revision: r[1], peerVersion: r[2], validatedBy: r[3] };
}

export function answersOf(db: Db, assessmentId: number): Record<string, AnswerValue> {
  const rows = prepared(db).answersOf.all({ id: assessmentId });
  return Object.fromEntries(rows.map((r) => [r.questionId, r.value]));
}

/** The consent in force per purpose (the latest record). */
export function consentsOf(db: Db, assessmentId: number) {
  const rows = prepared(db).consentsOf.all({ id: assessmentId });
  const latest = new Map<ConsentPurpose, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.purpose, r);
  return latest;
}

export class NotDraftError extends Error {
  constructor() {
    super("assessment is no longer a draft");
  }
}

/** Apply one owner's changes inside the caller's transaction; refuses once submitted. */
function applyAnswerChanges(db: Db, assessmentId: number, changes: Record<string, AnswerValue | null>, t: string): void {
  const p = prepared(db);
  if (p.touchDraft.run(t, assessmentId).changes !== 1) throw new NotDraftError();
  for (const [questionId, value] of Object.entries(changes)) {
    if (value === null) p.deleteAnswer.run(assessmentId, questionId);
    else p.upsertAnswer.run(assessmentId, questionId, JSON.stringify(value), t);
  }
}

/**
 * Merge answers in one transaction: all are stored or none. `null` clears an answer.
 * Saving the same answer twice changes nothing but the time stamp.
 */
export function mergeAnswers(db: Db, assessmentId: number, changes: Record<string, AnswerValue | null>): void {
  db.$client.transaction(() => applyAnswerChanges(db, assessmentId, changes, now()))();
}

/**
 * Group commit: saves that arrive in the same turn of the event loop share one transaction, so
 * one fsync (synchronous=FULL) acknowledges many owners at once. Each save resolves only after
 * its transaction committed; if the group fails, each save is retried alone so one bad save
 * never takes others down.
 */
export class AnswerWriter {
  private queue: { assessmentId: number; changes: Record<string, AnswerValue | null>; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  constructor(private db: Db) {}

  save(assessmentId: number, changes: Record<string, AnswerValue | null>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ assessmentId, changes, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const t = now();
    try {
      this.db.$client.transaction(() => {
        for (const item of batch) applyAnswerChanges(this.db, item.assessmentId, item.changes, t);
      })();
      for (const item of batch) item.resolve();
    } catch {
      for (const item of batch) {
        try {
          this.db.$client.transaction(() => applyAnswerChanges(this.db, item.assessmentId, item.changes, t))();
          item.resolve();
        } catch (e) {
          item.reject(e);
        }
      }
    }
  }
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

/** The assessment a device (or a paper-entry page) sent under this id, if it arrived before. */
export function findAssessmentByClientId(db: Db, clientId: string): AssessmentRow | undefined {
  return db.select().from(assessments).where(eq(assessments.clientId, clientId)).get();
}

/**
 * "Start again from a copy": a new draft under a new code, with the profile, the business it
 * belongs to, the consents in force, the registry link and the answers given (those the version
 * in force still asks the same way), in one transaction. The assessment copied stays as it is, in
 * the history; the copy counts for the same business once submitted (migration 0015). The old
 * one's revision moves so its kept result page says a copy was started.
 */
export function insertCopy(
  db: Db,
  input: {
    from: AssessmentRow;
    codeHash: string;
    questionnaire: Pick<Questionnaire, "hash" | "id" | "version">;
    answers: Record<string, AnswerValue>;
    consents: { purpose: ConsentPurpose; granted: boolean; policyVersion: string }[];
  },
): AssessmentRow {
  const { from } = input;
  return db.transaction((tx) => {
    const t = now();
    const row = tx
      .insert(assessments)
      .values({
        codeHash: input.codeHash,
        questionnaireHash: input.questionnaire.hash,
        questionnaireId: input.questionnaire.id,
        questionnaireVersion: input.questionnaire.version,
        businessName: from.businessName,
        legalForm: from.legalForm,
        taxCode: from.taxCode,
        communeId: from.communeId,
        activityGroup: from.activityGroup,
        sector: from.sector,
        staff: from.staff,
        revenueBnVnd: from.revenueBnVnd,
        capitalBnVnd: from.capitalBnVnd,
        sizeClass: from.sizeClass,
        sizeBasis: from.sizeBasis,
        businessId: from.businessId,
        round: from.round,
        previousAssessmentId: from.previousAssessmentId,
        restartedFromId: from.id,
        lineageId: from.lineageId ?? from.id,
        createdAt: t,
        updatedAt: t,
      })
      .returning()
      .get();
    for (const c of input.consents)
      tx.insert(consents).values({ assessmentId: row.id, purpose: c.purpose, granted: c.granted, policyVersion: c.policyVersion, method: "online", recordedAt: t }).run();
    for (const [questionId, value] of Object.entries(input.answers))
      tx.insert(answers).values({ assessmentId: row.id, questionId, value, updatedAt: t }).run();
    tx.run(sql`INSERT INTO registry_links (assessment_id, registry_id, staff_id, linked_at) SELECT ${row.id}, registry_id, staff_id, linked_at FROM registry_links WHERE assessment_id = ${from.id}`);
    tx.run(sql`INSERT INTO audit_log (at, assessment_id, business_id, action, new_value) VALUES (${t}, ${row.id}, ${from.businessId}, 'restarted_from_copy', ${JSON.stringify({ from: from.id })})`);
    tx.run(sql`INSERT INTO assessment_revisions (assessment_id, n) VALUES (${from.id}, 1) ON CONFLICT (assessment_id) DO UPDATE SET n = n + 1`);
    return row;
  });
}

/** The copies an owner started again from this assessment, newest first (when and on which version). */
export function copiesOf(db: Db, assessmentId: number): { createdAt: string; status: "draft" | "submitted" }[] {
  return db
    .select({ createdAt: assessments.createdAt, status: assessments.status })
    .from(assessments)
    .where(eq(assessments.restartedFromId, assessmentId))
    .orderBy(sql`${assessments.id} desc`)
    .all();
}

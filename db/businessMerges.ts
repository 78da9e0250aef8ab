// Two records of the same business merged by staff, and undone: every moved row keeps what it was
// before in the merge record, in the same transaction, so undoing restores it exactly.
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { roundsAfterMerge } from "../src/domain/businessRecords.ts";
import type { Db } from "./connection.ts";
import { assessments, auditLog, businessMerges, businesses, staff, supportRecords } from "./schema.ts";

export type MergeRow = typeof businessMerges.$inferSelect;
const now = () => new Date().toISOString();

/** Merge record `mergedId` into `keptId`: its rounds and support move; the rounds of both are renumbered in the order they happened. */
export function mergeRecords(db: Db, v: { keptId: number; mergedId: number; staffId: number; reason: string }): MergeRow {
  return db.transaction((tx) => {
    const t = now();
    const rounds = tx.select().from(assessments).where(inArray(assessments.businessId, [v.keptId, v.mergedId])).all();
    const moved = rounds.map((r) => ({ id: r.id, businessId: r.businessId, round: r.round, previousAssessmentId: r.previousAssessmentId }));
    const support = tx.select({ id: supportRecords.id }).from(supportRecords).where(eq(supportRecords.businessId, v.mergedId)).all().map((x) => x.id);
    for (const n of roundsAfterMerge(rounds.map((r) => ({ id: r.id, status: r.status, submittedAt: r.submittedAt, createdAt: r.createdAt }))))
      tx.update(assessments).set({ businessId: v.keptId, round: n.round, previousAssessmentId: n.previousAssessmentId }).where(eq(assessments.id, n.id)).run();
    if (support.length) tx.update(supportRecords).set({ businessId: v.keptId }).where(inArray(supportRecords.id, support)).run();
    tx.update(businesses).set({ mergedInto: v.keptId, updatedAt: t }).where(eq(businesses.id, v.mergedId)).run();
    const row = tx.insert(businessMerges).values({ keptId: v.keptId, mergedId: v.mergedId, staffId: v.staffId, at: t, reason: v.reason, moved, support }).returning().get();
    tx.insert(auditLog).values({ at: t, staffId: v.staffId, businessId: v.keptId, action: "businesses_merged", oldValue: { mergedId: v.mergedId, rounds: moved }, newValue: { mergeId: row.id }, reason: v.reason }).run();
    return row;
  });
}

export type UndoOutcome = "undone" | "not_found" | "already_undone" | "changed_since";

/** Put everything back as it was before the merge; refused once the kept record has a round the merge did not move. */
export function undoMerge(db: Db, mergeId: number, staffId: number, reason: string): UndoOutcome {
  return db.transaction((tx) => {
    const m = tx.select().from(businessMerges).where(eq(businessMerges.id, mergeId)).get();
    if (!m) return "not_found";
    if (m.undoneAt) return "already_undone";
    const movedIds = new Set(m.moved.map((x) => x.id));
    const now_ = tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.businessId, m.keptId)).all();
    if (now_.some((r) => !movedIds.has(r.id))) return "changed_since";
    const t = now();
    for (const r of m.moved)
      tx.update(assessments).set({ businessId: r.businessId, round: r.round, previousAssessmentId: r.previousAssessmentId }).where(eq(assessments.id, r.id)).run();
    if (m.support.length) tx.update(supportRecords).set({ businessId: m.mergedId }).where(inArray(supportRecords.id, m.support)).run();
    tx.update(businesses).set({ mergedInto: null, updatedAt: t }).where(eq(businesses.id, m.mergedId)).run();
    tx.update(businessMerges).set({ undoneAt: t, undoneBy: staffId }).where(eq(businessMerges.id, mergeId)).run();
    tx.insert(auditLog).values({ at: t, staffId, businessId: m.keptId, action: "merge_undone", oldValue: { mergeId, mergedId: m.mergedId }, reason }).run();
    return "undone";
  });
}

/** Merges into a record still in force, newest first, with who made them and the merged record's name. */
export function mergesInto(db: Db, keptId: number) {
  return db
    .select({ merge: businessMerges, staffName: staff.name, mergedName: businesses.name, mergedTaxCode: businesses.taxCode })
    .from(businessMerges)
    .innerJoin(staff, eq(staff.id, businessMerges.staffId))
    .innerJoin(businesses, eq(businesses.id, businessMerges.mergedId))
    .where(and(eq(businessMerges.keptId, keptId), isNull(businessMerges.undoneAt)))
    .orderBy(desc(businessMerges.id))
    .all();
}

export function mergeById(db: Db, id: number): MergeRow | undefined {
  return db.select().from(businessMerges).where(eq(businessMerges.id, id)).get();
}

// One business, one record: merging two records of the same business (audited, undoable), the
// register rows a business is matched to, and records that may be duplicates. Every record
// involved must be one the staff member sees (src/domain/access.ts).
import { mergeById, mergeRecords, mergesInto, undoMerge, type UndoOutcome } from "../../db/businessMerges.ts";
import { businessById, businessByTaxCode, type BusinessRow } from "../../db/businesses.ts";
import { mergeProblem, type MergeProblem } from "../domain/businessRecords.ts";
import { foldVietnamese } from "../domain/vnText.ts";
import { roundsSeen, type Actor } from "./advisor.ts";
import type { Services } from "./assessments.ts";
import { registryLinksOfBusiness, similarRecords } from "../../db/businesses.ts";

/** A record this staff member sees, by its number or its tax code; merged records are not offered. */
export function recordFor(s: Services, actor: Actor, input: string): BusinessRow | undefined {
  const text = input.trim().replace(/[\s.]/g, "");
  const b = /^\d{1,9}$/.test(text) ? businessById(s.db, Number(text)) : /^\d{10}(-\d{3})?$|^\d{12}$/.test(text) ? businessByTaxCode(s.db, text) : undefined;
  return b && b.mergedInto === null && roundsSeen(s, actor, b.id).length ? b : undefined;
}

export type MergeResult = { ok: true; mergeId: number } | { ok: false; problem: MergeProblem | "reason" | "not_found" };

export function mergeInto(s: Services, actor: Actor, kept: BusinessRow, mergedId: number, reasonInput: string): MergeResult {
  const merged = businessById(s.db, mergedId);
  if (!merged || !roundsSeen(s, actor, merged.id).length) return { ok: false, problem: "not_found" };
  const problem = mergeProblem(kept, merged);
  if (problem) return { ok: false, problem };
  const reason = reasonInput.trim();
  if (reason.length < 3 || reason.length > 500) return { ok: false, problem: "reason" };
  return { ok: true, mergeId: mergeRecords(s.db, { keptId: kept.id, mergedId: merged.id, staffId: actor.id, reason }).id };
}

export function undoMergeOf(s: Services, actor: Actor, mergeId: number, reasonInput: string): { outcome: UndoOutcome | "reason"; keptId?: number } {
  const m = mergeById(s.db, mergeId);
  if (!m || !roundsSeen(s, actor, m.keptId).length) return { outcome: "not_found" };
  const reason = reasonInput.trim();
  if (reason.length < 3 || reason.length > 500) return { outcome: "reason", keptId: m.keptId };
  return { outcome: undoMerge(s.db, mergeId, actor.id, reason), keptId: m.keptId };
}

/** What the business page shows about the record's identity: register rows, merges, possible duplicates. */
export function recordIdentity(s: Services, actor: Actor, b: BusinessRow) {
  const words = foldVietnamese(b.name)
    .split(" ")
    .filter((w) => w.length > 2 && !["cong", "hop", "kinh", "doanh", "tnhh"].includes(w));
  return {
    registry: registryLinksOfBusiness(s.db, b.id),
    merges: mergesInto(s.db, b.id),
    suggestions: similarRecords(s.db, b, words, actor, 5),
  };
}

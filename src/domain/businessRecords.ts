// One business, one record: rules for merging two records staff found to be the same business,
// and for linking an assessment to a row of the province's register by hand. Pure.
import type { LegalForm } from "./questionnaire.ts";

export interface RecordFacts {
  id: number;
  taxCode: string | null;
  legalForm: LegalForm;
  mergedInto: number | null;
}

export type MergeProblem = "same_record" | "already_merged" | "tax_codes_differ" | "keep_the_one_with_tax_code";

/**
 * Why `merged` may not be merged into `kept`. Two tax codes are two businesses; the record kept is
 * the one with the tax code (the tax code is how the other rounds and the register find it).
 */
export function mergeProblem(kept: RecordFacts, merged: RecordFacts): MergeProblem | null {
  if (kept.id === merged.id) return "same_record";
  if (kept.mergedInto !== null || merged.mergedInto !== null) return "already_merged";
  if (kept.taxCode && merged.taxCode && kept.taxCode !== merged.taxCode) return "tax_codes_differ";
  if (!kept.taxCode && merged.taxCode) return "keep_the_one_with_tax_code";
  return null;
}

export interface RoundFacts {
  id: number;
  status: "draft" | "submitted";
  submittedAt: string | null;
  createdAt: string;
}

/**
 * The rounds of the merged record, in the order they happened (submission, else creation, then
 * id): round 1, 2, … and each one's previous submitted round (T0 → T1 follows the real order).
 */
export function roundsAfterMerge(rounds: readonly RoundFacts[]): { id: number; round: number; previousAssessmentId: number | null }[] {
  const sorted = [...rounds].sort((a, b) => (a.submittedAt ?? a.createdAt).localeCompare(b.submittedAt ?? b.createdAt) || a.id - b.id);
  let lastSubmitted: number | null = null;
  return sorted.map((r, i) => {
    const out = { id: r.id, round: i + 1, previousAssessmentId: lastSubmitted };
    if (r.status === "submitted") lastSubmitted = r.id;
    return out;
  });
}

export type LinkProblem = "tax_code_differs" | "household_to_company" | "row_taken";

/**
 * Why an assessment may not be linked by hand to a registry row: two different tax codes are two
 * businesses; a household business without a tax code is not a company or cooperative that has
 * its own; a row already matched to another business would count two businesses as one (if they
 * are the same, staff merge the two records instead).
 */
export function linkProblem(
  assessment: { taxCode: string | null; legalForm: LegalForm },
  row: { taxCode: string | null; legalForm: LegalForm },
  rowTakenByAnotherBusiness: boolean,
): LinkProblem | null {
  if (assessment.taxCode && row.taxCode && assessment.taxCode !== row.taxCode) return "tax_code_differs";
  if (!assessment.taxCode && assessment.legalForm === "household" && row.legalForm !== "household" && row.taxCode) return "household_to_company";
  if (rowTakenByAnotherBusiness) return "row_taken";
  return null;
}

// When a business is due for a re-assessment (T1): the EU DMA measures the effect of support by
// re-assessing after it; the department reports once a year (Decision 761, before 1 April). The
// periods are the centre's, in questionnaires/follow-up.yaml.
import type { ReassessmentPeriods } from "./followUp.ts";
import { vietnamDay } from "./vietnamTime.ts";

function addMonths(iso: string, months: number): number {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/**
 * Due when support was received after the last assessment and `afterSupportMonths` have passed
 * since the first such support (time for it to show), or `withoutSupportMonths` have passed since
 * the last assessment. Never due while a re-assessment is in progress.
 */
export function reassessmentDue(
  periods: Pick<ReassessmentPeriods, "afterSupportMonths" | "withoutSupportMonths">,
  last: { submittedAt: string },
  supportDatesSince: readonly string[],
  now: number,
  inProgress = false,
): { due: boolean; reason: "after_support" | "yearly" | null } {
  if (inProgress) return { due: false, reason: null };
  const after = supportDatesSince.filter((d) => d >= vietnamDay(last.submittedAt)).sort();
  if (after.length && addMonths(after[0]!, periods.afterSupportMonths) <= now) return { due: true, reason: "after_support" };
  if (addMonths(last.submittedAt, periods.withoutSupportMonths) <= now) return { due: true, reason: "yearly" };
  return { due: false, reason: null };
}

// The centre's follow-up as data (questionnaires/follow-up.yaml): when a business is due for a
// re-assessment, the age groups of requests for advice, and the support budget of each year.
import { z } from "zod";

export const followUpSchema = z.strictObject({
  reassessment: z.strictObject({
    afterSupportMonths: z.number().int().min(1).max(60),
    withoutSupportMonths: z.number().int().min(1).max(120),
    soonDays: z.number().int().min(1).max(365),
  }),
  /** Upper bounds (days) of the age groups of requests for advice, increasing; the last group is open. */
  adviceAgeDays: z
    .array(z.number().int().min(0))
    .min(1)
    .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), "các mốc ngày phải tăng dần"),
  budgets: z.array(
    z.strictObject({
      year: z.number().int().min(2000).max(2100),
      /** Whole đồng; null until the centre enters the budget it was given. */
      totalVnd: z.number().int().nonnegative().nullable(),
      /** The decision that set it (number, date). */
      source: z.string().min(1).nullable(),
    }),
  ),
});
export type FollowUp = z.infer<typeof followUpSchema>;
export type ReassessmentPeriods = FollowUp["reassessment"];

/** The first problem across the file as [path, reason], or null. */
export function checkFollowUp(f: FollowUp): [string, string] | null {
  const years = new Set<number>();
  for (const [i, b] of f.budgets.entries()) {
    if (years.has(b.year)) return [`budgets[${i}].year`, `năm ${b.year} bị trùng`];
    years.add(b.year);
    if (b.totalVnd !== null && !b.source) return [`budgets[${i}].source`, "dự toán cần ghi văn bản giao (số, ngày)"];
  }
  if (f.reassessment.afterSupportMonths > f.reassessment.withoutSupportMonths)
    return ["reassessment.afterSupportMonths", "hạn sau hỗ trợ không được dài hơn hạn khi không có hỗ trợ"];
  return null;
}

/** Which age group a request of `days` days falls in (0 = youngest); groups.length = older than the last bound. */
export function ageGroup(days: number, bounds: readonly number[]): number {
  const i = bounds.findIndex((b) => days <= b);
  return i < 0 ? bounds.length : i;
}

export interface BudgetUse {
  year: number;
  budgetVnd: number | null;
  source: string | null;
  spentVnd: number;
  /** Support records of the year with no amount (training, connections…): counted, not valued. */
  withoutAmount: number;
  remainingVnd: number | null;
  usedPct: number | null;
}

export function budgetUse(f: FollowUp, year: number, spentVnd: number, withoutAmount: number): BudgetUse {
  const b = f.budgets.find((x) => x.year === year);
  const budgetVnd = b?.totalVnd ?? null;
  return {
    year,
    budgetVnd,
    source: b?.source ?? null,
    spentVnd,
    withoutAmount,
    remainingVnd: budgetVnd === null ? null : budgetVnd - spentVnd,
    usedPct: budgetVnd ? Math.round((spentVnd / budgetVnd) * 1000) / 10 : null,
  };
}

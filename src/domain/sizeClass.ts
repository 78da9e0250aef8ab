// Decree 80/2021 size class: staff must be within the limit AND revenue OR capital within it.
import { z } from "zod";
import { ACTIVITY_GROUPS, type ActivityGroup, type SizeBasis, type SizeClass } from "./vocabularies.ts";

const limitSchema = z.strictObject({
  staff: z.number().int().nonnegative(),
  revenueBnVnd: z.number().nonnegative(),
  capitalBnVnd: z.number().nonnegative(),
});
export const sizeThresholdsSchema = z.strictObject({
  legalBasis: z.string().min(1),
  activityGroups: z.strictObject(
    Object.fromEntries(
      ACTIVITY_GROUPS.map((g) => [g, z.strictObject({ micro: limitSchema, small: limitSchema, medium: limitSchema })]),
    ) as Record<ActivityGroup, z.ZodObject<{ micro: typeof limitSchema; small: typeof limitSchema; medium: typeof limitSchema }>>,
  ),
});
export type SizeThresholds = z.infer<typeof sizeThresholdsSchema>;

export interface SizeFacts {
  activityGroup: ActivityGroup;
  staff: number;
  revenueBnVnd?: number | null;
  capitalBnVnd?: number | null;
}

/** How the class was decided: both money figures missing means staff alone decided it. */

export function sizeClass(facts: SizeFacts, thresholds: SizeThresholds): { sizeClass: SizeClass; basis: SizeBasis } {
  const limits = thresholds.activityGroups[facts.activityGroup];
  const revenue = facts.revenueBnVnd ?? null;
  const capital = facts.capitalBnVnd ?? null;
  const basis: SizeBasis = revenue === null && capital === null ? "staff_only" : "staff_and_money";
  for (const cls of ["micro", "small", "medium"] as const) {
    const limit = limits[cls];
    if (facts.staff > limit.staff) continue;
    const moneyFits =
      basis === "staff_only" ||
      (revenue !== null && revenue <= limit.revenueBnVnd) ||
      (capital !== null && capital <= limit.capitalBnVnd);
    if (moneyFits) return { sizeClass: cls, basis };
  }
  return { sizeClass: "large", basis };
}

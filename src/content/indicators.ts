// The Plan 2902 targets and the Decision 761 report as data (questionnaires/indicators.yaml).
import { z } from "zod";
import { readYaml } from "./load.ts";

const targetSchema = z.strictObject({
  percent: z.number().min(0).max(100),
  rule: z.enum(["at_least", "more_than"]),
  label: z.string().min(1),
});

export const indicatorsSchema = z.strictObject({
  plan: z.string().min(1),
  targetYear: z.number().int().min(2026).max(2100),
  targets: z.strictObject({ reach: targetSchema, platformUse: targetSchema }),
  infrastructureAndSkills: z.strictObject({ pillars: z.array(z.string().min(1)).min(1), weakPillarBelow: z.number().min(0).max(100) }),
  annualReport: z.strictObject({ basis: z.string().min(1), recipient: z.string().min(1), due: z.string().min(1) }),
});
export type Indicators = z.infer<typeof indicatorsSchema>;

const cache = new Map<string, Indicators>();

/** Read once per content folder; a bad file stops start-up like every other content file. */
export function loadIndicators(contentDir: string): Indicators {
  let v = cache.get(contentDir);
  if (!v) {
    v = readYaml(contentDir, "indicators.yaml", indicatorsSchema);
    cache.set(contentDir, v);
  }
  return v;
}

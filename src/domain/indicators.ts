// The Plan 2902 indicators as the plan defines them: for each, the population it is about (legal
// forms and size classes), what is counted over what, the 2030 target and the yearly milestones.
// The definitions are content (questionnaires/indicators.yaml); this module validates them and
// computes every figure from the pre-aggregated cells. Pure.
import { z } from "zod";
import { LEGAL_FORMS, SIZE_CLASSES } from "./questionnaire.ts";
import { matches, pct, progressTo, share, type CurrentCell, type Filter, type ReachCell, type TargetProgress } from "./aggregates.ts";

/** What an indicator may count. Each is a number of registry rows of the population. */
export const INDICATOR_COUNTS = ["registered", "reached", "platform_users"] as const;
export type IndicatorCount = (typeof INDICATOR_COUNTS)[number];

const populationSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  /** The population named inside a sentence ("doanh nghiệp nhỏ và vừa", "cơ sở"). */
  noun: z.string().min(1),
  definition: z.string().min(1),
  legalForms: z.array(z.enum(LEGAL_FORMS)).min(1),
  sizeClasses: z.array(z.enum(SIZE_CLASSES)).min(1),
  /** Registry rows without a size class: counted in the population or not (always reported apart). */
  sizeUnknown: z.enum(["include", "exclude"]),
});
export type Population = z.infer<typeof populationSchema>;

const targetSchema = z.strictObject({
  percent: z.number().min(0).max(100),
  rule: z.enum(["at_least", "more_than"]),
});

const milestonesSchema = z.strictObject({
  /** placeholder: set by the software's team to make the path computable, not decided by the department. */
  status: z.enum(["placeholder", "approved"]),
  /** The department's decision that set them (number, date), required once approved. */
  approvedBy: z.string().min(1).optional(),
  byYear: z.record(z.string().regex(/^\d{4}$/, "năm gồm 4 chữ số"), z.number().min(0).max(100)),
});

const indicatorSchema = z.strictObject({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  name: z.string().min(1),
  /** Short name for table titles and file names (at most 40 characters). */
  shortName: z.string().min(1).max(40),
  planText: z.string().min(1),
  population: z.string().min(1),
  compareWith: z.array(z.string().min(1)).default([]),
  numerator: z.enum(INDICATOR_COUNTS),
  denominator: z.enum(INDICATOR_COUNTS),
  /** Also show the share among the businesses that chose to be assessed (a self-selected sample). */
  sample: z.boolean().default(false),
  target: targetSchema,
  milestones: milestonesSchema,
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const indicatorsSchema = z.strictObject({
  plan: z.string().min(1),
  planStartYear: z.number().int().min(2000).max(2100),
  targetYear: z.number().int().min(2000).max(2100),
  populations: z.array(populationSchema).min(1),
  indicators: z.array(indicatorSchema).min(1),
  infrastructureAndSkills: z.strictObject({ pillars: z.array(z.string().min(1)).min(1), weakPillarBelow: z.number().min(0).max(100) }),
  annualReport: z.strictObject({ basis: z.string().min(1), recipient: z.string().min(1), due: z.string().min(1) }),
});
export type Indicators = z.infer<typeof indicatorsSchema>;

/**
 * Checks across the file: every reference resolves, each indicator counts a part of its
 * denominator, milestones lie inside the plan, never go down and never pass the target.
 * Returns the first problem as [path, reason], or null.
 */
export function checkIndicators(ind: Indicators, pillarIds: readonly string[]): [string, string] | null {
  if (ind.targetYear <= ind.planStartYear) return ["targetYear", "năm chỉ tiêu phải sau năm bắt đầu kế hoạch"];
  const popIds = new Set<string>();
  for (const [i, p] of ind.populations.entries()) {
    if (popIds.has(p.id)) return [`populations[${i}].id`, `mã nhóm "${p.id}" bị trùng`];
    popIds.add(p.id);
  }
  const ids = new Set<string>();
  for (const [i, x] of ind.indicators.entries()) {
    const at = `indicators[${i}]`;
    if (ids.has(x.id)) return [`${at}.id`, `mã chỉ tiêu "${x.id}" bị trùng`];
    ids.add(x.id);
    if (!popIds.has(x.population)) return [`${at}.population`, `không có nhóm "${x.population}" trong populations`];
    for (const [j, c] of x.compareWith.entries()) if (!popIds.has(c)) return [`${at}.compareWith[${j}]`, `không có nhóm "${c}" trong populations`];
    if (x.denominator !== "registered") return [`${at}.denominator`, "mẫu số phải là registered (cơ sở trong sổ đăng ký)"];
    if (x.numerator === x.denominator) return [`${at}.numerator`, "tử số phải là một phần của mẫu số (reached hoặc platform_users)"];
    let last = -1;
    for (const [year, v] of Object.entries(x.milestones.byYear).sort(([a], [b]) => a.localeCompare(b))) {
      const y = Number(year);
      if (y < ind.planStartYear || y >= ind.targetYear) return [`${at}.milestones.byYear.${year}`, `mốc phải trong các năm ${ind.planStartYear}-${ind.targetYear - 1} (năm ${ind.targetYear} là chỉ tiêu)`];
      if (v < last) return [`${at}.milestones.byYear.${year}`, "mốc năm sau không được thấp hơn năm trước"];
      if (v > x.target.percent) return [`${at}.milestones.byYear.${year}`, `mốc không được vượt chỉ tiêu ${x.target.percent}%`];
      last = v;
    }
    if (x.milestones.status === "approved" && !x.milestones.approvedBy) return [`${at}.milestones.approvedBy`, "mốc đã duyệt cần ghi văn bản duyệt (số, ngày)"];
  }
  for (const [i, p] of ind.infrastructureAndSkills.pillars.entries())
    if (!pillarIds.includes(p)) return [`infrastructureAndSkills.pillars[${i}]`, `không có trụ cột "${p}" trong bộ câu hỏi nào`];
  return null;
}

/** Whether a group (a registry row's or an assessment's legal form and size class) belongs to the population. */
export function inPopulation(p: Population, g: { legalForm: string; sizeClass: string }): boolean {
  if (!(p.legalForms as readonly string[]).includes(g.legalForm)) return false;
  if (g.sizeClass === "unknown") return p.sizeUnknown === "include";
  return (p.sizeClasses as readonly string[]).includes(g.sizeClass);
}

/** A number of registry rows of a population: counted over every assessment, or only validated ones. */
function countOf(c: ReachCell, what: IndicatorCount, validatedOnly: boolean): number {
  if (what === "registered") return c.registered;
  if (what === "reached") return validatedOnly ? c.reachedValidated : c.reached;
  return validatedOnly ? c.platformUsersValidated : c.platformUsers;
}

export interface Figure {
  numerator: number;
  denominator: number;
  valuePct: number | null;
  /** Denominator rows without a size class in the register (counted in, or left out of, the population). */
  sizeUnknown: number;
  progress: TargetProgress;
}

function figure(ind: Indicator, p: Population, reach: readonly ReachCell[], f: Filter, validatedOnly: boolean): Figure {
  let numerator = 0;
  let denominator = 0;
  let sizeUnknown = 0;
  for (const c of reach) {
    if (!matches(c, f) || !(p.legalForms as readonly string[]).includes(c.legalForm)) continue;
    if (c.sizeClass === "unknown") sizeUnknown += c.registered;
    if (!inPopulation(p, c)) continue;
    numerator += countOf(c, ind.numerator, validatedOnly);
    denominator += countOf(c, ind.denominator, validatedOnly);
  }
  return { numerator, denominator, valuePct: pct(share(numerator, denominator)), sizeUnknown, progress: progressTo(ind.target, numerator, denominator) };
}

/** The share among the businesses that chose to be assessed (consenting to statistics), by the assessments' own groups. */
export interface Sample {
  assessed: number;
  users: number;
  valuePct: number | null;
  validatedAssessed: number;
  validatedUsers: number;
  validatedPct: number | null;
  /** Assessed businesses of the sample as a share of the population's registered businesses. */
  registryCoveragePct: number | null;
  /** The share meets the target among the assessed, which says nothing yet of the province. */
  metAmongAssessed: boolean;
}

function sample(ind: Indicator, p: Population, current: readonly CurrentCell[], registered: number, f: Filter): Sample {
  let assessed = 0;
  let users = 0;
  let vAssessed = 0;
  let vUsers = 0;
  for (const c of current) {
    if (!c.consent || !matches(c, f) || !inPopulation(p, c)) continue;
    assessed += c.n;
    users += c.platform;
    if (c.validated) {
      vAssessed += c.n;
      vUsers += c.platform;
    }
  }
  return {
    assessed,
    users,
    valuePct: pct(share(users, assessed)),
    validatedAssessed: vAssessed,
    validatedUsers: vUsers,
    validatedPct: pct(share(vUsers, vAssessed)),
    registryCoveragePct: pct(share(assessed, registered)),
    metAmongAssessed: progressTo(ind.target, users, assessed).met,
  };
}

export interface Milestone {
  year: number;
  percent: number;
  rule: "at_least" | "more_than";
  /** The final target, or a yearly step and whether the department set it. */
  kind: "target" | "approved" | "placeholder";
}

/** The step of the path for `year`: the milestone of that year, the target from the target year on, none before the plan or between set years. */
export function milestoneFor(ind: Indicators, x: Indicator, year: number): Milestone | null {
  if (year >= ind.targetYear) return { year: ind.targetYear, percent: x.target.percent, rule: x.target.rule, kind: "target" };
  const v = x.milestones.byYear[String(year)];
  if (v === undefined) return null;
  return { year, percent: v, rule: "at_least", kind: x.milestones.status };
}

/** The whole path 2026 → 2030, one step per year (null where no milestone is set). */
export function targetPath(ind: Indicators, x: Indicator): { year: number; milestone: Milestone | null }[] {
  const out: { year: number; milestone: Milestone | null }[] = [];
  for (let y = ind.planStartYear; y <= ind.targetYear; y++) out.push({ year: y, milestone: milestoneFor(ind, x, y) });
  return out;
}

export interface IndicatorView {
  indicator: Indicator;
  population: Population;
  /** Every submitted assessment counts, self-assessed or validated. */
  all: Figure;
  /** Only assessments an advisor validated. */
  validated: Figure;
  /** The other populations shown beside (e.g. cooperatives, households, all businesses). */
  compare: { population: Population; all: Figure; validated: Figure }[];
  sample: Sample | null;
  /** This year's step of the path and how far the figure is from it. */
  milestone: (Milestone & { progress: TargetProgress }) | null;
}

export function indicatorView(ind: Indicators, x: Indicator, reach: readonly ReachCell[], current: readonly CurrentCell[], f: Filter, year: number): IndicatorView {
  const popOf = (id: string) => ind.populations.find((p) => p.id === id)!;
  const population = popOf(x.population);
  const all = figure(x, population, reach, f, false);
  const m = milestoneFor(ind, x, year);
  return {
    indicator: x,
    population,
    all,
    validated: figure(x, population, reach, f, true),
    compare: x.compareWith.map((id) => ({ population: popOf(id), all: figure(x, popOf(id), reach, f, false), validated: figure(x, popOf(id), reach, f, true) })),
    sample: x.sample ? sample(x, population, current, all.denominator, f) : null,
    milestone: m ? { ...m, progress: progressTo({ percent: m.percent, rule: m.rule }, all.numerator, all.denominator) } : null,
  };
}

// From scored answers to a costed, fundable roadmap: priority gaps, 3-8 actions in three
// horizons, platforms from the catalogue, support and the owner's share. Pure and deterministic.
import { z } from "zod";
import "./zodLocale.ts";
import { COST_KINDS, PILLAR_IDS, type Platform, type SupportScheme } from "./catalogue.ts";
import { SECTORS, type Questionnaire, type Sector, type SizeClass, type LegalForm } from "./questionnaire.ts";
import {
  applicableQuestions,
  levelFor,
  maxPoints,
  pointsEarned,
  round1,
  selectedOptions,
  type Answers,
  type ProfileFacts,
  type ScoreDetail,
} from "./scoring.ts";

const id = z.string().regex(/^[a-z][a-z0-9_]*$/);
const text = z.string().trim().min(1);
const answerTest = z.union([
  z.strictObject({ question: id, noneOf: z.array(id).min(1) }),
  z.strictObject({ question: id, anyOf: z.array(id).min(1) }),
]);
export type AnswerTest = z.infer<typeof answerTest>;

export const HORIZONS = ["quick", "next", "later"] as const;
export type Horizon = (typeof HORIZONS)[number];

export const actionSchema = z.strictObject({
  id,
  title: text,
  summary: text,
  horizon: z.enum(HORIZONS),
  pillars: z.array(z.enum(PILLAR_IDS)).min(1),
  sectors: z.array(z.enum(SECTORS)).min(1).optional(),
  /** All must hold: the answers show the business does not do this yet. */
  gap: z.array(answerTest).min(1),
  platforms: z.array(z.strictObject({ id, usedWhen: answerTest.optional() })),
  costKind: z.enum(COST_KINDS),
  cost: z.strictObject({
    minVnd: z.number().int().min(0),
    maxVnd: z.number().int().min(0),
    per: z.enum(["year", "month", "one_off", "per_use"]),
  }),
  /** Said instead of an amount when the cost is per use (postage, commission, fees per order). */
  costNote: text.optional(),
  effort: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});
export type Action = z.infer<typeof actionSchema>;

export const actionFileSchema = z.strictObject({
  version: text,
  updatedOn: z.iso.date(),
  costNote: text,
  sectorEmphasis: z.partialRecord(z.enum(SECTORS), z.partialRecord(z.enum(PILLAR_IDS), z.number().positive())),
  actions: z.array(actionSchema).min(1),
});
export type ActionFile = z.infer<typeof actionFileSchema>;

export interface RoadmapInput {
  questionnaire: Questionnaire;
  profile: ProfileFacts;
  answers: Answers;
  detail: ScoreDetail;
  actions: ActionFile;
  platforms: Platform[];
  schemes: SupportScheme[];
  /** Whether the business's commune is an area with difficult socio-economic conditions; null: not known. */
  difficultArea?: boolean | null;
}

export interface MoneyRange {
  minVnd: number;
  maxVnd: number;
}

export interface SupportLine {
  schemeId: string;
  name: string;
  status: "in_force" | "draft";
  sharePercent: number | null;
  capVndPerYear: number | null;
  /** Support on the action's first-year cost (after the cap). */
  supportVnd: MoneyRange | null;
  /**
   * A condition the service cannot check yet: "difficult_area" when the scheme is only for
   * difficult areas and the commune's status is not known. Such support, like a draft's, is
   * shown but never taken off what the owner pays.
   */
  condition: "difficult_area" | null;
}

export interface RoadmapAction {
  id: string;
  title: string;
  summary: string;
  horizon: Horizon;
  pillars: string[];
  /** The answers that triggered it: question text and the answer given. */
  why: { questionId: string; question: string; answer: string }[];
  platforms: Platform[];
  /** First-year cost (monthly prices × 12). */
  costVnd: MoneyRange;
  costPer: "year" | "month" | "one_off" | "per_use";
  costNote: string | null;
  support: SupportLine[];
  /** What the owner pays in the first year after in-force support (drafts and unconfirmed conditions not counted). */
  ownerShareVnd: MoneyRange;
  effort: 1 | 2 | 3;
  priority: number;
  /** National level reached if this and every earlier action of the roadmap are done. */
  helpsReachLevel: number;
}

export interface PillarGap {
  pillarId: string;
  score: number;
  priority: number;
}

export interface Roadmap {
  gaps: PillarGap[];
  actions: RoadmapAction[];
  /** Largest in-force support a year for this business (e.g. Decree 80 cap by size class). */
  maxSupportPerYearVnd: number | null;
  schemes: SupportLine[];
}

export const MIN_ACTIONS = 3;
export const MAX_ACTIONS = 8;
/** A step written for the business's own sector comes before a generic one of similar weight. */
const SECTOR_STEP_BONUS = 6;

function testHolds(t: AnswerTest, answers: Answers): boolean {
  const picked = selectedOptions(answers[t.question]);
  return "noneOf" in t ? !picked.some((o) => t.noneOf.includes(o)) : picked.some((o) => t.anyOf.includes(o));
}

/** Can this scheme pay for this kind of cost for this business? (`difficultArea` null: not known, which does not exclude.) */
export function schemeApplies(
  scheme: SupportScheme,
  costKind: Action["costKind"],
  legalForm: LegalForm,
  sizeClass: SizeClass,
  sector: Sector,
  difficultArea: boolean | null = null,
): boolean {
  if (!scheme.coverage.appliesTo.includes(costKind)) return false;
  const e = scheme.eligibility;
  if (e.legalForms && !e.legalForms.includes(legalForm)) return false;
  if (e.sizeClasses && !e.sizeClasses.includes(sizeClass)) return false;
  if (e.sectors && !e.sectors.includes(sector)) return false;
  if (e.difficultAreasOnly && difficultArea === false) return false;
  return true;
}

/** Support that is certain enough to take off what the owner pays. */
const counted = (s: SupportLine) => s.status === "in_force" && s.condition === null;

export function shareFor(scheme: SupportScheme, sizeClass: SizeClass): number | null {
  return scheme.coverage.sharePercentBySize?.[sizeClass] ?? scheme.coverage.sharePercent ?? null;
}

/** Support on a cost: share × cost, never above the yearly cap. */
export function supportOn(costVnd: number, sharePercent: number | null, capVnd: number | null): number {
  if (sharePercent === null) return 0;
  const raw = Math.floor((costVnd * sharePercent) / 100);
  return capVnd === null ? raw : Math.min(raw, capVnd);
}

function supportLines(input: RoadmapInput, costKind: Action["costKind"], cost: MoneyRange): SupportLine[] {
  const p = input.profile;
  const difficultArea = input.difficultArea ?? null;
  return input.schemes
    .filter((s) => schemeApplies(s, costKind, p.legalForm, p.sizeClass, p.sector, difficultArea))
    .map((s): SupportLine => {
      const share = shareFor(s, p.sizeClass);
      const cap = s.coverage.capsVndPerYear?.[p.sizeClass] ?? null;
      return {
        schemeId: s.id,
        name: s.shortName,
        status: s.status,
        sharePercent: share,
        capVndPerYear: cap,
        supportVnd: share === null ? null : { minVnd: supportOn(cost.minVnd, share, cap), maxVnd: supportOn(cost.maxVnd, share, cap) },
        condition: s.eligibility.difficultAreasOnly && difficultArea !== true ? "difficult_area" : null,
      };
    });
}

export function buildRoadmap(input: RoadmapInput): Roadmap {
  const { questionnaire: q, profile, answers, detail } = input;
  const emphasis = input.actions.sectorEmphasis[profile.sector] ?? {};
  const weightOf = new Map(q.pillars.map((p) => [p.id, p.weight]));
  const gaps: PillarGap[] = detail.pillars
    .filter((p) => p.score !== null)
    .map((p) => ({
      pillarId: p.id,
      score: p.score!,
      priority: round1(weightOf.get(p.id)! * ((emphasis as Record<string, number>)[p.id] ?? 1) * (100 - p.score!)),
    }))
    .sort((a, b) => b.priority - a.priority || a.pillarId.localeCompare(b.pillarId));
  const gapPriority = new Map(gaps.map((g) => [g.pillarId, g.priority]));

  const applicable = new Map(applicableQuestions(q, profile, answers).map((x) => [x.question.id, x]));
  const lostOf = new Map(detail.contributions.map((c) => [c.questionId, c.overallPointsLost]));
  const platformById = new Map(input.platforms.map((p) => [p.id, p]));

  interface Candidate {
    action: Action;
    priority: number;
    triggers: string[];
    platforms: Platform[];
  }
  const candidates: Candidate[] = [];
  for (const action of input.actions.actions) {
    if (action.sectors && !action.sectors.includes(profile.sector)) continue;
    // Every gap question must apply to this business, and every gap test must hold.
    if (!action.gap.every((t) => applicable.has(t.question) && testHolds(t, answers))) continue;
    const platforms = action.platforms
      .filter((ref) => !(ref.usedWhen && testHolds(ref.usedWhen, answers)))
      .map((ref) => platformById.get(ref.id))
      .filter((p): p is Platform => !!p && p.sectors.includes(profile.sector) && p.sizeClasses.includes(profile.sizeClass));
    if (action.platforms.length > 0 && platforms.length === 0) continue; // nothing left that fits
    const triggers = action.gap.map((t) => t.question);
    const pointsAtStake = triggers.reduce((s, id) => s + (lostOf.get(id) ?? 0), 0);
    const pillarNeed = Math.max(...action.pillars.map((p) => gapPriority.get(p) ?? 0));
    const sectorWeight = Math.max(...action.pillars.map((p) => (emphasis as Record<string, number>)[p] ?? 1));
    // What matters: the sector-weighted pillar gap, the points the answers left on the table
    // (weighted the same way), steps made for this sector, and cheap steps before costly ones.
    const priority = round1(
      pillarNeed / 10 + pointsAtStake * 3 * sectorWeight + (action.sectors && action.sectors.length < SECTORS.length ? SECTOR_STEP_BONUS : 0) - action.effort * 2,
    );
    candidates.push({ action, priority, triggers, platforms });
  }
  candidates.sort(
    (a, b) =>
      b.priority - a.priority || a.action.effort - b.action.effort || a.action.id.localeCompare(b.action.id),
  );
  const chosen = candidates.slice(0, MAX_ACTIONS);
  // Present by horizon, most important first within each.
  chosen.sort((a, b) => HORIZONS.indexOf(a.action.horizon) - HORIZONS.indexOf(b.action.horizon) || b.priority - a.priority);

  // Level reached as the roadmap is followed in order: each action's gap questions at their best.
  const improved: Record<string, Answers[string]> = { ...answers };
  const textOf = new Map(q.questions.map((x) => [x.id, x]));
  const actions: RoadmapAction[] = chosen.map((c) => {
    for (const qid of c.triggers) {
      const question = textOf.get(qid)!;
      improved[qid] =
        question.type === "single"
          ? question.options.reduce((a, b) => (b.points > a.points ? b : a)).id
          : bestMulti(question, improved[qid]);
    }
    const cost = firstYear(c.action.cost);
    // Per-use fees and free steps get no percentage support.
    const support = c.action.cost.per === "per_use" || cost.maxVnd === 0 ? [] : supportLines(input, c.action.costKind, cost);
    const inForce = support.filter((s) => counted(s) && s.supportVnd);
    const bestMin = Math.max(0, ...inForce.map((s) => s.supportVnd!.minVnd));
    const bestMax = Math.max(0, ...inForce.map((s) => s.supportVnd!.maxVnd));
    return {
      id: c.action.id,
      title: c.action.title,
      summary: c.action.summary,
      horizon: c.action.horizon,
      pillars: c.action.pillars,
      why: c.triggers.map((qid) => ({
        questionId: qid,
        question: textOf.get(qid)!.text,
        answer: labelOf(textOf.get(qid)!, answers[qid]),
      })),
      platforms: c.platforms.slice(0, 3),
      costVnd: cost,
      costPer: c.action.cost.per,
      costNote: c.action.costNote ?? null,
      support,
      ownerShareVnd: { minVnd: cost.minVnd - bestMin, maxVnd: cost.maxVnd - bestMax },
      effort: c.action.effort,
      priority: c.priority,
      helpsReachLevel: levelFor(q, overallWith(q, detail, improved, applicable)),
    };
  });

  const schemes = supportLines(input, "solution_rent_buy", { minVnd: 0, maxVnd: 0 }).concat(
    supportLines(input, "consulting", { minVnd: 0, maxVnd: 0 }),
  );
  const uniqueSchemes = [...new Map(schemes.map((s) => [s.schemeId, s])).values()];
  const caps = uniqueSchemes.filter((s) => counted(s) && s.capVndPerYear !== null).map((s) => s.capVndPerYear!);
  return {
    gaps,
    actions,
    maxSupportPerYearVnd: caps.length ? Math.max(...caps) : null,
    schemes: uniqueSchemes,
  };
}

function firstYear(cost: Action["cost"]): MoneyRange {
  const k = cost.per === "month" ? 12 : 1;
  return { minVnd: cost.minVnd * k, maxVnd: cost.maxVnd * k };
}

function bestMulti(question: Questionnaire["questions"][number], current: Answers[string] | undefined): string[] {
  const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.id));
  const kept = selectedOptions(current).filter((o) => !exclusive.has(o));
  const add = question.options.filter((o) => !o.exclusive && o.points > 0).map((o) => o.id);
  return [...new Set([...kept, ...add])];
}

function labelOf(question: Questionnaire["questions"][number], value: Answers[string] | undefined): string {
  const picked = selectedOptions(value);
  if (!picked.length) return "Chưa trả lời";
  return question.options
    .filter((o) => picked.includes(o.id))
    .map((o) => o.label)
    .join("; ");
}

/** Overall score with some answers improved; pillars' possible points are fixed by the profile. */
function overallWith(
  q: Questionnaire,
  detail: ScoreDetail,
  answers: Answers,
  applicable: Map<string, { question: Questionnaire["questions"][number]; asked: boolean }>,
): number {
  const earned = new Map(q.pillars.map((p) => [p.id, 0]));
  for (const { question } of applicable.values()) {
    earned.set(question.pillar, earned.get(question.pillar)! + Math.min(pointsEarned(question, answers[question.id]), maxPoints(question)));
  }
  const weightOf = new Map(q.pillars.map((p) => [p.id, p.weight]));
  const scored = detail.pillars.filter((p) => p.possible > 0);
  const total = scored.reduce((s, p) => s + weightOf.get(p.id)!, 0);
  return round1(scored.reduce((s, p) => s + (weightOf.get(p.id)! * 100 * earned.get(p.id)!) / p.possible, 0) / total);
}

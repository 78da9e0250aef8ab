// An assessment's advice: from scored answers to one prioritised, costed, fundable plan (steps in
// three horizons, platforms from the catalogue, support and the owner's share, how much each step
// raises the score, the steps that reach the next level). Pure and deterministic; the rules of
// fit and order live in actions.yaml.
import { z } from "zod";
import "./zodLocale.ts";
import { COST_KINDS, PILLAR_IDS, type Platform, type SupportScheme } from "./catalogue.ts";
import { legalDutiesFor, type LegalDutyFile, type LegalTopic } from "./legalDuties.ts";
import {
  LEGAL_FORMS,
  SECTORS,
  SIZE_CLASSES,
  type LegalForm,
  type Option,
  type Question,
  type Questionnaire,
  type Sector,
  type SizeClass,
} from "./questionnaire.ts";
import {
  applicableQuestions,
  isNotApplicable,
  levelFor,
  pointsEarned,
  round1,
  score,
  selectedOptions,
  type AnswerValue,
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

/** Stages of adoption, as stage-based digital plans set them out: foundations, then growth, then linking it all up. */
export const STAGES = [1, 2, 3] as const;
export type Stage = (typeof STAGES)[number];

const duration = z
  .strictObject({ min: z.number().int().positive(), max: z.number().int().positive(), unit: z.enum(["day", "week", "month"]) })
  .refine((d) => d.min <= d.max, { message: "min không được lớn hơn max", path: ["max"] });
export type Duration = z.infer<typeof duration>;

export const actionSchema = z.strictObject({
  id,
  title: text,
  summary: text,
  /** The earliest horizon the step belongs to; a full horizon moves a step later, never earlier. */
  horizon: z.enum(HORIZONS),
  /** 1 foundations (take money, keep books, keep accounts safe), 2 grow (new channels, e-invoices, signatures), 3 link and automate. */
  stage: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** A basic every business needs: when its gap shows, the step is in the first horizon whatever else competes. */
  fundamental: z.literal(true).optional(),
  /** How much an advisor weighs the step beyond the points it adds: the core steps of a sector's stage plan. */
  importance: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  pillars: z.array(z.enum(PILLAR_IDS)).min(1),
  sectors: z.array(z.enum(SECTORS)).min(1).optional(),
  /** Who the step fits; omitted: every legal form, every size. */
  fit: z
    .strictObject({
      legalForms: z.array(z.enum(LEGAL_FORMS)).min(1).optional(),
      sizeClasses: z.array(z.enum(SIZE_CLASSES)).min(1).optional(),
    })
    .optional(),
  /** All must hold: the answers show the business does not do this yet. */
  gap: z.array(answerTest).min(1),
  /**
   * All must hold on questions the business was asked; a version that does not ask one (a revenue
   * band 1.0 lacks) does not get the step. Unlike `gap`, never skipped for another version.
   */
  requires: z.array(answerTest).min(1).optional(),
  /** Any that holds shows the business already does this another way: the step is not advised. */
  unless: z.array(answerTest).min(1).optional(),
  /** The answers the business gives once the step is done: how the step raises the score. */
  raises: z.array(z.strictObject({ question: id, to: id })).min(1),
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
  /** How long the step takes an owner who starts now. */
  duration,
});
export type Action = z.infer<typeof actionSchema>;

export const actionFileSchema = z.strictObject({
  version: text,
  updatedOn: z.iso.date(),
  costNote: text,
  /** Steps per horizon (fundamentals count, but are never left out): a short list an owner can act on. */
  horizonCaps: z.strictObject({ quick: z.number().int().min(1), next: z.number().int().min(1), later: z.number().int().min(1) }),
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
  /** What the law asks of businesses; the ones that apply are part of the advice. */
  legalDuties?: LegalDutyFile;
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
  /** Cap on all of this scheme's support in a year (e.g. Decree 80 renting/buying solutions). */
  capVndPerYear: number | null;
  /** Cap on each contract in a year (e.g. Decree 80 consulting): each action is capped on its own. */
  capVndPerContract: number | null;
  /** Support on the action's first-year cost (after the cap). */
  supportVnd: MoneyRange | null;
  /**
   * A condition the service cannot check yet: "difficult_area" when the scheme is only for
   * difficult areas and the commune's status is not known. Such support, like a draft's, is
   * shown but never taken off what the owner pays.
   */
  condition: "difficult_area" | null;
}

/** One answer a step changes: from what the owner said to what they will be able to say. */
export interface Raise {
  questionId: string;
  question: string;
  /** The option to move to (for a choose-several question, the option added). */
  optionId: string;
  /** The whole answer as it would be stored. */
  newValue: AnswerValue;
  from: string;
  to: string;
}

export interface RoadmapAction {
  id: string;
  title: string;
  summary: string;
  horizon: Horizon;
  stage: Stage;
  fundamental: boolean;
  pillars: string[];
  /** The answers that triggered it: question text and the answer given, in the owner's words. */
  why: { questionId: string; question: string; answer: string }[];
  raises: Raise[];
  platforms: Platform[];
  /** First-year cost (monthly prices × 12). */
  costVnd: MoneyRange;
  costPer: "year" | "month" | "one_off" | "per_use";
  costNote: string | null;
  support: SupportLine[];
  /** What the owner pays in the first year after in-force support (drafts and unconfirmed conditions not counted). */
  ownerShareVnd: MoneyRange;
  effort: 1 | 2 | 3;
  duration: Duration;
  /** Points of the overall score (0-100) this step adds, done after the steps before it. */
  gain: number;
  /** Overall score once this step and every earlier one is done. */
  scoreAfter: number;
  levelAfter: number;
  /** The next level, on exactly the steps that together reach it (the "lift one level" steps); otherwise null. */
  helpsReachLevel: number | null;
}

export interface PillarGap {
  pillarId: string;
  score: number;
  priority: number;
}

export interface LiftOneLevel {
  targetLevel: number;
  targetScore: number;
  scoreAfter: number;
  /** Ids of the plan's first steps that together reach the next level, in plan order. */
  actionIds: string[];
}

/**
 * What the result says about the next level, decided once for the result page, the plan, the PDF
 * and the API: the plan's first steps reach it; the whole plan does not (an advisor helps choose
 * what next); or the business is at the top level.
 */
export type NextLevelOutlook =
  | { status: "reached_by_plan"; targetLevel: number; targetScore: number; scoreAfter: number; actionIds: string[] }
  | { status: "beyond_plan"; targetLevel: number; targetScore: number; scoreAfterPlan: number; planSteps: number }
  | { status: "top_level" };

export interface Roadmap {
  gaps: PillarGap[];
  /** The plan, in the order to do it: by horizon, then basics, cheap before costly, larger gain first. */
  actions: RoadmapAction[];
  currentScore: number;
  currentLevel: number;
  /** Score once the whole plan is done. */
  scoreAfterPlan: number;
  /** The plan's first steps reach the next level; null at the top level or when the plan does not reach it. */
  liftOneLevel: LiftOneLevel | null;
  /** Where the next level stands: the one answer every page gives. */
  nextLevel: NextLevelOutlook;
  /** Largest yearly cap of in-force support for this business (Decree 80 renting/buying solutions by size class); per-contract caps are not yearly totals. */
  maxSupportPerYearVnd: number | null;
  schemes: SupportLine[];
  /** What the law asks of this business, each duty with its source. */
  legalDuties: LegalTopic[];
}

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

/** Schemes in force before drafts, each group in file order: a draft is never listed ahead of the law. */
export function inForceFirst<T extends { status: "in_force" | "draft" }>(list: readonly T[]): T[] {
  return [...list.filter((x) => x.status === "in_force"), ...list.filter((x) => x.status !== "in_force")];
}

function supportLines(input: RoadmapInput, costKind: Action["costKind"], cost: MoneyRange): SupportLine[] {
  const p = input.profile;
  const difficultArea = input.difficultArea ?? null;
  return inForceFirst(input.schemes)
    .filter((s) => schemeApplies(s, costKind, p.legalForm, p.sizeClass, p.sector, difficultArea))
    .map((s): SupportLine => {
      const share = shareFor(s, p.sizeClass);
      const perYear = s.coverage.capsVndPerYear?.[p.sizeClass] ?? null;
      const perContract = s.coverage.capsVndPerContractPerYear?.[p.sizeClass] ?? null;
      // One action is one contract: either kind of cap bounds the support on it. The yearly cap
      // also bounds the year's total across actions (see firstYearOwnerTotal in the plan service).
      const cap = perYear ?? perContract;
      return {
        schemeId: s.id,
        name: s.shortName,
        status: s.status,
        sharePercent: share,
        capVndPerYear: perYear,
        capVndPerContract: perContract,
        supportVnd: share === null ? null : { minVnd: supportOn(cost.minVnd, share, cap), maxVnd: supportOn(cost.maxVnd, share, cap) },
        condition: s.eligibility.difficultAreasOnly && difficultArea !== true ? "difficult_area" : null,
      };
    });
}

/** Would moving to this option raise the answer, never lower it or repeat what is there? */
export function improves(question: Question, current: AnswerValue | undefined, option: Option): boolean {
  if (option.dontKnow || option.exclusive || option.points <= 0) return false;
  // "Not applicable" is a fact about the business (no foreign guests), not an answer to raise.
  if (isNotApplicable(question, current)) return false;
  if (question.type === "single") return option.points > pointsEarned(question, current);
  // Choose-several: never what is ticked, never less than the best tool already used (a spreadsheet
  // is not followed by a paper notebook); another tool as good as the best one is a new channel.
  const picked = selectedOptions(current);
  if (picked.includes(option.id)) return false;
  const best = Math.max(0, ...question.options.filter((o) => picked.includes(o.id)).map((o) => o.points));
  return option.points >= best;
}

/** The answer as stored once the option is taken: a single choice replaced, a tool added to the others. */
export function withOption(question: Question, current: AnswerValue | undefined, optionId: string): AnswerValue {
  if (question.type === "single") return optionId;
  const dropped = new Set(question.options.filter((o) => o.exclusive || o.dontKnow).map((o) => o.id));
  return [...selectedOptions(current).filter((o) => !dropped.has(o) && o !== optionId), optionId];
}

/** What the owner pays in the first year, in bands an owner weighs: free, under 2 million, under 10 million, more. */
function costTier(cost: MoneyRange, per: Action["cost"]["per"]): number {
  if (per === "per_use") return 0; // nothing to pay until a sale or a booking brings money in
  if (cost.maxVnd === 0) return 0;
  if (cost.maxVnd <= 2_000_000) return 1;
  if (cost.maxVnd <= 10_000_000) return 2;
  return 3;
}

interface Candidate {
  action: Action;
  raises: { question: Question; option: Option }[];
  platforms: Platform[];
  cost: MoneyRange;
  support: SupportLine[];
  ownerShare: MoneyRange;
  tier: number;
  /** Gain in score, weighted by what matters in the business's sector and by the step's importance. */
  weightedGain: number;
  sectorStep: boolean;
}

/**
 * The order an advisor gives within a horizon: the basics first, then cheap before costly, the
 * earlier stage before the later, the larger (sector-weighted) gain first.
 */
function byAdvice(a: Candidate, b: Candidate): number {
  return (
    Number(!!b.action.fundamental) - Number(!!a.action.fundamental) ||
    a.tier - b.tier ||
    a.action.stage - b.action.stage ||
    b.weightedGain - a.weightedGain ||
    a.action.effort - b.action.effort ||
    a.action.id.localeCompare(b.action.id)
  );
}

/**
 * Which steps earn a place, as a prioritisation matrix weighs them: the gap each closes (its gain,
 * weighted by what matters in the sector) against what it costs the owner. Fundamentals first.
 */
function byValue(a: Candidate, b: Candidate): number {
  const value = (c: Candidate) => c.weightedGain / (1 + c.tier);
  return Number(!!b.action.fundamental) - Number(!!a.action.fundamental) || value(b) - value(a) || byAdvice(a, b);
}

/**
 * Which steps make the plan, then when. Fundamentals are never left out. The other places (the sum
 * of the horizon caps, less the fundamentals) are shared between steps written for the business's
 * sector and general steps, half each (the sector takes the odd place), a side with too few steps
 * leaving its places to the other; the sector's core steps (its stage plan's "importance") are
 * taken first, then each side by value. Then each step goes to its earliest horizon with room, a
 * full horizon passing it on to the next and an emptier one passing on its unused places.
 */
function placeInHorizons(sorted: Candidate[], caps: ActionFile["horizonCaps"]): Map<Horizon, Candidate[]> {
  const fundamentals = sorted.filter((c) => c.action.fundamental);
  const room = Math.max(0, caps.quick + caps.next + caps.later - fundamentals.length);
  const sector = sorted
    .filter((c) => !c.action.fundamental && c.sectorStep)
    .sort((a, b) => (b.action.importance ?? 1) - (a.action.importance ?? 1) || byValue(a, b));
  const general = sorted.filter((c) => !c.action.fundamental && !c.sectorStep);
  const takeSector = Math.min(sector.length, Math.max(Math.ceil(room / 2), room - general.length));
  const takeGeneral = Math.min(general.length, room - takeSector);
  const chosen = [...fundamentals, ...[...sector.slice(0, takeSector), ...general.slice(0, takeGeneral)].sort(byValue)];

  const placed = new Map<Horizon, Candidate[]>(HORIZONS.map((h) => [h, []]));
  let pending = chosen;
  let unused = 0;
  HORIZONS.forEach((h, i) => {
    const last = i === HORIZONS.length - 1;
    // A sector's core step keeps its time; then a step already waiting from an earlier horizon goes
    // before the ones that start here.
    const eligible = pending
      .filter((c) => HORIZONS.indexOf(c.action.horizon) <= i)
      .sort(
        (a, b) =>
          Number(!!b.action.fundamental) - Number(!!a.action.fundamental) ||
          (b.sectorStep ? (b.action.importance ?? 1) : 1) - (a.sectorStep ? (a.action.importance ?? 1) : 1) ||
          HORIZONS.indexOf(a.action.horizon) - HORIZONS.indexOf(b.action.horizon),
      );
    const space = last ? eligible.length : Math.max(0, caps[h] + unused);
    // Fundamentals first (they are all in the first horizon), then by value.
    const taken = eligible.slice(0, Math.max(space, eligible.filter((c) => c.action.fundamental).length));
    placed.set(h, [...taken].sort(byAdvice)); // shown in the order to do them
    pending = pending.filter((c) => !taken.includes(c));
    unused = Math.max(0, caps[h] + unused - taken.length);
  });
  return placed;
}

/**
 * An assessment's advice, computed once: the steps, their horizons and order, what each costs, what
 * support pays, how much it raises the score, and the first steps that reach the next level. Every
 * page, the PDF and the API read this one result.
 */
export function buildRoadmap(input: RoadmapInput): Roadmap {
  const { questionnaire: q, profile, answers, detail } = input;
  const emphasis = (input.actions.sectorEmphasis[profile.sector] ?? {}) as Record<string, number>;
  const weightOf = new Map(q.pillars.map((p) => [p.id, p.weight]));
  const gaps: PillarGap[] = detail.pillars
    .filter((p) => p.score !== null)
    .map((p) => ({
      pillarId: p.id,
      score: p.score!,
      priority: round1(weightOf.get(p.id)! * (emphasis[p.id] ?? 1) * (100 - p.score!)),
    }))
    .sort((a, b) => b.priority - a.priority || a.pillarId.localeCompare(b.pillarId));

  const questionById = new Map(q.questions.map((x) => [x.id, x]));
  const applicable = new Map(applicableQuestions(q, profile, answers).map((x) => [x.question.id, x]));
  const platformById = new Map(input.platforms.map((p) => [p.id, p]));
  const overallOf = (a: Answers) => score(q, profile, a).overall;
  const baseScore = overallOf(answers);
  // A test on a question of another questionnaire version says nothing about this business.
  const inVersion = (t: AnswerTest) => questionById.has(t.question);

  const candidates: Candidate[] = [];
  for (const action of input.actions.actions) {
    if (action.sectors && !action.sectors.includes(profile.sector)) continue;
    if (action.fit?.legalForms && !action.fit.legalForms.includes(profile.legalForm)) continue;
    if (action.fit?.sizeClasses && !action.fit.sizeClasses.includes(profile.sizeClass)) continue;
    // An answer of "not applicable" is a fact about the business, never a gap to close.
    const gapHolds = (t: AnswerTest) =>
      applicable.has(t.question) && testHolds(t, answers) && !isNotApplicable(applicable.get(t.question)!.question, answers[t.question]);
    // A step whose every gap test names questions of other versions is not a step of this version.
    const gap = action.gap.filter(inVersion);
    if (gap.length === 0 || !gap.every(gapHolds)) continue;
    if (action.requires && !action.requires.every((t) => applicable.get(t.question)?.asked && testHolds(t, answers))) continue;
    if (action.unless?.some((t) => inVersion(t) && applicable.get(t.question)?.asked && testHolds(t, answers))) continue;
    const raises = action.raises.flatMap((r) => {
      const question = questionById.get(r.question);
      const option = question?.options.find((o) => o.id === r.to);
      // A skipped follow-up opens only once the answer before it changes: not a step of its own.
      if (!question || !option || !applicable.get(r.question)?.asked) return [];
      return improves(question, answers[r.question], option) ? [{ question, option }] : [];
    });
    if (raises.length === 0) continue;
    const platforms = action.platforms
      .filter((ref) => !(ref.usedWhen && inVersion(ref.usedWhen) && testHolds(ref.usedWhen, answers)))
      .map((ref) => platformById.get(ref.id))
      .filter((p): p is Platform => !!p && p.sectors.includes(profile.sector) && p.sizeClasses.includes(profile.sizeClass));
    if (action.platforms.length > 0 && platforms.length === 0) continue; // nothing left that fits
    const after: Record<string, AnswerValue> = { ...answers };
    for (const r of raises) after[r.question.id] = withOption(r.question, answers[r.question.id], r.option.id);
    const gain = round1(overallOf(after) - baseScore);
    // A step that adds nothing to the score is one the answers show done as far as it goes.
    if (gain <= 0) continue;
    const cost = firstYear(action.cost);
    // Per-use fees and free steps get no percentage support.
    const support = action.cost.per === "per_use" || cost.maxVnd === 0 ? [] : supportLines(input, action.costKind, cost);
    const inForce = support.filter((s) => counted(s) && s.supportVnd);
    const ownerShare = {
      minVnd: cost.minVnd - Math.max(0, ...inForce.map((s) => s.supportVnd!.minVnd)),
      maxVnd: cost.maxVnd - Math.max(0, ...inForce.map((s) => s.supportVnd!.maxVnd)),
    };
    candidates.push({
      action,
      raises,
      platforms: platforms.slice(0, 3),
      cost,
      support,
      ownerShare,
      tier: costTier(ownerShare, action.cost.per),
      weightedGain: gain * Math.max(...action.pillars.map((p) => emphasis[p] ?? 1)) * (action.importance ?? 1),
      sectorStep: action.sectors?.length === 1,
    });
  }
  const placed = placeInHorizons(candidates.sort(byValue), input.actions.horizonCaps);

  // Follow the plan in order: each step's answers on top of the ones before, scored again.
  const running: Record<string, AnswerValue> = { ...answers };
  let before = baseScore;
  const actions: RoadmapAction[] = HORIZONS.flatMap((horizon) =>
    placed.get(horizon)!.flatMap((c): RoadmapAction[] => {
      const raises: Raise[] = [];
      const previous = new Map<string, AnswerValue | undefined>();
      for (const r of c.raises) {
        if (!previous.has(r.question.id)) previous.set(r.question.id, running[r.question.id]);
        if (!improves(r.question, running[r.question.id], r.option)) continue; // an earlier step got there
        const newValue = withOption(r.question, running[r.question.id], r.option.id);
        raises.push({
          questionId: r.question.id,
          question: r.question.text,
          optionId: r.option.id,
          newValue,
          from: labelOf(r.question, running[r.question.id]),
          to: r.option.label,
        });
        running[r.question.id] = newValue;
      }
      if (raises.length === 0) return []; // the steps before it already did what it would
      const scoreAfter = overallOf(running);
      const gain = round1(scoreAfter - before);
      // Another way to what an earlier step already gave (a second kind of e-invoice): not a step.
      if (gain <= 0) {
        // Undo this step's answers: the plan goes on from the answers before it.
        for (const [id, was] of previous) {
          if (was === undefined) delete running[id];
          else running[id] = was;
        }
        return [];
      }
      before = scoreAfter;
      return [
        {
          id: c.action.id,
          title: c.action.title,
          summary: c.action.summary,
          horizon,
          stage: c.action.stage,
          fundamental: !!c.action.fundamental,
          pillars: c.action.pillars,
          why: c.raises.map((r) => ({ questionId: r.question.id, question: r.question.text, answer: labelOf(r.question, answers[r.question.id]) })),
          raises,
          platforms: c.platforms,
          costVnd: c.cost,
          costPer: c.action.cost.per,
          costNote: c.action.costNote ?? null,
          support: c.support,
          ownerShareVnd: c.ownerShare,
          effort: c.action.effort,
          duration: c.action.duration,
          gain,
          scoreAfter,
          levelAfter: levelFor(q, scoreAfter),
          helpsReachLevel: null,
        },
      ];
    }),
  );

  const currentLevel = levelFor(q, baseScore);
  const next = q.levels.find((l) => l.level === currentLevel + 1);
  const reachedAt = next ? actions.findIndex((a) => a.levelAfter >= next.level) : -1;
  const lift: LiftOneLevel | null =
    next && reachedAt >= 0
      ? {
          targetLevel: next.level,
          targetScore: next.minScore,
          scoreAfter: actions[reachedAt]!.scoreAfter,
          actionIds: actions.slice(0, reachedAt + 1).map((a) => a.id),
        }
      : null;
  if (lift) for (const a of actions.slice(0, reachedAt + 1)) a.helpsReachLevel = lift.targetLevel;
  const nextLevel: NextLevelOutlook = !next
    ? { status: "top_level" }
    : lift
      ? { status: "reached_by_plan", ...lift }
      : { status: "beyond_plan", targetLevel: next.level, targetScore: next.minScore, scoreAfterPlan: before, planSteps: actions.length };

  // Every scheme this business may get, whatever it pays for, in force first.
  const schemes = COST_KINDS.flatMap((k) => supportLines(input, k, { minVnd: 0, maxVnd: 0 }));
  // In the order of the schemes file (its reviewer's order), drafts last.
  const fileOrder = new Map(input.schemes.map((s, i) => [s.id, i]));
  const uniqueSchemes = inForceFirst([...new Map(schemes.map((s) => [s.schemeId, s])).values()].sort((a, b) => fileOrder.get(a.schemeId)! - fileOrder.get(b.schemeId)!));
  const caps = uniqueSchemes.filter((s) => counted(s) && s.capVndPerYear !== null).map((s) => s.capVndPerYear!);
  return {
    gaps,
    actions,
    currentScore: baseScore,
    currentLevel,
    scoreAfterPlan: before,
    liftOneLevel: lift,
    nextLevel,
    maxSupportPerYearVnd: caps.length ? Math.max(...caps) : null,
    schemes: uniqueSchemes,
    legalDuties: input.legalDuties ? legalDutiesFor(input.legalDuties, q, profile, answers) : [],
  };
}

function firstYear(cost: Action["cost"]): MoneyRange {
  const k = cost.per === "month" ? 12 : 1;
  return { minVnd: cost.minVnd * k, maxVnd: cost.maxVnd * k };
}

function labelOf(question: Question, value: AnswerValue | undefined): string {
  const picked = selectedOptions(value);
  if (!picked.length) return "Chưa trả lời";
  return question.options
    .filter((o) => picked.includes(o.id))
    .map((o) => o.label)
    .join("; ");
}

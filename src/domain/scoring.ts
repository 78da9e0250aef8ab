// Scoring: pillar scores 0-100, weighted overall, national level 0-5, EU band, platform use.
// Pure: the questionnaire version an assessment was taken on is passed in, never looked up.
import type {
  ActivityGroup,
  AnswerCondition,
  BusinessFunction,
  LegalForm,
  ProfileCondition,
  Question,
  Questionnaire,
  Sector,
  SizeClass,
} from "./questionnaire.ts";

export type AnswerValue = string | string[];
export type Answers = Readonly<Record<string, AnswerValue>>;

/** What conditions may look at. */
export interface ProfileFacts {
  legalForm: LegalForm;
  sizeClass: SizeClass;
  sector: Sector;
  activityGroup: ActivityGroup;
}

export function selectedOptions(value: AnswerValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function profileConditionHolds(cond: ProfileCondition, profile: ProfileFacts): boolean {
  if ("legalForm" in cond) return cond.legalForm.includes(profile.legalForm);
  if ("sizeClass" in cond) return cond.sizeClass.includes(profile.sizeClass);
  if ("sector" in cond) return cond.sector.includes(profile.sector);
  if ("activityGroup" in cond) return cond.activityGroup.includes(profile.activityGroup);
  if ("not" in cond) return !profileConditionHolds(cond.not, profile);
  if ("all" in cond) return cond.all.every((c) => profileConditionHolds(c, profile));
  return cond.any.some((c) => profileConditionHolds(c, profile));
}

export function answerConditionHolds(cond: AnswerCondition, answers: Answers): boolean {
  if ("answer" in cond) {
    const picked = selectedOptions(answers[cond.answer.question]);
    return picked.some((o) => cond.answer.anyOf.includes(o));
  }
  if ("not" in cond) return !answerConditionHolds(cond.not, answers);
  if ("all" in cond) return cond.all.every((c) => answerConditionHolds(c, answers));
  return cond.any.some((c) => answerConditionHolds(c, answers));
}

/** A question that applies to this business; `asked` is false for a follow-up skipped by an earlier answer. */
export interface ApplicableQuestion {
  question: Question;
  asked: boolean;
}

/**
 * The questions that apply to this business, in order. Follow-ups look only at answers of
 * questions that were asked, so an answer left behind on a skipped question opens nothing.
 */
/** Per-version lookups computed once (scoring runs thousands of times a second). */
interface Index {
  moduleSectors: (Sector[] | undefined)[];
  maxPoints: number[];
  pillarIndex: number[];
  weights: number[];
}
const indexCache = new WeakMap<Questionnaire, Index>();
function indexOf(q: Questionnaire): Index {
  let ix = indexCache.get(q);
  if (!ix) {
    const sectorsOf = new Map<string, Sector[] | undefined>();
    for (const m of q.modules) for (const id of m.questionIds) sectorsOf.set(id, m.sectors);
    const pillarPos = new Map(q.pillars.map((p, i) => [p.id, i]));
    ix = {
      moduleSectors: q.questions.map((x) => sectorsOf.get(x.id)),
      maxPoints: q.questions.map(maxPoints),
      pillarIndex: q.questions.map((x) => pillarPos.get(x.pillar)!),
      weights: q.pillars.map((p) => p.weight),
    };
    indexCache.set(q, ix);
  }
  return ix;
}

export function applicableQuestions(q: Questionnaire, profile: ProfileFacts, answers: Answers): ApplicableQuestion[] {
  const ix = indexOf(q);
  const askedAnswers: Record<string, AnswerValue> = {};
  const out: ApplicableQuestion[] = [];
  for (let i = 0; i < q.questions.length; i++) {
    const question = q.questions[i]!;
    const sectors = ix.moduleSectors[i];
    if (sectors && !sectors.includes(profile.sector)) continue;
    if (question.showIf && !profileConditionHolds(question.showIf, profile)) continue;
    const asked = !question.askIf || answerConditionHolds(question.askIf, askedAnswers);
    const a = answers[question.id];
    if (asked && a !== undefined) askedAnswers[question.id] = a;
    out.push({ question, asked });
  }
  return out;
}

/** The questions to put in front of the owner, in order. */
export function askedQuestions(q: Questionnaire, profile: ProfileFacts, answers: Answers): Question[] {
  return applicableQuestions(q, profile, answers)
    .filter((x) => x.asked)
    .map((x) => x.question);
}

export function maxPoints(question: Question): number {
  if (question.scored === false) return 0;
  if (question.type === "single") return Math.max(...question.options.map((o) => o.points));
  const sum = question.options.reduce((s, o) => s + o.points, 0);
  return question.maxPoints ?? sum;
}

/** The answer says the question does not concern this business: it is out of the score. */
export function isNotApplicable(question: Question, value: AnswerValue | undefined): boolean {
  const picked = selectedOptions(value);
  return picked.length > 0 && question.options.some((o) => o.notApplicable && picked.includes(o.id));
}

/**
 * Points of the picked options, at most the question's maximum. In a `digitalFirst` question the
 * options that are not digital count only as far as they exceed what the digital ones give (the
 * content check keeps them below any digital option, so next to one they add nothing).
 */
function earnedFrom(question: Question, picked: readonly string[], max: number): number {
  let digital = 0;
  let other = 0;
  for (const o of question.options) {
    if (!picked.includes(o.id)) continue;
    if (question.digitalFirst && !o.digital) other += o.points;
    else digital += o.points;
  }
  const earned = other > digital ? other : digital;
  return earned > max ? max : earned;
}

export function pointsEarned(question: Question, value: AnswerValue | undefined): number {
  return earnedFrom(question, selectedOptions(value), maxPoints(question));
}

export interface Contribution {
  questionId: string;
  pillarId: string;
  earned: number;
  possible: number;
  /** Points of the overall score (0-100) this answer left on the table. */
  overallPointsLost: number;
  dontKnow: boolean;
  /** Answered "not applicable": out of the score (earned and possible 0). */
  notApplicable: boolean;
}

export interface PillarScore {
  id: string;
  /** 0-100, one decimal; null only if no question of the pillar applied. */
  score: number | null;
  earned: number;
  possible: number;
}

export interface Scores {
  overall: number;
  pillars: PillarScore[];
  nationalLevel: number;
  /** The score the EU bands were applied to (the overall, or the unweighted mean of the pillars). */
  euScore: number;
  euBand: string;
  usesDigitalPlatforms: boolean;
  digitalFunctions: BusinessFunction[];
}

export interface ScoreDetail extends Scores {
  contributions: Contribution[];
  unanswered: string[];
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export function levelFor(q: Questionnaire, overall: number): number {
  let level = 0;
  for (const l of q.levels) if (overall >= l.minScore && l.level > level) level = l.level;
  return level;
}

export function euBandFor(q: Questionnaire, overall: number): string {
  const bands = [...q.euBands].sort((a, b) => a.maxScore - b.maxScore);
  for (const b of bands) if (overall <= b.maxScore) return b.id;
  return bands[bands.length - 1]!.id;
}

export function digitalFunctions(asked: Question[], answers: Answers): BusinessFunction[] {
  const found = new Set<BusinessFunction>();
  for (const question of asked) {
    if (!question.businessFunction) continue;
    const picked = new Set(selectedOptions(answers[question.id]));
    if (question.options.some((o) => o.digital && picked.has(o.id))) found.add(question.businessFunction);
  }
  return [...found];
}

/** Plan 2902 indicator: "applies digital platforms in production and business", by the rule in data. */
export function usesDigitalPlatforms(q: Questionnaire, functions: BusinessFunction[]): boolean {
  const core = functions.filter((f) => q.platformUse.coreFunctions.includes(f));
  return core.length >= q.platformUse.minFunctions;
}

/** The EU's way: every dimension counts the same (pillars out of the score are left out). */
function pillarMean(raw: (number | null)[]): number {
  const scored = raw.filter((v): v is number => v !== null);
  return round1(scored.length ? scored.reduce((s, v) => s + v, 0) / scored.length : 0);
}

export function score(q: Questionnaire, profile: ProfileFacts, answers: Answers): ScoreDetail {
  const ix = indexOf(q);
  const posOf = new Map<Question, number>();
  q.questions.forEach((x, i) => posOf.set(x, i));
  const applicable = applicableQuestions(q, profile, answers);
  const earnedBy = new Array<number>(q.pillars.length).fill(0);
  const possibleBy = new Array<number>(q.pillars.length).fill(0);
  const unanswered: string[] = [];
  const asked: Question[] = [];
  const partial: Omit<Contribution, "overallPointsLost">[] = [];
  for (const { question, asked: wasAsked } of applicable) {
    const i = posOf.get(question)!;
    // A skipped follow-up counts as its lowest answer (see askIf): earned 0, possible counted.
    const value = wasAsked ? answers[question.id] : undefined;
    const picked = selectedOptions(value);
    if (wasAsked) {
      asked.push(question);
      if (picked.length === 0) unanswered.push(question.id);
    }
    if (question.scored === false) continue; // context only
    const notApplicable = isNotApplicable(question, value);
    const possible = notApplicable ? 0 : ix.maxPoints[i]!;
    const earned = notApplicable ? 0 : earnedFrom(question, picked, possible);
    let dontKnow = false;
    for (const o of question.options) if (o.dontKnow && picked.includes(o.id)) dontKnow = true;
    const p = ix.pillarIndex[i]!;
    earnedBy[p]! += earned;
    possibleBy[p]! += possible;
    partial.push({ questionId: question.id, pillarId: question.pillar, earned, possible, dontKnow, notApplicable });
  }
  let totalWeight = 0;
  let weighted = 0;
  const raw: (number | null)[] = q.pillars.map((_, p) => {
    if (possibleBy[p]! <= 0) return null;
    const v = (100 * earnedBy[p]!) / possibleBy[p]!;
    totalWeight += ix.weights[p]!;
    weighted += ix.weights[p]! * v;
    return v;
  });
  const overall = round1(totalWeight > 0 ? weighted / totalWeight : 0);
  const pillarPos = new Map(q.pillars.map((pl, p) => [pl.id, p]));
  const contributions: Contribution[] = partial.map((c) => {
    const p = pillarPos.get(c.pillarId)!;
    return {
      ...c,
      overallPointsLost: totalWeight > 0 && c.possible > 0 ? ((ix.weights[p]! / totalWeight) * 100 * (c.possible - c.earned)) / possibleBy[p]! : 0,
    };
  });
  const functions = digitalFunctions(asked, answers);
  const euScore = q.euBandBasis === "pillar_mean" ? pillarMean(raw) : overall;
  return {
    overall,
    pillars: q.pillars.map((pl, p) => ({ id: pl.id, earned: earnedBy[p]!, possible: possibleBy[p]!, score: raw[p] === null ? null : round1(raw[p]!) })),
    nationalLevel: levelFor(q, overall),
    euScore,
    euBand: euBandFor(q, euScore),
    usesDigitalPlatforms: usesDigitalPlatforms(q, functions),
    digitalFunctions: functions,
    contributions,
    unanswered,
  };
}

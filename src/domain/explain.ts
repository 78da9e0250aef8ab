// Explanations: which answers pulled a pillar down, and the fewest, cheapest changes that lift
// the business one national level.
import type { Question, Questionnaire } from "./questionnaire.ts";
import {
  applicableQuestions,
  pointsEarned,
  round1,
  selectedOptions,
  type AnswerValue,
  type Answers,
  type Contribution,
  type ProfileFacts,
  type ScoreDetail,
} from "./scoring.ts";

/** The answers that cost each pillar the most, worst first (at most `n` per pillar). */
export function pillarDrags(detail: ScoreDetail, n = 3): Map<string, Contribution[]> {
  const out = new Map<string, Contribution[]>();
  for (const p of detail.pillars) {
    const lost = detail.contributions
      .filter((c) => c.pillarId === p.id && c.earned < c.possible)
      .sort((a, b) => b.overallPointsLost - a.overallPointsLost || a.questionId.localeCompare(b.questionId));
    out.set(p.id, lost.slice(0, n));
  }
  return out;
}

export interface LiftStep {
  questionId: string;
  /** The answer to move to (an option id; for multiple choice, the option to add). */
  optionId: string;
  /** The new answer value as it would be stored. */
  newValue: AnswerValue;
  action: string;
  effort: 1 | 2 | 3;
  /** Points of the overall score this step adds. */
  gain: number;
}

export interface LiftPlan {
  currentLevel: number;
  targetLevel: number;
  targetScore: number;
  steps: LiftStep[];
  scoreAfter: number;
}

function improvedValue(question: Question, current: AnswerValue | undefined, optionId: string): AnswerValue {
  if (question.type === "single") return optionId;
  const option = question.options.find((o) => o.id === optionId)!;
  if (option.exclusive) return [optionId];
  const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.id));
  const kept = selectedOptions(current).filter((id) => !exclusive.has(id) && id !== optionId);
  return [...kept, optionId];
}

/**
 * Candidate steps for one question: for each effort, the one with the largest gain. A single-choice
 * answer moves only to the next step up (from "never trained" to "learned on my own", not straight
 * to "applied what I learned"): advice an owner can act on this season.
 */
function candidates(question: Question, current: AnswerValue | undefined, pointValue: number, nextOnly: boolean): LiftStep[] {
  const before = pointsEarned(question, current);
  const best = new Map<number, LiftStep>();
  const nextUp = Math.min(...question.options.map((o) => o.points).filter((p) => p > before));
  for (const option of question.options) {
    if (nextOnly && question.type === "single" && option.points !== nextUp) continue;
    const value = improvedValue(question, current, option.id);
    const gain = (pointsEarned(question, value) - before) * pointValue;
    if (gain <= 1e-9) continue;
    const effort = option.effort ?? 2;
    const step: LiftStep = {
      questionId: question.id,
      optionId: option.id,
      newValue: value,
      action: option.action ?? option.label,
      effort,
      gain,
    };
    const prev = best.get(effort);
    if (!prev || gain > prev.gain) best.set(effort, step);
  }
  // Drop a costlier step that gains no more than a cheaper one.
  const steps = [...best.values()].sort((a, b) => a.effort - b.effort);
  const kept: LiftStep[] = [];
  for (const s of steps) if (!kept.some((k) => k.gain >= s.gain)) kept.push(s);
  return kept;
}

const SEARCH_BUDGET = 50_000;

/**
 * The fewest answer changes that reach the next level's cut-off; among those, the least effort,
 * then the highest score. Gains add up exactly: what a question can earn, and what its pillar can
 * earn, does not depend on other answers (skipped follow-ups count in full, see askIf).
 */
export function liftOneLevel(q: Questionnaire, profile: ProfileFacts, answers: Answers, detail: ScoreDetail): LiftPlan | null {
  const next = q.levels.find((l) => l.level === detail.nationalLevel + 1);
  if (!next) return null;
  const weightOf = new Map(q.pillars.map((p) => [p.id, p.weight]));
  const possibleOf = new Map(detail.pillars.map((p) => [p.id, p.possible]));
  const totalWeight = detail.pillars.filter((p) => p.score !== null).reduce((s, p) => s + weightOf.get(p.id)!, 0);
  const rawOverall = detail.pillars
    .filter((p) => p.possible > 0)
    .reduce((s, p) => s + (weightOf.get(p.id)! * 100 * p.earned) / p.possible, 0) / (totalWeight || 1);

  const collect = (nextOnly: boolean) => {
    const out: LiftStep[][] = [];
    for (const { question, asked } of applicableQuestions(q, profile, answers)) {
      if (!asked) continue; // a skipped follow-up opens only once its gate answer changes
      const pointValue = (weightOf.get(question.pillar)! / totalWeight) * (100 / possibleOf.get(question.pillar)!);
      const c = candidates(question, answers[question.id], pointValue, nextOnly);
      if (c.length) out.push(c);
    }
    return out.sort((a, b) => maxGain(b) - maxGain(a));
  };
  const reaches = (gain: number) => round1(rawOverall + gain) >= next.minScore;
  const total = (list: LiftStep[][]) => list.reduce((s, c) => s + maxGain(c), 0);
  // Realistic next steps first; only if they cannot reach the next level, allow bigger jumps.
  let perQuestion = collect(true);
  if (!reaches(total(perQuestion))) perQuestion = collect(false);

  // Fewest steps: take the largest gains first.
  let k = 0;
  let acc = 0;
  while (k < perQuestion.length && !reaches(acc)) acc += maxGain(perQuestion[k++]!);
  if (!reaches(acc)) return null;

  // Among k-step sets, least effort then most gain; bounded search, greedy set as the fallback.
  let best: { steps: LiftStep[]; effort: number; gain: number } = {
    steps: perQuestion.slice(0, k).map(bestGainStep),
    effort: perQuestion.slice(0, k).reduce((s, c) => s + bestGainStep(c).effort, 0),
    gain: acc,
  };
  const suffixTop = topGainsFrom(perQuestion, k);
  let budget = SEARCH_BUDGET;
  const chosen: LiftStep[] = [];
  const search = (start: number, gain: number, effort: number) => {
    if (--budget < 0) return;
    if (chosen.length === k) {
      if (reaches(gain) && (effort < best.effort || (effort === best.effort && gain > best.gain + 1e-9))) {
        best = { steps: [...chosen], effort, gain };
      }
      return;
    }
    const need = k - chosen.length;
    for (let i = start; i <= perQuestion.length - need; i++) {
      if (!reaches(gain + suffixTop(i, need))) return; // sorted by gain: later ones cannot do better
      if (effort + need > best.effort) return;
      for (const step of perQuestion[i]!) {
        chosen.push(step);
        search(i + 1, gain + step.gain, effort + step.effort);
        chosen.pop();
      }
    }
  };
  search(0, 0, 0);
  return {
    currentLevel: detail.nationalLevel,
    targetLevel: next.level,
    targetScore: next.minScore,
    steps: [...best.steps].sort((a, b) => a.effort - b.effort || b.gain - a.gain),
    scoreAfter: round1(rawOverall + best.gain),
  };
}

const maxGain = (c: LiftStep[]) => Math.max(...c.map((s) => s.gain));
const bestGainStep = (c: LiftStep[]) => c.reduce((a, b) => (b.gain > a.gain ? b : a));

/** Sum of the `need` largest max-gains among questions i.. (they are sorted, so the first `need`). */
function topGainsFrom(perQuestion: LiftStep[][], _k: number) {
  const prefix = [0];
  for (const c of perQuestion) prefix.push(prefix[prefix.length - 1]! + maxGain(c));
  return (i: number, need: number) => prefix[Math.min(i + need, perQuestion.length)]! - prefix[i]!;
}

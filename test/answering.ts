// Fills in a questionnaire the way an owner would: question by question, follow-ups as they open.
import type { Question, Questionnaire } from "../src/domain/questionnaire.ts";
import { askedQuestions, type AnswerValue, type ProfileFacts } from "../src/domain/scoring.ts";

export type Picker = (q: Question, index: number) => AnswerValue;

export const pickBest: Picker = (q) => {
  if (q.type === "single") return q.options.reduce((a, b) => (b.points > a.points ? b : a)).id;
  const good = q.options.filter((o) => !o.exclusive && o.points > 0).map((o) => o.id);
  return good.length ? good : [q.options[0]!.id]; // asked for context only: any answer
};

/** The lowest real answer ("not applicable" says the question does not concern the business: not worst). */
export const pickWorst: Picker = (q) => {
  const zero = q.options.find((o) => o.points === 0 && !o.notApplicable)!;
  return q.type === "single" ? zero.id : [zero.id];
};

/** A deterministic mix: option i mod n, so different questions get different answers. */
export const pickMixed: Picker = (q, i) => {
  const o = q.options[(i * 7 + 3) % q.options.length]!;
  return q.type === "single" ? o.id : [o.id];
};

export function answerAll(q: Questionnaire, profile: ProfileFacts, pick: Picker): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (let round = 0; round < 10; round++) {
    let added = false;
    askedQuestions(q, profile, answers).forEach((question, i) => {
      if (answers[question.id] === undefined) {
        answers[question.id] = pick(question, i);
        added = true;
      }
    });
    if (!added) break;
  }
  return answers;
}

// Properties of the scoring engine, checked over every questionnaire version on disk and random
// businesses. "Not applicable" answers take a question out of the score, so moving to or from one
// is neither an improvement nor a step back: the monotonic properties leave them out.
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACTIVITY_GROUPS, LEGAL_FORMS, SECTORS, SIZE_CLASSES, type Question } from "../../src/domain/questionnaire.ts";
import { applicableQuestions, isNotApplicable, maxPoints, pointsEarned, score, type AnswerValue, type ProfileFacts } from "../../src/domain/scoring.ts";
import { content } from "../helpers.ts";

const VERSIONS = () => content().questionnaires.map((x) => x.version);
let q = () => content().current;

const profileArb: fc.Arbitrary<ProfileFacts> = fc.record({
  legalForm: fc.constantFrom(...LEGAL_FORMS),
  sizeClass: fc.constantFrom(...SIZE_CLASSES),
  sector: fc.constantFrom(...SECTORS),
  activityGroup: fc.constantFrom(...ACTIVITY_GROUPS),
});

function valueArb(question: Question): fc.Arbitrary<AnswerValue> {
  const ids = question.options.map((o) => o.id);
  if (question.type === "single") return fc.constantFrom(...ids);
  const exclusive = question.options.filter((o) => o.exclusive).map((o) => o.id);
  const free = ids.filter((id) => !exclusive.includes(id));
  const arbs: fc.Arbitrary<AnswerValue>[] = [fc.subarray(free, { minLength: 1 })];
  if (exclusive.length) arbs.push(fc.constantFrom(...exclusive).map((id) => [id]));
  return fc.oneof(...arbs);
}

/** Answers to any subset of all questions (including ones that will be hidden). */
const answersArb = () =>
  fc.record(Object.fromEntries(q().questions.map((x) => [x.id, valueArb(x)])), { requiredKeys: [] }) as fc.Arbitrary<
    Record<string, AnswerValue>
  >;
const completeAnswersArb = () =>
  fc.record(Object.fromEntries(q().questions.map((x) => [x.id, valueArb(x)]))) as fc.Arbitrary<Record<string, AnswerValue>>;

function best(question: Question): AnswerValue {
  if (question.type === "single") return question.options.reduce((a, b) => (b.points > a.points ? b : a)).id;
  const good = question.options.filter((o) => !o.exclusive && o.points > 0).map((o) => o.id);
  return good.length ? good : [question.options[0]!.id]; // a question asked for context only
}
function worst(question: Question): AnswerValue {
  const zero = question.options.find((o) => o.points === 0 && !o.notApplicable)!;
  return question.type === "single" ? zero.id : [zero.id];
}
const all = (f: (x: Question) => AnswerValue) => Object.fromEntries(q().questions.map((x) => [x.id, f(x)]));

for (const version of VERSIONS()) describe(`scoring properties, questionnaire ${version}`, () => {
  beforeAll(() => {
    q = () => content().questionnaires.find((x) => x.version === version)!;
  });

  it("scores stay in range for any business and any answers", () => {
    fc.assert(
      fc.property(profileArb, answersArb(), (p, a) => {
        const s = score(q(), p, a);
        expect(s.overall).toBeGreaterThanOrEqual(0);
        expect(s.overall).toBeLessThanOrEqual(100);
        for (const pillar of s.pillars) {
          expect(pillar.score).not.toBeNull();
          expect(pillar.score!).toBeGreaterThanOrEqual(0);
          expect(pillar.score!).toBeLessThanOrEqual(100);
        }
        expect(s.nationalLevel).toBeGreaterThanOrEqual(0);
        expect(s.nationalLevel).toBeLessThanOrEqual(5);
        expect(q().euBands.map((b) => b.id)).toContain(s.euBand);
      }),
      { numRuns: 300 },
    );
  });

  it("all-best answers give 100 and level 5 for every kind of business", () => {
    fc.assert(
      fc.property(profileArb, (p) => {
        const s = score(q(), p, all(best));
        expect(s.overall).toBe(100);
        expect(s.pillars.every((x) => x.score === 100)).toBe(true);
        expect(s.nationalLevel).toBe(5);
        expect(s.euBand).toBe("tien_tien");
        expect(s.usesDigitalPlatforms).toBe(true);
        expect(s.unanswered).toEqual([]);
      }),
    );
  });

  it("all-worst answers give 0 and level 0 for every kind of business", () => {
    fc.assert(
      fc.property(profileArb, (p) => {
        const s = score(q(), p, all(worst));
        expect(s.overall).toBe(0);
        expect(s.nationalLevel).toBe(0);
        expect(s.euBand).toBe("co_ban");
        expect(s.usesDigitalPlatforms).toBe(false);
      }),
    );
  });

  it("improving any answer never lowers the overall or any pillar score", () => {
    fc.assert(
      fc.property(profileArb, completeAnswersArb(), fc.nat(), fc.nat(), (p, a, qi, vi) => {
        const question = q().questions[qi % q().questions.length]!;
        const candidates = fc.sample(valueArb(question), { numRuns: 20, seed: vi });
        fc.pre(!isNotApplicable(question, a[question.id]));
        const before = pointsEarned(question, a[question.id]);
        const better = candidates.find((v) => !isNotApplicable(question, v) && pointsEarned(question, v) >= before);
        fc.pre(better !== undefined);
        const s0 = score(q(), p, a);
        const s1 = score(q(), p, { ...a, [question.id]: better! });
        expect(s1.overall).toBeGreaterThanOrEqual(s0.overall);
        s1.pillars.forEach((pl, i) => expect(pl.score!).toBeGreaterThanOrEqual(s0.pillars[i]!.score!));
        expect(s1.nationalLevel).toBeGreaterThanOrEqual(s0.nationalLevel);
      }),
      { numRuns: 500 },
    );
  });

  it("answers to hidden or skipped questions never change the score", () => {
    fc.assert(
      fc.property(profileArb, completeAnswersArb(), answersArb(), (p, a, noise) => {
        const shown = new Set(applicableQuestions(q(), p, a).filter((x) => x.asked).map((x) => x.question.id));
        const hiddenNoise = Object.fromEntries(Object.entries(noise).filter(([id]) => !shown.has(id)));
        fc.pre(Object.keys(hiddenNoise).length > 0);
        const changed = { ...a, ...hiddenNoise };
        // The noise must not have changed which questions are asked (it only touched hidden ones).
        const s0 = score(q(), p, a);
        const s1 = score(q(), p, changed);
        expect(s1.overall).toBe(s0.overall);
        expect(s1.pillars).toEqual(s0.pillars);
      }),
      { numRuns: 300 },
    );
  });

  it("a multiple-choice question never earns more than its maximum", () => {
    for (const question of q().questions) {
      const everything = question.options.map((o) => o.id);
      expect(pointsEarned(question, everything)).toBeLessThanOrEqual(maxPoints(question));
    }
  });

});

// Properties of the advice for any business and any answers, on every questionnaire version.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACTIVITY_GROUPS, LEGAL_FORMS, SECTORS, SIZE_CLASSES, type Question, type Questionnaire } from "../../src/domain/questionnaire.ts";
import { applicableQuestions, pointsEarned, round1, score, selectedOptions, type AnswerValue, type Answers, type ProfileFacts } from "../../src/domain/scoring.ts";
import { content } from "../helpers.ts";
import { advise } from "./advise.ts";

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

/** A business and the answers it left: only to the questions it was asked. */
const caseArb = (q: Questionnaire) =>
  fc
    .tuple(profileArb, fc.record(Object.fromEntries(q.questions.map((x) => [x.id, valueArb(x)]))) as fc.Arbitrary<Record<string, AnswerValue>>)
    .map(([profile, all]) => {
      const asked = new Set(applicableQuestions(q, profile, all).filter((x) => x.asked).map((x) => x.question.id));
      const answers: Answers = Object.fromEntries(Object.entries(all).filter(([id]) => asked.has(id)));
      return { profile, answers };
    });

const bestPicked = (question: Question, value: AnswerValue | undefined) =>
  Math.max(0, ...question.options.filter((o) => selectedOptions(value).includes(o.id)).map((o) => o.points));

for (const q of content().questionnaires) {
  describe(`questionnaire ${q.version}`, () => {
    const byId = new Map(q.questions.map((x) => [x.id, x]));

    it("taking the first step's answers never lowers the score and raises it by exactly the gain stated", () => {
      fc.assert(
        fc.property(caseArb(q), ({ profile, answers }) => {
          const r = advise(q, profile, answers);
          if (r.actions.length === 0) return;
          const first = r.actions[0]!;
          const after = { ...answers, ...Object.fromEntries(first.raises.map((x) => [x.questionId, x.newValue])) };
          const before = score(q, profile, answers).overall;
          const now = score(q, profile, after).overall;
          expect(now).toBeGreaterThanOrEqual(before);
          expect(first.gain).toBeGreaterThanOrEqual(0);
          expect(now).toBe(round1(before + first.gain));
          expect(first.scoreAfter).toBe(now);
        }),
        { numRuns: 300 },
      );
    });

    it("no step targets an answer the business already has or exceeds", () => {
      fc.assert(
        fc.property(caseArb(q), ({ profile, answers }) => {
          for (const step of advise(q, profile, answers).actions)
            for (const x of step.raises) {
              const question = byId.get(x.questionId)!;
              const option = question.options.find((o) => o.id === x.optionId)!;
              expect(selectedOptions(answers[x.questionId]), step.id).not.toContain(x.optionId);
              if (question.type === "single") expect(option.points, step.id).toBeGreaterThan(pointsEarned(question, answers[x.questionId]));
              else expect(option.points, step.id).toBeGreaterThanOrEqual(bestPicked(question, answers[x.questionId]));
            }
        }),
        { numRuns: 300 },
      );
    });

    it("the steps marked 'helps reach' are exactly the first steps that reach the next level, and the score only grows along the plan", () => {
      fc.assert(
        fc.property(caseArb(q), ({ profile, answers }) => {
          const r = advise(q, profile, answers);
          const marked = r.actions.filter((a) => a.helpsReachLevel !== null).map((a) => a.id);
          expect(marked).toEqual(r.liftOneLevel?.actionIds ?? []);
          expect(r.actions.slice(0, marked.length).map((a) => a.id)).toEqual(marked);
          let before = r.currentScore;
          for (const a of r.actions) {
            expect(a.scoreAfter).toBe(round1(before + a.gain));
            expect(a.gain).toBeGreaterThan(0); // a step that adds nothing is not a step
            before = a.scoreAfter;
          }
          expect(r.scoreAfterPlan).toBe(before);
          // The one outlook every page states: top level only at level 5; reached exactly when the plan's first steps reach it.
          const n = r.nextLevel;
          expect(n.status === "top_level").toBe(r.currentLevel === 5);
          expect(n.status === "reached_by_plan").toBe(r.liftOneLevel !== null);
          if (n.status === "reached_by_plan") expect(n.actionIds).toEqual(r.liftOneLevel!.actionIds);
          if (n.status === "beyond_plan") {
            expect(n.targetLevel).toBe(r.currentLevel + 1);
            expect(n.scoreAfterPlan).toBe(r.scoreAfterPlan);
            expect(n.scoreAfterPlan).toBeLessThan(n.targetScore);
            expect(n.planSteps).toBe(r.actions.length);
          }
          if (r.liftOneLevel) {
            expect(r.liftOneLevel.targetLevel).toBe(r.currentLevel + 1);
            const last = r.actions[marked.length - 1]!;
            expect(last.levelAfter).toBe(r.liftOneLevel.targetLevel);
            expect(last.scoreAfter).toBe(r.liftOneLevel.scoreAfter);
          } else if (r.currentLevel < 5) {
            expect(r.actions.every((a) => a.levelAfter === r.currentLevel)).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    });

    it("within a horizon the basics come first, then cheap before costly (what the owner pays), then the earlier stage", () => {
      // Cost bands as an advisor groups them: free or paid per sale, up to 2 million, up to 10 million, more.
      const band = (a: { costPer: string; ownerShareVnd: { maxVnd: number } }) =>
        a.costPer === "per_use" || a.ownerShareVnd.maxVnd === 0 ? 0 : a.ownerShareVnd.maxVnd <= 2_000_000 ? 1 : a.ownerShareVnd.maxVnd <= 10_000_000 ? 2 : 3;
      fc.assert(
        fc.property(caseArb(q), ({ profile, answers }) => {
          const r = advise(q, profile, answers);
          for (const h of ["quick", "next", "later"]) {
            const key = r.actions.filter((a) => a.horizon === h).map((a) => [a.fundamental ? 0 : 1, band(a), a.stage]);
            for (let i = 1; i < key.length; i++) {
              const [x, y] = [key[i - 1]!, key[i]!];
              const first = x.findIndex((v, j) => v !== y[j]);
              expect(first === -1 || x[first]! < y[first]!, `${h}: ${JSON.stringify(key)}`).toBe(true);
            }
          }
        }),
        { numRuns: 200 },
      );
    });

    it("fundamentals are in the first horizon, horizons keep their caps, and each step fits the business", () => {
      const c = content();
      const caps = c.actions.horizonCaps;
      const actionById = new Map(c.actions.actions.map((a) => [a.id, a]));
      fc.assert(
        fc.property(caseArb(q), ({ profile, answers }) => {
          const r = advise(q, profile, answers);
          expect(r.actions.length).toBeLessThanOrEqual(caps.quick + caps.next + caps.later);
          expect(r.actions.filter((a) => a.horizon === "quick").length).toBeLessThanOrEqual(caps.quick);
          for (const a of r.actions) {
            const data = actionById.get(a.id)!;
            if (data.fundamental) expect(a.horizon).toBe("quick");
            if (data.fit?.legalForms) expect(data.fit.legalForms).toContain(profile.legalForm);
            if (data.fit?.sizeClasses) expect(data.fit.sizeClasses).toContain(profile.sizeClass);
            if (data.sectors) expect(data.sectors).toContain(profile.sector);
            for (const p of a.platforms) expect(p.sectors).toContain(profile.sector);
          }
          const horizons = r.actions.map((a) => ["quick", "next", "later"].indexOf(a.horizon));
          expect([...horizons].sort()).toEqual(horizons);
        }),
        { numRuns: 200 },
      );
    });
  });
}

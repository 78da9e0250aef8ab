// The fair-scoring rules of questionnaire 1.1, as unit examples and as properties over the real
// content: non-digital options never lift a score above the digital ones, "not applicable" takes a
// question out of the score (the same as not asking it), context questions never count, and the EU
// band is applied as the EU computes it.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACTIVITY_GROUPS, LEGAL_FORMS, SECTORS, SIZE_CLASSES, type Question, type Questionnaire } from "../../src/domain/questionnaire.ts";
import { applicableQuestions, isNotApplicable, pointsEarned, round1, score, type AnswerValue, type ProfileFacts } from "../../src/domain/scoring.ts";
import { buildRoadmap } from "../../src/domain/roadmap.ts";
import { answerAll, pickMixed, pickWorst } from "../answering.ts";
import { content } from "../helpers.ts";

const v = (version: string): Questionnaire => content().questionnaires.find((q) => q.version === version)!;
const v11 = () => v("1.1");
const question = (q: Questionnaire, id: string) => q.questions.find((x) => x.id === id)!;

const profileArb: fc.Arbitrary<ProfileFacts> = fc.record({
  legalForm: fc.constantFrom(...LEGAL_FORMS),
  sizeClass: fc.constantFrom(...SIZE_CLASSES),
  sector: fc.constantFrom(...SECTORS),
  activityGroup: fc.constantFrom(...ACTIVITY_GROUPS),
});

function valueArb(x: Question): fc.Arbitrary<AnswerValue> {
  const ids = x.options.map((o) => o.id);
  if (x.type === "single") return fc.constantFrom(...ids);
  const exclusive = x.options.filter((o) => o.exclusive).map((o) => o.id);
  const free = ids.filter((id) => !exclusive.includes(id));
  const arbs: fc.Arbitrary<AnswerValue>[] = [fc.subarray(free, { minLength: 1 })];
  if (exclusive.length) arbs.push(fc.constantFrom(...exclusive).map((id) => [id]));
  return fc.oneof(...arbs);
}
const answersArb = (q: Questionnaire) =>
  fc.record(Object.fromEntries(q.questions.map((x) => [x.id, valueArb(x)]))) as fc.Arbitrary<Record<string, AnswerValue>>;

/** The same questionnaire without one question: what "not asked at all" scores. */
function without(q: Questionnaire, id: string): Questionnaire {
  return { ...q, questions: q.questions.filter((x) => x.id !== id), modules: q.modules.map((m) => ({ ...m, questionIds: m.questionIds.filter((x) => x !== id) })) };
}

describe("a non-digital option never raises the score above the digital options", () => {
  it("paper beside a spreadsheet scores what the spreadsheet scores (1.0 gave it the maximum)", () => {
    expect(pointsEarned(question(v11(), "inv_stock"), ["stock_paper", "stock_sheet"])).toBe(2);
    expect(pointsEarned(question(v11(), "inv_stock"), ["stock_software"])).toBe(3);
    expect(pointsEarned(question(v("1.0"), "inv_stock"), ["stock_paper", "stock_sheet"])).toBe(3); // 1.0 unchanged
    // Paper alone still counts: better than nothing.
    expect(pointsEarned(question(v11(), "inv_stock"), ["stock_paper"])).toBe(1);
    // Cash on delivery beside VietQR adds nothing; two digital ways reach the maximum.
    expect(pointsEarned(question(v11(), "inv_payment"), ["pay_bank_qr", "pay_cod"])).toBe(2);
    expect(pointsEarned(question(v11(), "inv_payment"), ["pay_bank_qr", "pay_ewallet"])).toBe(3);
  });

  it("for every digitalFirst question and any choice, the score is what its digital options alone give, if it has any", () => {
    const questions = v11().questions.filter((x) => x.digitalFirst);
    expect(questions.length).toBeGreaterThanOrEqual(8);
    for (const x of questions) {
      const free = x.options.filter((o) => !o.exclusive).map((o) => o.id);
      fc.assert(
        fc.property(fc.subarray(free, { minLength: 1 }), (picked) => {
          const digital = picked.filter((id) => x.options.find((o) => o.id === id)!.digital);
          const offline = picked.filter((id) => !digital.includes(id));
          if (digital.length) expect(pointsEarned(x, picked)).toBe(pointsEarned(x, digital));
          else expect(pointsEarned(x, picked)).toBe(pointsEarned(x, offline));
          // Adding any option never lowers it.
          for (const extra of free) expect(pointsEarned(x, [...new Set([...picked, extra])])).toBeGreaterThanOrEqual(pointsEarned(x, picked));
        }),
        { numRuns: 60 },
      );
    }
  });
});

describe("'not applicable' takes the question out of the score", () => {
  const naQuestions = () => v11().questions.filter((x) => x.options.some((o) => o.notApplicable));

  it("is neither earned nor possible, and is reported as such", () => {
    const p: ProfileFacts = { legalForm: "household", sizeClass: "micro", sector: "tourism", activityGroup: "trade_services" };
    const a = { ...answerAll(v11(), p, pickWorst), tour_language: "lg_no_guests" };
    const c = score(v11(), p, a).contributions.find((x) => x.questionId === "tour_language")!;
    expect(c).toMatchObject({ earned: 0, possible: 0, notApplicable: true, overallPointsLost: 0 });
    // "Cannot talk with them" is a real gap and counts.
    const gap = score(v11(), p, { ...a, tour_language: "lg_none" }).contributions.find((x) => x.questionId === "tour_language")!;
    expect(gap).toMatchObject({ earned: 0, possible: 3, notApplicable: false });
  });

  it("scores exactly as if the question had not been asked, for any business and any other answers", () => {
    fc.assert(
      fc.property(profileArb, answersArb(v11()), fc.nat(), (p, a, k) => {
        const candidates = naQuestions().filter((x) => applicableQuestions(v11(), p, a).some((y) => y.asked && y.question.id === x.id));
        fc.pre(candidates.length > 0);
        const x = candidates[k % candidates.length]!;
        const na = x.options.find((o) => o.notApplicable)!.id;
        const withNa = score(v11(), p, { ...a, [x.id]: x.type === "single" ? na : [na] });
        const rest = Object.fromEntries(Object.entries(a).filter(([id]) => id !== x.id));
        const notAsked = score(without(v11(), x.id), p, rest);
        expect(withNa.overall).toBe(notAsked.overall);
        expect(withNa.pillars).toEqual(notAsked.pillars);
        expect(withNa.nationalLevel).toBe(notAsked.nationalLevel);
        expect(withNa.euBand).toBe(notAsked.euBand);
      }),
      { numRuns: 300 },
    );
  });

  it("never empties a pillar: every pillar keeps a score whatever is answered 'not applicable'", () => {
    fc.assert(
      fc.property(profileArb, (p) => {
        const a: Record<string, AnswerValue> = answerAll(v11(), p, pickMixed);
        for (const x of naQuestions()) {
          const na = x.options.find((o) => o.notApplicable)!.id;
          a[x.id] = x.type === "single" ? na : [na];
        }
        for (const pillar of score(v11(), p, a).pillars) expect(pillar.score, pillar.id).not.toBeNull();
      }),
    );
  });

  it("is never advised away, and never taken for a gap", () => {
    const p: ProfileFacts = { legalForm: "household", sizeClass: "micro", sector: "tourism", activityGroup: "trade_services" };
    const a = { ...answerAll(v11(), p, pickWorst), tour_language: "lg_no_guests", tour_calendar: "cal_no_sites", cus_reviews: "rv_no_page" };
    const c = content();
    const r = buildRoadmap({ questionnaire: v11(), profile: p, answers: a, detail: score(v11(), p, a), actions: c.actions, platforms: c.platforms, schemes: c.schemes, legalDuties: c.legalDuties });
    const touched = r.actions.flatMap((x) => [...x.why.map((w) => w.questionId), ...x.raises.map((y) => y.questionId)]);
    for (const id of ["tour_language", "tour_calendar", "cus_reviews"]) expect(touched).not.toContain(id);
    for (const x of r.actions) for (const y of x.raises) expect(isNotApplicable(question(v11(), y.questionId), y.newValue)).toBe(false);
  });
});

describe("questions asked for context never count", () => {
  it("changing a context answer (OCOP stars, marketplaces, revenue band) never changes any score", () => {
    const context = v11().questions.filter((x) => x.scored === false);
    expect(context.map((x) => x.id).sort()).toEqual(["hh_revenue_band", "ocop_ecommerce", "ocop_star"]);
    fc.assert(
      fc.property(profileArb, answersArb(v11()), answersArb(v11()), (p, a, b) => {
        const changed = { ...a, ...Object.fromEntries(context.map((x) => [x.id, b[x.id]!])) };
        const s0 = score(v11(), p, a);
        const s1 = score(v11(), p, changed);
        expect(s1.overall).toBe(s0.overall);
        expect(s1.pillars).toEqual(s0.pillars);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the EU band", () => {
  it("1.1 bands the unweighted mean of the pillar scores, as the EU does; 1.0 banded the weighted overall", () => {
    fc.assert(
      fc.property(profileArb, answersArb(v11()), (p, a) => {
        const s = score(v11(), p, a);
        const scored = s.pillars.filter((x) => x.score !== null).map((x) => (100 * x.earned) / x.possible);
        expect(s.euScore).toBe(round1(scored.reduce((x, y) => x + y, 0) / scored.length));
        const band = [...v11().euBands].sort((x, y) => x.maxScore - y.maxScore).find((b) => s.euScore <= b.maxScore)!;
        expect(s.euBand).toBe(band.id);
      }),
      { numRuns: 200 },
    );
    const p: ProfileFacts = { legalForm: "company", sizeClass: "small", sector: "other", activityGroup: "trade_services" };
    const s10 = score(v("1.0"), p, answerAll(v("1.0"), p, pickMixed));
    expect(s10.euScore).toBe(s10.overall);
  });
});

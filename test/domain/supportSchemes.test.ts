// The support schemes as the law words them: Decree 80 Art. 11 has two supports with their own caps
// (consulting per contract per year, renting/buying solutions per year); each pays only its own kind
// of cost; households and cooperatives are outside Decree 80; a draft is never counted and never listed
// ahead of the law.
import { describe, expect, it } from "vitest";
import { COST_KINDS, type CostKind, type SupportScheme } from "../../src/domain/catalogue.ts";
import { LEGAL_FORMS, SECTORS, SIZE_CLASSES } from "../../src/domain/questionnaire.ts";
import { buildRoadmap, schemeApplies, shareFor, supportOn, type Action, type ActionFile } from "../../src/domain/roadmap.ts";
import { score, type ProfileFacts } from "../../src/domain/scoring.ts";
import { firstYearOwnerTotal } from "../../src/services/plan.ts";
import { schemesFor } from "../../src/pdf/reportData.ts";
import { answerAll, pickWorst } from "../answering.ts";
import { content } from "../helpers.ts";

const c = content();
const scheme = (id: string) => c.schemes.find((s) => s.id === id)!;
const consulting = () => scheme("decree80_dx_consulting");
const solutions = () => scheme("decree80_dx_support");
/** Every scheme that rests on Decree 80 (enterprises only), whatever its id. */
const decree80Schemes = () => c.schemes.filter((s) => s.legalBasis.includes("Nghị định 80/2021"));

const company = (sizeClass: ProfileFacts["sizeClass"]): ProfileFacts => ({ legalForm: "company", sizeClass, sector: "other", activityGroup: "trade_services" });

/**
 * A roadmap of three paid steps this business is really advised (the first three of its own plan
 * at the worst answers), made into one consulting contract and two solutions at amounts large
 * enough to reach every cap.
 */
function roadmapWith(profile: ProfileFacts, costs: { consulting: number; solutionA: number; solutionB: number }, difficultArea: boolean | null = null) {
  const q = c.current;
  const answers = answerAll(q, profile, pickWorst);
  const detail = score(q, profile, answers);
  const real = buildRoadmap({ questionnaire: q, profile, answers, detail, actions: c.actions, platforms: c.platforms, schemes: c.schemes, difficultArea });
  const [first, second, third] = real.actions.map((a) => c.actions.actions.find((x) => x.id === a.id)!);
  const step = (base: Action, id: string, costKind: CostKind, vnd: number): Action => ({
    ...base,
    id,
    title: id,
    platforms: [],
    costKind,
    cost: { minVnd: vnd, maxVnd: vnd, per: "one_off" },
  });
  const actions: ActionFile = {
    ...c.actions,
    actions: [
      step(first!, "consulting_contract", "consulting", costs.consulting),
      step(second!, "solution_a", "solution_rent_buy", costs.solutionA),
      step(third!, "solution_b", "solution_rent_buy", costs.solutionB),
    ],
  };
  const r = buildRoadmap({ questionnaire: q, profile, answers, detail, actions, platforms: c.platforms, schemes: c.schemes, difficultArea });
  expect(r.actions.map((a) => a.id).sort()).toEqual(["consulting_contract", "solution_a", "solution_b"]);
  return r;
}
const supportOf = (r: ReturnType<typeof roadmapWith>, actionId: string, schemeId: string) =>
  r.actions.find((a) => a.id === actionId)!.support.find((s) => s.schemeId === schemeId);

describe("Decree 80 Art. 11 cl. 1: consulting on digital-transformation solutions", () => {
  it("pays 50 % of a consulting contract, at most 50 / 100 million VND per contract per year for small / medium", () => {
    const s = consulting();
    const cases = [
      ["small", 60_000_000, 30_000_000],
      ["small", 300_000_000, 50_000_000],
      ["medium", 150_000_000, 75_000_000],
      ["medium", 500_000_000, 100_000_000],
    ] as const;
    for (const [size, cost, support] of cases) {
      expect(supportOn(cost, shareFor(s, size), s.coverage.capsVndPerContractPerYear?.[size] ?? null)).toBe(support);
    }
    expect(s.coverage.capsVndPerYear).toBeUndefined();
  });
  it("names no amount for micro enterprises, so a micro enterprise is not offered it", () => {
    expect(schemeApplies(consulting(), "consulting", "company", "micro", "other")).toBe(false);
    const r = roadmapWith(company("micro"), { consulting: 300_000_000, solutionA: 100_000_000, solutionB: 0 });
    expect(supportOf(r, "consulting_contract", "decree80_dx_consulting")).toBeUndefined();
  });
  it("pays for consulting only", () => {
    for (const kind of COST_KINDS) expect(schemeApplies(consulting(), kind, "company", "small", "other")).toBe(kind === "consulting");
  });
});

describe("Decree 80 Art. 11 cl. 2: renting or buying digital-transformation solutions", () => {
  it("pays 50 % of the cost, at most 20 / 50 / 100 million VND a year for micro / small / medium", () => {
    const s = solutions();
    const cases = [
      ["micro", 10_000_000, 5_000_000],
      ["micro", 100_000_000, 20_000_000],
      ["small", 60_000_000, 30_000_000],
      ["small", 300_000_000, 50_000_000],
      ["medium", 150_000_000, 75_000_000],
      ["medium", 500_000_000, 100_000_000],
    ] as const;
    for (const [size, cost, support] of cases) {
      expect(supportOn(cost, shareFor(s, size), s.coverage.capsVndPerYear?.[size] ?? null)).toBe(support);
    }
  });
  it("pays for renting or buying solutions only", () => {
    for (const kind of COST_KINDS) expect(schemeApplies(solutions(), kind, "company", "small", "other")).toBe(kind === "solution_rent_buy");
    expect(schemeApplies(solutions(), "solution_rent_buy", "company", "large", "other")).toBe(false);
  });
});

describe("each scheme's cap applies to its own kind of cost only", () => {
  it("a small company: the consulting contract and the solutions are capped apart, and the solutions' cap holds for the year", () => {
    const r = roadmapWith(company("small"), { consulting: 300_000_000, solutionA: 80_000_000, solutionB: 80_000_000 });
    // Consulting: 50 % of 300 million, capped at 50 million for the contract; no solutions support on it.
    expect(supportOf(r, "consulting_contract", "decree80_dx_consulting")!.supportVnd).toEqual({ minVnd: 50_000_000, maxVnd: 50_000_000 });
    expect(supportOf(r, "consulting_contract", "decree80_dx_support")).toBeUndefined();
    // Solutions: 40 million each on its own, but 50 million for the year in all; no consulting support on them.
    expect(supportOf(r, "solution_a", "decree80_dx_support")!.supportVnd).toEqual({ minVnd: 40_000_000, maxVnd: 40_000_000 });
    expect(supportOf(r, "solution_a", "decree80_dx_consulting")).toBeUndefined();
    const total = firstYearOwnerTotal(r.actions);
    // 300 + 80 + 80 million, less 50 (consulting contract) and 50 (solutions, yearly cap): 360 million.
    expect(total.ownerVnd).toEqual({ minVnd: 360_000_000, maxVnd: 360_000_000 });
    // The yearly figure quoted to the owner is the solutions' yearly cap, never the sum of the two supports.
    expect(r.maxSupportPerYearVnd).toBe(50_000_000);
  });
  it("a micro company: solutions capped at 20 million a year, consulting not supported", () => {
    const r = roadmapWith(company("micro"), { consulting: 40_000_000, solutionA: 30_000_000, solutionB: 30_000_000 });
    expect(firstYearOwnerTotal(r.actions).ownerVnd.maxVnd).toBe(40_000_000 + 60_000_000 - 20_000_000);
    expect(r.maxSupportPerYearVnd).toBe(20_000_000);
  });
  it("two consulting contracts are capped one by one, not together", () => {
    const r = roadmapWith(company("medium"), { consulting: 300_000_000, solutionA: 0, solutionB: 0 });
    const line = supportOf(r, "consulting_contract", "decree80_dx_consulting")!;
    expect(line.capVndPerContract).toBe(100_000_000);
    expect(line.capVndPerYear).toBeNull();
    const contract = r.actions.find((a) => a.id === "consulting_contract")!;
    const twice = firstYearOwnerTotal([contract, contract]);
    expect(twice.ownerVnd.maxVnd).toBe(2 * 300_000_000 - 2 * 100_000_000);
  });
  it("every in-force scheme with a share names the cost kinds it pays, and no two Decree 80 supports pay the same kind", () => {
    const kinds = decree80Schemes().flatMap((s) => s.coverage.appliesTo);
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});

describe("a household business is never offered Decree 80", () => {
  it("for any size, sector, kind of cost and area", () => {
    expect(decree80Schemes().length).toBeGreaterThanOrEqual(2);
    for (const s of decree80Schemes())
      for (const size of SIZE_CLASSES)
        for (const sector of SECTORS)
          for (const kind of COST_KINDS)
            for (const area of [true, false, null]) expect(schemeApplies(s, kind, "household", size, sector, area)).toBe(false);
  });
  it("in the roadmap, the plan's support list and the report", () => {
    const household: ProfileFacts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" };
    const r = roadmapWith(household, { consulting: 50_000_000, solutionA: 50_000_000, solutionB: 50_000_000 }, true);
    const ids = decree80Schemes().map((s) => s.id);
    for (const a of r.actions) for (const s of a.support) expect(ids).not.toContain(s.schemeId);
    for (const s of r.schemes) expect(ids).not.toContain(s.schemeId);
    expect(r.maxSupportPerYearVnd).toBeNull();
    const report = schemesFor(c.schemes, household, true);
    for (const s of report.schemes) expect(s.legalBasis).not.toContain("Nghị định 80/2021");
    expect(report.notEligible.map((x) => x.name)).toEqual(expect.arrayContaining(decree80Schemes().map((s) => s.shortName)));
  });
});

describe("a cooperative", () => {
  const coop: ProfileFacts = { legalForm: "cooperative", sizeClass: "small", sector: "ocop", activityGroup: "agriculture" };
  it("is outside Decree 80 but is told of the Law on Cooperatives support, which is never taken off what it pays", () => {
    const r = roadmapWith(coop, { consulting: 50_000_000, solutionA: 50_000_000, solutionB: 0 });
    const ids = r.schemes.map((s) => s.schemeId);
    expect(ids).toContain("cooperative_technology_support");
    for (const s of decree80Schemes()) expect(ids).not.toContain(s.id);
    const line = supportOf(r, "solution_a", "cooperative_technology_support")!;
    expect(line.sharePercent).toBeNull();
    expect(r.actions.find((a) => a.id === "solution_a")!.ownerShareVnd).toEqual({ minVnd: 50_000_000, maxVnd: 50_000_000 });
  });
  it("the cooperative scheme is for cooperatives only", () => {
    const s = scheme("cooperative_technology_support");
    for (const form of LEGAL_FORMS) expect(schemeApplies(s, "solution_rent_buy", form, "small", "ocop")).toBe(form === "cooperative");
  });
});

describe("a draft scheme", () => {
  const drafts = () => c.schemes.filter((s) => s.status === "draft");
  const household: ProfileFacts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" };
  it("is marked, carries what to verify, and exists (the DX voucher decree is not issued)", () => {
    expect(drafts().map((s) => s.id)).toContain("dx_voucher_draft");
    for (const s of drafts()) expect(s.verify).toBeTruthy();
  });
  it("is never counted in what the owner pays, even at 100 %", () => {
    const r = roadmapWith(household, { consulting: 10_000_000, solutionA: 10_000_000, solutionB: 10_000_000 });
    const a = r.actions.find((x) => x.id === "solution_a")!;
    const draft = a.support.find((s) => s.status === "draft")!;
    expect(draft.sharePercent).toBe(100);
    expect(draft.supportVnd!.maxVnd).toBe(10_000_000);
    expect(a.ownerShareVnd).toEqual(a.costVnd);
    expect(firstYearOwnerTotal(r.actions).ownerVnd.maxVnd).toBe(30_000_000);
  });
  it("is listed after every scheme in force: in each step, in the plan's list and in the report", () => {
    const afterInForce = (statuses: string[]) => {
      const firstDraft = statuses.indexOf("draft");
      return firstDraft === -1 || statuses.slice(firstDraft).every((x) => x === "draft");
    };
    for (const profile of [household, company("micro"), company("small")]) {
      const r = roadmapWith(profile, { consulting: 10_000_000, solutionA: 10_000_000, solutionB: 0 });
      expect(r.schemes.some((s) => s.status === "draft")).toBe(true);
      expect(afterInForce(r.schemes.map((s) => s.status))).toBe(true);
      for (const a of r.actions) expect(afterInForce(a.support.map((s) => s.status))).toBe(true);
      expect(afterInForce(schemesFor(c.schemes, profile).schemes.map((s) => s.status))).toBe(true);
    }
    // Also when the file lists the draft first.
    const reordered: SupportScheme[] = [...drafts(), ...c.schemes.filter((s) => s.status !== "draft")];
    const q = c.current;
    const answers = answerAll(q, household, pickWorst);
    const r = buildRoadmap({ questionnaire: q, profile: household, answers, detail: score(q, household, answers), actions: c.actions, platforms: c.platforms, schemes: reordered });
    expect(afterInForce(r.schemes.map((s) => s.status))).toBe(true);
    expect(afterInForce(schemesFor(reordered, household).schemes.map((s) => s.status))).toBe(true);
  });
});

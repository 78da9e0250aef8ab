import { describe, expect, it } from "vitest";
import type { CurrentCell, ReachCell } from "../../src/domain/aggregates.ts";
import { indicatorView, inPopulation, milestoneFor, targetPath, type Indicators } from "../../src/domain/indicators.ts";

const pop = (id: string, legalForms: string[], sizeClasses: string[], sizeUnknown: "include" | "exclude" = "include") =>
  ({ id, name: id, noun: id, definition: id, legalForms, sizeClasses, sizeUnknown }) as Indicators["populations"][number];

const IND: Indicators = {
  plan: "Kế hoạch 2902",
  planStartYear: 2026,
  targetYear: 2030,
  populations: [
    pop("sme", ["company"], ["micro", "small", "medium"]),
    pop("smeStrict", ["company"], ["micro", "small", "medium"], "exclude"),
    pop("household", ["household"], ["micro", "small", "medium", "large"]),
    pop("all", ["company", "cooperative", "household"], ["micro", "small", "medium", "large"]),
  ],
  indicators: [
    {
      id: "reach",
      name: "Tiếp cận",
      shortName: "Tiếp cận",
      planText: "100%",
      population: "sme",
      compareWith: ["smeStrict", "household", "all"],
      numerator: "reached",
      denominator: "registered",
      sample: false,
      target: { percent: 100, rule: "at_least" },
      milestones: { status: "placeholder", byYear: { "2026": 20, "2027": 40, "2029": 80 } },
    },
    {
      id: "platformUse",
      name: "Nền tảng",
      shortName: "Nền tảng",
      planText: "> 50%",
      population: "sme",
      compareWith: ["all"],
      numerator: "platform_users",
      denominator: "registered",
      sample: true,
      target: { percent: 50, rule: "more_than" },
      milestones: { status: "approved", approvedBy: "QĐ 1/2027", byYear: { "2026": 10 } },
    },
  ],
  infrastructureAndSkills: { pillars: ["infrastructure"], weakPillarBelow: 50 },
  annualReport: { basis: "761", recipient: "Sở", due: "1/4" },
};
const [REACH, PLATFORM] = IND.indicators as [Indicators["indicators"][number], Indicators["indicators"][number]];

const g = { sector: "ocop", communeId: "tua_chua" };
const reachCell = (legalForm: string, sizeClass: string, registered: number, reached: number, o: Partial<ReachCell> = {}): ReachCell => ({
  ...g,
  legalForm,
  sizeClass,
  registered,
  reached,
  reachedValidated: 0,
  platformUsers: 0,
  platformUsersValidated: 0,
  ...o,
});

describe("populations", () => {
  it("SMEs are companies of Decree 80's micro, small and medium classes; a large firm, a cooperative, a household are not", () => {
    const sme = IND.populations[0]!;
    expect(inPopulation(sme, { legalForm: "company", sizeClass: "small" })).toBe(true);
    expect(inPopulation(sme, { legalForm: "company", sizeClass: "large" })).toBe(false);
    expect(inPopulation(sme, { legalForm: "cooperative", sizeClass: "micro" })).toBe(false);
    expect(inPopulation(sme, { legalForm: "household", sizeClass: "micro" })).toBe(false);
  });
  it("a registry row without a size class is in or out as the file says", () => {
    expect(inPopulation(IND.populations[0]!, { legalForm: "company", sizeClass: "unknown" })).toBe(true);
    expect(inPopulation(IND.populations[1]!, { legalForm: "company", sizeClass: "unknown" })).toBe(false);
  });
});

describe("an indicator over its population, all businesses beside it", () => {
  // 10 small companies (6 reached, 2 of them by a validated assessment), 4 companies of unknown size
  // (1 reached), 3 large companies (3 reached), 20 households (2 reached)
  const reach = [
    reachCell("company", "small", 10, 6, { reachedValidated: 2, platformUsers: 4, platformUsersValidated: 1 }),
    reachCell("company", "unknown", 4, 1),
    reachCell("company", "large", 3, 3, { platformUsers: 3 }),
    reachCell("household", "unknown", 20, 2, { platformUsers: 1 }),
  ];
  const v = indicatorView(IND, REACH, reach, [], {}, 2026);
  it("counts only the population's rows: 7 of 14 SMEs (unknown size counted in, and said)", () => {
    expect([v.all.numerator, v.all.denominator, v.all.valuePct, v.all.sizeUnknown]).toEqual([7, 14, 50, 4]);
  });
  it("validated only: 2 of 14", () => {
    expect([v.validated.numerator, v.validated.denominator, v.validated.valuePct]).toEqual([2, 14, 14.3]);
  });
  it("beside it: SMEs without the unknown sizes, households, all businesses", () => {
    expect(v.compare.map((c) => [c.population.id, c.all.numerator, c.all.denominator])).toEqual([
      ["smeStrict", 6, 10],
      ["household", 2, 20],
      ["all", 12, 37],
    ]);
  });
  it("this year's placeholder milestone (20 %) is met; the 2030 target is not", () => {
    expect(v.milestone).toMatchObject({ year: 2026, percent: 20, kind: "placeholder", progress: { met: true, gapPts: 0 } });
    expect(v.all.progress).toMatchObject({ met: false, gapPts: 50, stillNeeded: 7 });
  });
  it("a filter narrows both numerator and denominator", () => {
    const w = indicatorView(IND, REACH, [...reach, reachCell("company", "micro", 5, 0, { communeId: "na_tau" })], [], { communeId: "na_tau" }, 2026);
    expect([w.all.numerator, w.all.denominator]).toEqual([0, 5]);
    expect(w.milestone?.progress).toMatchObject({ met: false, gapPts: 20, stillNeeded: 1 });
  });
});

describe("platform use: the province's figure is over the register; the share among the assessed is a self-selected sample", () => {
  const reach = [reachCell("company", "small", 30, 24, { platformUsers: 14, platformUsersValidated: 5 })];
  const cell = (o: Partial<CurrentCell>): CurrentCell => ({ ...g, legalForm: "company", sizeClass: "small", method: "self", validated: false, consent: true, n: 1, platform: 0, overallSum: 0, levels: [0, 0, 0, 0, 0, 0], ...o });
  const current = [
    cell({ n: 20, platform: 12 }),
    cell({ n: 4, platform: 2, validated: true }),
    cell({ n: 3, platform: 3, consent: false }),
    cell({ n: 5, platform: 5, sizeClass: "large" }),
  ];
  const v = indicatorView(IND, PLATFORM, reach, current, {}, 2026);
  it("14 of 30 registered SMEs = 46.7 %: not met", () => {
    expect([v.all.valuePct, v.all.progress.met]).toEqual([46.7, false]);
  });
  it("14 of the 24 consenting SMEs assessed = 58.3 %: 'met' among them, resting on 80 % of the register", () => {
    expect(v.sample).toEqual({
      assessed: 24,
      users: 14,
      valuePct: 58.3,
      validatedAssessed: 4,
      validatedUsers: 2,
      validatedPct: 50,
      registryCoveragePct: 80,
      metAmongAssessed: true,
    });
  });
});

describe("the target path", () => {
  it("yearly steps from the file, the target itself from 2030, nothing where the department set none", () => {
    expect(targetPath(IND, REACH).map((p) => [p.year, p.milestone?.percent ?? null, p.milestone?.kind ?? null])).toEqual([
      [2026, 20, "placeholder"],
      [2027, 40, "placeholder"],
      [2028, null, null],
      [2029, 80, "placeholder"],
      [2030, 100, "target"],
    ]);
    expect(milestoneFor(IND, PLATFORM, 2026)).toEqual({ year: 2026, percent: 10, rule: "at_least", kind: "approved" });
    expect(milestoneFor(IND, PLATFORM, 2031)).toEqual({ year: 2030, percent: 50, rule: "more_than", kind: "target" });
    expect(milestoneFor(IND, PLATFORM, 2025)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  breakdown,
  changeBySupport,
  headline,
  pillarMeans,
  progressTo,
  quantileOfHistogram,
  quarterOf,
  quarterRange,
  topDemand,
  trend,
  type CurrentCell,
  type ReachCell,
} from "../../src/domain/aggregates.ts";

const targets = { reach: { percent: 100, rule: "at_least" as const }, platformUse: { percent: 50, rule: "more_than" as const } };
const g = { sector: "ocop", communeId: "tua_chua", sizeClass: "micro", legalForm: "household" };
const cell = (o: Partial<CurrentCell>): CurrentCell => ({ ...g, method: "self", validated: false, consent: true, n: 1, platform: 0, overallSum: 0, levels: [1, 0, 0, 0, 0, 0], ...o });

describe("targets of Plan 2902", () => {
  it("reach must be at least 100 %, platform use more than 50 %", () => {
    expect(progressTo(targets.reach, 40, 50)).toEqual({ valuePct: 80, targetPct: 100, gapPts: 20, met: false, stillNeeded: 10 });
    expect(progressTo(targets.reach, 50, 50).met).toBe(true);
    expect(progressTo(targets.platformUse, 5, 10)).toEqual({ valuePct: 50, targetPct: 50, gapPts: 0, met: false, stillNeeded: 1 });
    expect(progressTo(targets.platformUse, 6, 10).met).toBe(true);
    expect(progressTo(targets.platformUse, 0, 0).valuePct).toBeNull();
  });
});

describe("headline and breakdowns", () => {
  const current = [
    cell({ n: 3, platform: 2, overallSum: 150, levels: [0, 0, 1, 2, 0, 0] }),
    cell({ consent: false, n: 2, platform: 2, overallSum: 120 }),
    cell({ communeId: "muong_thanh", method: "guided", validated: true, n: 5, platform: 1, overallSum: 100, levels: [2, 3, 0, 0, 0, 0] }),
  ];
  const reach: ReachCell[] = [
    { ...g, registered: 10, reached: 4, reachedValidated: 0, platformUsers: 0, platformUsersValidated: 0 },
    { ...g, communeId: "muong_thanh", registered: 20, reached: 5, reachedValidated: 0, platformUsers: 0, platformUsersValidated: 0 },
  ];
  it("counts every assessed business, but readiness only with the statistics consent", () => {
    const h = headline(current, reach, {});
    expect(h.assessed).toBe(10);
    expect(h.statisticsBase).toBe(8);
    expect(h.platformUsers).toBe(3);
    expect(h.validated).toBe(5);
    expect(h.guided).toBe(5);
    expect(h.reachPct).toBe(30);
    expect(h.platformUsePct).toBe(37.5);
    expect(h.meanOverall).toBe(250 / 8);
  });
  it("filters by commune", () => {
    const h = headline(current, reach, { communeId: "muong_thanh" });
    expect([h.assessed, h.registered, h.reached, h.platformUsePct]).toEqual([5, 20, 5, 20]);
  });
  it("lists every value, empty ones too", () => {
    const rows = breakdown("communeId", ["tua_chua", "muong_thanh", "na_tau"], current, reach, {});
    expect(rows.map((r) => [r.value, r.assessed, r.stats.n, r.reachPct])).toEqual([
      ["tua_chua", 5, 3, 40],
      ["muong_thanh", 5, 5, 25],
      ["na_tau", 0, 0, null],
    ]);
  });
  it("pillar means weight every business equally", () => {
    expect(pillarMeans([{ ...g, pillarId: "a", n: 2, sum: 100 }, { ...g, communeId: "x", pillarId: "a", n: 3, sum: 30 }], ["a", "b"], {})).toEqual([
      { pillarId: "a", n: 5, mean: 26 },
      { pillarId: "b", n: 0, mean: null },
    ]);
  });
  it("trend fills quarters with no submission", () => {
    const rows = trend(
      [
        { ...g, quarter: "2026-Q2", consent: true, n: 2, platform: 1, overallSum: 80, levels: [0, 0, 2, 0, 0, 0] },
        { ...g, quarter: "2026-Q4", consent: false, n: 1, platform: 1, overallSum: 10, levels: [0, 1, 0, 0, 0, 0] },
      ],
      {},
    );
    expect(rows.map((r) => [r.quarter, r.submitted, r.stats.n, r.meanOverall])).toEqual([
      ["2026-Q2", 2, 2, 40],
      ["2026-Q3", 0, 0, null],
      ["2026-Q4", 1, 0, null],
    ]);
  });
  it("T0 → T1 by support type counts consenting pairs only", () => {
    const rows = changeBySupport(
      [
        { ...g, supportType: "training", consent: true, n: 2, t0Sum: 40, t1Sum: 70, levelUp: 1, t0Platform: 0, t1Platform: 2 },
        { ...g, supportType: "training", consent: false, n: 9, t0Sum: 0, t1Sum: 900, levelUp: 9, t0Platform: 0, t1Platform: 9 },
      ],
      ["training", "consultation"],
      {},
    );
    expect(rows[0]).toEqual({ supportType: "training", n: 2, t0Mean: 20, t1Mean: 35, change: 15, levelUpPct: 50, t0PlatformPct: 0, t1PlatformPct: 100 });
    expect(rows[1]!.n).toBe(0);
  });
  it("top demand sorts by count and computes shares on the base it applies to", () => {
    const rows = topDemand(
      [
        { ...g, item: "gap:q1", n: 3 },
        { ...g, item: "gap:q2", n: 7 },
        { ...g, item: "platform:p", n: 9 },
      ],
      "gap:",
      {},
      5,
      (id) => (id === "q1" ? 6 : null),
    );
    expect(rows).toEqual([
      { item: "q2", n: 7, base: null, sharePct: null },
      { item: "q1", n: 3, base: 6, sharePct: 50 },
    ]);
  });
});

describe("quarters in Vietnam time", () => {
  it("a submission at 18:00 UTC on 31 March counts in Q2", () => {
    expect(quarterOf("2026-03-31T18:00:00.000Z")).toBe("2026-Q2");
    expect(quarterOf("2026-03-31T16:59:59.000Z")).toBe("2026-Q1");
    expect(quarterRange("2026-Q3", "2027-Q2")).toEqual(["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]);
  });
});

describe("quantiles from a histogram", () => {
  const brute = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (h - lo) * (s[Math.ceil(h)]! - s[lo]!);
  };
  it("equal the quantile of the list of values (median, top quartile)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.constantFrom(0.5, 0.75), (xs, p) => {
        const hist = new Map<number, number>();
        for (const x of xs) hist.set(x, (hist.get(x) ?? 0) + 1);
        expect(quantileOfHistogram([...hist.entries()], p)).toBeCloseTo(brute(xs, p), 9);
      }),
    );
  });
  it("median of 1..5 is 3, top quartile 4; of an empty list, nothing", () => {
    const h: [number, number][] = [1, 2, 3, 4, 5].map((x) => [x, 1]);
    expect(quantileOfHistogram(h, 0.5)).toBe(3);
    expect(quantileOfHistogram(h, 0.75)).toBe(4);
    expect(quantileOfHistogram([], 0.5)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { sizeClass } from "../../src/domain/sizeClass.ts";
import { readYaml } from "../../src/content/load.ts";
import { sizeThresholdsSchema } from "../../src/domain/sizeClass.ts";
import { CONTENT_DIR } from "../helpers.ts";

const thresholds = readYaml(CONTENT_DIR, "size-classes.yaml", sizeThresholdsSchema);
const t = () => thresholds;
const cls = (activityGroup: "agriculture" | "industry" | "trade_services", staff: number, revenueBnVnd?: number | null, capitalBnVnd?: number | null) =>
  sizeClass({ activityGroup, staff, revenueBnVnd, capitalBnVnd }, t()).sizeClass;

// Decree 80/2021 Art. 5, as in BRIEF §3.
const table = {
  agriculture: { micro: [10, 3, 3], small: [100, 50, 20], medium: [200, 200, 100] },
  industry: { micro: [10, 3, 3], small: [100, 50, 20], medium: [200, 200, 100] },
  trade_services: { micro: [10, 10, 3], small: [50, 100, 50], medium: [100, 300, 100] },
} as const;
const next = { micro: "small", small: "medium", medium: "large" } as const;

describe("size class (Decree 80/2021)", () => {
  for (const [group, limits] of Object.entries(table) as [keyof typeof table, (typeof table)[keyof typeof table]][]) {
    describe(group, () => {
      for (const [c, [staff, revenue, capital]] of Object.entries(limits) as [keyof typeof next, readonly [number, number, number]][]) {
        it(`${c}: staff at the limit with revenue at the limit is ${c}`, () => {
          expect(cls(group, staff, revenue, null)).toBe(c);
        });
        it(`${c}: capital at the limit suffices even when revenue is over`, () => {
          expect(cls(group, staff, revenue + 0.001, capital)).toBe(c);
        });
        it(`${c}: revenue at the limit suffices even when capital is over`, () => {
          expect(cls(group, staff, revenue, capital + 0.001)).toBe(c);
        });
        it(`${c}: both money figures over the limit moves up to ${next[c]}`, () => {
          expect(cls(group, staff, revenue + 0.001, capital + 0.001)).not.toBe(c);
        });
        it(`${c}: one more staff than the limit is never ${c}, whatever the money`, () => {
          expect(cls(group, staff + 1, 0, 0)).toBe(next[c]);
        });
        it(`${c}: only revenue given, over the limit, is not ${c}`, () => {
          expect(cls(group, staff, revenue + 0.001, null)).not.toBe(c);
        });
        it(`${c}: only capital given decides alone`, () => {
          expect(cls(group, staff, null, capital)).toBe(c);
          expect(cls(group, staff, null, capital + 0.001)).not.toBe(c);
        });
      }
    });
  }

  it("staff alone decides when revenue and capital are both missing, and says so", () => {
    expect(sizeClass({ activityGroup: "trade_services", staff: 10 }, t())).toEqual({ sizeClass: "micro", basis: "staff_only" });
    expect(sizeClass({ activityGroup: "trade_services", staff: 11 }, t())).toEqual({ sizeClass: "small", basis: "staff_only" });
    expect(sizeClass({ activityGroup: "agriculture", staff: 201 }, t())).toEqual({ sizeClass: "large", basis: "staff_only" });
  });

  it("the same figures differ by activity group (trade tolerates more revenue, fewer staff)", () => {
    expect(cls("trade_services", 5, 8, null)).toBe("micro");
    expect(cls("agriculture", 5, 8, null)).toBe("small");
    expect(cls("trade_services", 60, 1, 1)).toBe("medium");
    expect(cls("industry", 60, 1, 1)).toBe("small");
  });

  it("zero staff with no money figures is micro (a household business)", () => {
    expect(cls("agriculture", 0)).toBe("micro");
  });
});

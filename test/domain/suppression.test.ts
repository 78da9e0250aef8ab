import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { determinedHidden, isSmallGroup, MIN_GROUP_SIZE, protect, protectLine, type SumConstraint } from "../../src/domain/suppression.ts";
import { protectReach, protectReadiness, type Dims } from "../../src/domain/openDataTables.ts";

/** Rank of a matrix (rows of small integers), by Gaussian elimination. */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let p = r;
    while (p < m.length && Math.abs(m[p]![c]!) < 1e-9) p++;
    if (p === m.length) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f) for (let j = c; j < cols; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return r;
}

/**
 * Hidden cells an attacker can compute exactly from the published numbers: x_i is determined when
 * the unit vector e_i lies in the row space of the constraints restricted to hidden cells.
 */
function determined(counts: number[], constraints: readonly SumConstraint[], hidden: boolean[]): number[] {
  const vars = counts.map((_, i) => i).filter((i) => hidden[i]);
  const col = new Map(vars.map((v, j) => [v, j]));
  const rows = constraints
    .map((c) => {
      const row = vars.map(() => 0);
      if (hidden[c.total]) row[col.get(c.total)!] = 1;
      for (const p of c.parts) if (hidden[p]) row[col.get(p)!]! -= 1;
      return row;
    })
    .filter((r) => r.some((x) => x !== 0));
  const base = rank(rows);
  return vars.filter((v) => {
    const e = vars.map((w) => (w === v ? 1 : 0));
    return rank([...rows, e]) === base;
  });
}

describe("primary suppression", () => {
  it("protect() with no constraint is the primary rule alone", () => {
    expect(protect([0, 1, 4, 5, 9], [])).toEqual([false, true, true, false, false]);
  });
  it("hides every group of 1 to 4 and nothing else on its own", () => {
    for (let n = 0; n <= 20; n++) expect(isSmallGroup(n)).toBe(n >= 1 && n <= 4);
    expect(MIN_GROUP_SIZE).toBe(5);
  });
});

describe("one table with a total", () => {
  it("a single small group also hides the next smallest, so subtraction gives nothing", () => {
    // communes: 12, 3, 7, 40 → 3 is hidden, and 7 with it; the total stays
    const r = protectLine([12, 3, 7, 40]);
    expect(r.hidden).toEqual([false, true, true, false]);
    expect(r.totalHidden).toBe(false);
  });

  it("two small groups adding to less than 5 take a third one with them", () => {
    const r = protectLine([1, 2, 9, 30]);
    expect(r.hidden).toEqual([true, true, true, false]);
  });

  it("two small groups adding to 5 or more are safe together", () => {
    expect(protectLine([3, 4, 9, 30]).hidden).toEqual([true, true, false, false]);
  });

  it("when nothing else can be hidden, the total goes", () => {
    expect(protectLine([3, 0, 0])).toEqual({ hidden: [true, false, false], totalHidden: true });
    expect(protectLine([3, 40])).toEqual({ hidden: [true, true], totalHidden: false });
  });

  it("empty groups are shown as 0 and never count as protection", () => {
    expect(protectLine([0, 2, 0, 50, 60]).hidden).toEqual([false, true, false, true, false]);
  });

  it("for any table: no group of 1-4 shown, and no hidden group computable from what is shown", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 200 })), { minLength: 1, maxLength: 12 }), (counts) => {
        const { hidden, totalHidden } = protectLine(counts);
        counts.forEach((n, i) => {
          if (n > 0 && n < 5) expect(hidden[i]).toBe(true);
        });
        const all = [...counts, counts.reduce((s, n) => s + n, 0)];
        const h = [...hidden, totalHidden];
        expect(determined(all, [{ total: counts.length, parts: counts.map((_, i) => i) }], h)).toEqual([]);
        const hiddenSum = counts.filter((_, i) => hidden[i]).reduce((s, n) => s + n, 0);
        if (!totalHidden && hidden.some(Boolean)) expect(hiddenSum).toBeGreaterThanOrEqual(5);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("open data cells (empty cells hidden too)", () => {
  it("hiding empty cells as well still protects the total and never shows a group of 1-4", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 90 })), { minLength: 1, maxLength: 20 }), (counts) => {
        const total = counts.reduce((s, n) => s + n, 0);
        const all = [...counts, total];
        const c = [{ total: counts.length, parts: counts.map((_, i) => i) }];
        const hidden = protect(all, c, 5, counts.map((n) => n < 5));
        counts.forEach((n, i) => {
          if (n < 5) expect(hidden[i]).toBe(true);
        });
        // Whoever reads the data may guess which hidden cells are empty (that names no one), so the
        // check is made as if every empty cell were shown: no hidden group of 1 or more comes back.
        expect(determined(all, c, hidden.map((h, i) => h && all[i]! > 0))).toEqual([]);
        if (!hidden[counts.length]) {
          const hiddenSum = counts.filter((_, i) => hidden[i]).reduce((s, n) => s + n, 0);
          if (hiddenSum > 0) expect(hiddenSum).toBeGreaterThanOrEqual(5);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the open data as a whole: cells, four one-way tables and the province total published together", () => {
  /**
   * The check reads the published set as an attacker would, from the businesses themselves: every
   * published number is a sum over the unknown counts x(sector, commune, size, legal form). The
   * attacker knows every shown number, and that every group inside a published 0 (shown or guessed
   * empty) is empty. A hidden number is given back when its sum lies in the span of what is known.
   */
  function givenBack(d: Dims, x: number[], layout: ReturnType<typeof protectReadiness>["layout"], counts: number[], hidden: boolean[]): number[] {
    const [S, C, Z, L] = [d.sectors.length, d.communes.length, d.sizes.length, d.forms.length];
    const idx = (s: number, c: number, z: number, l: number) => ((s * C + c) * Z + z) * L + l;
    const members: number[][] = layout.kinds.map(() => []);
    for (let s = 0; s < S; s++)
      for (let c = 0; c < C; c++)
        for (let z = 0; z < Z; z++)
          for (let l = 0; l < L; l++) {
            const i = idx(s, c, z, l);
            for (const p of [layout.cell(s, c, z), layout.sector(s), layout.commune(c), layout.size(z), layout.form(l), layout.total]) members[p]!.push(i);
          }
    const vec = (ids: number[]) => {
      const v = new Array<number>(x.length).fill(0);
      for (const i of ids) v[i] = 1;
      return v;
    };
    const known: number[][] = [];
    counts.forEach((n, p) => {
      if (!hidden[p]) known.push(vec(members[p]!));
      if (n === 0) for (const i of members[p]!) known.push(vec([i]));
    });
    const base = rank(known);
    return counts.map((_, p) => p).filter((p) => hidden[p] && counts[p]! > 0 && rank([...known, vec(members[p]!)]) === base);
  }

  const dimsArb = fc.record({ S: fc.integer({ min: 2, max: 3 }), C: fc.integer({ min: 2, max: 5 }), Z: fc.integer({ min: 2, max: 3 }), L: fc.integer({ min: 2, max: 3 }) });
  it("no group of 1-4 shown, and no hidden number given back by all the published numbers together", () => {
    fc.assert(
      fc.property(
        dimsArb.chain((k) =>
          fc.tuple(fc.constant(k), fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 30 })), { minLength: k.S * k.C * k.Z * k.L, maxLength: k.S * k.C * k.Z * k.L })),
        ),
        ([k, x]) => {
          const names = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);
          const d: Dims = { sectors: names("s", k.S), communes: names("c", k.C), sizes: names("z", k.Z), forms: names("l", k.L) };
          const at = (s: number, c: number, z: number, l: number) => x[((s * k.C + c) * k.Z + z) * k.L + l]!;
          const { layout, counts, hidden } = protectReadiness(d, at);
          counts.forEach((n, i) => {
            if (n >= 1 && n <= 4) expect(hidden[i], `${layout.kinds[i]} ${i} = ${n}`).toBe(true);
          });
          expect(givenBack(d, x, layout, counts, hidden)).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("reach by sector and by commune with their shared total: the same, on the two tables at once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 8 }), fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 40 })), { minLength: 32, maxLength: 32 }), (S, C, x) => {
        const at = (s: number, c: number) => x[s * C + c]!;
        const r = protectReach(S, C, at);
        r.counts.forEach((n, i) => {
          if (n >= 1 && n <= 4) expect(r.hidden[i]).toBe(true);
        });
        const members = r.counts.map(() => [] as number[]);
        for (let s = 0; s < S; s++) for (let c = 0; c < C; c++) for (const p of [r.sector(s), r.commune(c), r.total]) members[p]!.push(s * C + c);
        const vec = (ids: number[]) => Array.from({ length: S * C }, (_, i) => (ids.includes(i) ? 1 : 0));
        const known: number[][] = [];
        r.counts.forEach((n, p) => {
          if (!r.hidden[p]) known.push(vec(members[p]!));
          if (n === 0) for (const i of members[p]!) known.push(vec([i]));
        });
        const base = rank(known);
        expect(r.counts.map((_, p) => p).filter((p) => r.hidden[p] && r.counts[p]! > 0 && rank([...known, vec(members[p]!)]) === base)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it("determinedHidden finds what the rank test finds: one hidden commune among shown ones and a shown total", () => {
    // 3 communes (7, 3, 9) and their total 19: hiding only the 3 gives it back
    expect(determinedHidden([7, 3, 9, 19], [{ total: 3, parts: [0, 1, 2] }], [false, true, false, false])).toEqual([1]);
    expect(determinedHidden([7, 3, 9, 19], [{ total: 3, parts: [0, 1, 2] }], [true, true, false, false])).toEqual([]);
  });
});

// What the open data publishes, as one set of numbers with the sums that tie them together, and
// its protection as a whole (docs/decisions/017-open-data-margins-protected-together.md). Two counts are published:
// - readiness: businesses whose latest assessment may be used in statistics, by sector × commune ×
//   size class (the cells), and by sector, by commune, by size class and by legal form (one-way
//   tables), each table with the province total;
// - reach: registered businesses reached by an assessment, by sector and by commune, with a total
//   (the number registered is the public register and is not protected).
// Every value is a count of businesses; its index in `counts` is given by the layout. Pure.
import { protectJointly, type SumConstraint } from "./suppression.ts";

export interface Dims {
  sectors: readonly string[];
  communes: readonly string[];
  sizes: readonly string[];
  forms: readonly string[];
}

/** What each published count is, for the tests and the open data page. */
export type Kind = "cell" | "sector" | "commune" | "size" | "form" | "total";

export interface Layout {
  kinds: Kind[];
  cell: (s: number, c: number, z: number) => number;
  sector: (s: number) => number;
  commune: (c: number) => number;
  size: (z: number) => number;
  form: (l: number) => number;
  total: number;
  constraints: SumConstraint[];
}

export function readinessLayout(d: Dims): Layout {
  const S = d.sectors.length;
  const C = d.communes.length;
  const Z = d.sizes.length;
  const L = d.forms.length;
  const cell = (s: number, c: number, z: number) => (s * C + c) * Z + z;
  const nCells = S * C * Z;
  const sector = (s: number) => nCells + s;
  const commune = (c: number) => nCells + S + c;
  const size = (z: number) => nCells + S + C + z;
  const form = (l: number) => nCells + S + C + Z + l;
  const total = nCells + S + C + Z + L;
  const kinds: Kind[] = [
    ...Array<Kind>(nCells).fill("cell"),
    ...Array<Kind>(S).fill("sector"),
    ...Array<Kind>(C).fill("commune"),
    ...Array<Kind>(Z).fill("size"),
    ...Array<Kind>(L).fill("form"),
    "total",
  ];
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const constraints: SumConstraint[] = [
    // each one-way row is the sum of its cells
    ...range(S).map((s) => ({ total: sector(s), parts: range(C).flatMap((c) => range(Z).map((z) => cell(s, c, z))) })),
    ...range(C).map((c) => ({ total: commune(c), parts: range(S).flatMap((s) => range(Z).map((z) => cell(s, c, z))) })),
    ...range(Z).map((z) => ({ total: size(z), parts: range(S).flatMap((s) => range(C).map((c) => cell(s, c, z))) })),
    // each table adds up to the province total (legal form is not a dimension of the cells: its
    // table is tied to the rest only through the total)
    { total, parts: range(nCells) },
    { total, parts: range(S).map(sector) },
    { total, parts: range(C).map(commune) },
    { total, parts: range(Z).map(size) },
    { total, parts: range(L).map(form) },
  ];
  return { kinds, cell, sector, commune, size, form, total, constraints };
}

/** Which shown value to give up first: a cell before a one-way row, a row before the province total. */
const COST: Record<Kind, number> = { cell: 0, sector: 1, commune: 1, size: 1, form: 1, total: 2 };

/**
 * The readiness counts and which are hidden. `count(s, c, z, l)` is the number of businesses of
 * sector s, commune c, size z and legal form l (indices into the dims). Empty cells are hidden too
 * (so the cells do not tell where the small groups are); empty one-way rows are shown as 0.
 */
export function protectReadiness(d: Dims, count: (s: number, c: number, z: number, l: number) => number): { layout: Layout; counts: number[]; hidden: boolean[] } {
  const layout = readinessLayout(d);
  const counts = new Array<number>(layout.kinds.length).fill(0);
  for (let s = 0; s < d.sectors.length; s++)
    for (let c = 0; c < d.communes.length; c++)
      for (let z = 0; z < d.sizes.length; z++)
        for (let l = 0; l < d.forms.length; l++) {
          const n = count(s, c, z, l);
          if (!n) continue;
          counts[layout.cell(s, c, z)]! += n;
          counts[layout.sector(s)]! += n;
          counts[layout.commune(c)]! += n;
          counts[layout.size(z)]! += n;
          counts[layout.form(l)]! += n;
          counts[layout.total]! += n;
        }
  const hidden = protectJointly(counts, layout.constraints, {
    alsoHidden: layout.kinds.map((k, i) => k === "cell" && counts[i] === 0),
    cost: layout.kinds.map((k) => COST[k]),
  });
  return { layout, counts, hidden };
}

/** The reach counts by sector and by commune with their shared total, and which are hidden. */
export function protectReach(
  sectors: number,
  communes: number,
  reached: (s: number, c: number) => number,
): { counts: number[]; hidden: boolean[]; sector: (s: number) => number; commune: (c: number) => number; total: number } {
  const sector = (s: number) => s;
  const commune = (c: number) => sectors + c;
  const total = sectors + communes;
  const counts = new Array<number>(total + 1).fill(0);
  for (let s = 0; s < sectors; s++)
    for (let c = 0; c < communes; c++) {
      const n = reached(s, c);
      counts[sector(s)]! += n;
      counts[commune(c)]! += n;
      counts[total]! += n;
    }
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const constraints: SumConstraint[] = [
    { total, parts: range(sectors).map(sector) },
    { total, parts: range(communes).map(commune) },
  ];
  const hidden = protectJointly(counts, constraints, { cost: counts.map((_, i) => (i === total ? 2 : 1)) });
  return { counts, hidden, sector, commune, total };
}

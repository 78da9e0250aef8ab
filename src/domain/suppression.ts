// Statistical disclosure control for every aggregate that leaves the staff pages: the API, the
// exports and the public open data. A group of fewer than MIN_GROUP_SIZE businesses is never shown
// (primary suppression), and no published total lets a hidden group be recovered by subtraction
// (complementary suppression). Pure; the callers give group sizes and which groups sum to which.

/** Groups smaller than this are hidden (consent text: "chỉ công bố theo nhóm từ 5 cơ sở trở lên"). */
export const MIN_GROUP_SIZE = 5;

/** A published total and the published parts that add up to it (indices into the counts). */
export interface SumConstraint {
  total: number;
  parts: readonly number[];
}

/** Primary rule alone: a group of 1 to k-1 is hidden; an empty group (0) reveals no one. */
export function isSmallGroup(n: number, k = MIN_GROUP_SIZE): boolean {
  return n > 0 && n < k;
}

/**
 * Which counts to hide. Primary: every count of 1..k-1. Complementary, for every sum constraint:
 * the hidden members (total included) are either none or at least two, and when the total is
 * published the hidden parts add up to at least k, so subtraction yields only a group of k or more
 * spread over two or more unknowns. The next part hidden is the smallest non-empty one; when none
 * is left the total is hidden. Hiding only ever grows, so this ends.
 */
export function protect(
  counts: readonly number[],
  constraints: readonly SumConstraint[],
  k = MIN_GROUP_SIZE,
  /** Cells hidden from the start for another reason (e.g. empty cells, so emptiness is not shown either). */
  alsoHidden: readonly boolean[] = [],
): boolean[] {
  const hidden = counts.map((n, i) => isSmallGroup(n, k) || alsoHidden[i] === true);
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of constraints) {
      // An empty group hidden for another reason protects nothing: anyone may guess it is empty.
      const hiddenParts = c.parts.filter((i) => hidden[i] && counts[i]! > 0);
      const totalHidden = hidden[c.total]! && counts[c.total]! > 0;
      const hiddenCount = hiddenParts.length + (totalHidden ? 1 : 0);
      if (hiddenCount === 0) continue;
      const hiddenSum = hiddenParts.reduce((s, i) => s + counts[i]!, 0);
      const safe = hiddenCount >= 2 && (totalHidden || hiddenSum >= k);
      if (safe) continue;
      let next = -1;
      for (const i of c.parts)
        if (!hidden[i] && counts[i]! > 0 && (next < 0 || counts[i]! < counts[next]!)) next = i;
      if (next >= 0) hidden[next] = true;
      else if (!hidden[c.total]) hidden[c.total] = true;
      else continue; // total hidden and every other part empty: nothing left to recover
      changed = true;
    }
  }
  return hidden;
}

/** One table with a published total: the line rule of `protect` on a single constraint. */
export function protectLine(counts: readonly number[], k = MIN_GROUP_SIZE): { hidden: boolean[]; totalHidden: boolean } {
  const total = counts.reduce((s, n) => s + n, 0);
  const all = [...counts, total];
  const hidden = protect(all, [{ total: counts.length, parts: counts.map((_, i) => i) }], k);
  return { hidden: hidden.slice(0, counts.length), totalHidden: hidden[counts.length]! };
}

/**
 * Hidden values that the published set gives back exactly. Each constraint says total − Σ parts =
 * 0; with the shown values moved to the right-hand side it is a linear equation in the hidden ones.
 * A hidden value is determined when its unit vector lies in the row space of those equations
 * (reduced row echelon form: a row whose only non-zero entry is that value). Empty values count as
 * known to everyone (hiding an empty group tells nothing), so they are not unknowns.
 */
export function determinedHidden(counts: readonly number[], constraints: readonly SumConstraint[], hidden: readonly boolean[]): number[] {
  const vars = counts.map((_, i) => i).filter((i) => hidden[i] && counts[i]! > 0);
  if (!vars.length) return [];
  const col = new Map(vars.map((v, j) => [v, j]));
  const rows: number[][] = [];
  for (const c of constraints) {
    const row = new Array<number>(vars.length).fill(0);
    const t = col.get(c.total);
    if (t !== undefined) row[t]! += 1;
    for (const p of c.parts) {
      const j = col.get(p);
      if (j !== undefined) row[j]! -= 1;
    }
    if (row.some((x) => x !== 0)) rows.push(row);
  }
  // Gauss-Jordan with partial pivoting; the entries are small integers, so 1e-9 separates zero.
  const eps = 1e-9;
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < vars.length && r < rows.length; c++) {
    let p = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[p]![c]!)) p = i;
    if (Math.abs(rows[p]![c]!) < eps) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    const pr = rows[r]!;
    const f = pr[c]!;
    for (let j = c; j < vars.length; j++) pr[j]! /= f;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const g = rows[i]![c]!;
      if (Math.abs(g) < eps) continue;
      const ri = rows[i]!;
      for (let j = c; j < vars.length; j++) ri[j]! -= g * pr[j]!;
    }
    pivots.push(c);
    r++;
  }
  const out: number[] = [];
  pivots.forEach((c, i) => {
    if (rows[i]!.every((x, j) => j === c || Math.abs(x) < eps)) out.push(vars[c]!);
  });
  return out;
}

/**
 * Protection of a whole published set (several tables that share totals and cells): `protect`,
 * then, while the set as a whole still gives a hidden value back, hide one more shown value of a
 * constraint that involves it, the cheapest first (`cost`, then the smallest count), and protect
 * again. Hiding only grows, so this ends; the result has no group of 1 to k−1 shown, every
 * constraint safe on its own, and no hidden value determined by all the constraints together.
 */
export function protectJointly(
  counts: readonly number[],
  constraints: readonly SumConstraint[],
  opts: { k?: number; alsoHidden?: readonly boolean[]; cost?: readonly number[] } = {},
): boolean[] {
  const k = opts.k ?? MIN_GROUP_SIZE;
  const cost = (i: number) => opts.cost?.[i] ?? 0;
  let hidden = protect(counts, constraints, k, opts.alsoHidden ?? []);
  for (;;) {
    const determined = determinedHidden(counts, constraints, hidden);
    if (!determined.length) return hidden;
    const involved = new Set(determined);
    let next = -1;
    for (const c of constraints) {
      const members = [c.total, ...c.parts];
      if (!members.some((i) => involved.has(i))) continue;
      for (const i of members)
        if (!hidden[i] && counts[i]! > 0 && (next < 0 || cost(i) < cost(next) || (cost(i) === cost(next) && counts[i]! < counts[next]!))) next = i;
    }
    if (next < 0) return hidden; // nothing shown is tied to them: cannot happen when they are determined
    const more = [...hidden];
    more[next] = true;
    hidden = protect(counts, constraints, k, more);
  }
}

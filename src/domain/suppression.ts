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
      const hiddenParts = c.parts.filter((i) => hidden[i]);
      const totalHidden = hidden[c.total]!;
      const hiddenCount = hiddenParts.length + (totalHidden ? 1 : 0);
      if (hiddenCount === 0) continue;
      const hiddenSum = hiddenParts.reduce((s, i) => s + counts[i]!, 0);
      const safe = hiddenCount >= 2 && (totalHidden || hiddenSum >= k);
      if (safe) continue;
      let next = -1;
      for (const i of c.parts)
        if (!hidden[i] && counts[i]! > 0 && (next < 0 || counts[i]! < counts[next]!)) next = i;
      if (next >= 0) hidden[next] = true;
      else if (!totalHidden) hidden[c.total] = true;
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

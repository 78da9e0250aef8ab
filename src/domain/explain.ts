// Explanations: which answers pulled a pillar down. (What to do about them is the roadmap's job.)
import type { Contribution, ScoreDetail } from "./scoring.ts";

/** The answers that cost each pillar the most, worst first (at most `n` per pillar). */
export function pillarDrags(detail: ScoreDetail, n = 3): Map<string, Contribution[]> {
  const out = new Map<string, Contribution[]>();
  for (const p of detail.pillars) {
    const lost = detail.contributions
      .filter((c) => c.pillarId === p.id && c.earned < c.possible)
      .sort((a, b) => b.overallPointsLost - a.overallPointsLost || a.questionId.localeCompare(b.questionId));
    out.set(p.id, lost.slice(0, n));
  }
  return out;
}

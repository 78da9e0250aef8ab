// T0 → T1: what changed between two assessments of the same business. Each assessment keeps the
// scores of its own questionnaire version; when the versions differ, only pillars present in both
// are compared and the comparison says so.
import { vietnamDay } from "./vietnamTime.ts";

export interface Snapshot {
  questionnaireHash: string;
  questionnaireVersion: string;
  overall: number;
  level: number;
  pillars: readonly { id: string; name: string; score: number | null }[];
}

export interface PillarChange {
  id: string;
  name: string;
  before: number;
  after: number;
  /** after − before, one decimal. */
  change: number;
}

export interface Comparison {
  sameVersion: boolean;
  overall: { before: number; after: number; change: number };
  level: { before: number; after: number; change: number };
  /** Pillars scored in both, in the order of the later assessment. */
  pillars: PillarChange[];
  /** Pillars present in only one version, or not applicable to the business in one of them. */
  notCompared: { id: string; name: string; why: "only_before" | "only_after" | "not_scored" }[];
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function compareAssessments(before: Snapshot, after: Snapshot): Comparison {
  const beforeById = new Map(before.pillars.map((p) => [p.id, p]));
  const afterIds = new Set(after.pillars.map((p) => p.id));
  const pillars: PillarChange[] = [];
  const notCompared: Comparison["notCompared"] = [];
  for (const p of after.pillars) {
    const b = beforeById.get(p.id);
    if (!b) notCompared.push({ id: p.id, name: p.name, why: "only_after" });
    else if (b.score === null || p.score === null) notCompared.push({ id: p.id, name: p.name, why: "not_scored" });
    else pillars.push({ id: p.id, name: p.name, before: b.score, after: p.score, change: r1(p.score - b.score) });
  }
  for (const b of before.pillars) if (!afterIds.has(b.id)) notCompared.push({ id: b.id, name: b.name, why: "only_before" });
  return {
    sameVersion: before.questionnaireHash === after.questionnaireHash,
    overall: { before: before.overall, after: after.overall, change: r1(after.overall - before.overall) },
    level: { before: before.level, after: after.level, change: after.level - before.level },
    pillars,
    notCompared,
  };
}

/** Support records dated between the two assessments (from T0's submission up to T1's). */
export function supportBetween<T extends { date: string }>(records: readonly T[], from: string, to: string): T[] {
  const a = vietnamDay(from);
  const b = vietnamDay(to);
  return records.filter((r) => r.date >= a && r.date <= b).sort((x, y) => x.date.localeCompare(y.date));
}

// Peer benchmark for the owner's result page and the PDF report: the median and top-quartile
// scores of businesses of the same sector and size class who agreed to statistics. Only real
// submitted assessments feed the histograms (triggers of migration 0002); there is no other source.
import type { AssessmentRow } from "../../db/assessments.ts";
import { factOf, peerHistograms, type PeerHistograms } from "../../db/stats.ts";
import { quantileOfHistogram } from "../domain/aggregates.ts";
import { MIN_GROUP_SIZE } from "../domain/suppression.ts";
import type { Services } from "./assessments.ts";

export interface PeerScore {
  median: number | null;
  /** 75th percentile: a quarter of the peers score this or more. */
  topQuartile: number | null;
}

export type PeerBenchmark =
  | {
      ok: true;
      sector: string;
      sizeClass: string;
      /** Peers compared with (the business itself excluded). */
      peers: number;
      overall: PeerScore;
      pillars: ({ id: string; name: string; shortName: string } & PeerScore)[];
    }
  | { ok: false; reason: "too_few_peers"; sector: string; sizeClass: string; peers: number; minPeers: number };

const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/**
 * Benchmarks already worked out, per histogram (the same object until its group changes, see
 * peerHistograms) and per business's own figures: at 100,000 assessments a group's quantiles walk
 * thousands of cells, and every result page and report of the group asks for the same ones.
 */
const computed = new WeakMap<PeerHistograms, Map<string, PeerBenchmark>>();
const MAX_KEPT_PER_GROUP = 2000;

export function peerBenchmark(s: Services, row: AssessmentRow): PeerBenchmark {
  const hist = peerHistograms(s.db, row.sector, row.sizeClass);
  // The business itself is in the histograms when its assessment is current and consenting: take it out.
  const own = factOf(s.db, row.id);
  const mine = own && own.current === 1 && own.consent === 1;
  const key = `${row.questionnaireHash}|${row.sector}|${row.sizeClass}|${mine ? `${own.overall}|${own.pillarScores}` : "-"}`;
  let kept = computed.get(hist);
  if (!kept) computed.set(hist, (kept = new Map()));
  const known = kept.get(key);
  if (known) return known;
  if (kept.size >= MAX_KEPT_PER_GROUP) kept.clear();
  const b = benchmarkOf(s, row, hist, mine ? own : null);
  kept.set(key, b);
  return b;
}

function benchmarkOf(s: Services, row: AssessmentRow, hist: PeerHistograms, own: { overall: number; pillarScores: string } | null): PeerBenchmark {
  const mine = own !== null;
  const without = (id: string, value: number | null | undefined) => {
    const h = (hist.get(id) ?? []).map(([v, n]) => [v, n] as [number, number]);
    if (mine && value !== null && value !== undefined) {
      const at = h.find(([v]) => Math.abs(v - Math.round(value * 10) / 10) < 1e-9);
      if (at) at[1] -= 1;
    }
    return h;
  };
  const overall = without("_overall", own?.overall);
  const peers = overall.reduce((x, [, n]) => x + n, 0);
  if (peers < MIN_GROUP_SIZE) return { ok: false, reason: "too_few_peers", sector: row.sector, sizeClass: row.sizeClass, peers, minPeers: MIN_GROUP_SIZE };
  const ownPillars = new Map(((own ? JSON.parse(own.pillarScores) : []) as { id: string; score: number | null }[]).map((p) => [p.id, p.score]));
  const q = s.questionnaireByHash(row.questionnaireHash);
  return {
    ok: true,
    sector: row.sector,
    sizeClass: row.sizeClass,
    peers,
    overall: { median: r1(quantileOfHistogram(overall, 0.5)), topQuartile: r1(quantileOfHistogram(overall, 0.75)) },
    pillars: q.pillars.map((p) => {
      const h = without(p.id, ownPillars.get(p.id));
      // A pillar that did not apply to enough peers gets no comparison.
      const n = h.reduce((x, [, c]) => x + c, 0);
      return {
        id: p.id,
        name: p.name,
        shortName: p.shortName,
        median: n >= MIN_GROUP_SIZE ? r1(quantileOfHistogram(h, 0.5)) : null,
        topQuartile: n >= MIN_GROUP_SIZE ? r1(quantileOfHistogram(h, 0.75)) : null,
      };
    }),
  };
}

/** The peers as the PDF report draws them (median per pillar), or nothing when there are too few. */
export function peerSeriesForReport(b: PeerBenchmark, groupLabel: (peers: number) => string): { label: string; values: Record<string, number | null> } | undefined {
  if (!b.ok) return undefined;
  return { label: groupLabel(b.peers), values: Object.fromEntries(b.pillars.map((p) => [p.id, p.median])) };
}

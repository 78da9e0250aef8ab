// Province-wide figures from pre-aggregated cells: KPIs against the Plan 2902 targets, breakdowns,
// level distribution, pillar means, trend by quarter, T0 → T1 change by support, peer quantiles.
// Pure: the cells come from db/stats.ts; every figure here can be recomputed by hand.
import type { LegalForm, Sector, SizeClass } from "./questionnaire.ts";
import { vietnamDay } from "./vietnamTime.ts";

export const GROUP_DIMS = ["sector", "communeId", "sizeClass", "legalForm"] as const;
export type GroupDim = (typeof GROUP_DIMS)[number];
export type GroupKey = { sector: string; communeId: string; sizeClass: string; legalForm: string };

/** Plain query parameters of the dashboard, the exports and the API. */
export interface Filter {
  sector?: Sector;
  communeId?: string;
  sizeClass?: SizeClass;
  legalForm?: LegalForm;
}

export const LEVELS = [0, 1, 2, 3, 4, 5] as const;

export interface Measures {
  n: number;
  /** Businesses applying digital platforms (the Plan 2902 rule of the questionnaire). */
  platform: number;
  overallSum: number;
  /** Count per national level 0..5. */
  levels: number[];
}

/** Current assessments (latest submitted per business) by group, method, validation and consent. */
export interface CurrentCell extends GroupKey, Measures {
  method: "self" | "guided";
  validated: boolean;
  consent: boolean;
}
export interface PillarCell extends GroupKey {
  pillarId: string;
  n: number;
  sum: number;
}
/** Every submitted assessment (T0 and later rounds) by quarter of submission. */
export interface QuarterCell extends GroupKey, Measures {
  quarter: string;
  consent: boolean;
}
/** Registry rows by their own group; sizeClass "unknown" when the register has none. */
export interface ReachCell extends GroupKey {
  registered: number;
  /** Rows with at least one submitted assessment. */
  reached: number;
  /** Rows with at least one assessment validated by an advisor. */
  reachedValidated: number;
  /** Rows whose current assessment (statistics consent given) says the business uses digital platforms. */
  platformUsers: number;
  /** The same, counting only current assessments an advisor validated. */
  platformUsersValidated: number;
}
export interface DemandCell extends GroupKey {
  item: string;
  n: number;
}
export interface ChangeCell extends GroupKey {
  supportType: string;
  consent: boolean;
  n: number;
  t0Sum: number;
  t1Sum: number;
  levelUp: number;
  t0Platform: number;
  t1Platform: number;
}
export interface AdviceCell extends GroupKey {
  status: string;
  n: number;
}

export function matches(cell: GroupKey, f: Filter): boolean {
  return (
    (!f.sector || cell.sector === f.sector) &&
    (!f.communeId || cell.communeId === f.communeId) &&
    (!f.sizeClass || cell.sizeClass === f.sizeClass) &&
    (!f.legalForm || cell.legalForm === f.legalForm)
  );
}

export const emptyMeasures = (): Measures => ({ n: 0, platform: 0, overallSum: 0, levels: [0, 0, 0, 0, 0, 0] });

export function addMeasures(into: Measures, m: Measures): Measures {
  into.n += m.n;
  into.platform += m.platform;
  into.overallSum += m.overallSum;
  for (let i = 0; i < 6; i++) into.levels[i]! += m.levels[i] ?? 0;
  return into;
}

export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
export const mean = (sum: number, n: number): number | null => (n > 0 ? sum / n : null);
export const round1 = (x: number) => Math.round(x * 10) / 10;
/** A share as a percentage with one decimal (0.1234 → 12.3). */
export const pct = (x: number | null) => (x === null ? null : round1(x * 100));

export interface Target {
  percent: number;
  /** at_least: reached when ≥ percent; more_than: reached when > percent. */
  rule: "at_least" | "more_than";
}

export interface TargetProgress {
  valuePct: number | null;
  targetPct: number;
  /** Percentage points still missing (0 when reached). */
  gapPts: number | null;
  met: boolean;
  /** Businesses still to add to meet the target, given the same base. */
  stillNeeded: number | null;
}

export function progressTo(target: Target, part: number, whole: number): TargetProgress {
  const v = share(part, whole);
  if (v === null) return { valuePct: null, targetPct: target.percent, gapPts: null, met: false, stillNeeded: null };
  const valuePct = v * 100;
  const met = target.rule === "at_least" ? valuePct >= target.percent - 1e-9 : valuePct > target.percent + 1e-9;
  // Smallest count that meets the rule on this base.
  const needed = target.rule === "at_least" ? Math.ceil((target.percent / 100) * whole - 1e-9) : Math.floor((target.percent / 100) * whole + 1e-9) + 1;
  return {
    valuePct: round1(valuePct),
    targetPct: target.percent,
    gapPts: met ? 0 : round1(target.percent - valuePct),
    met,
    stillNeeded: met ? 0 : Math.max(0, Math.min(whole, needed) - part),
  };
}

/**
 * The operational counts of a view (all businesses matching the filter). The Plan 2902 indicators,
 * each over its own population, are in indicators.ts.
 */
export interface Headline {
  registered: number;
  reached: number;
  reachPct: number | null;
  /** Registered businesses whose current assessment (statistics consent given) says they use platforms. */
  registryPlatformUsers: number;
  /** Current assessments (one per business), all consents: an operational count. */
  assessed: number;
  validated: number;
  guided: number;
  selfAssessed: number;
  /** Current assessments with the statistics consent: the base of every readiness statistic. */
  statisticsBase: number;
  platformUsers: number;
  /** Share of the statistics base using platforms: among businesses that chose to be assessed. */
  platformUsePct: number | null;
  meanOverall: number | null;
}

export function headline(current: readonly CurrentCell[], reach: readonly ReachCell[], f: Filter): Headline {
  let assessed = 0;
  let validated = 0;
  let guided = 0;
  const stats = emptyMeasures();
  for (const c of current) {
    if (!matches(c, f)) continue;
    assessed += c.n;
    if (c.validated) validated += c.n;
    if (c.method === "guided") guided += c.n;
    if (c.consent) addMeasures(stats, c);
  }
  let registered = 0;
  let reached = 0;
  let registryPlatformUsers = 0;
  for (const r of reach) {
    if (!matches(r, f)) continue;
    registered += r.registered;
    reached += r.reached;
    registryPlatformUsers += r.platformUsers;
  }
  return {
    registered,
    reached,
    reachPct: pct(share(reached, registered)),
    registryPlatformUsers,
    assessed,
    validated,
    guided,
    selfAssessed: assessed - validated,
    statisticsBase: stats.n,
    platformUsers: stats.platform,
    platformUsePct: pct(share(stats.platform, stats.n)),
    meanOverall: mean(stats.overallSum, stats.n),
  };
}

export interface BreakdownRow {
  value: string;
  registered: number;
  reached: number;
  reachPct: number | null;
  assessed: number;
  validated: number;
  /** Readiness statistics (statistics consent only). */
  stats: Measures;
  platformPct: number | null;
  meanOverall: number | null;
}

/** One row per value of `dim` (every value listed, even empty ones, in the given order). */
export function breakdown(
  dim: GroupDim,
  values: readonly string[],
  current: readonly CurrentCell[],
  reach: readonly ReachCell[],
  f: Filter,
): BreakdownRow[] {
  const rows = new Map(
    values.map((v) => [v, { value: v, registered: 0, reached: 0, assessed: 0, validated: 0, stats: emptyMeasures() }]),
  );
  for (const c of current) {
    if (!matches(c, f)) continue;
    const r = rows.get(c[dim]);
    if (!r) continue;
    r.assessed += c.n;
    if (c.validated) r.validated += c.n;
    if (c.consent) addMeasures(r.stats, c);
  }
  for (const c of reach) {
    if (!matches(c, f)) continue;
    const r = rows.get(c[dim]);
    if (!r) continue;
    r.registered += c.registered;
    r.reached += c.reached;
  }
  return [...rows.values()].map((r) => ({
    ...r,
    reachPct: pct(share(r.reached, r.registered)),
    platformPct: pct(share(r.stats.platform, r.stats.n)),
    meanOverall: mean(r.stats.overallSum, r.stats.n),
  }));
}

/** The "total" line of a breakdown: every cell matching the filter, whatever its group. */
export function breakdownTotal(current: readonly CurrentCell[], reach: readonly ReachCell[], f: Filter): BreakdownRow {
  const r = { value: "*", registered: 0, reached: 0, assessed: 0, validated: 0, stats: emptyMeasures() };
  for (const c of current) {
    if (!matches(c, f)) continue;
    r.assessed += c.n;
    if (c.validated) r.validated += c.n;
    if (c.consent) addMeasures(r.stats, c);
  }
  for (const c of reach) {
    if (!matches(c, f)) continue;
    r.registered += c.registered;
    r.reached += c.reached;
  }
  return { ...r, reachPct: pct(share(r.reached, r.registered)), platformPct: pct(share(r.stats.platform, r.stats.n)), meanOverall: mean(r.stats.overallSum, r.stats.n) };
}

export function statsOf(current: readonly CurrentCell[], f: Filter): Measures {
  const m = emptyMeasures();
  for (const c of current) if (c.consent && matches(c, f)) addMeasures(m, c);
  return m;
}

export function pillarMeans(cells: readonly PillarCell[], pillarIds: readonly string[], f: Filter): { pillarId: string; n: number; mean: number | null }[] {
  const acc = new Map(pillarIds.map((id) => [id, { n: 0, sum: 0 }]));
  for (const c of cells) {
    if (!matches(c, f)) continue;
    const a = acc.get(c.pillarId);
    if (!a) continue;
    a.n += c.n;
    a.sum += c.sum;
  }
  return pillarIds.map((id) => {
    const a = acc.get(id)!;
    return { pillarId: id, n: a.n, mean: mean(a.sum, a.n) };
  });
}

export interface TrendRow {
  quarter: string;
  /** Assessments submitted in the quarter (every round, every consent). */
  submitted: number;
  stats: Measures;
  meanOverall: number | null;
  platformPct: number | null;
}

export function trend(cells: readonly QuarterCell[], f: Filter): TrendRow[] {
  const by = new Map<string, { submitted: number; stats: Measures }>();
  for (const c of cells) {
    if (!matches(c, f)) continue;
    const r = by.get(c.quarter) ?? { submitted: 0, stats: emptyMeasures() };
    r.submitted += c.n;
    if (c.consent) addMeasures(r.stats, c);
    by.set(c.quarter, r);
  }
  const quarters = [...by.keys()].sort();
  const filled = quarters.length ? quarterRange(quarters[0]!, quarters[quarters.length - 1]!) : [];
  return filled.map((q) => {
    const r = by.get(q) ?? { submitted: 0, stats: emptyMeasures() };
    return { quarter: q, submitted: r.submitted, stats: r.stats, meanOverall: mean(r.stats.overallSum, r.stats.n), platformPct: pct(share(r.stats.platform, r.stats.n)) };
  });
}

/** "2026-Q3" for an ISO instant, in Vietnam time (UTC+7, no daylight saving). */
export function quarterOf(isoInstant: string): string {
  const day = vietnamDay(isoInstant);
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

export function quarterRange(from: string, to: string): string[] {
  const parse = (q: string) => {
    const m = /^(\d{4})-Q([1-4])$/.exec(q);
    if (!m) throw new Error(`not a quarter: ${q}`);
    return Number(m[1]) * 4 + Number(m[2]) - 1;
  };
  const out: string[] = [];
  for (let i = parse(from); i <= parse(to); i++) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

export interface ChangeRow {
  supportType: string;
  n: number;
  t0Mean: number | null;
  t1Mean: number | null;
  change: number | null;
  levelUpPct: number | null;
  t0PlatformPct: number | null;
  t1PlatformPct: number | null;
}

/** T0 → T1 by kind of support received between the two (statistics consent of T1 only). */
export function changeBySupport(cells: readonly ChangeCell[], types: readonly string[], f: Filter): ChangeRow[] {
  const acc = new Map(types.map((t) => [t, { n: 0, t0: 0, t1: 0, up: 0, p0: 0, p1: 0 }]));
  for (const c of cells) {
    if (!c.consent || !matches(c, f)) continue;
    const a = acc.get(c.supportType);
    if (!a) continue;
    a.n += c.n;
    a.t0 += c.t0Sum;
    a.t1 += c.t1Sum;
    a.up += c.levelUp;
    a.p0 += c.t0Platform;
    a.p1 += c.t1Platform;
  }
  return types.map((t) => {
    const a = acc.get(t)!;
    const t0Mean = mean(a.t0, a.n);
    const t1Mean = mean(a.t1, a.n);
    return {
      supportType: t,
      n: a.n,
      t0Mean,
      t1Mean,
      change: t0Mean === null || t1Mean === null ? null : t1Mean - t0Mean,
      levelUpPct: pct(share(a.up, a.n)),
      t0PlatformPct: pct(share(a.p0, a.n)),
      t1PlatformPct: pct(share(a.p1, a.n)),
    };
  });
}

export function countBy<T extends GroupKey>(cells: readonly (T & { n: number })[], key: (c: T) => string, f: Filter): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of cells) if (matches(c, f)) out.set(key(c), (out.get(key(c)) ?? 0) + c.n);
  return out;
}

export interface DemandRow {
  item: string;
  n: number;
  /** Businesses the item applies to (for gaps: the question was for them); null when unknown. */
  base: number | null;
  sharePct: number | null;
}

/** The most frequent items of one kind ("gap:", "platform:", …), most frequent first. */
export function topDemand(
  cells: readonly DemandCell[],
  prefix: string,
  f: Filter,
  limit: number,
  baseOf: (item: string) => number | null = () => null,
): DemandRow[] {
  const counts = new Map<string, number>();
  for (const c of cells) {
    if (!c.item.startsWith(prefix) || !matches(c, f)) continue;
    const id = c.item.slice(prefix.length);
    counts.set(id, (counts.get(id) ?? 0) + c.n);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([item, n]) => {
      const base = baseOf(item);
      return { item, n, base, sharePct: base === null ? null : pct(share(n, base)) };
    });
}

// ── Quantiles (peer benchmark) ──

/**
 * The p-quantile of values given as a histogram of (value, count), by linear interpolation between
 * order statistics (the rule of Excel's PERCENTILE.INC and R's default): rank h = (n-1)·p.
 */
export function quantileOfHistogram(hist: readonly (readonly [number, number])[], p: number): number | null {
  const sorted = hist.filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const at = (rank: number) => {
    let seen = 0;
    for (const [v, c] of sorted) {
      seen += c;
      if (rank < seen) return v;
    }
    return sorted[sorted.length - 1]![0];
  };
  const a = at(lo);
  return a + (h - lo) * (at(hi) - a);
}

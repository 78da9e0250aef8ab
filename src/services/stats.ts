// The department's figures: the dashboard model, every dashboard table (shown in full to staff,
// protected when it leaves the staff pages), and the catch-up that fills each assessment's demand
// list (gaps, weak pillars, roadmap actions, platforms, support schemes).
import { eq } from "drizzle-orm";
import { answersOf } from "../../db/assessments.ts";
import { assessments } from "../../db/schema.ts";
import {
  adviceCells,
  changeCells,
  currentCells,
  demandByCommune,
  pendingDemand,
  pendingDemandCount,
  pillarCells,
  quarterCells,
  reachCells,
  setDemand,
  unlinkedCount,
  yearsWithData,
} from "../../db/stats.ts";
import { indicatorView, targetPath, type IndicatorView, type Indicators } from "../domain/indicators.ts";
import {
  breakdown,
  breakdownTotal,
  changeBySupport,
  countBy,
  headline,
  LEVELS,
  progressTo,
  pct,
  pillarMeans,
  round1,
  share,
  statsOf,
  topDemand,
  trend,
  matches,
  type ChangeCell,
  type CurrentCell,
  type Measures,
  type Filter,
  type GroupDim,
  type Headline,
} from "../domain/aggregates.ts";
import { LEGAL_FORMS, SECTORS, SIZE_CLASSES, type ProfileCondition, type Questionnaire } from "../domain/questionnaire.ts";
import { buildRoadmap } from "../domain/roadmap.ts";
import { score, type Answers, type ProfileFacts } from "../domain/scoring.ts";
import { protect, protectLine, isSmallGroup } from "../domain/suppression.ts";
import { vi, fmt } from "../../views/messages.ts";
import { profileFacts, type Services } from "./assessments.ts";
import { vietnamYear } from "../domain/vietnamTime.ts";

const d = vi.department;

// ── demand per assessment ──

/** What one submitted assessment says the business lacks and needs, as "kind:id" items. */
export function demandItemsOf(s: Services, row: typeof assessments.$inferSelect): string[] {
  return demandItemsFor(s, s.questionnaireByHash(row.questionnaireHash), profileFacts(row), answersOf(s.db, row.id));
}

/** The same from the answers themselves (pure apart from the content). */
export function demandItemsFor(s: Services, q: Questionnaire, profile: ProfileFacts, answers: Answers): string[] {
  const detail = score(q, profile, answers);
  const items = new Set<string>();
  // A gap: a question that applied and earned nothing (skipped follow-ups count as their lowest answer).
  for (const c of detail.contributions) if (c.possible > 0 && c.earned === 0) items.add(`gap:${c.questionId}`);
  const weakBelow = s.content.indicators.infrastructureAndSkills.weakPillarBelow;
  for (const p of detail.pillars) if (p.score !== null && p.score < weakBelow) items.add(`weak:${p.id}`);
  const roadmap = buildRoadmap({ questionnaire: q, profile, answers, detail, actions: s.content.actions, platforms: s.content.platforms, schemes: s.content.schemes });
  for (const a of roadmap.actions) {
    items.add(`action:${a.id}`);
    for (const p of a.platforms) items.add(`platform:${p.id}`);
  }
  for (const x of roadmap.schemes) items.add(`scheme:${x.schemeId}`);
  return [...items];
}

/**
 * Fill the demand lists of newly submitted (or changed) assessments, in batches, for at most
 * `budgetMs`, so a page view never waits long. Returns how many are still waiting.
 */
export function refreshDemand(s: Services, budgetMs = 40): { done: number; pending: number } {
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < budgetMs) {
    const ids = pendingDemand(s.db, 50);
    if (!ids.length) break;
    s.db.transaction(() => {
      for (const id of ids) {
        const row = s.db.select().from(assessments).where(eq(assessments.id, id)).get();
        setDemand(s.db, id, row ? demandItemsOf(s, row) : []);
        done++;
      }
    });
  }
  return { done, pending: pendingDemandCount(s.db) };
}

// ── labels ──

export function labels(s: Services) {
  const q = s.content.current;
  const questionText = new Map<string, string>();
  for (const v of s.content.questionnaires) for (const x of v.questions) if (!questionText.has(x.id)) questionText.set(x.id, x.text);
  for (const x of q.questions) questionText.set(x.id, x.text);
  return {
    sector: (v: string) => (vi.sectors as Record<string, string>)[v] ?? v,
    communeId: (v: string) => s.content.communeById.get(v)?.name ?? v,
    sizeClass: (v: string) => (v === "unknown" ? d.sizeUnknown : ((vi.sizeClasses as Record<string, string>)[v] ?? v)),
    legalForm: (v: string) => (vi.legalForms as Record<string, string>)[v] ?? v,
    pillar: (v: string) => q.pillars.find((p) => p.id === v)?.name ?? v,
    question: (v: string) => questionText.get(v) ?? v,
    platform: (v: string) => s.content.platformById.get(v)?.name ?? v,
    scheme: (v: string) => s.content.schemes.find((x) => x.id === v)?.shortName ?? v,
    action: (v: string) => s.content.actions.actions.find((a) => a.id === v)?.title ?? v,
    supportType: (v: string) => (d.supportTypes as Record<string, string>)[v] ?? v,
    adviceStatus: (v: string) => (d.adviceStatuses as Record<string, string>)[v] ?? v,
    level: (n: number) => `${n} · ${q.levels.find((l) => l.level === n)?.name ?? ""}`,
  };
}

export function dimValues(s: Services, dim: GroupDim, withUnknownSize = false): string[] {
  if (dim === "sector") return [...SECTORS];
  if (dim === "communeId") return s.content.communes.map((c) => c.id);
  if (dim === "sizeClass") return withUnknownSize ? [...SIZE_CLASSES, "unknown"] : [...SIZE_CLASSES];
  return [...LEGAL_FORMS];
}

// ── tables ──

export type CellValue = string | number | null;
export interface StatColumn {
  key: string;
  label: string;
  kind: "label" | "count" | "pct" | "score";
}
export interface StatRow {
  key: string;
  label: string;
  values: Record<string, CellValue>;
  /** Columns hidden by disclosure control (only in protected tables). */
  hidden: string[];
  total?: boolean;
  /** The filter narrowing this row, for the list behind each number (staff pages). */
  narrow?: Partial<Filter> & { level?: number };
}
export interface StatTable {
  id: string;
  title: string;
  lead?: string;
  columns: StatColumn[];
  rows: StatRow[];
}

export interface Protection {
  /** The count column whose small groups are hidden. */
  count: string;
  /** Columns that go with it (shares and means of the same group). */
  with: string[];
  /** Rows add up to the total row (complementary suppression), or overlap (primary only). */
  additive: boolean;
}

/** Hide small groups: primary, and complementary against the total row when rows add up. */
export function protectTable(t: StatTable, rules: Protection[]): StatTable {
  const rows = t.rows.map((r) => ({ ...r, values: { ...r.values }, hidden: [...r.hidden] }));
  const body = rows.filter((r) => !r.total);
  const total = rows.find((r) => r.total);
  for (const rule of rules) {
    const counts = body.map((r) => Number(r.values[rule.count] ?? 0));
    let hidden: boolean[];
    let totalHidden = false;
    if (rule.additive && total) {
      const all = [...counts, Number(total.values[rule.count] ?? 0)];
      const h = protect(all, [{ total: counts.length, parts: counts.map((_, i) => i) }]);
      hidden = h.slice(0, counts.length);
      totalHidden = h[counts.length]!;
    } else {
      hidden = counts.map((n) => isSmallGroup(n));
      totalHidden = total ? isSmallGroup(Number(total.values[rule.count] ?? 0)) : false;
    }
    const hide = (r: StatRow) => {
      for (const k of [rule.count, ...rule.with]) {
        if (!(k in r.values)) continue;
        r.values[k] = null;
        if (!r.hidden.includes(k)) r.hidden.push(k);
      }
    };
    body.forEach((r, i) => hidden[i] && hide(r));
    if (total && totalHidden) hide(total);
  }
  return { ...t, rows };
}

/** The table as staff see it, or protected when it leaves the staff pages. */
function protectedIf(outbound: boolean, t: StatTable, rules: Protection[]): StatTable {
  return outbound ? protectTable(t, rules) : t;
}

/** The last row of a table whose rows add up. */
const totalRow = (values: Record<string, CellValue>): StatRow => ({ key: "_total", label: d.columns.total, total: true, hidden: [], values });

/**
 * Which level shares of one shown group may leave the staff pages. A share times the group's size
 * is a count of businesses, so a group's level distribution is a small table of its own: the same
 * line rule as the levels table (no level of 1 to 4, and not a lone hidden level the others give back).
 */
export function protectedLevels(levels: readonly number[]): boolean[] {
  return protectLine(levels).hidden.map((h) => !h);
}

/** Scores and means as the tables show them: one decimal. */
const oneDecimal = (x: number | null) => (x === null ? null : round1(x));

const levelCols = (): StatColumn[] => LEVELS.map((n) => ({ key: `level${n}`, label: fmt(d.columns.levelPct, { n }), kind: "pct" as const }));

export function breakdownTable(s: Services, dim: GroupDim, title: string, current: CurrentCell[], reach: ReturnType<typeof reachCells>, f: Filter, outbound: boolean): StatTable {
  const L = labels(s);
  const values = dimValues(s, dim, dim === "sizeClass");
  const rows = breakdown(dim, values, current, reach, f);
  const tot = breakdownTotal(current, reach, f);
  const toRow = (r: (typeof rows)[number], label: string, key: string, total = false): StatRow => {
    const levelShown = outbound ? protectedLevels(r.stats.levels) : LEVELS.map(() => true);
    return {
      key,
      label,
      total,
      hidden: LEVELS.filter((n) => !levelShown[n]).map((n) => `level${n}`),
      narrow: total ? {} : { [dim]: key },
      values: {
        registered: r.registered,
        reached: r.reached,
        reachPct: r.reachPct,
        ...(outbound ? {} : { validated: r.validated, assessed: r.assessed }),
        statsN: r.stats.n,
        platformPct: r.platformPct,
        meanOverall: oneDecimal(r.meanOverall),
        ...Object.fromEntries(LEVELS.map((n) => [`level${n}`, levelShown[n] ? pct(share(r.stats.levels[n]!, r.stats.n)) : null])),
      },
    };
  };
  const columns: StatColumn[] = [
    { key: "label", label: title, kind: "label" },
    { key: "registered", label: d.columns.registered, kind: "count" },
    { key: "reached", label: d.columns.reached, kind: "count" },
    { key: "reachPct", label: d.columns.reachPct, kind: "pct" },
    ...(outbound
      ? []
      : [
          { key: "assessed", label: d.list.kinds.assessed, kind: "count" as const },
          { key: "validated", label: d.columns.validated, kind: "count" as const },
        ]),
    { key: "statsN", label: d.columns.statsN, kind: "count" },
    { key: "platformPct", label: d.columns.platformPct, kind: "pct" },
    { key: "meanOverall", label: d.columns.meanOverall, kind: "score" },
    ...levelCols(),
  ];
  const label = L[dim];
  return {
    id: `by-${dim}`,
    title,
    lead: d.dashboard.breakdownLead,
    columns,
    rows: [...rows.map((r) => toRow(r, label(r.value), r.value)), toRow(tot, d.columns.total, "_total", true)],
  };
}

export const BREAKDOWN_RULES: Protection[] = [
  { count: "reached", with: ["reachPct"], additive: true },
  { count: "statsN", with: ["platformPct", "meanOverall", ...LEVELS.map((n) => `level${n}`)], additive: true },
];

/** Where each question applies, judged on a group's sector, size and legal form. */
function appliesTo(q: Questionnaire, questionId: string) {
  const question = q.questions.find((x) => x.id === questionId);
  const mod = q.modules.find((m) => m.questionIds.includes(questionId));
  const holds = (c: ProfileCondition, cell: CurrentCell): boolean => {
    if ("legalForm" in c) return c.legalForm.includes(cell.legalForm as never);
    if ("sizeClass" in c) return c.sizeClass.includes(cell.sizeClass as never);
    if ("sector" in c) return c.sector.includes(cell.sector as never);
    if ("activityGroup" in c) return true; // not in the cubes: counted for every group
    if ("not" in c) return !holds(c.not, cell);
    if ("all" in c) return c.all.every((x) => holds(x, cell));
    return c.any.some((x) => holds(x, cell));
  };
  return (cell: CurrentCell) =>
    (!mod?.sectors || mod.sectors.includes(cell.sector as never)) && (!question?.showIf || holds(question.showIf, cell));
}

export function levelsTable(s: Services, stats: Measures, outbound: boolean): StatTable {
  const L = labels(s);
  const t: StatTable = {
    id: "levels",
    title: d.dashboard.levels,
    columns: [
      { key: "label", label: d.columns.level.replace(" {n}", ""), kind: "label" },
      { key: "count", label: d.columns.count, kind: "count" },
      { key: "sharePct", label: d.columns.sharePct, kind: "pct" },
    ],
    rows: [
      ...LEVELS.map((n) => ({ key: String(n), label: L.level(n), hidden: [], narrow: { level: n }, values: { count: stats.levels[n]!, sharePct: pct(share(stats.levels[n]!, stats.n)) } })),
      totalRow({ count: stats.n, sharePct: stats.n ? 100 : null }),
    ],
  };
  return protectedIf(outbound, t, [{ count: "count", with: ["sharePct"], additive: true }]);
}

export function changeTable(s: Services, cells: ChangeCell[], f: Filter, outbound: boolean): StatTable {
  const L = labels(s);
  const types = ["_all", "_none", ...Object.keys(d.supportTypes).filter((k) => !k.startsWith("_"))];
  const ch = changeBySupport(cells, types, f);
  const t: StatTable = {
    id: "change",
    title: d.dashboard.change,
    lead: d.dashboard.changeLead,
    columns: [
      { key: "label", label: d.columns.supportType, kind: "label" },
      { key: "pairs", label: d.columns.pairs, kind: "count" },
      { key: "t0", label: d.columns.t0, kind: "score" },
      { key: "t1", label: d.columns.t1, kind: "score" },
      { key: "change", label: d.columns.change, kind: "score" },
      { key: "levelUpPct", label: d.columns.levelUp, kind: "pct" },
      { key: "t0PlatformPct", label: d.columns.t0Platform, kind: "pct" },
      { key: "t1PlatformPct", label: d.columns.t1Platform, kind: "pct" },
    ],
    rows: ch.map((r) => ({
      key: r.supportType,
      label: L.supportType(r.supportType),
      total: r.supportType === "_all",
      hidden: [],
      values: { pairs: r.n, t0: oneDecimal(r.t0Mean), t1: oneDecimal(r.t1Mean), change: oneDecimal(r.change), levelUpPct: r.levelUpPct, t0PlatformPct: r.t0PlatformPct, t1PlatformPct: r.t1PlatformPct },
    })),
  };
  // A business may get several kinds of support, so rows overlap; treating them as adding up to
  // the "every business" row is the cautious reading (more cells hidden, never fewer).
  return protectedIf(outbound, t, [{ count: "pairs", with: ["t0", "t1", "change", "levelUpPct", "t0PlatformPct", "t1PlatformPct"], additive: true }]);
}


/**
 * One indicator by commune: its population's figure in each commune against this year's step of
 * the target path, with the validated-only figure beside it.
 */
export function indicatorCommuneTable(s: Services, v: IndicatorView, reach: ReturnType<typeof reachCells>, f: Filter, year: number, outbound: boolean): StatTable {
  const ind = s.content.indicators;
  const L = labels(s);
  const communes = f.communeId ? [f.communeId] : s.content.communes.map((c) => c.id);
  const milestone = v.milestone;
  const rowOf = (key: string, label: string, narrow: Filter, total = false): StatRow => {
    const x = indicatorView(ind, v.indicator, reach, [], { ...f, ...narrow }, year);
    const gap = milestone ? progressTo({ percent: milestone.percent, rule: milestone.rule }, x.all.numerator, x.all.denominator).gapPts : null;
    return {
      key,
      label,
      total,
      hidden: [],
      narrow: total ? {} : narrow,
      values: {
        registered: x.all.denominator,
        numerator: x.all.numerator,
        valuePct: x.all.valuePct,
        validatedN: x.validated.numerator,
        validatedPct: x.validated.valuePct,
        milestonePct: milestone?.percent ?? null,
        gapPts: gap,
      },
    };
  };
  const stepLabel = milestone
    ? milestone.kind === "target"
      ? fmt(d.indicators.targetOf, { year: milestone.year })
      : fmt(milestone.kind === "placeholder" ? d.indicators.placeholderMilestoneOf : d.indicators.milestoneOf, { year: milestone.year })
    : null;
  const t: StatTable = {
    id: `indicator-${v.indicator.id}`,
    title: fmt(d.indicators.byCommuneTitle, { name: v.indicator.shortName }),
    lead: stepLabel
      ? fmt(d.indicators.byCommuneLead, { population: v.population.noun, step: stepLabel })
      : fmt(d.indicators.byCommuneLeadNoStep, { population: v.population.noun, year, start: s.content.indicators.planStartYear }),
    columns: [
      { key: "label", label: d.columns.commune, kind: "label" },
      { key: "registered", label: fmt(d.indicators.columns.denominator, { population: v.population.name }), kind: "count" },
      { key: "numerator", label: d.indicators.columns.numerator[v.indicator.numerator as "reached" | "platform_users"], kind: "count" },
      { key: "valuePct", label: d.indicators.columns.valuePct, kind: "pct" },
      { key: "validatedN", label: d.indicators.columns.validatedN, kind: "count" },
      { key: "validatedPct", label: d.indicators.columns.validatedPct, kind: "pct" },
      { key: "milestonePct", label: d.indicators.stepColumn, kind: "pct" },
      { key: "gapPts", label: d.indicators.columns.gapPts, kind: "pct" },
    ],
    rows: [...communes.map((cid) => rowOf(cid, L.communeId(cid), { communeId: cid })), rowOf("_total", d.columns.total, {}, true)],
  };
  // The register is public; how many of its businesses were assessed (or use platforms) is not.
  return protectedIf(outbound, t, [
    { count: "numerator", with: ["valuePct", "gapPts"], additive: true },
    { count: "validatedN", with: ["validatedPct"], additive: true },
  ]);
}

export interface DashboardData {
  filter: Filter;
  /** The day the figures stood at (YYYY-MM-DD), when not today's. */
  asOf?: string;
  indicators: Indicators;
  /** Each Plan 2902 indicator for its population, with the populations shown beside it. */
  indicatorViews: IndicatorView[];
  /** The year whose milestone the gaps are measured against. */
  year: number;
  headline: Headline;
  unlinked: number;
  pendingDemand: number;
  tables: StatTable[];
  levels: number[];
  pillars: { id: string; name: string; shortName: string; mean: number | null; n: number }[];
  /** Years with a submission (for the yearly report's year picker). */
  years: number[];
}

/** Every figure of the dashboard for one filter. `outbound` = protected, for anything leaving staff pages. */
/** The cells of the two cubes as they stood at the end of a past day (computed by figures.ts). */
export interface CellsAsOf {
  day: string;
  current: CurrentCell[];
  reach: ReturnType<typeof reachCells>;
}

/**
 * Every figure of the dashboard for one filter. `outbound` = protected, for anything leaving staff
 * pages. With `asOf`, the figures are those at the end of that day: the indicators, the breakdowns
 * and the levels (what the yearly report holds), computed from the same cells as the report.
 */
export function dashboardData(s: Services, f: Filter, opts: { outbound: boolean; refresh?: boolean; year?: number; asOf?: CellsAsOf } = { outbound: false }): DashboardData {
  const asOf = opts.asOf;
  const pending = asOf || opts.refresh === false ? { pending: pendingDemandCount(s.db) } : refreshDemand(s);
  const ind = s.content.indicators;
  const L = labels(s);
  // The cubes are filtered and summed in SQL; the rules below then see only matching cells.
  const all: Filter = {};
  const current = asOf ? asOf.current.filter((c) => matches(c, f)) : currentCells(s.db, f);
  const reach = asOf ? asOf.reach.filter((c) => matches(c, f)) : reachCells(s.db, f);
  const h = headline(current, reach, all);
  const year = asOf ? Number(asOf.day.slice(0, 4)) : (opts.year ?? vietnamYear());
  const indicatorViews = ind.indicators.map((x) => indicatorView(ind, x, reach, current, all, year));
  const stats = statsOf(current, all);
  const q = s.content.current;
  const out = opts.outbound;
  const tables: StatTable[] = [];

  for (const v of indicatorViews) tables.push(indicatorCommuneTable(s, v, reach, f.communeId ? { communeId: f.communeId } : all, year, out));

  const bd = (dim: GroupDim, title: string) => {
    const t = breakdownTable(s, dim, title, current, reach, all, out);
    tables.push(protectedIf(out, t, BREAKDOWN_RULES));
  };
  bd("sector", d.dashboard.bySector);
  bd("communeId", d.dashboard.byCommune);
  bd("sizeClass", d.dashboard.bySize);
  bd("legalForm", d.dashboard.byForm);

  tables.push(levelsTable(s, stats, out));
  if (asOf)
    return {
      filter: f,
      asOf: asOf.day,
      indicators: ind,
      indicatorViews,
      year,
      headline: h,
      unlinked: 0,
      pendingDemand: 0,
      tables,
      levels: stats.levels,
      years: yearsWithData(s.db),
      pillars: [],
    };

  // pillars
  const pm = pillarMeans(pillarCells(s.db, f), q.pillars.map((p) => p.id), all);
  const pillarsT: StatTable = {
    id: "pillars",
    title: d.dashboard.pillars,
    columns: [
      { key: "label", label: d.columns.pillar, kind: "label" },
      { key: "statsN", label: d.columns.statsN, kind: "count" },
      { key: "mean", label: d.columns.mean, kind: "score" },
    ],
    rows: pm.map((p) => ({ key: p.pillarId, label: L.pillar(p.pillarId), hidden: [], values: { statsN: p.n, mean: oneDecimal(p.mean) } })),
  };
  tables.push(protectedIf(out, pillarsT, [{ count: "statsN", with: ["mean"], additive: false }]));

  // trend by quarter
  const tr = trend(quarterCells(s.db, f), all);
  const trendT: StatTable = {
    id: "trend",
    title: d.dashboard.trend,
    columns: [
      { key: "label", label: d.columns.quarter, kind: "label" },
      { key: "submitted", label: d.columns.submitted, kind: "count" },
      { key: "statsN", label: d.columns.statsN, kind: "count" },
      { key: "meanOverall", label: d.columns.meanOverall, kind: "score" },
      { key: "platformPct", label: d.columns.platformPct, kind: "pct" },
    ],
    rows: [
      ...tr.map((r) => ({
        key: r.quarter,
        label: r.quarter.replace("-Q", ` · ${vi.department.columns.quarter} `),
        hidden: [],
        values: { submitted: r.submitted, statsN: r.stats.n, meanOverall: oneDecimal(r.meanOverall), platformPct: r.platformPct },
      })),
      totalRow({ submitted: tr.reduce((x, r) => x + r.submitted, 0), statsN: tr.reduce((x, r) => x + r.stats.n, 0), meanOverall: null, platformPct: null }),
    ],
  };
  tables.push(
    protectedIf(out, trendT, [
      { count: "submitted", with: [], additive: true },
      { count: "statsN", with: ["meanOverall", "platformPct"], additive: true },
    ]),
  );

  // T0 → T1 by support type
  tables.push(changeTable(s, changeCells(s.db, f), all, out));

  // requests for advice
  const adv = countBy(adviceCells(s.db, f), (c) => c.status, all);
  const statuses = Object.keys(d.adviceStatuses);
  const adviceT: StatTable = {
    id: "advice",
    title: d.dashboard.advice,
    columns: [
      { key: "label", label: d.columns.status, kind: "label" },
      { key: "count", label: d.columns.count, kind: "count" },
    ],
    rows: [
      ...statuses.map((st) => ({ key: st, label: L.adviceStatus(st), hidden: [], values: { count: adv.get(st) ?? 0 } })),
      totalRow({ count: [...adv.values()].reduce((a, b) => a + b, 0) }),
    ],
  };
  tables.push(protectedIf(out, adviceT, [{ count: "count", with: [], additive: true }]));

  // demand: gaps (with the number of businesses each question applied to), platforms, schemes
  const statCells = current.filter((c) => c.consent);
  const demand = demandByCommune(s.db, f);
  const baseOf = (id: string) => {
    const applies = appliesTo(q, id);
    return statCells.filter(applies).reduce((x, c) => x + c.n, 0);
  };
  const gaps = topDemand(demand, "gap:", all, 15, baseOf);
  const demandTable = (id: string, title: string, lead: string | undefined, colLabel: string, rows: { item: string; n: number; base: number | null; sharePct: number | null }[], name: (v: string) => string): StatTable => ({
    id,
    title,
    lead,
    columns: [
      { key: "label", label: colLabel, kind: "label" },
      { key: "count", label: d.columns.count, kind: "count" },
      { key: "base", label: d.columns.base, kind: "count" },
      { key: "sharePct", label: d.columns.sharePct, kind: "pct" },
    ],
    rows: rows.map((r) => ({ key: r.item, label: name(r.item), hidden: [], values: { count: r.n, base: r.base, sharePct: r.sharePct } })),
  });
  const demandRules: Protection[] = [
    { count: "base", with: ["count", "sharePct"], additive: false },
    { count: "count", with: ["sharePct"], additive: false },
  ];
  const gapsT = demandTable("gaps", d.dashboard.gaps, d.dashboard.gapsLead, d.columns.question, gaps, L.question);
  tables.push(protectedIf(out, gapsT, demandRules));
  const platformsT = demandTable("platforms", d.dashboard.platforms, d.dashboard.platformsLead, d.columns.platform, topDemand(demand, "platform:", all, 15, () => stats.n), L.platform);
  tables.push(protectedIf(out, platformsT, demandRules));
  const schemesT = demandTable("schemes", d.dashboard.schemes, undefined, d.columns.scheme, topDemand(demand, "scheme:", all, 15, () => stats.n), L.scheme);
  tables.push(protectedIf(out, schemesT, demandRules));

  // infrastructure and skills by commune
  const infra = ind.infrastructureAndSkills.pillars;
  const weak = demand.filter((c) => c.item.startsWith("weak:"));
  const byCommune = new Map<string, Record<string, number>>();
  for (const c of weak) {
    const p = c.item.slice(5);
    if (!infra.includes(p)) continue;
    const m = byCommune.get(c.communeId) ?? {};
    m[p] = (m[p] ?? 0) + c.n;
    byCommune.set(c.communeId, m);
  }
  const nByCommune = countBy(statCells, (c) => c.communeId, all);
  const communes = f.communeId ? [f.communeId] : s.content.communes.map((c) => c.id);
  const infraT: StatTable = {
    id: "infrastructure-skills",
    title: d.dashboard.infra,
    lead: d.dashboard.infraLead,
    columns: [
      { key: "label", label: d.columns.commune, kind: "label" },
      { key: "statsN", label: d.columns.statsN, kind: "count" },
      ...infra.map((p) => ({ key: `weak_${p}`, label: `${L.pillar(p)} < ${ind.infrastructureAndSkills.weakPillarBelow}`, kind: "count" as const })),
    ],
    rows: [
      ...communes.map((cid) => ({
        key: cid,
        label: L.communeId(cid),
        hidden: [],
        narrow: { communeId: cid },
        values: { statsN: nByCommune.get(cid) ?? 0, ...Object.fromEntries(infra.map((p) => [`weak_${p}`, byCommune.get(cid)?.[p] ?? 0])) },
      })),
      totalRow({
        statsN: [...communes].reduce((x, cid) => x + (nByCommune.get(cid) ?? 0), 0),
        ...Object.fromEntries(infra.map((p) => [`weak_${p}`, communes.reduce((x, cid) => x + (byCommune.get(cid)?.[p] ?? 0), 0)])),
      }),
    ],
  };
  tables.push(
    protectedIf(out, infraT, [
      { count: "statsN", with: infra.map((p) => `weak_${p}`), additive: true },
      ...infra.map((p) => ({ count: `weak_${p}`, with: [], additive: true })),
    ]),
  );

  return {
    filter: f,
    indicators: ind,
    indicatorViews,
    year,
    headline: h,
    unlinked: unlinkedCount(s.db, f),
    pendingDemand: pending.pending,
    tables,
    levels: stats.levels,
    years: [...new Set(tr.filter((r) => r.submitted > 0).map((r) => Number(r.quarter.slice(0, 4))))],
    pillars: q.pillars.map((p) => {
      const m = pm.find((x) => x.pillarId === p.id)!;
      return { id: p.id, name: p.name, shortName: p.shortName, mean: m.mean, n: m.n };
    }),
  };
}

/**
 * The headline as it may leave staff pages: the filtered group itself must hold 5 businesses or
 * more (the group rule of every outbound table: inside a shown group, counts and shares of its
 * answers are shown). Targets are measured over the register (reach, and platform users among
 * registered businesses), never over the businesses that chose to be assessed.
 */
export function outboundHeadline(h: Headline, ind: Indicators) {
  const assessedHidden = isSmallGroup(h.assessed) || isSmallGroup(h.reached);
  const statsHidden = isSmallGroup(h.statisticsBase);
  const target = (id: string) => ind.indicators.find((x) => x.id === id)?.target ?? { percent: 100, rule: "at_least" as const };
  const usersRegistered = h.registryPlatformUsers;
  const reachProgress = progressTo(target("reach"), h.reached, h.registered);
  const platformProgress = progressTo(target("platformUse"), usersRegistered, h.registered);
  return {
    registered: h.registered,
    reached: assessedHidden ? null : h.reached,
    reachPct: assessedHidden ? null : h.reachPct,
    reachTargetPct: reachProgress.targetPct,
    reachGapPts: assessedHidden ? null : reachProgress.gapPts,
    assessed: assessedHidden ? null : h.assessed,
    validated: assessedHidden ? null : h.validated,
    statisticsBase: statsHidden ? null : h.statisticsBase,
    platformUsers: statsHidden ? null : h.platformUsers,
    platformUsePct: statsHidden ? null : h.platformUsePct,
    platformUseTargetPct: platformProgress.targetPct,
    platformUseGapPts: isSmallGroup(usersRegistered) ? null : platformProgress.gapPts,
    meanOverall: statsHidden ? null : oneDecimal(h.meanOverall),
  };
}

/**
 * The indicators as they may leave staff pages: a numerator of 1 to 4 businesses is hidden with
 * its share (the register, the denominator, is public). Each says which population it counts and,
 * for a share among the assessed, that it rests on a self-selected part of the register.
 */
export function outboundIndicators(ind: Indicators, views: readonly IndicatorView[]) {
  const fig = (x: IndicatorView["all"]) => ({
    numerator: isSmallGroup(x.numerator) ? null : x.numerator,
    denominator: x.denominator,
    valuePct: isSmallGroup(x.numerator) ? null : x.valuePct,
    sizeUnknownInRegister: x.sizeUnknown,
  });
  return views.map((v) => ({
    id: v.indicator.id,
    name: v.indicator.name,
    population: { id: v.population.id, name: v.population.name, definition: v.population.definition },
    numerator: v.indicator.numerator,
    denominator: v.indicator.denominator,
    target: { year: ind.targetYear, ...v.indicator.target, met: isSmallGroup(v.all.numerator) ? null : v.all.progress.met },
    all: fig(v.all),
    validatedOnly: fig(v.validated),
    compare: v.compare.map((c) => ({ population: { id: c.population.id, name: c.population.name }, all: fig(c.all), validatedOnly: fig(c.validated) })),
    path: targetPath(ind, v.indicator).map((p) => ({ year: p.year, percent: p.milestone?.percent ?? null, kind: p.milestone?.kind ?? null })),
    milestone: v.milestone
      ? { year: v.milestone.year, percent: v.milestone.percent, kind: v.milestone.kind, gapPts: isSmallGroup(v.all.numerator) ? null : v.milestone.progress.gapPts }
      : null,
    sampleAmongAssessed: v.sample
      ? {
          selfSelected: true,
          assessed: isSmallGroup(v.sample.assessed) ? null : v.sample.assessed,
          valuePct: isSmallGroup(v.sample.assessed) ? null : v.sample.valuePct,
          registryCoveragePct: isSmallGroup(v.sample.assessed) ? null : v.sample.registryCoveragePct,
          metAmongAssessedOnly: isSmallGroup(v.sample.assessed) ? null : v.sample.metAmongAssessed,
        }
      : null,
  }));
}

// Queries of the dashboard's pre-aggregated tables (kept by the triggers of migration 0002, see
// src/migrationSql/) and of the facts behind them. Raw prepared statements: these run on every
// dashboard view and must stay in milliseconds at a million assessments.
import type Database from "better-sqlite3";
import type {
  AdviceCell,
  ChangeCell,
  CurrentCell,
  DemandCell,
  Filter,
  GroupDim,
  PillarCell,
  QuarterCell,
  ReachCell,
} from "../src/domain/aggregates.ts";
import type { Db } from "./connection.ts";
import type { StaffMember } from "../src/domain/access.ts";
import { seesRecordSql } from "./access.ts";
import { endOfVietnamDay, startOfVietnamYear } from "../src/domain/vietnamTime.ts";

const stmtCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt(db: Db, sql: string): Database.Statement {
  let m = stmtCache.get(db.$client);
  if (!m) stmtCache.set(db.$client, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.$client.prepare(sql)));
  return s;
}

const FILTER_COLUMNS: [keyof Filter, string][] = [
  ["sector", "sector"],
  ["communeId", "commune_id"],
  ["sizeClass", "size_class"],
  ["legalForm", "legal_form"],
];

/** " WHERE sector = ? AND …" for the filters given, and their values. */
function where(f: Filter, extra: string[] = [], prefix = ""): { sql: string; params: string[] } {
  const parts = [...extra];
  const params: string[] = [];
  for (const [k, col] of FILTER_COLUMNS) {
    const v = f[k];
    if (v) {
      parts.push(`${prefix}${col} = ?`);
      params.push(v);
    }
  }
  return { sql: parts.length ? ` WHERE ${parts.join(" AND ")}` : "", params };
}

type Row = Record<string, number | string>;
const levelsOf = (r: Row) => [Number(r.l0), Number(r.l1), Number(r.l2), Number(r.l3), Number(r.l4), Number(r.l5)];
const group = (r: Row) => ({
  sector: String(r.sector ?? "*"),
  communeId: String(r.commune_id ?? "*"),
  sizeClass: String(r.size_class ?? "*"),
  legalForm: String(r.legal_form ?? "*"),
});

const COLUMN: Record<GroupDim, string> = { sector: "sector", communeId: "commune_id", sizeClass: "size_class", legalForm: "legal_form" };

/**
 * Sum a cube over the rows matching the filter, keeping only the dimensions `by` (and `keep`):
 * SQLite adds up the cells, so a view reads tens of rows, not the whole cube. Dimensions summed
 * away come back as "*".
 */
function summed(db: Db, table: string, f: Filter, by: readonly GroupDim[], keep: string[], sums: string[], extra: string[] = [], extraParams: string[] = []): Row[] {
  const w = where(f, extra);
  const cols = [...by.map((d) => COLUMN[d]), ...keep];
  const select = [...cols, ...sums.map((m) => `sum(${m}) AS ${m}`)].join(", ");
  const sql = `SELECT ${select} FROM ${table}${w.sql}${cols.length ? ` GROUP BY ${cols.join(", ")}` : ""}`;
  return stmt(db, sql).all(...extraParams, ...w.params) as Row[];
}

const MEASURES = ["n", "platform", "overall_sum", "l0", "l1", "l2", "l3", "l4", "l5"];

/**
 * Current assessments by group, method, validation and consent: the whole (filtered) cube in one
 * read, as plain rows. It has at most a few thousand cells whatever the number of assessments.
 */
export function currentCells(db: Db, f: Filter): CurrentCell[] {
  const w = where(f);
  const rows = stmt(db, `SELECT sector, commune_id, size_class, legal_form, method, validated, consent, n, platform, overall_sum, l0, l1, l2, l3, l4, l5 FROM stat_cube_current${w.sql}`)
    .raw()
    .all(...w.params) as (string | number)[][];
  const out: CurrentCell[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out[i] = {
      sector: r[0] as string,
      communeId: r[1] as string,
      sizeClass: r[2] as string,
      legalForm: r[3] as string,
      method: r[4] as CurrentCell["method"],
      validated: r[5] === 1,
      consent: r[6] === 1,
      n: r[7] as number,
      platform: r[8] as number,
      overallSum: r[9] as number,
      levels: [r[10] as number, r[11] as number, r[12] as number, r[13] as number, r[14] as number, r[15] as number],
    };
  }
  return out;
}

/** Every submission by quarter (consenting and all), summed in the cube's own order (no sort). */
export function quarterCells(db: Db, f: Filter): QuarterCell[] {
  // The province or one commune: the small rollup (migration 0004); other filters: the full cube.
  const table = !f.sector && !f.sizeClass && !f.legalForm ? "stat_quarter_commune" : "stat_cube_quarter";
  const w = where(f);
  const c = (m: string) => `sum(${m} * consent)`;
  const rows = stmt(
    db,
    `SELECT quarter, sum(n), ${c("n")}, ${c("platform")}, ${c("overall_sum")}, ${c("l0")}, ${c("l1")}, ${c("l2")}, ${c("l3")}, ${c("l4")}, ${c("l5")} FROM ${table}${w.sql} GROUP BY quarter`,
  )
    .raw()
    .all(...w.params) as (string | number)[][];
  const out: QuarterCell[] = [];
  for (const r of rows) {
    const all = r[1] as number;
    const n = r[2] as number;
    const base = { sector: "*", communeId: "*", sizeClass: "*", legalForm: "*", quarter: r[0] as string };
    out.push({ ...base, consent: true, n, platform: r[3] as number, overallSum: r[4] as number, levels: (r.slice(5, 11) as number[]).map(Number) });
    if (all - n) out.push({ ...base, consent: false, n: all - n, platform: 0, overallSum: 0, levels: [0, 0, 0, 0, 0, 0] });
  }
  return out;
}

export function pillarCells(db: Db, f: Filter, by: readonly GroupDim[] = []): PillarCell[] {
  return summed(db, "stat_cube_pillar", f, by, ["pillar_id"], ["n", "score_sum"]).map((r) => ({
    ...group(r),
    pillarId: String(r.pillar_id),
    n: Number(r.n),
    sum: Number(r.score_sum),
  }));
}

/** The whole pillar cube as plain rows (the open data groups it by sector × commune × size). */
export function pillarCellsAll(db: Db): PillarCell[] {
  const rows = stmt(db, `SELECT sector, commune_id, size_class, legal_form, pillar_id, n, score_sum FROM stat_cube_pillar`).raw().all() as (string | number)[][];
  return rows.map((r) => ({ sector: r[0] as string, communeId: r[1] as string, sizeClass: r[2] as string, legalForm: r[3] as string, pillarId: r[4] as string, n: r[5] as number, sum: r[6] as number }));
}

export function reachCells(db: Db, f: Filter): ReachCell[] {
  const w = where(f);
  const rows = stmt(db, `SELECT sector, commune_id, size_class, legal_form, registered, reached, reached_validated, platform, platform_validated FROM stat_reach_cube${w.sql}`)
    .raw()
    .all(...w.params) as (string | number)[][];
  return rows.map((r) => ({
    sector: r[0] as string,
    communeId: r[1] as string,
    sizeClass: r[2] as string,
    legalForm: r[3] as string,
    registered: r[4] as number,
    reached: r[5] as number,
    reachedValidated: r[6] as number,
    platformUsers: r[7] as number,
    platformUsersValidated: r[8] as number,
  }));
}

/**
 * Demand items ("gap:<question>", "platform:<id>", "weak:<pillar>", …) of current consenting
 * assessments, by commune: one pass over the cube serves every demand table of a view.
 */
export function demandByCommune(db: Db, f: Filter): DemandCell[] {
  // The province or one commune: the small rollup (migration 0003); other filters: the full cube.
  const rollup = !f.sector && !f.sizeClass && !f.legalForm;
  const w = where(f);
  const sql = rollup
    ? `SELECT commune_id, item, n FROM stat_demand_commune${w.sql}`
    : `SELECT commune_id, item, sum(n) FROM stat_demand_cube${w.sql} GROUP BY commune_id, item`;
  const rows = stmt(db, sql).raw().all(...w.params) as (string | number)[][];
  return rows.map((r) => ({ sector: "*", communeId: r[0] as string, sizeClass: "*", legalForm: "*", item: r[1] as string, n: r[2] as number }));
}

/** Demand items of one kind, by the dimensions `by` (open data, tests). */
export function demandCells(db: Db, f: Filter, prefix: string, by: readonly GroupDim[] = []): DemandCell[] {
  // prefix range: "gap:" ≤ item < "gap;"
  const hi = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return summed(db, "stat_demand_cube", f, by, ["item"], ["n"], ["item >= ?", "item < ?"], [prefix, hi]).map((r) => ({
    ...group(r),
    item: String(r.item),
    n: Number(r.n),
  }));
}

/** A row of the change cube (or of the same sums over the pairs of one year). */
const changeCell = (r: Row): ChangeCell => ({
    ...group(r),
    supportType: String(r.support_type),
    consent: r.consent === 1,
    n: Number(r.n),
    t0Sum: Number(r.t0_sum),
    t1Sum: Number(r.t1_sum),
    levelUp: Number(r.level_up),
    t0Platform: Number(r.t0_platform),
    t1Platform: Number(r.t1_platform),
});

export function changeCells(db: Db, f: Filter, by: readonly GroupDim[] = []): ChangeCell[] {
  return summed(db, "stat_change_cube", f, by, ["support_type", "consent"], ["n", "t0_sum", "t1_sum", "level_up", "t0_platform", "t1_platform"]).map(changeCell);
}

export function adviceCells(db: Db, f: Filter, by: readonly GroupDim[] = []): AdviceCell[] {
  return summed(db, "stat_advice_cube", f, by, ["status"], ["n"]).map((r) => ({
    ...group(r),
    status: String(r.status),
    n: Number(r.n),
  }));
}

export type PeerHistograms = ReadonlyMap<string, readonly (readonly [number, number])[]>;
const peerCache = new WeakMap<Database.Database, Map<string, { version: number; hist: PeerHistograms }>>();

/**
 * Histogram of scores (tenths) per pillar ("_overall" for the overall score) of one peer group.
 * Kept per connection until the group's version (migration 0006) moves: a group holds thousands
 * of rows at 100,000 assessments and every result page and report reads it.
 */
export function peerHistograms(db: Db, sector: string, sizeClass: string): PeerHistograms {
  const version = Number((stmt(db, `SELECT v FROM stat_peer_versions WHERE sector = ? AND size_class = ?`).get(sector, sizeClass) as { v: number } | undefined)?.v ?? 0);
  let groups = peerCache.get(db.$client);
  if (!groups) peerCache.set(db.$client, (groups = new Map()));
  const key = `${sector}\u0000${sizeClass}`;
  const kept = groups.get(key);
  if (kept && kept.version === version) return kept.hist;
  const hist = new Map<string, [number, number][]>();
  const rows = stmt(db, `SELECT pillar_id, score_tenths, n FROM stat_peer_hist WHERE sector = ? AND size_class = ?`).all(sector, sizeClass) as {
    pillar_id: string;
    score_tenths: number;
    n: number;
  }[];
  for (const r of rows) {
    const h = hist.get(r.pillar_id) ?? [];
    h.push([r.score_tenths / 10, r.n]);
    hist.set(r.pillar_id, h);
  }
  groups.set(key, { version, hist });
  return hist;
}

/** The facts row of one assessment (null when it is not submitted). */
export function factOf(db: Db, assessmentId: number): { current: number; consent: number; pillarScores: string; overall: number } | null {
  const r = stmt(db, `SELECT current, consent, pillar_scores, overall FROM stat_facts WHERE assessment_id = ?`).get(assessmentId) as
    | { current: number; consent: number; pillar_scores: string; overall: number }
    | undefined;
  return r ? { current: r.current, consent: r.consent, pillarScores: r.pillar_scores, overall: r.overall } : null;
}

/** Assessed businesses (current assessments) not found in the registry: to link by hand. */
export function unlinkedCount(db: Db, f: Filter): number {
  const w = where(f);
  return Number((stmt(db, `SELECT coalesce(sum(n), 0) n FROM stat_unlinked_cube${w.sql}`).get(...w.params) as { n: number }).n);
}

// ── demand catch-up ──

export function pendingDemand(db: Db, limit: number): number[] {
  return (stmt(db, `SELECT assessment_id FROM stat_facts WHERE demand IS NULL LIMIT ?`).all(limit) as { assessment_id: number }[]).map((r) => r.assessment_id);
}

export function pendingDemandCount(db: Db): number {
  return Number((stmt(db, `SELECT count(*) n FROM stat_facts WHERE demand IS NULL`).get() as { n: number }).n);
}

export function setDemand(db: Db, assessmentId: number, items: readonly string[]): void {
  stmt(db, `UPDATE stat_facts SET demand = ? WHERE assessment_id = ?`).run(JSON.stringify(items), assessmentId);
}

// ── the lists behind the numbers (staff only) ──

export const LIST_KINDS = ["assessed", "validated", "guided", "self", "consent", "platform", "level", "unlinked", "pairs", "item"] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface ListQuery extends Filter {
  kind: ListKind;
  level?: number;
  /** Demand item ("gap:<question>", "platform:<id>", …) for kind "item". */
  item?: string;
  /** Quarter of submission ("2026-Q3"). */
  quarter?: string;
  /** Every submitted assessment, not only the latest of each business (the trend counts all). */
  all?: boolean;
  /** Keyset paging: assessments with a smaller id than this. */
  before?: number;
  limit: number;
  /** Only the assessments whose record this staff member sees (src/domain/access.ts). */
  viewer: StaffMember;
}

export interface ListedAssessment {
  id: number;
  businessName: string;
  taxCode: string | null;
  sector: string;
  communeId: string;
  sizeClass: string;
  legalForm: string;
  method: string;
  validated: boolean;
  consent: boolean;
  level: number;
  overall: number;
  platform: boolean;
  submittedAt: string;
  round: number;
  registryId: number | null;
}

export function listAssessments(db: Db, q: ListQuery): ListedAssessment[] {
  const extra = [seesRecordSql(q.viewer, "a"), ...(q.all ? [] : ["f.current = 1"])];
  const params: (string | number)[] = [];
  if (q.kind === "validated") extra.push("f.validated = 1");
  if (q.kind === "guided") extra.push("f.method = 'guided'");
  if (q.kind === "self") extra.push("f.validated = 0");
  if (q.kind === "consent") extra.push("f.consent = 1");
  if (q.kind === "platform") extra.push("f.consent = 1", "f.platform = 1");
  if (q.kind === "level") extra.push("f.consent = 1", "f.level = ?");
  if (q.kind === "unlinked") extra.push("f.registry_id IS NULL");
  if (q.kind === "pairs") extra.splice(1, extra.length - 1, "f.prev_id IS NOT NULL", "f.consent = 1");
  if (q.kind === "level") params.push(q.level ?? 0);
  if (q.kind === "item") {
    extra.push("f.consent = 1", "EXISTS (SELECT 1 FROM json_each(f.demand) j WHERE j.value = ?)");
    params.push(q.item ?? "");
  }
  if (q.quarter) {
    extra.push("f.quarter = ?");
    params.push(q.quarter);
  }
  if (q.before) {
    extra.push("f.assessment_id < ?");
    params.push(q.before);
  }
  const w = where(q, extra, "f.");
  const sql = `SELECT f.assessment_id id, a.business_name, a.tax_code, f.sector, f.commune_id, f.size_class, f.legal_form, f.method, f.validated, f.consent, f.level, f.overall, f.platform, f.submitted_at, a.round, f.registry_id
    FROM stat_facts f JOIN assessments a ON a.id = f.assessment_id${w.sql} ORDER BY f.assessment_id DESC LIMIT ?`;
  return (stmt(db, sql).all(...params, ...w.params, q.limit) as Row[]).map((r) => ({
    id: Number(r.id),
    businessName: String(r.business_name),
    taxCode: (r.tax_code as string | null) ?? null,
    sector: String(r.sector),
    communeId: String(r.commune_id),
    sizeClass: String(r.size_class),
    legalForm: String(r.legal_form),
    method: String(r.method),
    validated: r.validated === 1,
    consent: r.consent === 1,
    level: Number(r.level),
    overall: Number(r.overall),
    platform: r.platform === 1,
    submittedAt: String(r.submitted_at),
    round: Number(r.round),
    registryId: (r.registry_id as number | null) ?? null,
  }));
}

// ── the yearly report: figures as they stood at the end of a year (read in a worker) ──


/**
 * The dashboard's two cubes as they stood at the end of `day` (Vietnam time): the latest assessment
 * of each business submitted by then (grouped like the current cube), and the register as it stood
 * that day (its history, closed businesses gone from their closing day) with the rows reached by
 * then, reached by a validated assessment, and whose latest consenting assessment uses platforms.
 *
 * "Each business" is counted as the live figures count it (one unit: the same tax code, else the
 * same registry row linked by hand, else the same business record), with what was known that day:
 * a hand link counts from the day it was made, for every round of its business record; an
 * assessment counts as validated only if an advisor validated it by then. Corrections made later
 * by staff (two records of one business merged, a business record's tax code corrected) apply to
 * past days too, as corrections. The statistics consent is the one in force now: a withdrawal
 * takes an owner out of every figure made after it, past years included. The yearly report reads
 * it with the 31 December of its year; the dashboard at a date, likewise.
 *
 * The assessments, hand links and register of that day are first written to temporary tables
 * with the indexes the joins need (a read-only connection may write its own temporary tables), all
 * in one read transaction so every part sees the same data. Written as one query with correlated
 * subqueries it took minutes at 100,000 assessments; this way, seconds.
 */
export function cellsAsOf(db: Db, day: string): { current: CurrentCell[]; reach: ReachCell[] } {
  const c = db.$client;
  const b = endOfVietnamDay(day);
  const drop = () => c.exec(`DROP TABLE IF EXISTS temp.asof_links; DROP TABLE IF EXISTS temp.asof_reg; DROP TABLE IF EXISTS temp.asof_facts;`);
  return c.transaction(() => {
    drop();
    try {
      // Hand links made by then, with the business record of the round they were made on.
      c.prepare(
        `CREATE TEMP TABLE asof_links AS
         SELECT l.assessment_id, l.registry_id, x.business_id,
           row_number() OVER (PARTITION BY x.business_id ORDER BY l.linked_at, l.assessment_id) nth
         FROM registry_links l JOIN assessments x ON x.id = l.assessment_id WHERE l.linked_at < @b`,
      ).run({ b });
      c.exec(`CREATE INDEX temp.asof_links_assessment ON asof_links (assessment_id); CREATE INDEX temp.asof_links_business ON asof_links (business_id, nth);`);
      c.prepare(
        `CREATE TEMP TABLE asof_reg AS
         SELECT registry_id, tax_code, sector, commune_id, coalesce(size_class, 'unknown') size_class, legal_form FROM registry_versions
         WHERE valid_from <= @d AND (valid_to IS NULL OR valid_to > @d)`,
      ).run({ d: day });
      c.exec(`CREATE INDEX temp.asof_reg_id ON asof_reg (registry_id); CREATE INDEX temp.asof_reg_tax ON asof_reg (tax_code) WHERE tax_code IS NOT NULL;`);
      // Each assessment submitted by then: its hand-linked row (its own link, else its business
      // record's first), its registry row that day (the hand link if the row was in the register,
      // else the same tax code), its unit, and whether it was the latest of its unit.
      c.prepare(
        `CREATE TEMP TABLE asof_facts AS
         WITH f AS (
           SELECT f.assessment_id id, f.business_id, f.tax_code, f.sector, f.commune_id, f.size_class, f.legal_form, f.method, f.consent, f.platform, f.overall, f.level, f.submitted_at,
             (a.validated_at IS NOT NULL AND a.validated_at < @b) validated,
             coalesce((SELECT l.registry_id FROM asof_links l WHERE l.assessment_id = f.assessment_id),
                      (SELECT l.registry_id FROM asof_links l WHERE f.business_id IS NOT NULL AND l.business_id = f.business_id AND l.nth = 1)) link
           FROM stat_facts f JOIN assessments a ON a.id = f.assessment_id WHERE f.submitted_at < @b
         ),
         u AS (
           SELECT f.*,
             coalesce((SELECT r.registry_id FROM asof_reg r WHERE r.registry_id = f.link),
                      (SELECT min(r.registry_id) FROM asof_reg r WHERE f.tax_code IS NOT NULL AND r.tax_code = f.tax_code)) rid,
             coalesce('t:' || coalesce((SELECT bz.tax_code FROM businesses bz WHERE bz.id = f.business_id), f.tax_code,
                                       (SELECT r.tax_code FROM registry r WHERE r.id = f.link)),
                      'r:' || f.link, 'b:' || f.business_id, 'a:' || f.id) unit
           FROM f
         )
         SELECT u.*, row_number() OVER (PARTITION BY unit ORDER BY submitted_at DESC, id DESC) = 1 latest FROM u`,
      ).run({ b });
      const current = (
        c
          .prepare(
            `SELECT sector, commune_id, size_class, legal_form, method, validated, consent, count(*) n, sum(platform) platform, sum(overall) overall_sum,
               sum(level = 0) l0, sum(level = 1) l1, sum(level = 2) l2, sum(level = 3) l3, sum(level = 4) l4, sum(level = 5) l5
             FROM asof_facts WHERE latest GROUP BY 1, 2, 3, 4, 5, 6, 7`,
          )
          .all() as Row[]
      ).map((r) => ({
        ...group(r),
        method: r.method as CurrentCell["method"],
        validated: r.validated === 1,
        consent: r.consent === 1,
        n: Number(r.n),
        platform: Number(r.platform),
        overallSum: Number(r.overall_sum),
        levels: levelsOf(r),
      }));
      // Each row's flags, then the register and the rows reached added up side by side (a LEFT JOIN
      // of the register to the rows reached scanned one for each of the other).
      const reach = (
        c
          .prepare(
            `WITH hit AS (
               SELECT rid, max(validated) v, max(latest AND consent AND platform) p, max(latest AND consent AND platform AND validated) pv FROM asof_facts WHERE rid IS NOT NULL GROUP BY rid
             )
             SELECT sector, commune_id, size_class, legal_form, sum(registered) registered, sum(reached) reached,
               sum(v) reached_validated, sum(p) platform, sum(pv) platform_validated
             FROM (
               SELECT sector, commune_id, size_class, legal_form, 1 registered, 0 reached, 0 v, 0 p, 0 pv FROM asof_reg
               UNION ALL
               SELECT r.sector, r.commune_id, r.size_class, r.legal_form, 0, 1, hit.v, hit.p, hit.pv FROM hit JOIN asof_reg r ON r.registry_id = hit.rid
             ) GROUP BY 1, 2, 3, 4`,
          )
          .all() as Row[]
      ).map((r) => ({
        ...group(r),
        registered: Number(r.registered),
        reached: Number(r.reached),
        reachedValidated: Number(r.reached_validated),
        platformUsers: Number(r.platform),
        platformUsersValidated: Number(r.platform_validated),
      }));
      return { current, reach };
    } finally {
      drop();
    }
  })();
}

/** T0 → T1 pairs whose T1 was submitted during `year`. */
export function changeCellsOfYear(db: Db, year: number): ChangeCell[] {
  const a = startOfVietnamYear(year);
  const b = startOfVietnamYear(year + 1);
  const rows = db.$client
    .prepare(
      `SELECT p.sector, p.commune_id, p.size_class, p.legal_form, p.consent, j.value support_type, count(*) n, sum(p.t0_overall) t0_sum, sum(p.t1_overall) t1_sum,
         sum(p.t1_level > p.t0_level) level_up, sum(p.t0_platform) t0_platform, sum(p.t1_platform) t1_platform
       FROM stat_pairs p JOIN stat_facts t1 ON t1.assessment_id = p.t1_id,
         json_each(CASE WHEN p.support_types = '[]' THEN '["_none","_all"]' ELSE json_insert(p.support_types, '$[#]', '_all') END) j
       WHERE t1.submitted_at >= ? AND t1.submitted_at < ?
       GROUP BY 1, 2, 3, 4, 5, 6`,
    )
    .all(a, b) as Row[];
  return rows.map(changeCell);
}

/** Activity during `year`: assessments submitted (every round), of them validated, re-assessments. */
export function activityOfYear(db: Db, year: number): { submitted: number; validated: number; reassessed: number; guided: number } {
  const a = startOfVietnamYear(year);
  const b = startOfVietnamYear(year + 1);
  const r = db.$client
    .prepare(
      `SELECT count(*) submitted, coalesce(sum(a.validated_at IS NOT NULL AND a.validated_at < ?), 0) validated, coalesce(sum(f.prev_id IS NOT NULL), 0) reassessed, coalesce(sum(f.method = 'guided'), 0) guided
       FROM stat_facts f JOIN assessments a ON a.id = f.assessment_id WHERE f.submitted_at >= ? AND f.submitted_at < ?`,
    )
    .get(b, a, b) as { submitted: number; validated: number; reassessed: number; guided: number };
  return r;
}

/** Years with at least one submitted assessment (for the report's year picker). */
export function yearsWithData(db: Db): number[] {
  return (db.$client.prepare(`SELECT DISTINCT CAST(substr(quarter, 1, 4) AS INTEGER) y FROM stat_cube_quarter ORDER BY y`).all() as { y: number }[]).map((r) => r.y);
}

/**
 * Requests for advice behind the dashboard's count (no contact details: the department only
 * counts), those of assessments this staff member sees; the others only counted.
 */
export function adviceList(db: Db, f: Filter, status: string | undefined, limit: number, viewer: StaffMember) {
  const seen = seesRecordSql(viewer, "a");
  const w = where(f, status ? ["ar.status = ?"] : [], "a.");
  const rows = db.$client
    .prepare(
      `SELECT ar.id, a.business_name businessName, a.commune_id communeId, ar.action_id actionId, ar.status, ar.created_at createdAt, a.id assessmentId
       FROM advice_requests ar JOIN assessments a ON a.id = ar.assessment_id${w.sql ? `${w.sql} AND ${seen}` : ` WHERE ${seen}`} ORDER BY ar.id DESC LIMIT ?`,
    )
    .all(...(status ? [status] : []), ...w.params, limit) as { id: number; businessName: string; communeId: string; actionId: string; status: string; createdAt: string; assessmentId: number }[];
  const hidden = Number(
    (
      db.$client
        .prepare(`SELECT count(*) n FROM advice_requests ar JOIN assessments a ON a.id = ar.assessment_id${w.sql ? `${w.sql} AND NOT ${seen}` : ` WHERE NOT ${seen}`}`)
        .get(...(status ? [status] : []), ...w.params) as { n: number }
    ).n,
  );
  return { rows, hidden };
}

/** The version of the published figures (migration 0013): moves with every write that can change one. */
export function figuresVersion(db: Db): number {
  return Number((stmt(db, `SELECT v FROM figures_version WHERE id = 1`).get() as { v: number } | undefined)?.v ?? 0);
}

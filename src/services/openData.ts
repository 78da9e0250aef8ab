// Anonymised open data: the readiness of businesses whose latest assessment may be used in
// statistics, by sector × commune × size class (the cells), by sector, by commune, by size class
// and by legal form, and the province; and reach (registered businesses assessed) by sector and by
// commune. The whole set is protected together (src/domain/openDataTables.ts): no group of fewer
// than 5 is shown and no hidden number can be worked out from all the published ones.
import { currentCells, pillarCellsAll, reachCells } from "../../db/stats.ts";
import { addMeasures, emptyMeasures, LEVELS, pct, share, type Measures } from "../domain/aggregates.ts";
import { LEGAL_FORMS, SECTORS, SIZE_CLASSES } from "../domain/questionnaire.ts";
import { MIN_GROUP_SIZE } from "../domain/suppression.ts";
import { protectReach, protectReadiness } from "../domain/openDataTables.ts";
import type { Services } from "./assessments.ts";
import { labels, protectedLevels } from "./stats.ts";
import { vi } from "../../views/messages.ts";

export interface OpenDataRow {
  sector: string;
  sector_name: string;
  commune_id: string;
  commune_name: string;
  size_class: string;
  size_class_name: string;
  /** true when the row is hidden; every figure is then null. */
  suppressed: boolean;
  businesses: number | null;
  platform_use_pct: number | null;
  mean_overall: number | null;
  /** Published for the province only (see the method); null in the cells. */
  levels_pct: Record<string, number | null>;
  pillar_means: Record<string, number | null>;
}

/** A row of a one-way table (by sector, commune, size class or legal form), or its total. */
export interface OpenDataTableRow {
  key: string;
  name: string;
  total: boolean;
  suppressed: boolean;
  businesses: number | null;
  platform_use_pct: number | null;
  mean_overall: number | null;
  pillar_means: Record<string, number | null>;
}

/** A row of a reach table: registered businesses (the public register) and those assessed. */
export interface OpenDataReachRow {
  key: string;
  name: string;
  total: boolean;
  suppressed: boolean;
  registered: number;
  /** Registered businesses with at least one submitted assessment; null when hidden. */
  businesses: number | null;
  reach_pct: number | null;
}

export const OPEN_DATA_TABLES = ["by_sector", "by_commune", "by_size", "by_legal_form", "reach_by_sector", "reach_by_commune"] as const;
export type OpenDataTableName = (typeof OPEN_DATA_TABLES)[number];

export interface OpenData {
  title: string;
  description: string;
  generated_at: string;
  min_group_size: number;
  questionnaire: { id: string; version: string };
  pillars: { id: string; name: string }[];
  levels: { level: number; name: string }[];
  rows: OpenDataRow[];
  total: OpenDataRow;
  tables: {
    by_sector: OpenDataTableRow[];
    by_commune: OpenDataTableRow[];
    by_size: OpenDataTableRow[];
    by_legal_form: OpenDataTableRow[];
    reach_by_sector: OpenDataReachRow[];
    reach_by_commune: OpenDataReachRow[];
  };
}

const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

interface Group {
  m: Measures;
  pillars: Map<string, { n: number; sum: number }>;
}
const emptyGroup = (): Group => ({ m: emptyMeasures(), pillars: new Map() });
function addGroup(into: Group, g: Group) {
  addMeasures(into.m, g.m);
  for (const [id, p] of g.pillars) {
    const acc = into.pillars.get(id) ?? { n: 0, sum: 0 };
    acc.n += p.n;
    acc.sum += p.sum;
    into.pillars.set(id, acc);
  }
}

export function openData(s: Services): OpenData {
  const L = labels(s);
  const q = s.content.current;
  const pillarIds = q.pillars.map((p) => p.id);
  const communes = s.content.communes.map((c) => c.id);
  const dims = { sectors: SECTORS, communes, sizes: SIZE_CLASSES, forms: LEGAL_FORMS };
  const pos = (xs: readonly string[]) => new Map(xs.map((x, i) => [x, i]));
  const [sPos, cPos, zPos, lPos] = [pos(SECTORS), pos(communes), pos(SIZE_CLASSES), pos(LEGAL_FORMS)];
  // The finest groups (sector × commune × size × legal form) of consenting current assessments.
  const key4 = (s4: number, c: number, z: number, l: number) => ((s4 * communes.length + c) * SIZE_CLASSES.length + z) * LEGAL_FORMS.length + l;
  const groups = new Map<number, Group>();
  const groupOf = (sector: string, commune: string, size: string, form: string) => {
    const [a, b, c, d] = [sPos.get(sector), cPos.get(commune), zPos.get(size), lPos.get(form)];
    if (a === undefined || b === undefined || c === undefined || d === undefined) return undefined;
    const k = key4(a, b, c, d);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = emptyGroup()));
    return g;
  };
  for (const c of currentCells(s.db, {})) if (c.consent) {
    const g = groupOf(c.sector, c.communeId, c.sizeClass, c.legalForm);
    if (g) addMeasures(g.m, c);
  }
  for (const p of pillarCellsAll(s.db)) {
    const g = groupOf(p.sector, p.communeId, p.sizeClass, p.legalForm);
    if (!g) continue;
    const acc = g.pillars.get(p.pillarId) ?? { n: 0, sum: 0 };
    acc.n += p.n;
    acc.sum += p.sum;
    g.pillars.set(p.pillarId, acc);
  }
  const { layout, hidden } = protectReadiness(dims, (a, b, c, d) => groups.get(key4(a, b, c, d))?.m.n ?? 0);

  // The measures of every published group: a cell, a one-way row, the province.
  const sums = layout.kinds.map(emptyGroup);
  for (const [k, g] of groups) {
    const l = k % LEGAL_FORMS.length;
    const z = Math.floor(k / LEGAL_FORMS.length) % SIZE_CLASSES.length;
    const c = Math.floor(k / (LEGAL_FORMS.length * SIZE_CLASSES.length)) % communes.length;
    const a = Math.floor(k / (LEGAL_FORMS.length * SIZE_CLASSES.length * communes.length));
    for (const i of [layout.cell(a, c, z), layout.sector(a), layout.commune(c), layout.size(z), layout.form(l), layout.total]) addGroup(sums[i]!, g);
  }
  const figures = (i: number) => {
    const g = sums[i]!;
    const hide = hidden[i]!;
    return {
      suppressed: hide,
      businesses: hide ? null : g.m.n,
      platform_use_pct: hide ? null : pct(share(g.m.platform, g.m.n)),
      mean_overall: hide ? null : r1(g.m.n ? g.m.overallSum / g.m.n : null),
      pillar_means: Object.fromEntries(
        pillarIds.map((id) => {
          const p = g.pillars.get(id);
          return [id, hide || !p || p.n < MIN_GROUP_SIZE ? null : r1(p.sum / p.n)];
        }),
      ),
    };
  };
  const noLevels = Object.fromEntries(LEVELS.map((n) => [String(n), null]));
  const cellRow = (a: number, c: number, z: number): OpenDataRow => {
    const f = figures(layout.cell(a, c, z));
    return {
      sector: SECTORS[a]!,
      sector_name: L.sector(SECTORS[a]!),
      commune_id: communes[c]!,
      commune_name: L.communeId(communes[c]!),
      size_class: SIZE_CLASSES[z]!,
      size_class_name: L.sizeClass(SIZE_CLASSES[z]!),
      suppressed: f.suppressed,
      businesses: f.businesses,
      platform_use_pct: f.platform_use_pct,
      mean_overall: f.mean_overall,
      levels_pct: noLevels,
      pillar_means: f.pillar_means,
    };
  };
  const rows: OpenDataRow[] = [];
  for (let a = 0; a < SECTORS.length; a++) for (let c = 0; c < communes.length; c++) for (let z = 0; z < SIZE_CLASSES.length; z++) rows.push(cellRow(a, c, z));
  // The dataset is published in Vietnamese, the reference language, whoever asks for it.
  const words = vi.department.openData.file;
  const province = sums[layout.total]!;
  const levelShown = protectedLevels(province.m.levels);
  const totalFigures = figures(layout.total);
  const total: OpenDataRow = {
    sector: "*",
    sector_name: words.all,
    commune_id: "*",
    commune_name: s.content.province,
    size_class: "*",
    size_class_name: words.all,
    ...totalFigures,
    levels_pct: Object.fromEntries(LEVELS.map((n, i) => [String(n), totalFigures.suppressed || !levelShown[i] ? null : pct(share(province.m.levels[n]!, province.m.n))])),
  };
  const tableRows = (values: readonly string[], index: (i: number) => number, name: (v: string) => string): OpenDataTableRow[] => [
    ...values.map((v, i) => ({ key: v, name: name(v), total: false, ...figures(index(i)) })),
    { key: "*", name: words.province, total: true, ...totalFigures },
  ];

  // Reach: registered businesses (the public register) by sector and by commune, and how many were assessed.
  const registered = { sector: new Array<number>(SECTORS.length).fill(0), commune: new Array<number>(communes.length).fill(0) };
  const reachedAt = new Map<number, number>();
  for (const r of reachCells(s.db, {})) {
    const a = sPos.get(r.sector);
    const c = cPos.get(r.communeId);
    if (a === undefined || c === undefined) continue;
    registered.sector[a]! += r.registered;
    registered.commune[c]! += r.registered;
    reachedAt.set(a * communes.length + c, (reachedAt.get(a * communes.length + c) ?? 0) + r.reached);
  }
  const reach = protectReach(SECTORS.length, communes.length, (a, c) => reachedAt.get(a * communes.length + c) ?? 0);
  const registeredTotal = registered.sector.reduce((x, n) => x + n, 0);
  const reachRow = (key: string, name: string, i: number, reg: number, isTotal = false): OpenDataReachRow => {
    const hide = reach.hidden[i]!;
    const n = reach.counts[i]!;
    return { key, name, total: isTotal, suppressed: hide, registered: reg, businesses: hide ? null : n, reach_pct: hide ? null : pct(share(n, reg)) };
  };
  const reachTable = (values: readonly string[], index: (i: number) => number, regs: number[], name: (v: string) => string): OpenDataReachRow[] => [
    ...values.map((v, i) => reachRow(v, name(v), index(i), regs[i]!)),
    reachRow("*", words.province, reach.total, registeredTotal, true),
  ];

  return {
    title: words.title,
    description: words.description,
    generated_at: new Date().toISOString(),
    min_group_size: MIN_GROUP_SIZE,
    questionnaire: { id: q.id, version: q.version },
    pillars: q.pillars.map((p) => ({ id: p.id, name: p.name })),
    levels: q.levels.map((l) => ({ level: l.level, name: l.name })),
    rows,
    total,
    tables: {
      by_sector: tableRows(SECTORS, layout.sector, L.sector),
      by_commune: tableRows(communes, layout.commune, L.communeId),
      by_size: tableRows(SIZE_CLASSES, layout.size, L.sizeClass),
      by_legal_form: tableRows(LEGAL_FORMS, layout.form, L.legalForm),
      reach_by_sector: reachTable(SECTORS, reach.sector, registered.sector, L.sector),
      reach_by_commune: reachTable(communes, reach.commune, registered.commune, L.communeId),
    },
  };
}

/** One table of the open data flattened for CSV: a line per row, the total last. */
export function openDataTableCsv(o: OpenData, name: OpenDataTableName): { header: string[]; rows: (string | number | null)[][] } {
  if (name === "reach_by_sector" || name === "reach_by_commune") {
    const header = ["key", "name", "total", "suppressed", "registered", "businesses", "reach_pct"];
    return { header, rows: o.tables[name].map((r) => [r.key, r.name, r.total ? 1 : 0, r.suppressed ? 1 : 0, r.registered, r.businesses, r.reach_pct]) };
  }
  const header = ["key", "name", "total", "suppressed", "businesses", "platform_use_pct", "mean_overall", ...o.pillars.map((p) => `pillar_${p.id}_mean`)];
  return {
    header,
    rows: o.tables[name].map((r) => [r.key, r.name, r.total ? 1 : 0, r.suppressed ? 1 : 0, r.businesses, r.platform_use_pct, r.mean_overall, ...o.pillars.map((p) => r.pillar_means[p.id] ?? null)]),
  };
}

/** The same rows flattened for CSV. */
export function openDataCsvRows(o: OpenData): { header: string[]; rows: (string | number | null)[][] } {
  const header = [
    "sector",
    "sector_name",
    "commune_id",
    "commune_name",
    "size_class",
    "size_class_name",
    "suppressed",
    "businesses",
    "platform_use_pct",
    "mean_overall",
    ...o.levels.map((l) => `level_${l.level}_pct`),
    ...o.pillars.map((p) => `pillar_${p.id}_mean`),
  ];
  const flat = (r: OpenDataRow) => [
    r.sector,
    r.sector_name,
    r.commune_id,
    r.commune_name,
    r.size_class,
    r.size_class_name,
    r.suppressed ? 1 : 0,
    r.businesses,
    r.platform_use_pct,
    r.mean_overall,
    ...o.levels.map((l) => r.levels_pct[String(l.level)] ?? null),
    ...o.pillars.map((p) => r.pillar_means[p.id] ?? null),
  ];
  return { header, rows: [...o.rows.map(flat), flat(o.total)] };
}

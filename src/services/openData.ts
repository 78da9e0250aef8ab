// Anonymised open data: one row per sector × commune × size class of current assessments with the
// statistics consent, and one row for the whole province. A row of fewer than 5 businesses is
// hidden, empty rows too (so the data does not tell where the small groups are), and more rows are
// hidden where needed so the province row cannot give a hidden row back by subtraction.
import { currentCells, pillarCellsAll } from "../../db/stats.ts";
import { addMeasures, emptyMeasures, LEVELS, pct, share, type Measures } from "../domain/aggregates.ts";
import { SECTORS, SIZE_CLASSES } from "../domain/questionnaire.ts";
import { MIN_GROUP_SIZE, protect } from "../domain/suppression.ts";
import type { Services } from "./assessments.ts";
import { labels, protectedLevels } from "./stats.ts";

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
  levels_pct: Record<string, number | null>;
  pillar_means: Record<string, number | null>;
}

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
}

const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export function openData(s: Services): OpenData {
  const L = labels(s);
  const q = s.content.current;
  const pillarIds = q.pillars.map((p) => p.id);
  const key = (sector: string, commune: string, size: string) => `${sector}|${commune}|${size}`;
  const cells = new Map<string, { m: Measures; pillars: Map<string, { n: number; sum: number }> }>();
  const cellOf = (k: string) => {
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { m: emptyMeasures(), pillars: new Map() }));
    return c;
  };
  for (const c of currentCells(s.db, {})) if (c.consent) addMeasures(cellOf(key(c.sector, c.communeId, c.sizeClass)).m, c);
  for (const p of pillarCellsAll(s.db)) {
    const c = cellOf(key(p.sector, p.communeId, p.sizeClass));
    const acc = c.pillars.get(p.pillarId) ?? { n: 0, sum: 0 };
    acc.n += p.n;
    acc.sum += p.sum;
    c.pillars.set(p.pillarId, acc);
  }
  const keys: [string, string, string][] = [];
  for (const sector of SECTORS) for (const commune of s.content.communes) for (const size of SIZE_CLASSES) keys.push([sector, commune.id, size]);
  const counts = keys.map(([a, b, c]) => cells.get(key(a, b, c))?.m.n ?? 0);
  const total = counts.reduce((x, n) => x + n, 0);
  const hidden = protect(
    [...counts, total],
    [{ total: counts.length, parts: counts.map((_, i) => i) }],
    MIN_GROUP_SIZE,
    counts.map((n) => n < MIN_GROUP_SIZE),
  );
  const row = (sector: string, commune: string, size: string, c: ReturnType<typeof cellOf> | undefined, hide: boolean): OpenDataRow => {
    const m = c?.m ?? emptyMeasures();
    const levelShown = protectedLevels(m.levels);
    const all = sector === "*";
    return {
      sector,
      sector_name: all ? "Tất cả" : L.sector(sector),
      commune_id: commune,
      commune_name: all ? s.content.province : L.communeId(commune),
      size_class: size,
      size_class_name: all ? "Tất cả" : L.sizeClass(size),
      suppressed: hide,
      businesses: hide ? null : m.n,
      platform_use_pct: hide ? null : pct(share(m.platform, m.n)),
      mean_overall: hide ? null : r1(m.n ? m.overallSum / m.n : null),
      levels_pct: Object.fromEntries(LEVELS.map((n, i) => [String(n), hide || !levelShown[i] ? null : pct(share(m.levels[n]!, m.n))])),
      pillar_means: Object.fromEntries(
        pillarIds.map((id) => {
          const p = c?.pillars.get(id);
          return [id, hide || !p || p.n < MIN_GROUP_SIZE ? null : r1(p.sum / p.n)];
        }),
      ),
    };
  };
  const province = { m: emptyMeasures(), pillars: new Map<string, { n: number; sum: number }>() };
  for (const c of cells.values()) {
    addMeasures(province.m, c.m);
    for (const [id, p] of c.pillars) {
      const acc = province.pillars.get(id) ?? { n: 0, sum: 0 };
      acc.n += p.n;
      acc.sum += p.sum;
      province.pillars.set(id, acc);
    }
  }
  return {
    title: "Mức độ sẵn sàng chuyển đổi số của doanh nghiệp, hợp tác xã, hộ kinh doanh tỉnh Điện Biên",
    description:
      "Số liệu tổng hợp theo ngành × xã/phường × quy mô từ các bài đánh giá đã nộp (bài mới nhất của mỗi cơ sở) của cơ sở đồng ý cho dùng số liệu thống kê. Nhóm dưới 5 cơ sở bị ẩn; không có dữ liệu của từng cơ sở. Phương pháp: /open-data.",
    generated_at: new Date().toISOString(),
    min_group_size: MIN_GROUP_SIZE,
    questionnaire: { id: q.id, version: q.version },
    pillars: q.pillars.map((p) => ({ id: p.id, name: p.name })),
    levels: q.levels.map((l) => ({ level: l.level, name: l.name })),
    rows: keys.map(([a, b, c], i) => row(a, b, c, cells.get(key(a, b, c)), hidden[i]!)),
    total: row("*", "*", "*", province, hidden[counts.length]!),
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

// The yearly report under Decision 761/QĐ-UBND: an XLSX of the Plan 2902 indicators, each for the
// population the plan names (SMEs as Decree 80 defines them) with the other populations beside
// it, by commune against the year's milestone, the breakdowns of all businesses, levels and
// T0 → T1, and the method. Its figures are those at the end of the year (figures.ts: the register
// as it stood that day, the latest assessment of each business submitted by then), so making it
// again later gives the same figures. Two editions: the department's own (exact) and the published
// one (disclosure control as every output leaving the staff pages). Every sheet says who made it
// and when.
import ExcelJS from "exceljs";
import { indicatorView, type Figure, type IndicatorView } from "../domain/indicators.ts";
import { headline, statsOf } from "../domain/aggregates.ts";
import { isSmallGroup, MIN_GROUP_SIZE } from "../domain/suppression.ts";
import { fmt, vi } from "../../views/messages.ts";
import type { Services } from "./assessments.ts";
import type { Figures } from "./figures.ts";
import { BREAKDOWN_RULES, breakdownTable, changeTable, indicatorCommuneTable, levelsTable, protectTable, type StatTable } from "./stats.ts";
import { todayInVietnam, vietnamDateTime } from "../domain/vietnamTime.ts";

const d = vi.department;
const r = d.report;

export const EDITIONS = ["published", "internal"] as const;
export type Edition = (typeof EDITIONS)[number];

/**
 * The report's cut-off: the end of the year, or, for a year not over yet (in Vietnam's time), the
 * day it is made, said plainly so nobody files provisional figures as the year's.
 */
export function reportCutoff(year: number, now: Date = new Date()): { day: string; date: string; provisional: boolean; text: string } {
  const today = todayInVietnam(now.getTime());
  if (Number(today.slice(0, 4)) > year) return { day: `${year}-12-31`, date: `31/12/${year}`, provisional: false, text: `Số liệu tính đến hết ngày 31/12/${year} (giờ Việt Nam).` };
  const date = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
  return { day: today, date, provisional: true, text: `Năm ${year} chưa kết thúc: số liệu TẠM TÍNH đến ngày ${date}, chưa phải số liệu cả năm.` };
}

interface Stamp {
  edition: Edition;
  generatedBy: string;
  generatedAt: Date;
}

const stampLine = (st: Stamp) => fmt(r.generated, { name: st.generatedBy, at: vietnamDateTime(st.generatedAt) });
const editionLine = (st: Stamp) => (st.edition === "internal" ? r.internalEdition : fmt(r.publishedEdition, { k: MIN_GROUP_SIZE }));

function addTable(wb: ExcelJS.Workbook, name: string, t: StatTable, caption: string, st: Stamp) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 4 }] });
  ws.addRow([caption]).font = { bold: true, size: 13 };
  ws.addRow([t.lead ?? ""]);
  ws.addRow([`${editionLine(st)} ${stampLine(st)}`]).font = { italic: true };
  const cols = t.columns.filter((c) => c.key !== "label");
  ws.addRow([t.columns[0]!.label, ...cols.map((c) => c.label)]).font = { bold: true };
  for (const row of t.rows) {
    const x = ws.addRow([row.label, ...cols.map((c) => (row.hidden.includes(c.key) ? d.suppressed : (row.values[c.key] ?? null)))]);
    if (row.total) x.font = { bold: true };
  }
  if (st.edition === "published") {
    ws.addRow([]);
    ws.addRow([d.suppressedLegend]);
  }
  ws.getColumn(1).width = 42;
  cols.forEach((_, i) => (ws.getColumn(i + 2).width = 16));
}

/** One line of the indicator sheet: a population's figure, hidden in the published edition when its numerator is 1 to 4. */
function figureCells(x: Figure, validated: Figure, st: Stamp): (string | number | null)[] {
  const hide = (f: Figure) => st.edition === "published" && isSmallGroup(f.numerator);
  return [
    hide(x) ? d.suppressed : x.numerator,
    x.denominator,
    hide(x) ? d.suppressed : x.valuePct,
    hide(validated) ? d.suppressed : validated.valuePct,
  ];
}

function indicatorSheet(s: Services, wb: ExcelJS.Workbook, year: number, views: IndicatorView[], fig: Figures, cutoff: ReturnType<typeof reportCutoff>, st: Stamp) {
  const ind = s.content.indicators;
  const ws = wb.addWorksheet(r.sheetIndicators);
  ws.addRow([fmt(r.title, { year })]).font = { bold: true, size: 14 };
  ws.addRow([fmt(r.basis, { basis: ind.annualReport.basis, recipient: ind.annualReport.recipient, due: ind.annualReport.due })]);
  ws.addRow([`${fmt(r.plan, { plan: ind.plan })} ${cutoff.text}`]).font = cutoff.provisional ? { bold: true } : {};
  ws.addRow([editionLine(st)]).font = { bold: true };
  ws.addRow([stampLine(st)]).font = { italic: true };
  ws.addRow([]);
  ws.addRow([r.col.indicator, r.col.population, r.col.numerator, r.col.denominator, r.col.pct, r.col.validatedPct, fmt(r.col.milestone, { year }), r.col.gap, fmt(r.col.target, { year: ind.targetYear }), r.col.note]).font = {
    bold: true,
  };
  for (const v of views) {
    const x = v.indicator;
    const ms = v.milestone;
    const hideMain = st.edition === "published" && isSmallGroup(v.all.numerator);
    const notes = [
      v.all.progress.met && !v.validated.progress.met && !hideMain && !(st.edition === "published" && isSmallGroup(v.validated.numerator))
        ? fmt(d.indicators.metSelfReported, { pct: `${(v.validated.valuePct ?? 0).toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`, n: v.validated.numerator, d: v.validated.denominator })
        : "",
      ms && ms.kind === "placeholder" ? fmt(r.placeholderMilestone, { targetYear: ind.targetYear }) : "",
      v.all.sizeUnknown ? fmt(v.population.sizeUnknown === "include" ? d.indicators.sizeUnknown : d.indicators.sizeUnknownExcluded, { n: v.all.sizeUnknown }) : "",
    ].filter(Boolean);
    ws.addRow([
      x.name,
      v.population.name,
      ...figureCells(v.all, v.validated, st),
      ms && ms.kind !== "target" ? ms.percent : null,
      ms && ms.kind !== "target" && !hideMain ? ms.progress.gapPts : null,
      `${x.target.rule === "more_than" ? "> " : ""}${x.target.percent}`,
      notes.join(" "),
    ]).font = { bold: true };
    for (const c of v.compare) ws.addRow([`   ${r.compare}`, c.population.name, ...figureCells(c.all, c.validated, st), null, null, null, c.population.definition]);
    if (v.sample) {
      const hide = st.edition === "published" && (isSmallGroup(v.sample.assessed) || isSmallGroup(v.sample.users));
      const coverage = v.sample.registryCoveragePct === null ? "—" : `${v.sample.registryCoveragePct.toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`;
      ws.addRow([
        `   ${r.sample}`,
        v.population.name,
        hide ? d.suppressed : v.sample.users,
        hide ? d.suppressed : v.sample.assessed,
        hide ? d.suppressed : v.sample.valuePct,
        hide ? d.suppressed : v.sample.validatedPct,
        null,
        null,
        null,
        fmt(v.sample.metAmongAssessed && !v.all.progress.met ? r.sampleMet : r.sampleNote, { coverage, population: v.population.noun, pct: x.target.percent }),
      ]);
    }
  }
  ws.addRow([]);
  const act = fig.year!.activity;
  const small = (n: number) => (st.edition === "published" && isSmallGroup(n) ? d.suppressed : n);
  ws.addRow([fmt(r.submittedInYear, { year }), null, small(act.submitted), null, null, null, null, null, null, r.submittedNote]);
  ws.addRow([`   ${r.validatedByEnd}`, null, small(act.validated)]);
  ws.addRow([`   ${r.guided}`, null, small(act.guided)]);
  ws.addRow([`   ${r.reassessed}`, null, small(act.reassessed)]);
  const h = headline(fig.current, fig.reach, {});
  ws.addRow([r.statisticsBase, null, small(h.statisticsBase), small(h.assessed), null, null, null, null, null, r.statisticsNote]);
  if (st.edition === "published") {
    ws.addRow([]);
    ws.addRow([d.suppressedLegend]);
  }
  ws.getColumn(1).width = 62;
  ws.getColumn(2).width = 26;
  [3, 4, 5, 6, 7, 8, 9].forEach((i) => (ws.getColumn(i).width = 14));
  ws.getColumn(10).width = 70;
}

/** Build the workbook from the figures at the end of the year (one render, on the caller's thread: small). */
export async function renderYearReport(s: Services, fig: Figures, st: Stamp, now: Date = st.generatedAt): Promise<Buffer> {
  const year = fig.year!.year;
  const ind = s.content.indicators;
  const cutoff = reportCutoff(year, now);
  const out = st.edition === "published";
  const views = ind.indicators.map((x) => indicatorView(ind, x, fig.reach, fig.current, {}, year));
  const wb = new ExcelJS.Workbook();
  wb.creator = `${vi.site.owner} · ${st.generatedBy}`;
  wb.created = st.generatedAt;
  wb.title = fmt(r.title, { year });

  indicatorSheet(s, wb, year, views, fig, cutoff, st);
  for (const v of views) {
    const t = indicatorCommuneTable(s, v, fig.reach, {}, year, out);
    addTable(wb, `${v.indicator.shortName} theo xã`.slice(0, 31), t, `${t.title}, ${fmt(r.until, { date: cutoff.date })}`, st);
  }
  const bd = (dim: Parameters<typeof breakdownTable>[1], title: string) => {
    const t = breakdownTable(s, dim, title, fig.current, fig.reach, {}, out);
    return out ? protectTable(t, BREAKDOWN_RULES) : t;
  };
  const end = cutoff.date;
  addTable(wb, "Theo ngành", bd("sector", d.dashboard.bySector), fmt(r.allBusinessesBy, { by: d.dashboard.bySector.toLowerCase(), date: end }), st);
  addTable(wb, "Theo xã, phường", bd("communeId", d.dashboard.byCommune), fmt(r.allBusinessesBy, { by: d.dashboard.byCommune.toLowerCase(), date: end }), st);
  addTable(wb, "Theo quy mô", bd("sizeClass", d.dashboard.bySize), fmt(r.allBusinessesBy, { by: d.dashboard.bySize.toLowerCase(), date: end }), st);
  addTable(wb, "Theo loại hình", bd("legalForm", d.dashboard.byForm), fmt(r.allBusinessesBy, { by: d.dashboard.byForm.toLowerCase(), date: end }), st);
  addTable(wb, "Phân bố mức", levelsTable(s, statsOf(fig.current, {}), out), fmt(r.levels, { date: end }), st);
  addTable(wb, "T0-T1", changeTable(s, fig.year!.changes, {}, out), fmt(r.change, { year }), st);

  const m = wb.addWorksheet("Phương pháp");
  m.getColumn(1).width = 120;
  for (const line of [...methodLines(s, cutoff), stampLine(st)]) m.addRow([line]).alignment = { wrapText: true, vertical: "top" };
  m.getRow(1).font = { bold: true, size: 13 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The method, in Vietnamese, as the report and the open-data page state it. */
export function methodLines(s: Services, cutoff?: ReturnType<typeof reportCutoff>): string[] {
  const ind = s.content.indicators;
  const q = s.content.current;
  const pop = (id: string) => ind.populations.find((p) => p.id === id)!;
  return [
    "Phương pháp tính",
    `Nguồn: các bài đánh giá mức độ sẵn sàng chuyển đổi số đã nộp trên dịch vụ của ${vi.site.runBy} (bộ câu hỏi ${q.id} phiên bản ${q.version}), và sổ đăng ký doanh nghiệp, hợp tác xã, hộ kinh doanh do Sở nhập (có lưu lịch sử từng dòng).`,
    cutoff
      ? `Mốc thời gian: ${cutoff.text} Sổ đăng ký lấy đúng như ngày đó (cơ sở đóng cửa ra khỏi sổ từ ngày đóng; cơ sở nhập sau ngày đó không tính); mỗi cơ sở lấy bài đánh giá mới nhất đã nộp trước mốc; xác nhận của cán bộ tính nếu có trước mốc. Lập lại báo cáo sau này cho cùng số liệu, trừ khi chủ cơ sở rút lại đồng ý hoặc xóa dữ liệu của mình (quyền của họ) hoặc Sở xóa một dòng nhập nhầm.`
      : "Mỗi cơ sở lấy bài đánh giá mới nhất đã nộp.",
    ...ind.indicators.map((x) => {
      const p = pop(x.population);
      return `${x.name}: nhóm cơ sở: ${p.name} (${p.definition}); tử số: ${fmt(d.indicators.terms[x.numerator], { population: p.noun })}; mẫu số: ${fmt(d.indicators.terms[x.denominator], { population: p.name })}. Chỉ tiêu năm ${ind.targetYear}: ${x.target.rule === "at_least" ? "đạt" : "trên"} ${x.target.percent}%. Các nhóm ${x.compareWith.map((c) => pop(c).name).join(", ")} hiện bên cạnh để so sánh. Cột "chỉ tính bài đã xác nhận" chỉ đếm bài cán bộ đã xác nhận.`;
    }),
    `Mốc từng năm: ${ind.indicators.some((x) => x.milestones.status === "placeholder") ? `Kế hoạch 2902 chỉ nêu chỉ tiêu năm ${ind.targetYear}; mốc các năm trước là mốc tạm chia đều, Sở chưa quyết định.` : "theo văn bản Sở đã duyệt ghi trong tệp chỉ tiêu."}`,
    "Tỷ lệ trong số đã đánh giá: tính trên các cơ sở tự chọn làm bài đánh giá (không phải mẫu ngẫu nhiên), nên không dùng để nói đã đạt chỉ tiêu của tỉnh; kèm theo phần của sổ đăng ký mà nó dựa vào.",
    "Tiếp cận: một cơ sở trong sổ đăng ký được tính là đã tiếp cận khi có ít nhất một bài đánh giá đã nộp (tự đánh giá hoặc cùng cán bộ), nối với sổ theo mã số thuế hoặc do cán bộ liên kết bằng tay (hộ kinh doanh chưa có mã số thuế). Việc đếm này tính mọi bài đã nộp. Trong báo cáo năm, chỉ tính liên kết bằng tay làm trước mốc: hộ kinh doanh đánh giá trong năm nhưng liên kết sau 31/12 không được tính cho năm đó, để báo cáo lập lại không đổi số.",
    `Dùng nền tảng số: theo quy tắc của bộ câu hỏi: ${q.platformUse.description}.`,
    "Số liệu về mức độ sẵn sàng (mức 0-5, điểm các trụ cột, tỷ lệ dùng nền tảng số, thay đổi T0 → T1) chỉ tính các cơ sở đồng ý cho dùng câu trả lời trong thống kê chung (lần đồng ý mới nhất của mỗi bài). Cơ sở rút lại sự đồng ý không còn được tính.",
    `Mức sẵn sàng: ${q.levels.map((l) => `${l.level} ${l.name} (từ ${l.minScore} điểm)`).join("; ")}. ${q.levelsStatus === "provisional" ? "Mốc điểm đang tạm dùng, chưa phải mốc chính thức." : ""}`,
    "T0 → T1: cơ sở được đánh giá lại; so sánh bài trước (T0) và bài sau (T1). Loại hỗ trợ là hỗ trợ cán bộ ghi nhận cho cơ sở từ ngày nộp T0 đến ngày nộp T1. Một cơ sở nhận nhiều loại hỗ trợ được tính ở mỗi loại.",
    `Bảo vệ dữ liệu: bản công bố ẩn nhóm dưới ${MIN_GROUP_SIZE} cơ sở (ghi “x”); khi một bảng có dòng tổng, ẩn thêm ô nhỏ nhất kế tiếp để không tính ngược được ô bị ẩn bằng phép trừ. Bản của Sở ghi số chính xác, chỉ dùng trong cơ quan. Trong dữ liệu mở, mọi bảng được bảo vệ cùng nhau (không số bị ẩn nào tính ngược ra được từ toàn bộ các số công bố).`,
    "Hạn chế: bộ câu hỏi, mốc điểm và hai trụ cột Nhân lực, Hạ tầng đang tạm dùng cho đến khi có hướng dẫn chính thức; loại hình, quy mô của cơ sở đã đánh giá lấy theo bài đánh giá (cơ sở tự khai).",
  ];
}


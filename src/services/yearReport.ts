// The yearly report under Decision 761/QĐ-UBND: an XLSX of the indicators the department reports
// (reach, platform use, level distribution, by sector and commune, T0 → T1) as they stood at the end
// of the chosen year, with a sheet describing the method. Every table is protected like all data
// leaving the staff pages. Built in a worker thread with its own read-only connection: at a million
// assessments the year-end queries take seconds, and the server keeps answering meanwhile.
import { Worker } from "node:worker_threads";
import ExcelJS from "exceljs";
import { activityOfYear, changeCellsOfYear, currentCellsAsOf, endOfYearUtc, reachCellsAsOf } from "../../db/stats.ts";
import { headline, statsOf } from "../domain/aggregates.ts";
import { MIN_GROUP_SIZE } from "../domain/suppression.ts";
import { vi } from "../../views/messages.ts";
import type { Services } from "./assessments.ts";
import { BREAKDOWN_RULES, breakdownTable, changeTable, levelsTable, outboundHeadline, protectTable, type StatTable } from "./stats.ts";

const d = vi.department;

function addTable(wb: ExcelJS.Workbook, name: string, t: StatTable, caption: string) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 3 }] });
  ws.addRow([caption]).font = { bold: true, size: 13 };
  ws.addRow([t.lead ?? ""]);
  const cols = t.columns.filter((c) => c.key !== "label");
  const head = ws.addRow([t.columns[0]!.label, ...cols.map((c) => c.label)]);
  head.font = { bold: true };
  for (const r of t.rows) {
    const row = ws.addRow([r.label, ...cols.map((c) => (r.hidden.includes(c.key) ? d.suppressed : (r.values[c.key] ?? null)))]);
    if (r.total) row.font = { bold: true };
  }
  ws.addRow([]);
  ws.addRow([d.suppressedLegend]);
  ws.getColumn(1).width = 42;
  cols.forEach((_, i) => (ws.getColumn(i + 2).width = 15));
}

/**
 * The report's cut-off: the end of the year, or, for a year not over yet (in Vietnam's time), the
 * day it is made, said plainly so nobody files provisional figures as the year's.
 */
export function reportCutoff(year: number, now: Date = new Date()): { date: string; provisional: boolean; text: string } {
  const today = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  if (Number(today.slice(0, 4)) > year) return { date: `31/12/${year}`, provisional: false, text: `Số liệu tính đến hết ngày 31/12/${year} (giờ Việt Nam).` };
  const date = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
  return { date, provisional: true, text: `Năm ${year} chưa kết thúc: số liệu TẠM TÍNH đến ngày ${date}, chưa phải số liệu cả năm.` };
}

export async function buildYearReport(s: Services, year: number, now: Date = new Date()): Promise<Buffer> {
  const ind = s.content.indicators;
  const current = currentCellsAsOf(s.db, year);
  const reach = reachCellsAsOf(s.db, year);
  const h = outboundHeadline(headline(current, reach, {}), ind);
  const act = activityOfYear(s.db, year);
  const cutoff = reportCutoff(year, now);
  const end = cutoff.date;
  const wb = new ExcelJS.Workbook();
  wb.creator = vi.site.owner;
  wb.title = `Báo cáo chỉ tiêu chuyển đổi số doanh nghiệp năm ${year}`;

  const ws = wb.addWorksheet("Chỉ tiêu");
  ws.addRow([`BÁO CÁO CHỈ TIÊU CHUYỂN ĐỔI SỐ DOANH NGHIỆP NĂM ${year}`]).font = { bold: true, size: 14 };
  ws.addRow([`Theo ${ind.annualReport.basis}; gửi ${ind.annualReport.recipient} ${ind.annualReport.due}.`]);
  ws.addRow([`Thực hiện ${ind.plan}. ${cutoff.text}`]).font = cutoff.provisional ? { bold: true } : {};
  ws.addRow([]);
  ws.addRow(["Chỉ tiêu", "Giá trị", `Chỉ tiêu đến ${ind.targetYear}`, "Còn thiếu (điểm %)", "Ghi chú"]).font = { bold: true };
  const na = (x: number | null) => (x === null ? d.suppressed : x);
  const rows: (string | number | null)[][] = [
    ["Số cơ sở trong sổ đăng ký của tỉnh", h.registered, null, null, "Sổ đăng ký hiện hành (lần nhập gần nhất)"],
    ["Số cơ sở đã được đánh giá mức độ sẵn sàng", na(h.reached), null, null, "Cơ sở trong sổ đăng ký có ít nhất một bài đánh giá đã nộp"],
    ["Tỷ lệ cơ sở được đánh giá (%)", na(h.reachPct), h.reachTargetPct, na(h.reachGapPts), "Đã đánh giá / số cơ sở trong sổ đăng ký"],
    ["Tỷ lệ cơ sở dùng nền tảng số trong số đã đánh giá (%)", na(h.platformUsePct), null, null, `Trên ${h.statisticsBase ?? d.suppressed} cơ sở tự chọn làm bài đánh giá và đồng ý cho dùng số liệu thống kê`],
    ["Điểm sẵn sàng trung bình (0-100)", na(h.meanOverall), null, null, null],
    [`Bài đánh giá nộp trong năm ${year}`, act.submitted < MIN_GROUP_SIZE && act.submitted > 0 ? d.suppressed : act.submitted, null, null, "Kể cả đánh giá lại"],
    [`  trong đó cán bộ đã xác nhận`, act.validated < MIN_GROUP_SIZE && act.validated > 0 ? d.suppressed : act.validated, null, null, null],
    [`  trong đó làm cùng cán bộ tư vấn`, act.guided < MIN_GROUP_SIZE && act.guided > 0 ? d.suppressed : act.guided, null, null, null],
    [`  trong đó đánh giá lại (T1)`, act.reassessed < MIN_GROUP_SIZE && act.reassessed > 0 ? d.suppressed : act.reassessed, null, null, null],
  ];
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow([d.suppressedLegend]);
  ws.getColumn(1).width = 70;
  [2, 3, 4].forEach((i) => (ws.getColumn(i).width = 16));
  ws.getColumn(5).width = 60;

  addTable(wb, "Theo ngành", breakdownTableOut(s, "sector", d.dashboard.bySector, current, reach), `Theo ngành ưu tiên, đến ${end}`);
  addTable(wb, "Theo xã, phường", breakdownTableOut(s, "communeId", d.dashboard.byCommune, current, reach), `Theo xã/phường, đến ${end}`);
  addTable(wb, "Theo quy mô", breakdownTableOut(s, "sizeClass", d.dashboard.bySize, current, reach), `Theo quy mô, đến ${end}`);
  addTable(wb, "Theo loại hình", breakdownTableOut(s, "legalForm", d.dashboard.byForm, current, reach), `Theo loại hình, đến ${end}`);
  addTable(wb, "Phân bố mức", levelsTable(s, statsOf(current, {}), true), `Phân bố mức sẵn sàng chuyển đổi số, đến ${end}`);
  addTable(wb, "T0-T1", changeTable(s, changeCellsOfYear(s.db, year), {}, true), `Thay đổi giữa hai lần đánh giá (T1 nộp trong năm ${year})`);

  const m = wb.addWorksheet("Phương pháp");
  m.getColumn(1).width = 120;
  for (const line of methodLines(s, cutoff)) m.addRow([line]).alignment = { wrapText: true, vertical: "top" };
  m.getRow(1).font = { bold: true, size: 13 };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

function breakdownTableOut(s: Services, dim: Parameters<typeof breakdownTable>[1], title: string, current: Parameters<typeof breakdownTable>[3], reach: Parameters<typeof breakdownTable>[4]) {
  return protectTable(breakdownTable(s, dim, title, current, reach, {}, true), BREAKDOWN_RULES);
}

/** The method, in Vietnamese, as the report and the open-data page state it. */
export function methodLines(s: Services, cutoff?: ReturnType<typeof reportCutoff>): string[] {
  const ind = s.content.indicators;
  const q = s.content.current;
  return [
    "Phương pháp tính",
    `Nguồn: các bài đánh giá mức độ sẵn sàng chuyển đổi số đã nộp trên dịch vụ của ${vi.site.runBy} (bộ câu hỏi ${q.id} phiên bản ${q.version}), và sổ đăng ký doanh nghiệp, hợp tác xã, hộ kinh doanh do Sở nhập.`,
    cutoff ? `Mốc thời gian: ${cutoff.text} Mỗi cơ sở lấy bài đánh giá mới nhất đã nộp trước mốc đó.` : "Mỗi cơ sở lấy bài đánh giá mới nhất đã nộp.",
    "Tiếp cận: một cơ sở trong sổ đăng ký được tính là đã tiếp cận khi có ít nhất một bài đánh giá đã nộp (tự đánh giá hoặc cùng cán bộ), nối với sổ đăng ký theo mã số thuế hoặc do cán bộ liên kết bằng tay (hộ kinh doanh chưa có mã số thuế). Tỷ lệ tiếp cận = số cơ sở đã tiếp cận / số cơ sở trong sổ đăng ký. Việc đếm này tính mọi bài đã nộp.",
    `Dùng nền tảng số: theo quy tắc của bộ câu hỏi: ${q.platformUse.description}.`,
    "Số liệu về mức độ sẵn sàng (mức 0-5, điểm các trụ cột, tỷ lệ dùng nền tảng số, thay đổi T0 → T1) chỉ tính các cơ sở đồng ý cho dùng câu trả lời trong thống kê chung (lần đồng ý mới nhất của mỗi bài). Cơ sở rút lại sự đồng ý không còn được tính.",
    `Mức sẵn sàng: ${q.levels.map((l) => `${l.level} ${l.name} (từ ${l.minScore} điểm)`).join("; ")}. ${q.levelsStatus === "provisional" ? "Mốc điểm đang tạm dùng, chưa phải mốc chính thức." : ""}`,
    "T0 → T1: cơ sở được đánh giá lại; so sánh bài trước (T0) và bài sau (T1). Loại hỗ trợ là hỗ trợ cán bộ ghi nhận cho cơ sở từ ngày nộp T0 đến ngày nộp T1. Một cơ sở nhận nhiều loại hỗ trợ được tính ở mỗi loại.",
    `Bảo vệ dữ liệu: nhóm dưới ${MIN_GROUP_SIZE} cơ sở bị ẩn (trong bảng Excel ghi “x”; trong dữ liệu mở, cột suppressed = 1 và các số để trống). Khi một bảng có dòng tổng, ẩn thêm ô nhỏ nhất kế tiếp để không tính ngược được ô bị ẩn bằng phép trừ: mỗi dòng tổng có ít nhất hai ô ẩn, cộng lại từ ${MIN_GROUP_SIZE} cơ sở trở lên. Trong một nhóm được công bố, tỷ lệ dùng nền tảng số và điểm trung bình được công bố; tỷ lệ từng mức chỉ công bố khi mức đó có từ ${MIN_GROUP_SIZE} cơ sở trở lên (hoặc không có cơ sở nào), theo cùng quy tắc.`,
    `Chỉ tiêu: ${ind.plan}: ${ind.indicators.map((x) => `${x.name} ${x.target.rule === "at_least" ? "đạt" : "trên"} ${x.target.percent}%`).join(", ")} đến năm ${ind.targetYear}.`,
    "Hạn chế: sổ đăng ký là bản nhập gần nhất (không lưu lịch sử); xác nhận của cán bộ lấy theo trạng thái hiện tại; bộ câu hỏi, mốc điểm và hai trụ cột Nhân lực, Hạ tầng đang tạm dùng cho đến khi có hướng dẫn chính thức.",
  ];
}

/** Build the report in a worker thread with a read-only connection to the same database file. */
export function yearReportInWorker(dbPath: string, contentDir: string, year: number, timeoutMs = 120_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("../pdf/workerBoot.mjs", import.meta.url), {
      workerData: { entry: new URL("./yearReportWorker.ts", import.meta.url).href, dbPath, contentDir, year },
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error("year report timed out"));
    }, timeoutMs);
    worker.once("message", (m: { ok: true; bytes: Uint8Array } | { ok: false; error: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok) resolve(Buffer.from(m.bytes));
      else reject(new Error(m.error));
    });
    worker.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export { endOfYearUtc };

// Downloads: the dashboard's tables (CSV, or one workbook), the rows behind them (assessments,
// answers, support; CSV or Excel) and the yearly report (Plan 2902, as a workbook).
import { CSV_EXCEL_VI, CSV_STANDARD } from "../../domain/csv.ts";
import { vietnamYear, todayInVietnam } from "../../domain/vietnamTime.ts";
import { foldVietnamese } from "../../domain/vnText.ts";
import { assessmentsSheet, answersSheet, attachment, csvStream, supportSheet, tableSheet, xlsxStream, type Sheet } from "../../services/exports.ts";
import { KeptOnce } from "../../services/figures.ts";
import { dashboardData } from "../../services/stats.ts";
import { EDITIONS, renderYearReport, reportCutoff, type Edition } from "../../services/yearReport.ts";
import { ExportsPage } from "../../../views/department/pages.tsx";
import { NotFoundPage } from "../../../views/staff/pages.tsx";
import { badFilter, figuresOrBusy, me, need, viewer, withFilter, type Ctx, type DepartmentApp, type DepartmentDeps } from "./common.tsx";

// ?excel=vi: the variant Excel set to Vietnamese opens as it is (";" and decimal commas).
const csv = (c: Ctx, sheet: Sheet, fileName: string) => {
  const vi = c.req.query("excel") === "vi";
  return c.body(csvStream(sheet, vi ? CSV_EXCEL_VI : CSV_STANDARD), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": attachment(vi ? fileName.replace(/\.csv$/, "-excel.csv") : fileName),
  });
};
const xlsx = (c: Ctx, sheets: Sheet[], fileName: string) =>
  c.body(xlsxStream(sheets), 200, {
    "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": attachment(fileName),
  });
// Download names are Vietnamese folded to ASCII, like "bai-danh-gia-…": a table is named after its title.
const fileStem = (title: string) => foldVietnamese(title).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");

export function registerExports(app: DepartmentApp, deps: DepartmentDeps) {
  const { s, figures } = deps;
  // The workbook too is made once per figures, edition and person asking: it says who made it and
  // when, which stays true until the data changes (then the key changes).
  const workbooks = new KeptOnce<Buffer>(16);
  // Workbooks are built on this thread (they name who made them): one at a time, each after a turn
  // of the event loop, so twenty people asking at once do not hold every other request for the
  // twenty builds back to back.
  let lastBuild: Promise<unknown> = Promise.resolve();
  const inTurn = <T,>(make: () => Promise<T>): Promise<T> => {
    const run = lastBuild.then(() => new Promise<void>((r) => setImmediate(r))).then(make);
    lastBuild = run.catch(() => undefined);
    return run;
  };

  app.get("/exports", need("readBusinesses"), (c) =>
    withFilter(s, c, (f) => {
      const tables = dashboardData(s, f, { outbound: true, refresh: false }).tables.map((t) => ({ id: t.id, title: t.title }));
      return c.html(<ExportsPage me={me(c)} f={f} tables={tables} communes={s.content.communes} />);
    }),
  );
  const rowSheets = { assessments: assessmentsSheet, answers: answersSheet, support: supportSheet } as const;
  const names = { assessments: "bai-danh-gia", answers: "cau-tra-loi", support: "ho-tro" } as const;
  // Registered before "/exports/:file" so the name is not read as a row-level export.
  app.get("/exports/tables.xlsx", need("readAggregates"), (c) =>
    withFilter(s, c, (f) => {
      const tables = dashboardData(s, f, { outbound: true }).tables;
      return xlsx(c, tables.map((t, i) => tableSheet(t, `${i + 1}. ${t.title}`)), `bang-tong-hop-${todayInVietnam()}.xlsx`);
    }),
  );
  app.get("/exports/tables/:file", need("readAggregates"), (c) =>
    withFilter(s, c, (f) => {
      const m = /^([a-zA-Z-]+)\.csv$/.exec(c.req.param("file"));
      const t = m ? dashboardData(s, f, { outbound: true }).tables.find((x) => x.id === m[1]) : undefined;
      if (!t) return c.html(<NotFoundPage me={me(c)} />, 404);
      return csv(c, tableSheet(t), `${fileStem(t.title)}-${todayInVietnam()}.csv`);
    }),
  );
  app.get("/exports/:file", need("readBusinesses"), (c) =>
    withFilter(s, c, (f) => {
      const m = /^(assessments|answers|support)\.(csv|xlsx)$/.exec(c.req.param("file"));
      if (!m) return c.html(<NotFoundPage me={me(c)} />, 404);
      const kind = m[1] as keyof typeof rowSheets;
      const sheet = rowSheets[kind](s, f, viewer(c));
      const name = `${names[kind]}-${todayInVietnam()}.${m[2]}`;
      return m[2] === "csv" ? csv(c, sheet, name) : xlsx(c, [sheet], name);
    }),
  );

  app.get("/report-761.xlsx", need("readAggregates"), async (c) => {
    const year = Number(c.req.query("year"));
    const thisYear = vietnamYear();
    if (!Number.isInteger(year) || year < 2020 || year > thisYear) return badFilter(c, { year: `năm báo cáo phải từ 2020 đến ${thisYear}` });
    const edition = (c.req.query("edition") ?? "published") as Edition;
    if (!EDITIONS.includes(edition)) return badFilter(c, { edition: "chọn bản công bố hoặc bản của Sở" });
    const now = new Date();
    const r = await figuresOrBusy(figures, c, { day: reportCutoff(year, now).day, year });
    if (!r.ok) return r.page;
    const fig = r.figures;
    const bytes = await workbooks.get(`${fig.day}|${year}|${fig.version}|${edition}|${me(c).id}`, () =>
      inTurn(() => renderYearReport(s, fig, { edition, generatedBy: me(c).name, generatedAt: now })),
    );
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachment(`bao-cao-chuyen-doi-so-nam-${year}${edition === "internal" ? "-ban-cua-so" : ""}.xlsx`),
    });
  });
}

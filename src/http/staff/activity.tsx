// The innovation centre's activity page (/staff/activity): advisors and the department read it;
// its tables download as CSV (standard, or ";" and decimal commas for Excel in Vietnamese) and as
// one Excel workbook with real dates.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { CSV_EXCEL_VI, CSV_STANDARD } from "../../domain/csv.ts";
import { activity } from "../../services/activity.ts";
import type { Services } from "../../services/assessments.ts";
import { attachment, csvStream, tableSheet, xlsxStream, type Sheet } from "../../services/exports.ts";
import { vietnamYear } from "../../domain/vietnamTime.ts";
import { fmt, msg } from "../../../views/messages.ts";
import { ActivityPage } from "../../../views/staff/activity.tsx";
import { StaffPage, when } from "../../../views/staff/common.tsx";
import { ForbiddenPage, NotFoundPage } from "../../../views/staff/pages.tsx";
import { loadStaff, requires, type StaffEnv } from "./session.ts";

type Ctx = Context<StaffEnv>;

export function activityPages(s: Services) {
  const app = new Hono<StaffEnv>();
  app.use("*", loadStaff());
  const need = requires("readAggregates", (c) => c.html(<ForbiddenPage me={c.get("staff")} />, 403));
  const years = () => {
    const now = vietnamYear();
    return Array.from({ length: now - s.content.indicators.planStartYear + 1 }, (_, i) => now - i);
  };
  /** The year asked for (this year when absent), or a Vietnamese 400. */
  const withYear = (c: Ctx, then: (year: number) => Response | Promise<Response>) => {
    const ys = years();
    const r = z.coerce.number().int().optional().safeParse(c.req.query("year") || undefined);
    const year = r.success ? (r.data ?? ys[0]!) : NaN;
    if (!ys.includes(year))
      return c.html(
        <StaffPage me={c.get("staff")!} title={msg().department.activity.title} error={`Năm phải từ ${ys[ys.length - 1]} đến ${ys[0]}.`}>
          <p>
            <a href="/staff/activity">{msg().department.activity.title}</a>
          </p>
        </StaffPage>,
        400,
      );
    return then(year);
  };
  const generated = (c: Ctx, at: string) => fmt(msg().department.activity.generated, { name: c.get("staff")!.name, at: when(at) });
  const sheetOf = (c: Ctx, t: Parameters<typeof tableSheet>[0], at: string): Sheet => {
    const sheet = tableSheet(t);
    return { ...sheet, notes: [...(sheet.notes ?? []), generated(c, at)] };
  };

  app.get("/", need, (c) => withYear(c, (year) => c.html(<ActivityPage me={c.get("staff")!} data={activity(s, year)} years={years()} />)));

  app.get("/tables/:file", need, (c) =>
    withYear(c, (year) => {
      const data = activity(s, year);
      const m = /^([a-z]+)\.csv$/.exec(c.req.param("file"));
      const t = m ? data.tables.find((x) => x.id === m[1]) : undefined;
      if (!t) return c.html(<NotFoundPage me={c.get("staff")} />, 404);
      const excel = c.req.query("excel") === "vi";
      return c.body(csvStream(sheetOf(c, t, data.at), excel ? CSV_EXCEL_VI : CSV_STANDARD), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachment(`hoat-dong-${t.id}-${year}${excel ? "-excel" : ""}.csv`),
      });
    }),
  );

  app.get("/export.xlsx", need, (c) =>
    withYear(c, (year) => {
      const data = activity(s, year);
      return c.body(xlsxStream(data.tables.map((t) => sheetOf(c, t, data.at))), 200, {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": attachment(`hoat-dong-trung-tam-${year}.xlsx`),
      });
    }),
  );
  return app;
}

// Public, anonymised open data (no sign-in): aggregate rows only, small groups hidden, with a page
// in Vietnamese describing the method and every field.
import { Hono } from "hono";
import { csvLine, UTF8_BOM } from "../../domain/csv.ts";
import type { Services } from "../../services/assessments.ts";
import { OPEN_DATA_TABLES, openData, openDataCsvRows, openDataTableCsv, type OpenDataTableName } from "../../services/openData.ts";
import { methodLines } from "../../services/yearReport.ts";
import { OpenDataPage } from "../../../views/openData.tsx";
import type { AppEnv } from "../env.ts";
import { apiError } from "../errors.ts";
import { fmt, msg } from "../../../views/messages.ts";

export function openDataRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  // Aggregates change slowly and hold nothing personal: caches may keep them for a few minutes.
  const cache = { "Cache-Control": "public, max-age=300" };

  app.get("/", (c) => c.html(<OpenDataPage method={methodLines(s)} data={openData(s)} />));

  app.get("/readiness.json", (c) => {
    c.header("Cache-Control", cache["Cache-Control"]);
    c.header("Access-Control-Allow-Origin", "*");
    return c.json(openData(s));
  });

  app.get("/readiness.csv", (c) => {
    const { header, rows } = openDataCsvRows(openData(s));
    const body = UTF8_BOM + csvLine(header) + rows.map((r) => csvLine(r)).join("");
    return c.body(body, 200, {
      ...cache,
      "Access-Control-Allow-Origin": "*",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="san-sang-chuyen-doi-so-dien-bien.csv"',
    });
  });
  // One CSV per table of readiness.json ("tables"), with the same rows and the same protection.
  app.get("/tables/:file", (c) => {
    const m = /^([a-z_]+)\.csv$/.exec(c.req.param("file"));
    const name = m?.[1] as OpenDataTableName | undefined;
    if (!name || !OPEN_DATA_TABLES.includes(name)) return apiError(c, 404, "not_found", fmt(msg().problems.noSuchOpenTable, { tables: OPEN_DATA_TABLES.join(", ") }));
    const { header, rows } = openDataTableCsv(openData(s), name);
    return c.body(UTF8_BOM + csvLine(header) + rows.map((r) => csvLine(r)).join(""), 200, {
      ...cache,
      "Access-Control-Allow-Origin": "*",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="san-sang-chuyen-doi-so-dien-bien-${name.replace(/_/g, "-")}.csv"`,
    });
  });
  return app;
}

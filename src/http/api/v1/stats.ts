// The statistics API for the province's other systems: /api/v1/stats/…, behind a staff token
// (Authorization: Bearer dxs_…; created with src/cli/tokenAdd.ts). Every figure is protected like
// all data leaving the staff pages; the filters are those of the dashboard.
import { Hono, type Context, type MiddlewareHandler } from "hono";

import { MIN_GROUP_SIZE } from "../../../domain/suppression.ts";
import type { Services } from "../../../services/assessments.ts";
import { checkApiToken } from "../../../services/apiTokens.ts";
import { dashboardData, outboundHeadline, type StatTable } from "../../../services/stats.ts";
import { loadIndicators } from "../../../content/indicators.ts";
import type { AppEnv } from "../../env.ts";
import { parseFilter } from "../../department/filters.ts";

function bearer(s: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const m = /^Bearer\s+(\S+)$/.exec(c.req.header("authorization") ?? "");
    if (!m || !checkApiToken(s.db, m[1]!)) {
      c.header("WWW-Authenticate", 'Bearer realm="stats"');
      return c.json({ error: { code: "unauthenticated", message: "Cần khóa API hợp lệ (Authorization: Bearer …)." } }, 401);
    }
    c.header("Cache-Control", "no-store");
    await next();
  };
}

const tableJson = (t: StatTable) => ({
  id: t.id,
  title: t.title,
  columns: t.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind })),
  rows: t.rows.map((r) => ({ key: r.key, label: r.label, total: r.total ?? false, values: r.values, suppressed: r.hidden })),
});

export function statsApi(s: Services) {
  const api = new Hono<AppEnv>();
  api.use("*", bearer(s));
  const filterOr400 = (c: Context<AppEnv>) => {
    const r = parseFilter(s, c.req.query());
    return r.ok ? r : { ok: false as const, res: c.json({ error: { code: "invalid_input", message: "Bộ lọc không hợp lệ.", fields: r.fields } }, 400) };
  };
  const meta = () => ({ minGroupSize: MIN_GROUP_SIZE, suppressed: "Ô bị ẩn có giá trị null và được liệt kê trong 'suppressed' của dòng.", method: "/open-data" });

  api.get("/summary", (c) => {
    const r = filterOr400(c);
    if (!r.ok) return r.res;
    const data = dashboardData(s, r.filter, { outbound: true, refresh: false });
    const ind = loadIndicators(s.content.dir);
    return c.json({ filter: r.filter, plan: ind.plan, targetYear: ind.targetYear, headline: outboundHeadline(data.headline), ...meta() });
  });

  api.get("/tables", (c) => {
    const r = filterOr400(c);
    if (!r.ok) return r.res;
    const data = dashboardData(s, r.filter, { outbound: true, refresh: false });
    return c.json({ filter: r.filter, tables: data.tables.map(tableJson), ...meta() });
  });

  api.get("/tables/:id", (c) => {
    const r = filterOr400(c);
    if (!r.ok) return r.res;
    const t = dashboardData(s, r.filter, { outbound: true, refresh: false }).tables.find((x) => x.id === c.req.param("id"));
    if (!t) return c.json({ error: { code: "not_found", message: "Không có bảng này." } }, 404);
    return c.json({ filter: r.filter, table: tableJson(t), ...meta() });
  });

  return api;
}



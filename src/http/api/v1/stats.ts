// The statistics API for the province's other systems: /api/v1/stats/…, behind a staff token
// (Authorization: Bearer dxs_…; created with `npm run token:add`). Every figure is protected like
// all data leaving the staff pages; the filters are those of the dashboard. Mounted inside the
// /api/v1 app so openapi.json describes it.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { LEGAL_FORMS, SECTORS, SIZE_CLASSES } from "../../../domain/questionnaire.ts";
import { MIN_GROUP_SIZE } from "../../../domain/suppression.ts";
import type { Services } from "../../../services/assessments.ts";
import { checkApiToken } from "../../../services/apiTokens.ts";
import { dashboardData, outboundHeadline, outboundIndicators, type StatTable } from "../../../services/stats.ts";
import type { AppEnv } from "../../env.ts";
import { parseFilter } from "../../department/filters.ts";
import { errorResponse } from "./openapi.ts";
import { apiError, fieldsOf } from "../../errors.ts";
import { msg } from "../../../../views/messages.ts";

function bearer(s: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const m = /^Bearer\s+(\S+)$/.exec(c.req.header("authorization") ?? "");
    if (!m || !checkApiToken(s.db, m[1]!)) {
      c.header("WWW-Authenticate", 'Bearer realm="stats"');
      return apiError(c, 401, "unauthenticated", msg().problems.needsApiKey);
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

const FilterQuery = z.object({
  communeId: z.string().max(64).optional().openapi({ description: "Mã xã/phường (GET /api/v1/communes)", example: "muong_thanh" }),
  sector: z.enum(SECTORS).optional(),
  sizeClass: z.enum(SIZE_CLASSES).optional(),
  legalForm: z.enum(LEGAL_FORMS).optional(),
});
const Cell = z.union([z.number(), z.string(), z.null()]);
const TableSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    columns: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(["label", "count", "pct", "score"]) })),
    rows: z.array(z.object({ key: z.string(), label: z.string(), total: z.boolean(), values: z.record(z.string(), Cell), suppressed: z.array(z.string()) })),
  })
  .openapi("StatTable");
const Meta = { minGroupSize: z.number().int(), suppressed: z.string(), method: z.string() };
const errors = {
  400: errorResponse("Bộ lọc không hợp lệ"),
  401: errorResponse("Thiếu hoặc sai khóa API"),
};
const security = [{ statsToken: [] as string[] }];

export function statsApi(s: Services) {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return apiError(c, 400, "invalid_input", msg().problems.invalidFilter, fieldsOf(result.error));
      }
    },
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "statsToken", { type: "http", scheme: "bearer", description: "Khóa API của hệ thống khác (npm run token:add)" });
  const auth = bearer(s);
  const meta = () => ({ minGroupSize: MIN_GROUP_SIZE, suppressed: "Ô bị ẩn có giá trị null và được liệt kê trong 'suppressed' của dòng.", method: "/open-data" });
  const filterOr400 = (query: Record<string, string>) => parseFilter(s, query);

  api.openapi(
    createRoute({
      method: "get",
      path: "/summary",
      operationId: "getStatsSummary",
      tags: ["stats"],
      summary: "Chỉ tiêu chính so với Kế hoạch 2902 (đã ẩn nhóm nhỏ)",
      security,
      middleware: [auth] as const,
      request: { query: FilterQuery },
      responses: {
        200: {
          description: "Chỉ tiêu",
          content: {
            "application/json": {
              schema: z.object({
                filter: z.record(z.string(), z.string()),
                plan: z.string(),
                targetYear: z.number(),
                headline: z.record(z.string(), Cell),
                indicators: z.array(z.record(z.string(), z.unknown())).openapi({ description: "Mỗi chỉ tiêu của Kế hoạch 2902 trên đúng nhóm cơ sở của nó (questionnaires/indicators.yaml)" }),
                ...Meta,
              }),
            },
          },
        },
        ...errors,
      },
    }),
    (c) => {
      const r = filterOr400(c.req.query());
      if (!r.ok) return apiError(c, 400, "invalid_input", msg().problems.invalidFilter, r.fields);
      const data = dashboardData(s, r.filter, { outbound: true, refresh: false });
      const ind = s.content.indicators;
      return c.json(
        { filter: { ...r.filter }, plan: ind.plan, targetYear: ind.targetYear, headline: outboundHeadline(data.headline, ind), indicators: outboundIndicators(ind, data.indicatorViews), ...meta() },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/tables",
      operationId: "listStatsTables",
      tags: ["stats"],
      summary: "Mọi bảng của trang tổng hợp (đã ẩn nhóm nhỏ)",
      security,
      middleware: [auth] as const,
      request: { query: FilterQuery },
      responses: { 200: { description: "Các bảng", content: { "application/json": { schema: z.object({ filter: z.record(z.string(), z.string()), tables: z.array(TableSchema), ...Meta }) } } }, ...errors },
    }),
    (c) => {
      const r = filterOr400(c.req.query());
      if (!r.ok) return apiError(c, 400, "invalid_input", msg().problems.invalidFilter, r.fields);
      const data = dashboardData(s, r.filter, { outbound: true, refresh: false });
      return c.json({ filter: { ...r.filter }, tables: data.tables.map(tableJson), ...meta() }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/tables/{id}",
      operationId: "getStatsTable",
      tags: ["stats"],
      summary: "Một bảng của trang tổng hợp (đã ẩn nhóm nhỏ)",
      security,
      middleware: [auth] as const,
      request: { query: FilterQuery, params: z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "by-communeId" }) }) },
      responses: {
        200: { description: "Bảng", content: { "application/json": { schema: z.object({ filter: z.record(z.string(), z.string()), table: TableSchema, ...Meta }) } } },
        404: errorResponse("Không có bảng này"),
        ...errors,
      },
    }),
    (c) => {
      const r = filterOr400(c.req.query());
      if (!r.ok) return apiError(c, 400, "invalid_input", msg().problems.invalidFilter, r.fields);
      const t = dashboardData(s, r.filter, { outbound: true, refresh: false }).tables.find((x) => x.id === c.req.valid("param").id);
      if (!t) return apiError(c, 404, "not_found", msg().problems.noSuchTable);
      return c.json({ filter: { ...r.filter }, table: tableJson(t), ...meta() }, 200);
    },
  );

  return api;
}

// Staff-only JSON about businesses followed over time: GET /api/v1/businesses/{id}/history for the
// department's systems (assessments with stage, dates, scores, validation; support records).
// Signed-in staff only (session cookie); declared with zod so /api/v1/openapi.json describes it.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { businessHistory } from "../../../services/advisor.ts";
import type { Services } from "../../../services/assessments.ts";
import { loadStaff, requires, type StaffEnv } from "../../staff/session.ts";

import { errorResponse as err } from "./openapi.ts";
import { businessIdentity } from "./schemas.ts";
import { apiError } from "../../errors.ts";
import { msg } from "../../../../views/messages.ts";
import { ASSESSMENT_METHODS, ASSESSMENT_STATUSES, SIZE_CLASSES, SUPPORT_TYPES } from "../../../domain/vocabularies.ts";

const Person = z.object({ id: z.number().int(), name: z.string() });
const HistorySchema = z
  .object({
    business: z.object({ id: z.number().int(), ...businessIdentity }),
    assessments: z.array(
      z.object({
        id: z.number().int(),
        round: z.number().int(),
        stage: z.string().openapi({ example: "T0", description: "T0 = lần đầu, T1 = lần đánh giá lại thứ nhất, …" }),
        previousAssessmentId: z.number().int().nullable(),
        method: z.enum(ASSESSMENT_METHODS),
        status: z.enum(ASSESSMENT_STATUSES),
        questionnaire: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
        sizeClass: z.enum(SIZE_CLASSES),
        createdAt: z.string(),
        submittedAt: z.string().nullable(),
        scores: z
          .object({
            overall: z.number(),
            nationalLevel: z.number().int(),
            euBand: z.string(),
            usesDigitalPlatforms: z.boolean(),
            pillars: z.array(z.object({ id: z.string(), score: z.number().nullable() })),
          })
          .nullable(),
        validation: z.object({ validated: z.boolean(), validatedAt: z.string().nullable(), validatedBy: Person.nullable() }),
        runBy: Person.nullable(),
      }),
    ),
    support: z.array(
      z.object({
        id: z.number().int(),
        type: z.enum(SUPPORT_TYPES),
        date: z.string(),
        amountVnd: z.number().int().nullable(),
        platformId: z.string().nullable(),
        note: z.string().nullable(),
        assessmentId: z.number().int().nullable(),
        recordedBy: Person,
        warnings: z.array(z.object({ kind: z.enum(["over_cap", "size_not_covered", "form_not_covered"]) }).passthrough()),
      }),
    ),
  })
  .openapi("BusinessHistory");

export function businessesApi(s: Services) {
  const api = new OpenAPIHono<StaffEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return apiError(c, 400, "invalid_input", msg().problems.invalidBusinessId);
    },
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "staffSession", {
    type: "apiKey",
    in: "cookie",
    name: "dx_staff",
    description: "Phiên đăng nhập của cán bộ (/staff/login); cookie httpOnly, hết hạn sau 2 giờ không dùng hoặc 12 giờ",
  });

  api.openapi(
    createRoute({
      method: "get",
      path: "/businesses/{id}/history",
      operationId: "getBusinessHistory",
      tags: ["staff"],
      summary: "Lịch sử một cơ sở: các lượt đánh giá (giai đoạn, ngày, điểm, xác nhận) và hỗ trợ đã nhận. Chỉ cán bộ.",
      security: [{ staffSession: [] }],
      middleware: [loadStaff(), requires("readBusinesses", (c) => apiError(c, 403, "forbidden", msg().problems.roleNotAllowed))] as const,
      request: {
        params: z.object({
          id: z
            .string()
            .regex(/^[1-9]\d{0,9}$/)
            .openapi({ param: { name: "id", in: "path" }, example: "12" }),
        }),
      },
      responses: {
        200: { description: "Lịch sử", content: { "application/json": { schema: HistorySchema } } },
        400: err("Mã cơ sở sai dạng"),
        401: err("Chưa đăng nhập"),
        403: err("Vai trò không được xem"),
        404: err("Không có cơ sở này"),
      },
    }),
    (c) => {
      const me = c.get("staff")!;
      const r = businessHistory(s, { id: me.id, name: me.name, role: me.role }, Number(c.req.valid("param").id));
      if (!r.ok) return apiError(c, 404, "not_found", msg().problems.noSuchBusiness);
      return c.json(r.value, 200);
    },
  );
  return api;
}

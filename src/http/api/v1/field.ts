// The advisor's offline app talks to the server through these two operations (signed-in advisors):
// - GET  /api/v1/field/package: what the app needs to capture without signal — the questionnaire
//   in force, profile lists, consent text, and the content the advice reads (to show first steps);
// - PUT  /api/v1/field/assessments/{clientId}: one captured assessment, idempotent by the id the
//   device made, so an interrupted sync is simply repeated.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { capturedAssessmentSchema, clientIdSchema } from "../../../domain/captured.ts";
import { recordCaptured } from "../../../services/captured.ts";
import type { Services } from "../../../services/assessments.ts";
import { loadStaff, requires, type StaffEnv } from "../../staff/session.ts";
import { errorResponse as err } from "./openapi.ts";
import { apiError, fieldsOf } from "../../errors.ts";
import { msg } from "../../../../views/messages.ts";

const Conflict = z
  .object({ kind: z.enum(["business_known", "version_replaced", "code_taken", "score_differs"]) })
  .passthrough()
  .openapi("CaptureConflict", { description: "Điều cán bộ cần biết khi bài đến máy chủ: cơ sở đã có, phiên bản bộ câu hỏi đã thay, mã tiếp tục phải đổi" });
const Receipt = z
  .object({
    assessmentId: z.number().int(),
    businessId: z.number().int(),
    code: z.string().nullable().openapi({ description: "Mã tiếp tục của chủ cơ sở (null khi gửi lại: máy chủ chỉ giữ mã băm)" }),
    created: z.boolean().openapi({ description: "false: bài này đã đến trước đó (gửi lại), không tạo bản thứ hai" }),
    capturedAt: z.string(),
    syncedAt: z.string(),
    conflicts: z.array(Conflict),
    scores: z.object({ overall: z.number(), nationalLevel: z.number().int() }),
  })
  .openapi("CaptureReceipt");

/** What the device downloads before a trip. */
export function fieldPackage(s: Services, staff: { id: number; name: string }) {
  const c = s.content;
  return {
    packageOf: c.current.hash,
    downloadedAt: new Date().toISOString(),
    staff: { id: staff.id, name: staff.name },
    questionnaire: c.current,
    consent: c.consent,
    communes: c.communes,
    sizeThresholds: c.sizeThresholds,
    advice: { actions: c.actions, platforms: c.platforms, schemes: c.schemes, legalDuties: c.legalDuties },
  };
}
export type FieldPackage = ReturnType<typeof fieldPackage>;

export function fieldApi(s: Services) {
  const api = new OpenAPIHono<StaffEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return apiError(c, 400, "invalid_input", msg().problems.invalidInput, fieldsOf(result.error));
      }
    },
  });
  const forbidden = (c: Parameters<Parameters<typeof requires>[1]>[0]) => apiError(c, 403, "forbidden", msg().problems.advisorsOnly);

  api.openapi(
    createRoute({
      method: "get",
      path: "/field/package",
      operationId: "getFieldPackage",
      tags: ["staff"],
      summary: "Gói nội dung để đánh giá không cần mạng: bộ câu hỏi đang áp dụng, danh sách xã, lời đồng ý, nội dung tư vấn. Chỉ tư vấn viên.",
      security: [{ staffSession: [] }],
      middleware: [loadStaff(), requires("advise", forbidden)] as const,
      responses: {
        200: { description: "Gói nội dung", content: { "application/json": { schema: z.object({ packageOf: z.string(), questionnaire: z.object({}).passthrough() }).passthrough().openapi("FieldPackage") } } },
        401: err("Chưa đăng nhập hoặc phiên đã hết hạn"),
        403: err("Không phải tư vấn viên"),
      },
    }),
    (c) => {
      c.header("Cache-Control", "no-store");
      const me = c.get("staff")!;
      return c.json(fieldPackage(s, me), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/field/assessments/{clientId}",
      operationId: "putCapturedAssessment",
      tags: ["staff"],
      summary: "Gửi một bài đánh giá đã ghi khi không có mạng. Gửi lại cùng mã bản ghi không tạo bản thứ hai. Chỉ tư vấn viên đã ghi bài.",
      security: [{ staffSession: [] }],
      middleware: [loadStaff(), requires("advise", forbidden)] as const,
      request: {
        params: z.object({ clientId: clientIdSchema.openapi({ param: { name: "clientId", in: "path" }, example: "0b6f3c1e-8d2a-4f7b-9c55-3e1a2b4c5d6e" }) }),
        body: { required: true, content: { "application/json": { schema: capturedAssessmentSchema.openapi("CapturedAssessment") } } },
      },
      responses: {
        201: { description: "Đã ghi nhận", content: { "application/json": { schema: Receipt } } },
        200: { description: "Bài này đã đến trước đó; trả lại biên nhận lần đầu", content: { "application/json": { schema: Receipt } } },
        400: err("Dữ liệu sai dạng"),
        401: err("Chưa đăng nhập hoặc phiên đã hết hạn: đăng nhập lại rồi gửi"),
        403: err("Không phải tư vấn viên"),
        409: err("Bài do cán bộ khác ghi"),
        422: err("Bài chưa hợp lệ (thiếu câu trả lời, thông tin cơ sở sai, phiên bản lạ)"),
      },
    }),
    (c) => {
      const me = c.get("staff")!;
      const r = recordCaptured(s, { id: me.id, name: me.name, role: me.role }, c.req.valid("param").clientId, c.req.valid("json"), "offline");
      if (!r.ok) return apiError(c, r.error.status as 409 | 422, r.error.code, r.error.message, r.error.fields);
      return c.json(r.value, r.value.created ? 201 : 200);
    },
  );
  return api;
}

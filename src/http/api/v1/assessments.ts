// The owner's assessment over JSON, found by its code: started, read, answered, submitted,
// corrected, with its result, its plan and requests for advice. A code that finds nothing
// counts against the caller's address, as on the owner's pages.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { adviceRequestSchema } from "../../../domain/advice.ts";
import { formatResumeCode } from "../../../domain/resumeCode.ts";
import { requestAdvice } from "../../../services/advice.ts";
import { assessmentView, findByCode, liftAndDrags, saveAnswers, startAssessment, submit, type AppError, type Services } from "../../../services/assessments.ts";
import { correctAnswers } from "../../../services/corrections.ts";
import { planOf } from "../../../services/plan.ts";
import type { Scores } from "../../../domain/scoring.ts";
import type { AppEnv } from "../../env.ts";
import { apiError } from "../../errors.ts";
import { rateLimited, recordMiss } from "../../rateLimit.ts";
import { PUBLIC } from "./openapi.ts";
import { AnswersBody, AssessmentSchema, CodeParam, CorrectionBody, CreateBody, errorResponses, json, PlanSchema, ResultSchema, ScoresSchema } from "./schemas.ts";

/** The scores as the Scores schema shows them (submission and correction answer the same shape). */
function scoresJson(d: Scores) {
  return { overall: d.overall, pillars: d.pillars.map((p) => ({ id: p.id, score: p.score })), nationalLevel: d.nationalLevel, euBand: d.euBand, usesDigitalPlatforms: d.usesDigitalPlatforms };
}

function errorJson(c: Context, e: AppError) {
  return apiError(c, e.status, e.code, e.message, e.fields);
}

export function registerAssessments(api: OpenAPIHono<AppEnv>, s: Services) {
  api.openapi(
    createRoute({
      method: "post",
      path: "/assessments",
      operationId: "createAssessment",
      tags: ["owner"],
      security: PUBLIC,
      summary: "Bắt đầu một bài đánh giá",
      middleware: [rateLimited("create")] as const,
      request: { body: { content: { "application/json": { schema: CreateBody } }, required: true } },
      responses: {
        201: json(z.object({ code: z.string(), sizeClass: z.string() }), "Đã tạo; code là mã tiếp tục"),
        ...errorResponses(400, 422, 429),
      },
    }),
    (c) => {
      const body = c.req.valid("json");
      const r = startAssessment(s, body.profile, body.consents);
      if (!r.ok) return errorJson(c, r.error) as never;
      c.header("Location", `/api/v1/assessments/${formatResumeCode(r.value.code)}`);
      return c.json({ code: formatResumeCode(r.value.code), sizeClass: r.value.row.sizeClass }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/assessments/{code}",
      operationId: "getAssessment",
      tags: ["owner"],
      security: PUBLIC,
      summary: "Xem một bài đánh giá (hồ sơ, câu trả lời, trạng thái, điểm khi đã nộp)",
      middleware: [rateLimited("lookup")] as const,
      request: { params: CodeParam },
      responses: { 200: json(AssessmentSchema, "Bài đánh giá"), ...errorResponses(400, 404, 429) },
    }),
    (c) => {
      const found = lookup(c, s, c.req.valid("param").code);
      if (!found.ok) return errorJson(c, found.error) as never;
      return c.json(assessmentView(s, found.value.code, found.value.row), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/assessments/{code}/answers",
      operationId: "saveAnswers",
      tags: ["owner"],
      security: PUBLIC,
      summary: "Lưu câu trả lời (gộp với câu đã lưu; null để xóa một câu)",
      middleware: [rateLimited("lookup")] as const,
      request: {
        params: CodeParam,
        body: { content: { "application/json": { schema: AnswersBody } }, required: true },
      },
      responses: {
        200: json(z.object({ saved: z.number().int(), progress: z.object({ answered: z.number(), total: z.number() }) }), "Đã lưu"),
        ...errorResponses(400, 404, 409, 422, 429),
      },
    }),
    async (c) => {
      const found = lookup(c, s, c.req.valid("param").code);
      if (!found.ok) return errorJson(c, found.error) as never;
      const r = await saveAnswers(s, found.value.row, c.req.valid("json").answers);
      if (!r.ok) return errorJson(c, r.error) as never;
      const view = assessmentView(s, found.value.code, found.value.row);
      return c.json({ saved: r.value.saved, progress: view.progress }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/assessments/{code}/submit",
      operationId: "submitAssessment",
      tags: ["owner"],
      security: PUBLIC,
      summary: "Nộp bài và tính điểm",
      middleware: [rateLimited("lookup")] as const,
      request: { params: CodeParam },
      responses: { 200: json(ScoresSchema, "Điểm"), ...errorResponses(400, 404, 409, 422, 429) },
    }),
    (c) => {
      const found = lookup(c, s, c.req.valid("param").code);
      if (!found.ok) return errorJson(c, found.error) as never;
      const r = submit(s, found.value.row);
      if (!r.ok) return errorJson(c, r.error) as never;
      return c.json(scoresJson(r.value), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/assessments/{code}/corrections",
      operationId: "correctAnswers",
      tags: ["owner"],
      security: PUBLIC,
      summary:
        "Sửa câu trả lời sau khi nộp: tính lại điểm, ghi nhật ký; bài đã được tư vấn viên xác nhận thì chờ xác nhận lại. Tất cả hoặc không gì: câu mới mở ra phải được trả lời cùng lúc",
      middleware: [rateLimited("lookup")] as const,
      request: {
        params: CodeParam,
        body: { content: { "application/json": { schema: CorrectionBody } }, required: true },
      },
      responses: {
        200: json(z.object({ changed: z.number().int(), validationWithdrawn: z.boolean(), scores: ScoresSchema }), "Đã sửa"),
        ...errorResponses(400, 404, 409, 422, 429),
      },
    }),
    (c) => {
      const found = lookup(c, s, c.req.valid("param").code);
      if (!found.ok) return errorJson(c, found.error) as never;
      const body = c.req.valid("json");
      const r = correctAnswers(s, found.value.row, body.answers, body.reason ?? "");
      if (!r.ok) {
        const fields = Object.fromEntries(Object.entries(r.error.fields ?? {}).map(([k, v]) => [k === "reason" ? k : `answers.${k}`, v]));
        return errorJson(c, { status: r.error.status, code: r.error.code, message: r.error.message, fields }) as never;
      }
      return c.json({ changed: r.value.changed, validationWithdrawn: r.value.validationWithdrawn, scores: scoresJson(r.value.scores) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/assessments/{code}/result",
      operationId: "getResult",
      tags: ["owner"],
      security: PUBLIC,
      summary: "Kết quả có giải thích: câu trả lời kéo điểm xuống và cách lên một mức",
      middleware: [rateLimited("lookup")] as const,
      request: { params: CodeParam },
      responses: { 200: json(ResultSchema, "Kết quả"), ...errorResponses(400, 404, 409, 429) },
    }),
    (c) => {
      const found = lookupSubmitted(c, s, c.req.valid("param").code, "Bài đánh giá chưa nộp nên chưa có kết quả.");
      if (!found.ok) return errorJson(c, found.error) as never;
      return c.json(liftAndDrags(s, found.value.row), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/assessments/{code}/plan",
      operationId: "getPlan",
      tags: ["owner"],
      security: PUBLIC,
      summary: "Lộ trình: việc cần làm theo giai đoạn, nền tảng, chi phí, hỗ trợ và phần chủ cơ sở tự trả",
      middleware: [rateLimited("lookup")] as const,
      request: { params: CodeParam },
      responses: { 200: json(PlanSchema, "Lộ trình"), ...errorResponses(400, 404, 409, 429) },
    }),
    (c) => {
      const found = lookupSubmitted(c, s, c.req.valid("param").code, "Bài đánh giá chưa nộp nên chưa có lộ trình.");
      if (!found.ok) return errorJson(c, found.error) as never;
      const { actions: _flat, ...plan } = planOf(s, found.value.row);
      return c.json(plan, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/assessments/{code}/advice-requests",
      operationId: "requestAdvice",
      tags: ["owner"],
      security: PUBLIC,
      summary: "Xin tư vấn cho một việc hoặc một nền tảng (cần sự đồng ý cho liên hệ); gửi lại không tạo bản trùng",
      middleware: [rateLimited("lookup"), rateLimited("advice")] as const,
      request: {
        params: CodeParam,
        body: { content: { "application/json": { schema: adviceRequestSchema.openapi("AdviceRequest") } }, required: true },
      },
      responses: {
        201: json(z.object({ id: z.number().int(), status: z.string(), created: z.boolean() }), "Đã nhận yêu cầu"),
        200: json(z.object({ id: z.number().int(), status: z.string(), created: z.boolean() }), "Yêu cầu đã có, đã cập nhật"),
        ...errorResponses(400, 404, 409, 422, 429),
      },
    }),
    (c) => {
      const found = lookup(c, s, c.req.valid("param").code);
      if (!found.ok) return errorJson(c, found.error) as never;
      const r = requestAdvice(s, found.value.row, c.req.valid("json"));
      if (!r.ok) return errorJson(c, r.error) as never;
      return c.json({ id: r.value.row.id, status: r.value.row.status, created: r.value.created }, r.value.created ? 201 : 200);
    },
  );
}

/** A code that finds nothing counts against the caller's address (brute-force guard). */
function lookup(c: Context<AppEnv>, s: Services, code: string) {
  const r = findByCode(s, code);
  if (!r.ok) recordMiss(c);
  return r;
}

/** The same for what exists only once the assessment is submitted; before that, 409 saying what is missing. */
function lookupSubmitted(c: Context<AppEnv>, s: Services, code: string, notYet: string): ReturnType<typeof lookup> {
  const r = lookup(c, s, code);
  if (r.ok && r.value.row.status !== "submitted") return { ok: false, error: { status: 409, code: "not_submitted", message: notYet } };
  return r;
}

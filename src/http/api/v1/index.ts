// The stable JSON API (/api/v1). Routes are declared with the zod schemas that validate them,
// so the OpenAPI document at /api/v1/openapi.json cannot drift from what is enforced.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { consentsSchema, profileSchema } from "../../../domain/profile.ts";
import {
  assessmentView,
  findByCode,
  liftAndDrags,
  saveAnswers,
  startAssessment,
  submit,
  type AppError,
  type Services,
} from "../../../services/assessments.ts";
import { formatResumeCode } from "../../../domain/resumeCode.ts";
import { apiError, fieldsOf } from "../../errors.ts";
import { vi } from "../../../../views/messages.ts";
import { planOf } from "../../../services/plan.ts";
import { requestAdvice } from "../../../services/advice.ts";
import { correctAnswers } from "../../../services/corrections.ts";
import { adviceRequestSchema } from "../../../domain/advice.ts";
import { PLATFORM_CATEGORIES } from "../../../domain/catalogue.ts";
import type { AppEnv } from "../../env.ts";
import { businessesApi } from "./businesses.ts";
import { fieldApi } from "./field.ts";
import { rateLimited, recordMiss } from "../../rateLimit.ts";
import { statsApi } from "./stats.ts";
import { errorResponse, PUBLIC, serveOpenApi } from "./openapi.ts";
import { ACTIVITY_GROUPS, ASSESSMENT_STATUSES, LEGAL_FORMS, SECTORS, SIZE_BASES, SIZE_CLASSES } from "../../../domain/vocabularies.ts";

const errorResponses = (...codes: (400 | 404 | 409 | 422 | 429)[]) =>
  Object.fromEntries(codes.map((c) => [c, errorResponse(ERROR_MEANING[c])])) as Record<400 | 404 | 409 | 422 | 429, ReturnType<typeof errorResponse>>;

const ERROR_MEANING = {
  400: "Dữ liệu sai dạng (mã invalid_input, malformed_body hoặc invalid_code)",
  404: "Không có bài đánh giá với mã này (mã not_found); mã sai được tính vào giới hạn đoán mã",
  409: "Trạng thái không cho phép (ví dụ: đã nộp, chưa nộp)",
  422: "Dữ liệu đúng dạng nhưng không hợp lệ theo quy tắc (mã và từng trường trong fields)",
  429: "Quá nhiều yêu cầu từ địa chỉ này (mã rate_limited); xem Retry-After",
} as const;

const CodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "code", in: "path" }, example: "7K2M-9QXA-4TBZ", description: "Mã tiếp tục (không phân biệt hoa thường, bỏ qua dấu gạch và khoảng trắng)" }),
});

const AnswerValueSchema = z.union([z.string().max(64), z.array(z.string().max(64)).max(50), z.null()]);
const AnswersBody = z
  .strictObject({ answers: z.record(z.string().max(64), AnswerValueSchema) })
  .openapi("AnswersChange");
const CorrectionBody = z
  .strictObject({ answers: z.record(z.string().max(64), AnswerValueSchema), reason: z.string().max(2000).optional() })
  .openapi("AnswersCorrection");
const CreateBody = z.strictObject({ profile: profileSchema, consents: consentsSchema }).openapi("NewAssessment");

const ScoresSchema = z
  .object({
    overall: z.number(),
    pillars: z.array(z.object({ id: z.string(), score: z.number().nullable() })),
    nationalLevel: z.number().int(),
    euBand: z.string(),
    usesDigitalPlatforms: z.boolean(),
  })
  .openapi("Scores");

const AssessmentSchema = z
  .object({
    code: z.string(),
    status: z.enum(ASSESSMENT_STATUSES),
    questionnaire: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
    profile: z.object({
      name: z.string(),
      legalForm: z.enum(LEGAL_FORMS),
      taxCode: z.string().nullable(),
      communeId: z.string(),
      activityGroup: z.enum(ACTIVITY_GROUPS),
      sector: z.enum(SECTORS),
      staff: z.number().int(),
      revenueBnVnd: z.number().nullable(),
      capitalBnVnd: z.number().nullable(),
      sizeClass: z.enum(SIZE_CLASSES),
      sizeBasis: z.enum(SIZE_BASES),
    }),
    consents: z.object({ report: z.boolean(), statistics: z.boolean(), contact: z.boolean(), policyVersion: z.string() }),
    answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    progress: z.object({ answered: z.number().int(), total: z.number().int() }),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    scores: ScoresSchema.optional(),
  })
  .openapi("Assessment");

const ResultSchema = z
  .object({
    scores: ScoresSchema,
    level: z.object({ level: z.number().int(), name: z.string(), gloss: z.string().nullable(), meaning: z.string(), provisional: z.boolean() }),
    euBand: z
      .object({
        id: z.string(),
        name: z.string(),
        score: z.number(),
        basis: z.enum(["overall", "pillar_mean"]),
        reference: z.literal(true),
      })
      .openapi({ description: "A reference banding in the manner of the EU's Digital Maturity Assessment (0-25, 26-50, 51-75, 76-100), applied to `score`: the unweighted mean of the pillar scores (pillar_mean, as the EU computes it) or, for version 1.0, the weighted overall score. The pillars are Decision 2158/QĐ-BTTTT's, not the EU tool's dimensions." }),
    framing: z
      .object({ statement: z.string().nullable(), weightsSource: z.string().nullable(), levelsSource: z.string() })
      .openapi({ description: "What the score is: the province's readiness score, built in the spirit of Decision 2158/QĐ-BTTTT and the 2025 criteria of the Ministry of Science and Technology, not the national index; and where the pillar weights and level cut-offs come from." }),
    pillars: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        score: z.number().nullable(),
        weight: z.number(),
        provisional: z.boolean(),
        drags: z.array(z.object({ questionId: z.string(), question: z.string(), answer: z.string(), pointsLost: z.number() })),
      }),
    ),
    contributions: z.array(
      z.object({ questionId: z.string(), pillarId: z.string(), earned: z.number(), possible: z.number(), overallPointsLost: z.number() }),
    ),
    liftOneLevel: z
      .object({
        targetLevel: z.number().int(),
        targetScore: z.number(),
        scoreAfter: z.number(),
        /** The plan's first steps, in plan order; each names its roadmap action. */
        steps: z.array(
          z.object({
            actionId: z.string(),
            questionId: z.string(),
            optionId: z.string(),
            action: z.string(),
            effort: z.number().int(),
            gain: z.number(),
            ownerShareVnd: z.object({ minVnd: z.number().int(), maxVnd: z.number().int() }),
            costPer: z.enum(["year", "month", "one_off", "per_use"]),
          }),
        ),
      })
      .nullable(),
    planSteps: z.number().int(),
    scoreAfterPlan: z.number(),
    nextLevel: z
      .object({
        status: z.enum(["reached_by_plan", "beyond_plan", "top_level"]),
        targetLevel: z.number().int().nullable(),
        targetName: z.string().nullable(),
        targetMeaning: z.string().nullable(),
        targetScore: z.number().nullable(),
        scoreAfter: z.number().nullable(),
        steps: z.number().int(),
      })
      .openapi({
        description:
          "What the result page and the PDF say about the next level, decided once: `reached_by_plan` (the first `steps` steps of the plan, the same as `liftOneLevel.steps`, reach `targetScore`; `scoreAfter` once they are done), `beyond_plan` (all `steps` steps of the plan bring the score to `scoreAfter`, below `targetScore`: an advisor helps choose what next) or `top_level` (level 5; the other fields are null and `steps` is 0).",
      }),
  })
  .openapi("Result");

/** Support listed but not taken off the owner's share until a condition is checked (difficult_area: only for communes in difficult areas, not yet known for this one). */
const supportCondition = z.enum(["difficult_area"]).nullable();

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

function errorJson(c: Context, e: AppError) {
  return apiError(c, e.status, e.code, e.message, e.fields);
}

export function apiV1(s: Services) {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return apiError(c, 400, "invalid_input", vi.problems.invalidInput, fieldsOf(result.error));
    },
  });
  // One business's data: never kept by a browser or a proxy.
  api.use("/assessments/*", async (c, next) => {
    c.header("Cache-Control", "no-store"); // before the handler, so its response is built with it
    await next();
  });

  api.openapi(
    createRoute({
      method: "get",
      path: "/questionnaires/current",
      operationId: "getCurrentQuestionnaire",
      tags: ["content"],
      security: PUBLIC,
      summary: "Bộ câu hỏi đang áp dụng",
      responses: {
        200: json(
          z.object({ id: z.string(), version: z.string(), hash: z.string() }).passthrough().openapi("Questionnaire"),
          "Bộ câu hỏi: trụ cột, câu hỏi, lựa chọn, điều kiện hiển thị, mức và dải điểm",
        ),
      },
    }),
    (c) => c.json(s.content.current, 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/communes",
      operationId: "listCommunes",
      tags: ["content"],
      security: PUBLIC,
      summary: "Danh sách xã/phường",
      responses: {
        200: json(
          z
            .array(
              z.object({
                id: z.string(),
                code: z.string().openapi({ description: "Mã số đơn vị hành chính cấp xã (5 chữ số, Quyết định 19/2025/QĐ-TTg)", example: "03325" }),
                name: z.string(),
                kind: z.enum(["ward", "commune"]),
                difficultArea: z
                  .enum(["yes", "no", "unknown"])
                  .openapi({ description: "Thuộc địa bàn có điều kiện kinh tế - xã hội khó khăn: yes, no, unknown (chưa đối chiếu được danh mục chính thức)" }),
                difficultAreaSource: z.string().optional(),
              }),
            )
            .openapi("Communes"),
          "45 đơn vị hành chính cấp xã",
        ),
      },
    }),
    (c) => c.json(s.content.communes, 200),
  );

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
      const d = r.value;
      return c.json(
        {
          overall: d.overall,
          pillars: d.pillars.map((p) => ({ id: p.id, score: p.score })),
          nationalLevel: d.nationalLevel,
          euBand: d.euBand,
          usesDigitalPlatforms: d.usesDigitalPlatforms,
        },
        200,
      );
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
      const d = r.value.scores;
      const scores = { overall: d.overall, pillars: d.pillars.map((p) => ({ id: p.id, score: p.score })), nationalLevel: d.nationalLevel, euBand: d.euBand, usesDigitalPlatforms: d.usesDigitalPlatforms };
      return c.json({ changed: r.value.changed, validationWithdrawn: r.value.validationWithdrawn, scores }, 200);
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

  const Money = z.object({ minVnd: z.number().int(), maxVnd: z.number().int() });
  const PlanSchema = z
    .object({
      horizons: z.array(
        z.object({
          id: z.enum(["quick", "next", "later"]),
          title: z.string(),
          actions: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              summary: z.string(),
              horizon: z.enum(["quick", "next", "later"]),
              why: z.array(z.string()),
              platforms: z.array(z.object({ id: z.string(), name: z.string(), vendor: z.string(), summary: z.string(), website: z.string(), makeInVietnam: z.boolean(), priceLabel: z.string() })),
              costVnd: Money,
              costLabel: z.string(),
              support: z.array(z.object({ schemeId: z.string(), name: z.string(), status: z.enum(["in_force", "draft"]), condition: supportCondition, sharePercent: z.number().nullable(), capVndPerYear: z.number().nullable(), capVndPerContract: z.number().nullable() })),
              supportLabels: z.array(z.string()),
              ownerShareVnd: Money,
              ownerShareLabel: z.string(),
              stage: z.number().int(),
              fundamental: z.boolean(),
              effort: z.number().int(),
              durationLabel: z.string(),
              gain: z.number(),
              scoreAfter: z.number(),
              /** The next level, on exactly the steps of the result's liftOneLevel; otherwise null. */
              helpsReachLevel: z.number().int().nullable(),
            }),
          ),
        }),
      ),
      supportSummary: z.array(z.object({ schemeId: z.string(), name: z.string(), status: z.enum(["in_force", "draft"]), condition: supportCondition, text: z.string() })),
      maxSupportPerYearVnd: z.number().nullable(),
      costNote: z.string(),
      gaps: z.array(z.object({ pillarId: z.string(), name: z.string(), score: z.number(), priority: z.number() })),
      currentScore: z.number(),
      scoreAfterPlan: z.number(),
      liftOneLevel: z.object({ targetLevel: z.number().int(), targetScore: z.number(), scoreAfter: z.number(), actionIds: z.array(z.string()) }).nullable(),
      /** What the law asks of this business, chosen by its answers and profile; each duty with its source ("verify": not yet checked against the text). */
      legalDuties: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          lead: z.string(),
          duties: z.array(z.object({ text: z.string(), source: z.string(), verify: z.string().nullable() })),
        }),
      ),
      legalNote: z.string(),
    })
    .openapi("Plan");

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

  api.openapi(
    createRoute({
      method: "get",
      path: "/platforms",
      operationId: "listPlatforms",
      tags: ["content"],
      security: PUBLIC,
      summary: "Danh mục nền tảng số (lọc theo ngành, loại)",
      request: {
        query: z.object({
          sector: z.enum(SECTORS).optional(),
          category: z.enum(PLATFORM_CATEGORIES).optional(),
        }),
      },
      responses: {
        200: json(z.array(z.object({ id: z.string(), name: z.string(), category: z.string() }).passthrough()).openapi("Platforms"), "Nền tảng"),
        ...errorResponses(400),
      },
    }),
    (c) => {
      const { sector, category } = c.req.valid("query");
      return c.json(
        s.content.platforms.filter((p) => (!sector || p.sectors.includes(sector)) && (!category || p.category === category)),
        200,
      );
    },
  );

  // Staff-only routes (session cookie), described in the same document.
  api.route("/", businessesApi(s));
  // The advisor's offline app: content to download, captured assessments to sync (field.ts).
  api.route("/", fieldApi(s));

  // The department's statistics for other systems (staff token), described in this same document.
  api.route("/stats", statsApi(s));

  serveOpenApi(api, s.content.consent.controller);
  return api;
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

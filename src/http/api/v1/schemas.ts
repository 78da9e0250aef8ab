// The schemas of the owner's JSON API: what /api/v1 accepts and answers, and what the OpenAPI
// document describes. Routes are declared with them (content.ts, assessments.ts).
import { z } from "@hono/zod-openapi";
import { consentsSchema, profileSchema } from "../../../domain/profile.ts";
import { ACTIVITY_GROUPS, ASSESSMENT_STATUSES, LEGAL_FORMS, SECTORS, SIZE_BASES, SIZE_CLASSES } from "../../../domain/vocabularies.ts";
import { errorResponse } from "./openapi.ts";

export const errorResponses = (...codes: (400 | 404 | 409 | 422 | 429)[]) =>
  Object.fromEntries(codes.map((c) => [c, errorResponse(ERROR_MEANING[c])])) as Record<400 | 404 | 409 | 422 | 429, ReturnType<typeof errorResponse>>;

const ERROR_MEANING = {
  400: "Dữ liệu sai dạng (mã invalid_input, malformed_body hoặc invalid_code)",
  404: "Không có bài đánh giá với mã này (mã not_found); mã sai được tính vào giới hạn đoán mã",
  409: "Trạng thái không cho phép (ví dụ: đã nộp, chưa nộp)",
  422: "Dữ liệu đúng dạng nhưng không hợp lệ theo quy tắc (mã và từng trường trong fields)",
  429: "Quá nhiều yêu cầu từ địa chỉ này (mã rate_limited); xem Retry-After",
} as const;

export const CodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "code", in: "path" }, example: "7K2M-9QXA-4TBZ", description: "Mã tiếp tục (không phân biệt hoa thường, bỏ qua dấu gạch và khoảng trắng)" }),
});

const AnswerValueSchema = z.union([z.string().max(64), z.array(z.string().max(64)).max(50), z.null()]);
export const AnswersBody = z
  .strictObject({ answers: z.record(z.string().max(64), AnswerValueSchema) })
  .openapi("AnswersChange");
export const CorrectionBody = z
  .strictObject({ answers: z.record(z.string().max(64), AnswerValueSchema), reason: z.string().max(2000).optional() })
  .openapi("AnswersCorrection");
export const CreateBody = z.strictObject({ profile: profileSchema, consents: consentsSchema }).openapi("NewAssessment");

export const ScoresSchema = z
  .object({
    overall: z.number(),
    pillars: z.array(z.object({ id: z.string(), score: z.number().nullable() })),
    nationalLevel: z.number().int(),
    euBand: z.string(),
    usesDigitalPlatforms: z.boolean(),
  })
  .openapi("Scores");

/** What names a business and places it: the same fields in an assessment's profile and a business's history. */
export const businessIdentity = {
  name: z.string(),
  legalForm: z.enum(LEGAL_FORMS),
  taxCode: z.string().nullable(),
  communeId: z.string(),
  activityGroup: z.enum(ACTIVITY_GROUPS),
  sector: z.enum(SECTORS),
};

export const AssessmentSchema = z
  .object({
    code: z.string(),
    status: z.enum(ASSESSMENT_STATUSES),
    questionnaire: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
    profile: z.object({
      ...businessIdentity,
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

export const ResultSchema = z
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

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const Money = z.object({ minVnd: z.number().int(), maxVnd: z.number().int() });
export const PlanSchema = z
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

// The questionnaire model: what a reviewable content file may say.
// Zod schemas are the single definition; the types are inferred from them.
import { z } from "zod";
import "./zodLocale.ts";

import { ACTIVITY_GROUPS, LEGAL_FORMS, SECTORS, SIZE_CLASSES, type ActivityGroup, type LegalForm, type Sector, type SizeClass } from "./vocabularies.ts";
// The profile's lists, where the questionnaire's display conditions name them.
export { ACTIVITY_GROUPS, LEGAL_FORMS, SECTORS, SIZE_CLASSES, type ActivityGroup, type LegalForm, type Sector, type SizeClass };

/** Business functions of the tool inventory (2025 MOST criteria: which tool serves which function). */
export const BUSINESS_FUNCTIONS = [
  "selling",
  "payment",
  "invoicing",
  "bookkeeping",
  "stock",
  "customer_contact",
  "marketing",
  "internal_communication",
] as const;
export type BusinessFunction = (typeof BUSINESS_FUNCTIONS)[number];

const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "chỉ dùng chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ");
const text = z.string().trim().min(1, "không được để trống");

/**
 * Who a question is for (`showIf`): profile facts only. A question whose showIf fails does not
 * apply to this business and counts neither way in its score.
 */
export type ProfileCondition =
  | { legalForm: LegalForm[] }
  | { sizeClass: SizeClass[] }
  | { sector: Sector[] }
  | { activityGroup: ActivityGroup[] }
  | { not: ProfileCondition }
  | { all: ProfileCondition[] }
  | { any: ProfileCondition[] };

/**
 * When a follow-up is asked (`askIf`): earlier answers only. A follow-up skipped because of an
 * earlier answer still applies: the earlier answer already tells us its answer is the lowest one
 * ("no online sales" means "no e-commerce floor"), so it counts as 0 of its points. This keeps
 * the rule "a better answer never lowers a score" true.
 */
export type AnswerCondition =
  | { answer: { question: string; anyOf: string[] } }
  | { not: AnswerCondition }
  | { all: AnswerCondition[] }
  | { any: AnswerCondition[] };

export type Condition = ProfileCondition | AnswerCondition;

export const profileConditionSchema: z.ZodType<ProfileCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ legalForm: z.array(z.enum(LEGAL_FORMS)).min(1) }),
    z.strictObject({ sizeClass: z.array(z.enum(SIZE_CLASSES)).min(1) }),
    z.strictObject({ sector: z.array(z.enum(SECTORS)).min(1) }),
    z.strictObject({ activityGroup: z.array(z.enum(ACTIVITY_GROUPS)).min(1) }),
    z.strictObject({ not: profileConditionSchema }),
    z.strictObject({ all: z.array(profileConditionSchema).min(1) }),
    z.strictObject({ any: z.array(profileConditionSchema).min(1) }),
  ]),
);

export const answerConditionSchema: z.ZodType<AnswerCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ answer: z.strictObject({ question: id, anyOf: z.array(id).min(1) }) }),
    z.strictObject({ not: answerConditionSchema }),
    z.strictObject({ all: z.array(answerConditionSchema).min(1) }),
    z.strictObject({ any: z.array(answerConditionSchema).min(1) }),
  ]),
);

export const optionSchema = z.strictObject({
  id,
  label: text,
  points: z.number().min(0).max(10),
  /** "Tôi không biết / chưa rõ": scores 0 and is counted. */
  dontKnow: z.boolean().optional(),
  /** In a multiple-choice question, picking this option clears the others ("Không dùng gì"). */
  exclusive: z.boolean().optional(),
  /**
   * "Không áp dụng với cơ sở này" (no customers far away, no foreign guests): picking it takes the
   * question out of the score, neither earned nor possible. Never carries points.
   */
  notApplicable: z.boolean().optional(),
  /** Tool inventory: picking this option means a digital tool serves the question's business function. */
  digital: z.boolean().optional(),
  /** How to reach this answer, worded as an action for "what lifts you one level". */
  action: text.optional(),
  /** Rough cost of reaching this answer: 1 free or cheap, 2 moderate, 3 costly. */
  effort: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
});
export type Option = z.infer<typeof optionSchema>;

export const questionSchema = z.strictObject({
  id,
  pillar: id,
  text,
  /** Plain Vietnamese, naming concrete tools as examples. */
  help: text,
  type: z.enum(["single", "multi"]),
  options: z.array(optionSchema).min(2),
  /** Multiple choice: the most points a question can give (defaults to the sum of its options). */
  maxPoints: z.number().positive().optional(),
  /**
   * Multiple choice: options not marked `digital` never lift the score above what the digital
   * options picked give (paper next to a spreadsheet earns what the spreadsheet earns). They
   * still count when no digital option is picked.
   */
  digitalFirst: z.boolean().optional(),
  /** false: asked for context (e.g. OCOP stars, which floors), recorded, never scored. */
  scored: z.boolean().optional(),
  /** Who the question is for (profile facts only). */
  showIf: profileConditionSchema.optional(),
  /** Follow-up: asked only if earlier answers say so; when skipped it counts as its lowest answer. */
  askIf: answerConditionSchema.optional(),

  /** Tool-inventory questions name the business function they ask about. */
  businessFunction: z.enum(BUSINESS_FUNCTIONS).optional(),
});
export type Question = z.infer<typeof questionSchema>;

export const pillarSchema = z.strictObject({
  id,
  name: text,
  shortName: text,
  weight: z.number().positive(),
  description: text,
  /** confirmed: named in Decision 2158/QĐ-BTTTT; provisional: our choice until the official text is found. */
  status: z.enum(["confirmed", "provisional"]),
  source: text.optional(),
});
export type Pillar = z.infer<typeof pillarSchema>;

export const levelSchema = z.strictObject({
  level: z.number().int().min(0).max(5),
  name: text,
  /** Lowest overall score (0-100) that reaches this level. */
  minScore: z.number().min(0).max(100),
  /** A few plain words shown next to the name ("mới thử vài việc"). */
  gloss: text.optional(),
  meaning: text,
});
export type Level = z.infer<typeof levelSchema>;

export const euBandSchema = z.strictObject({
  id,
  name: text,
  /** Highest overall score (0-100) inside this band. */
  maxScore: z.number().min(0).max(100),
});
export type EuBand = z.infer<typeof euBandSchema>;

export const platformUseRuleSchema = z.strictObject({
  description: text,
  /** A digital tool must serve at least this many of the core functions. */
  minFunctions: z.number().int().min(1),
  coreFunctions: z.array(z.enum(BUSINESS_FUNCTIONS)).min(1),
});
export type PlatformUseRule = z.infer<typeof platformUseRuleSchema>;

/** meta.yaml of a questionnaire version. */
export const questionnaireMetaSchema = z.strictObject({
  id,
  version: z.string().regex(/^\d+\.\d+$/, "dạng số.số, ví dụ 1.0"),
  title: text,
  status: z.enum(["in_force", "retired", "draft"]),
  /**
   * The version this one replaces: it stops taking new assessments while its files stay exactly
   * as they were (old assessments carry its content hash).
   */
  replaces: z.string().regex(/^\d+\.\d+$/, "dạng số.số, ví dụ 1.0").optional(),
  publishedOn: z.iso.date(),
  estimatedMinutes: z.number().int().positive(),
  provisionalNote: text,
  pillars: z.array(pillarSchema).min(1),
  levels: z.array(levelSchema).length(6),
  levelsStatus: z.enum(["confirmed", "provisional"]),
  levelsSource: text,
  /** Where the pillar weights come from (they are the province's choice). */
  weightsSource: text.optional(),
  /**
   * What the score is and is not, said on the result page, in the report and by the API: the
   * province's readiness score, not the national index.
   */
  framing: text.optional(),
  euBands: z.array(euBandSchema).min(1),
  /**
   * What the EU bands are applied to: the weighted overall score ("overall", version 1.0), or, as
   * the EU's Digital Maturity Assessment does, the unweighted mean of the pillar scores
   * ("pillar_mean").
   */
  euBandBasis: z.enum(["overall", "pillar_mean"]).optional(),
  platformUse: platformUseRuleSchema,
});
export type QuestionnaireMeta = z.infer<typeof questionnaireMetaSchema>;

/** A questions file: the common set (no sector) or a sector module. */
export const questionFileSchema = z.strictObject({
  module: z.strictObject({
    id,
    name: text,
    /** Shown only to businesses of these sectors; absent = common set, shown to all. */
    sectors: z.array(z.enum(SECTORS)).min(1).optional(),
    description: text.optional(),
  }),
  questions: z.array(questionSchema).min(1),
});
export type QuestionFile = z.infer<typeof questionFileSchema>;

export interface Module {
  id: string;
  name: string;
  sectors?: Sector[];
  description?: string;
  questionIds: string[];
}

/** A whole questionnaire version as scored: meta + modules, questions in display order. */
export interface Questionnaire extends QuestionnaireMeta {
  /** sha256 of the canonical JSON of the content, first 16 hex digits. */
  hash: string;
  modules: Module[];
  questions: Question[];
}

// Drizzle schema. Migrations in db/migrations are generated from this file (npm run db:generate)
// and applied at start-up; never edit a committed migration.
import { sql } from "drizzle-orm";
import { integer, primaryKey, real, sqliteTable, text, index } from "drizzle-orm/sqlite-core";

/** Every questionnaire version an assessment was ever taken on, frozen, so it re-scores the same forever. */
export const questionnaireVersions = sqliteTable("questionnaire_versions", {
  hash: text("hash").primaryKey(),
  questionnaireId: text("questionnaire_id").notNull(),
  version: text("version").notNull(),
  content: text("content").notNull(),
  firstSeenAt: text("first_seen_at").notNull(),
});

export const assessments = sqliteTable(
  "assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** sha256 of the resume code; the code itself is never stored. */
    codeHash: text("code_hash").notNull().unique(),
    questionnaireHash: text("questionnaire_hash")
      .notNull()
      .references(() => questionnaireVersions.hash),
    questionnaireId: text("questionnaire_id").notNull(),
    questionnaireVersion: text("questionnaire_version").notNull(),
    status: text("status", { enum: ["draft", "submitted"] }).notNull().default("draft"),
    businessName: text("business_name").notNull(),
    legalForm: text("legal_form", { enum: ["company", "cooperative", "household"] }).notNull(),
    taxCode: text("tax_code"),
    communeId: text("commune_id").notNull(),
    activityGroup: text("activity_group", { enum: ["agriculture", "industry", "trade_services"] }).notNull(),
    sector: text("sector", { enum: ["ocop", "tourism", "border_trade", "other"] }).notNull(),
    staff: integer("staff").notNull(),
    revenueBnVnd: real("revenue_bn_vnd"),
    capitalBnVnd: real("capital_bn_vnd"),
    sizeClass: text("size_class", { enum: ["micro", "small", "medium", "large"] }).notNull(),
    sizeBasis: text("size_basis", { enum: ["staff_and_money", "staff_only"] }).notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    submittedAt: text("submitted_at"),
    // Scores frozen at submission (re-computable from the frozen questionnaire version).
    overallScore: real("overall_score"),
    nationalLevel: integer("national_level"),
    euBand: text("eu_band"),
    usesDigitalPlatforms: integer("uses_digital_platforms", { mode: "boolean" }),
    pillarScores: text("pillar_scores", { mode: "json" }).$type<{ id: string; score: number | null }[]>(),
  },
  (t) => [index("assessments_status_sector_idx").on(t.status, t.sector, t.communeId)],
);

export const answers = sqliteTable(
  "answers",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    /** An option id, or a JSON array of option ids for multiple choice. */
    value: text("value", { mode: "json" }).$type<string | string[]>().notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.questionId] })],
);

/** Consent per purpose, append-only: the latest row per purpose is in force. */
export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["report", "statistics", "contact"] }).notNull(),
    granted: integer("granted", { mode: "boolean" }).notNull(),
    policyVersion: text("policy_version").notNull(),
    method: text("method", { enum: ["online", "in_person"] }).notNull(),
    recordedAt: text("recorded_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("consents_assessment_idx").on(t.assessmentId, t.purpose)],
);

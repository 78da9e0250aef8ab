// Drizzle schema. Migrations in db/migrations are generated from this file (npm run db:generate)
// and applied at start-up; never edit a committed migration.
import { sql } from "drizzle-orm";
import { integer, primaryKey, real, sqliteTable, text, index, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  ACTIVITY_GROUPS,
  ADVICE_CHANNELS,
  ADVICE_REQUEST_STATUSES,
  ASSESSMENT_METHODS,
  ASSESSMENT_STATUSES,
  CAPTURE_KINDS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  LEGAL_FORMS,
  SECTORS,
  SIZE_BASES,
  SIZE_CLASSES,
  STAFF_ROLES,
  SUPPORT_TYPES,
} from "../src/domain/vocabularies.ts";

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
    status: text("status", { enum: ASSESSMENT_STATUSES }).notNull().default("draft"),
    businessName: text("business_name").notNull(),
    legalForm: text("legal_form", { enum: LEGAL_FORMS }).notNull(),
    taxCode: text("tax_code"),
    communeId: text("commune_id").notNull(),
    activityGroup: text("activity_group", { enum: ACTIVITY_GROUPS }).notNull(),
    sector: text("sector", { enum: SECTORS }).notNull(),
    staff: integer("staff").notNull(),
    revenueBnVnd: real("revenue_bn_vnd"),
    capitalBnVnd: real("capital_bn_vnd"),
    sizeClass: text("size_class", { enum: SIZE_CLASSES }).notNull(),
    sizeBasis: text("size_basis", { enum: SIZE_BASES }).notNull(),
    /** The business followed over time (set when an advisor links or creates it, or by tax code). */
    businessId: integer("business_id").references((): AnySQLiteColumn => businesses.id),
    /** 1 = first assessment (T0), 2 = first re-assessment (T1), … */
    round: integer("round").notNull().default(1),
    previousAssessmentId: integer("previous_assessment_id").references((): AnySQLiteColumn => assessments.id),
    /** self: the owner online; guided: an advisor with the owner. */
    method: text("method", { enum: ASSESSMENT_METHODS }).notNull().default("self"),
    createdByStaffId: integer("created_by_staff_id").references((): AnySQLiteColumn => staff.id),
    validatedByStaffId: integer("validated_by_staff_id").references((): AnySQLiteColumn => staff.id),
    validatedAt: text("validated_at"),
    /**
     * The owner corrected an answer after an advisor validated it: the validation is withdrawn
     * (validated_at cleared, so it counts as validated nowhere) until an advisor checks it again.
     * Since when, and whose validation it was; cleared by the next validation.
     */
    recheckSince: text("recheck_since"),
    recheckOfStaffId: integer("recheck_of_staff_id").references((): AnySQLiteColumn => staff.id),
    /**
     * "Start again from a copy": the assessment this one was copied from (kept as history). No
     * foreign key: erasing the old one on the owner's request must not be held up by its copy.
     */
    restartedFromId: integer("restarted_from_id"),
    /**
     * The first assessment of a chain of copies (its own id is not stored): copies of one
     * assessment are one business, and only the latest submitted of them counts in the figures.
     */
    lineageId: integer("lineage_id"),
    /**
     * Answers that reached us other than typed live: "paper" (a paper form keyed in by staff),
     * "offline" (captured on an advisor's device without signal, synced later). Null: typed live.
     */
    capture: text("capture", { enum: CAPTURE_KINDS }),
    /** The id the capturing device (or paper-entry page) made: a second sync of it finds this row. */
    clientId: text("client_id").unique(),
    /** When the answers were captured (device clock, or the date on the paper form). */
    capturedAt: text("captured_at"),
    /** When a capture reached the server. */
    syncedAt: text("synced_at"),
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
  (t) => [
    index("assessments_status_sector_idx").on(t.status, t.sector, t.communeId),
    index("assessments_business_idx").on(t.businessId, t.round),
  ],
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

/**
 * A counter per assessment, raised by triggers (migration 0007) on every change to the assessment,
 * its answers or its consents: owner pages kept rendered are keyed by it (src/http/pageMemo.ts).
 * No foreign key: answers deleted by the assessment's cascade must not recreate a row.
 */
export const assessmentRevisions = sqliteTable("assessment_revisions", {
  assessmentId: integer("assessment_id").primaryKey(),
  n: integer("n").notNull(),
});

/** Consent per purpose, append-only: the latest row per purpose is in force. */
export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: CONSENT_PURPOSES }).notNull(),
    granted: integer("granted", { mode: "boolean" }).notNull(),
    policyVersion: text("policy_version").notNull(),
    method: text("method", { enum: CONSENT_METHODS }).notNull(),
    /** For consent given in person: the advisor who recorded it. */
    recordedByStaffId: integer("recorded_by_staff_id").references((): AnySQLiteColumn => staff.id),
    recordedAt: text("recorded_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("consents_assessment_idx").on(t.assessmentId, t.purpose)],
);

// ── Businesses, staff, validation and support (advisor workspace) ──

/** A business followed over time: its assessments (T0, T1, …) and the support it received. */
export const businesses = sqliteTable(
  "businesses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    legalForm: text("legal_form", { enum: LEGAL_FORMS }).notNull(),
    taxCode: text("tax_code").unique(),
    communeId: text("commune_id").notNull(),
    activityGroup: text("activity_group", { enum: ACTIVITY_GROUPS }).notNull(),
    sector: text("sector", { enum: SECTORS }).notNull(),
    registryId: integer("registry_id").references(() => registry.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** Set when staff merged this record into another of the same business (undone: back to NULL). */
    mergedInto: integer("merged_into").references((): AnySQLiteColumn => businesses.id),
    /** The name folded for search (no diacritics, lower case: foldVietnamese), written with the name. */
    nameFolded: text("name_folded"),
  },
  (t) => [index("businesses_commune_sector_idx").on(t.communeId, t.sector)],
);

/**
 * Two records of one business merged by staff: what moved, so the merge can be undone exactly.
 * `moved` holds each moved assessment's business, round and previous assessment before the merge
 * (and the kept record's own rounds, renumbered with them); `support` the support records moved.
 */
export const businessMerges = sqliteTable("business_merges", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  keptId: integer("kept_id")
    .notNull()
    .references(() => businesses.id),
  mergedId: integer("merged_id")
    .notNull()
    .references(() => businesses.id),
  staffId: integer("staff_id")
    .notNull()
    .references(() => staff.id),
  at: text("at").notNull(),
  reason: text("reason").notNull(),
  moved: text("moved", { mode: "json" }).$type<{ id: number; businessId: number | null; round: number; previousAssessmentId: number | null }[]>().notNull(),
  support: text("support", { mode: "json" }).$type<number[]>().notNull(),
  undoneAt: text("undone_at"),
  undoneBy: integer("undone_by").references(() => staff.id),
});

export const staff = sqliteTable("staff", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: STAFF_ROLES }).notNull(),
  passwordHash: text("password_hash").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: text("created_at").notNull(),
});

/** Server-side sessions; the cookie holds a random token, the table its sha256. */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
  },
  (t) => [index("staff_sessions_staff_idx").on(t.staffId)],
);

/**
 * The resume code of a guided session, kept for the advisor who started it until their session
 * ends (the owner has no code to show yet). Sealed with a key made from SESSION_SECRET and the
 * session's own token, which only the advisor's cookie holds: a copied database, or the secret
 * alone, does not give the code. Gone with the session (sign-out, expiry) or the assessment.
 */
export const staffCodeGrants = sqliteTable(
  "staff_code_grants",
  {
    tokenHash: text("token_hash")
      .notNull()
      .references(() => staffSessions.tokenHash, { onDelete: "cascade" }),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    sealedCode: text("sealed_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenHash, t.assessmentId] }), index("staff_code_grants_assessment_idx").on(t.assessmentId)],
);

/** Advisor's per-question notes during a guided session or a validation. */
export const answerNotes = sqliteTable(
  "answer_notes",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    note: text("note"),
    evidenceSeen: integer("evidence_seen", { mode: "boolean" }).notNull().default(false),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.questionId] })],
);

/** Who changed what, when and why: answers changed by staff, validations, personal-data actions. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    staffId: integer("staff_id").references(() => staff.id),
    assessmentId: integer("assessment_id").references(() => assessments.id, { onDelete: "set null" }),
    businessId: integer("business_id").references(() => businesses.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    questionId: text("question_id"),
    oldValue: text("old_value", { mode: "json" }),
    newValue: text("new_value", { mode: "json" }),
    reason: text("reason"),
  },
  (t) => [index("audit_assessment_idx").on(t.assessmentId), index("audit_staff_idx").on(t.staffId)],
);

export const supportRecords = sqliteTable(
  "support_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    assessmentId: integer("assessment_id").references(() => assessments.id, { onDelete: "set null" }),
    type: text("type", {
      enum: SUPPORT_TYPES,
    }).notNull(),
    date: text("date").notNull(),
    amountVnd: integer("amount_vnd"),
    platformId: text("platform_id"),
    note: text("note"),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id),
    createdAt: text("created_at").notNull(),
    /** Last correction (who, why and what changed are in the audit log). */
    correctedAt: text("corrected_at"),
    /** A record entered by mistake is withdrawn, not deleted: it leaves totals and T0 → T1, stays in the audit trail. */
    withdrawnAt: text("withdrawn_at"),
    withdrawnBy: integer("withdrawn_by").references(() => staff.id),
    withdrawnReason: text("withdrawn_reason"),
    /** The support scheme (questionnaires/support-schemes.yaml) it was given under, when it was one. */
    schemeId: text("scheme_id"),
  },
  (t) => [index("support_business_idx").on(t.businessId, t.date)],
);

// ── Requests for advice (roadmap) ──

export const adviceRequests = sqliteTable(
  "advice_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    actionId: text("action_id").notNull(),
    platformId: text("platform_id"),
    channel: text("channel", { enum: ADVICE_CHANNELS }).notNull(),
    /** Phone number or e-mail address, given only for this request (personal data). */
    contact: text("contact").notNull(),
    message: text("message"),
    status: text("status", { enum: ADVICE_REQUEST_STATUSES }).notNull().default("new"),
    /** assessment + action + platform: a repeated submit updates instead of duplicating. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    handledBy: integer("handled_by").references(() => staff.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("advice_status_idx").on(t.status), index("advice_assessment_idx").on(t.assessmentId)],
);

// ── The province's register of businesses (department) ──

export const registry = sqliteTable(
  "registry",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Tax code, or for a household without one: "hh:" + normalised name + commune. */
    registryKey: text("registry_key").notNull().unique(),
    taxCode: text("tax_code"),
    name: text("name").notNull(),
    legalForm: text("legal_form", { enum: LEGAL_FORMS }).notNull(),
    communeId: text("commune_id").notNull(),
    sector: text("sector", { enum: SECTORS }).notNull(),
    sizeClass: text("size_class", { enum: SIZE_CLASSES }),
    importedAt: text("imported_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** Day (YYYY-MM-DD) the business entered the register, when the file says; else its validity starts on the import day. */
    registeredOn: text("registered_on"),
    /** Day the business left the register (closed, dissolved): it leaves the reach denominator from that day. */
    closedOn: text("closed_on"),
    /** The name folded for search (foldVietnamese), written with the name. */
    nameFolded: text("name_folded"),
  },
  (t) => [index("registry_tax_idx").on(t.taxCode), index("registry_commune_sector_idx").on(t.communeId, t.sector)],
);

/**
 * Every state a registry row has had, with the days it was valid (valid_from inclusive, valid_to
 * exclusive, NULL = still valid). Written by triggers (migration 0010) on every change to the
 * registry, so "the register as it stood on a day" is one query whoever changed it. Deleting a
 * wrongly imported row deletes its history too (the audit log keeps what was deleted).
 */
export const registryVersions = sqliteTable(
  "registry_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    registryId: integer("registry_id")
      .notNull()
      .references(() => registry.id, { onDelete: "cascade" }),
    registryKey: text("registry_key").notNull(),
    taxCode: text("tax_code"),
    name: text("name").notNull(),
    legalForm: text("legal_form", { enum: LEGAL_FORMS }).notNull(),
    communeId: text("commune_id").notNull(),
    sector: text("sector", { enum: SECTORS }).notNull(),
    sizeClass: text("size_class", { enum: SIZE_CLASSES }),
    validFrom: text("valid_from").notNull(),
    validTo: text("valid_to"),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [index("registry_versions_registry_idx").on(t.registryId), index("registry_versions_valid_idx").on(t.validFrom, t.validTo)],
);

/**
 * One row (id 1): a counter raised by triggers on every change to the registry or its hand links.
 * A preview remembers it; saving a preview after the register moved is refused.
 */
export const registryState = sqliteTable("registry_state", {
  id: integer("id").primaryKey(),
  revision: integer("revision").notNull(),
});

/** Links made by hand from an assessment to its registry row (households without a tax code). */
export const registryLinks = sqliteTable(
  "registry_links",
  {
    assessmentId: integer("assessment_id")
      .primaryKey()
      .references(() => assessments.id, { onDelete: "cascade" }),
    registryId: integer("registry_id")
      .notNull()
      .references(() => registry.id, { onDelete: "cascade" }),
    staffId: integer("staff_id").references(() => staff.id),
    linkedAt: text("linked_at").notNull(),
  },
  (t) => [index("registry_links_registry_idx").on(t.registryId)],
);

/** An uploaded register awaiting the department's confirmation (preview), then its outcome. */
export const registryImports = sqliteTable("registry_imports", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  fileName: text("file_name").notNull(),
  staffId: integer("staff_id").references(() => staff.id),
  createdAt: text("created_at").notNull(),
  rowCount: integer("row_count").notNull(),
  errorCount: integer("error_count").notNull(),
  /** Rows with at least one error (left out if the officer saves the valid rows only). */
  errorRows: integer("error_rows").notNull().default(0),
  /** The registry's revision the preview was counted against; saving refuses if it moved. */
  baseRevision: integer("base_revision").notNull().default(0),
  /** Open registry rows that the file does not have (listed, to close or delete). */
  missing: integer("missing").notNull().default(0),
  committedAt: text("committed_at"),
  committedBy: integer("committed_by").references(() => staff.id),
  inserted: integer("inserted"),
  updated: integer("updated"),
  /** Rows with errors left out, when the officer chose to save the valid rows only. */
  skipped: integer("skipped"),
  /** Closed rows that the file brought back. */
  reopened: integer("reopened"),
  /** A preview refused because the register changed: the fresh preview made in its place. */
  supersededBy: integer("superseded_by"),
  /** Set when the preview is complete (it is written off the request thread, in steps); only then can it be saved. */
  preparedAt: text("prepared_at"),
  /** The officer said the file is the whole register: open rows it lacks are listed as missing. */
  fullRegister: integer("full_register", { mode: "boolean" }).notNull().default(false),
  /** What saving the preview would do, counted against the register at `baseRevision`. */
  fresh: integer("fresh"),
  changed: integer("changed"),
  /** Closed rows of the register the file has again (saving reopens them). */
  toReopen: integer("to_reopen"),
});

/** The valid rows of a preview, kept until it is saved (one row per line of the file). */
export const registryImportRows = sqliteTable(
  "registry_import_rows",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => registryImports.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    registryKey: text("registry_key").notNull(),
    taxCode: text("tax_code"),
    name: text("name").notNull(),
    legalForm: text("legal_form", { enum: LEGAL_FORMS }).notNull(),
    communeId: text("commune_id").notNull(),
    sector: text("sector", { enum: SECTORS }).notNull(),
    sizeClass: text("size_class", { enum: SIZE_CLASSES }),
    registeredOn: text("registered_on"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] }), index("registry_import_rows_key_idx").on(t.importId, t.registryKey)],
);

/** The errors of a preview, one per problem, paged on the preview. */
export const registryImportErrors = sqliteTable(
  "registry_import_errors",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => registryImports.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    row: integer("row").notNull(),
    field: text("field").notNull(),
    message: text("message").notNull(),
    name: text("name"),
    /** The registry key the bad row would have had, when it can be told (so it is not listed as missing). */
    registryKey: text("registry_key"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);

/** Open registry rows a preview's file did not have: listed after saving, to close or delete. */
export const registryImportMissing = sqliteTable(
  "registry_import_missing",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => registryImports.id, { onDelete: "cascade" }),
    registryId: integer("registry_id")
      .notNull()
      .references(() => registry.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.importId, t.registryId] })],
);

/** Tokens of the province's other systems for /api/v1/stats; only a sha256 is stored. */
export const apiTokens = sqliteTable("api_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: text("created_at").notNull(),
  lastUsedAt: text("last_used_at"),
  revokedAt: text("revoked_at"),
});

// Paged reads for the staff exports: each page is one short query, so a large export streams out
// without holding the connection or building the file in memory.
import type { Filter } from "../src/domain/aggregates.ts";
import type { Db } from "./connection.ts";
import type { StaffMember } from "../src/domain/access.ts";
import { seesBusinessSql, seesRecordSql } from "./access.ts";

function filterSql(f: Filter, alias: string): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  const add = (col: string, v: string | undefined) => {
    if (v) {
      parts.push(`${alias}.${col} = ?`);
      params.push(v);
    }
  };
  add("sector", f.sector);
  add("commune_id", f.communeId);
  add("size_class", f.sizeClass);
  add("legal_form", f.legalForm);
  return { sql: parts.map((p) => ` AND ${p}`).join(""), params };
}

export interface ExportedAssessment {
  id: number;
  round: number;
  business_name: string;
  tax_code: string | null;
  legal_form: string;
  commune_id: string;
  activity_group: string;
  sector: string;
  staff: number;
  revenue_bn_vnd: number | null;
  capital_bn_vnd: number | null;
  size_class: string;
  method: string;
  submitted_at: string;
  overall_score: number | null;
  national_level: number | null;
  eu_band: string | null;
  uses_digital_platforms: number | null;
  pillar_scores: string | null;
  validated_at: string | null;
  validator: string | null;
  consent: number;
  registry_id: number | null;
  questionnaire_version: string;
  questionnaire_hash: string;
  business_id: number | null;
}

/** Submitted assessments (every round) whose record `viewer` sees, after `afterId`, in id order. */
export function assessmentsPage(db: Db, f: Filter, viewer: StaffMember, afterId: number, limit: number): ExportedAssessment[] {
  const w = filterSql(f, "f");
  return db.$client
    .prepare(
      `SELECT a.id, a.round, a.business_name, a.tax_code, a.legal_form, a.commune_id, a.activity_group, a.sector, a.staff, a.revenue_bn_vnd, a.capital_bn_vnd,
         a.size_class, a.method, f.submitted_at, a.overall_score, a.national_level, a.eu_band, a.uses_digital_platforms, a.pillar_scores, a.validated_at,
         st.name AS validator, f.consent, f.registry_id, a.questionnaire_version, a.questionnaire_hash, a.business_id
       FROM stat_facts f JOIN assessments a ON a.id = f.assessment_id LEFT JOIN staff st ON st.id = a.validated_by_staff_id
       WHERE f.assessment_id > ?${w.sql} AND ${seesRecordSql(viewer, "a")} ORDER BY f.assessment_id LIMIT ?`,
    )
    .all(afterId, ...w.params, limit) as ExportedAssessment[];
}

export function answersOfAssessments(db: Db, ids: readonly number[]): { assessment_id: number; question_id: string; value: string }[] {
  if (!ids.length) return [];
  return db.$client
    .prepare(`SELECT assessment_id, question_id, value FROM answers WHERE assessment_id IN (${ids.map(() => "?").join(",")}) ORDER BY assessment_id, question_id`)
    .all(...ids) as { assessment_id: number; question_id: string; value: string }[];
}

export interface ExportedSupport {
  id: number;
  date: string;
  type: string;
  amount_vnd: number | null;
  platform_id: string | null;
  note: string | null;
  /** The support scheme it was given under, when it was one. */
  scheme_id: string | null;
  business_name: string;
  tax_code: string | null;
  commune_id: string;
  sector: string;
  legal_form: string;
  staff_name: string;
}

/** Support records of businesses `viewer` sees. */
export function supportPage(db: Db, f: Filter, viewer: StaffMember, afterId: number, limit: number): ExportedSupport[] {
  // Businesses carry no size class: a size filter keeps the support of businesses assessed at that size.
  const w = filterSql({ ...f, sizeClass: undefined }, "b");
  const size = f.sizeClass ? ` AND EXISTS (SELECT 1 FROM assessments a WHERE a.business_id = b.id AND a.size_class = ?)` : "";
  return db.$client
    .prepare(
      `SELECT sr.id, sr.date, sr.type, sr.amount_vnd, sr.platform_id, sr.note, sr.scheme_id, b.name AS business_name, b.tax_code, b.commune_id, b.sector, b.legal_form, st.name AS staff_name
       FROM support_records sr JOIN businesses b ON b.id = sr.business_id JOIN staff st ON st.id = sr.staff_id
       WHERE sr.id > ? AND sr.withdrawn_at IS NULL${w.sql}${size} AND ${seesBusinessSql(viewer, "b")} ORDER BY sr.id LIMIT ?`,
    )
    .all(afterId, ...w.params, ...(f.sizeClass ? [f.sizeClass] : []), limit) as ExportedSupport[];
}

// Queries of the business aggregate: a business followed over time, its assessments (T0, T1, …)
// and the support it received; the advisor's lists.
import { and, asc, desc, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { StaffMember } from "../src/domain/access.ts";
import type { SupportType } from "../src/domain/support.ts";
import { foldVietnamese } from "../src/domain/vnText.ts";
import { seesBusinessSql, seesRecordSql } from "./access.ts";
import type { Db } from "./connection.ts";
import { adviceRequests, assessments, auditLog, businesses, staff, supportRecords } from "./schema.ts";

export type BusinessRow = typeof businesses.$inferSelect;
export type SupportRow = typeof supportRecords.$inferSelect;
export type NewBusiness = Omit<typeof businesses.$inferInsert, "id" | "createdAt" | "updatedAt" | "nameFolded">;

export interface PlaceFilter {
  communeId?: string;
  sector?: BusinessRow["sector"];
}

const now = () => new Date().toISOString();

export function insertBusiness(db: Db, values: NewBusiness): BusinessRow {
  const t = now();
  return db.insert(businesses).values({ ...values, nameFolded: foldVietnamese(values.name), createdAt: t, updatedAt: t }).returning().get();
}

export function businessById(db: Db, id: number): BusinessRow | undefined {
  return db.select().from(businesses).where(eq(businesses.id, id)).get();
}

export function businessByTaxCode(db: Db, taxCode: string): BusinessRow | undefined {
  return db.select().from(businesses).where(eq(businesses.taxCode, taxCode)).get();
}

/** The business's assessments, oldest round first. */
export function assessmentsOfBusiness(db: Db, businessId: number) {
  return db.select().from(assessments).where(eq(assessments.businessId, businessId)).orderBy(asc(assessments.round), asc(assessments.id)).all();
}

/**
 * Attach an assessment to a business as its next round (used when an advisor validates an owner's
 * self-assessment). An assessment already attached keeps its place.
 */
export function attachToBusiness(db: Db, assessmentId: number, businessId: number): void {
  db.transaction((tx) => {
    const row = tx.select().from(assessments).where(eq(assessments.id, assessmentId)).get();
    if (!row || row.businessId !== null) return;
    const latest = tx
      .select()
      .from(assessments)
      .where(eq(assessments.businessId, businessId))
      .orderBy(desc(assessments.round), desc(assessments.id))
      .get();
    tx.update(assessments)
      .set({ businessId, round: latest ? latest.round + 1 : 1, previousAssessmentId: latest?.id ?? null })
      .where(eq(assessments.id, assessmentId))
      .run();
  });
}

/** Every support record of a business, withdrawn ones too (the page shows them marked). */
export function supportOfBusiness(db: Db, businessId: number) {
  return db
    .select({ record: supportRecords, staffName: staff.name })
    .from(supportRecords)
    .innerJoin(staff, eq(staff.id, supportRecords.staffId))
    .where(eq(supportRecords.businessId, businessId))
    .orderBy(asc(supportRecords.date), asc(supportRecords.id))
    .all();
}

export function insertSupport(
  db: Db,
  values: {
    businessId: number;
    assessmentId: number | null;
    type: SupportType;
    date: string;
    amountVnd: number | null;
    platformId: string | null;
    note: string | null;
    staffId: number;
    schemeId?: string | null;
  },
): SupportRow {
  return db.insert(supportRecords).values({ ...values, createdAt: now() }).returning().get();
}

export type SupportFields = Pick<SupportRow, "type" | "date" | "amountVnd" | "platformId" | "note" | "schemeId">;

/** A support record corrected (what was recorded was wrong): the old values and the reason go to the audit log. */
export function correctSupport(db: Db, id: number, values: SupportFields, staffId: number, reason: string): boolean {
  return db.transaction((tx) => {
    const old = tx.select().from(supportRecords).where(eq(supportRecords.id, id)).get();
    if (!old || old.withdrawnAt) return false;
    tx.update(supportRecords).set(values).where(eq(supportRecords.id, id)).run();
    const before: SupportFields = { type: old.type, date: old.date, amountVnd: old.amountVnd, platformId: old.platformId, note: old.note, schemeId: old.schemeId };
    tx.insert(auditLog).values({ at: now(), staffId, businessId: old.businessId, action: "support_corrected", oldValue: { id, ...before }, newValue: { id, ...values }, reason }).run();
    return true;
  });
}

/**
 * A support record withdrawn (entered by mistake, never given): it stays, marked, and leaves the
 * totals, T0 → T1 and the exports. Audited with the reason.
 */
export function withdrawSupport(db: Db, id: number, staffId: number, reason: string): boolean {
  return db.transaction((tx) => {
    const old = tx.select().from(supportRecords).where(eq(supportRecords.id, id)).get();
    if (!old || old.withdrawnAt) return false;
    const t = now();
    tx.update(supportRecords).set({ withdrawnAt: t, withdrawnBy: staffId, withdrawnReason: reason }).where(eq(supportRecords.id, id)).run();
    tx.insert(auditLog).values({ at: t, staffId, businessId: old.businessId, action: "support_withdrawn", oldValue: { id, type: old.type, date: old.date, amountVnd: old.amountVnd }, reason }).run();
    return true;
  });
}

function placeWhere(f: PlaceFilter, commune: typeof assessments.communeId | typeof businesses.communeId, sector: typeof assessments.sector | typeof businesses.sector): SQL[] {
  const out: SQL[] = [];
  if (f.communeId) out.push(eq(commune, f.communeId));
  if (f.sector) out.push(eq(sector, f.sector));
  return out;
}

/** Assessments a staff member ran (guided, re-assessment) or validated, newest first. */
export function assessmentsOfStaff(db: Db, staffId: number, f: PlaceFilter, limit = 200) {
  return db
    .select()
    .from(assessments)
    .where(
      and(
        or(eq(assessments.createdByStaffId, staffId), eq(assessments.validatedByStaffId, staffId), eq(assessments.recheckOfStaffId, staffId)),
        ...placeWhere(f, assessments.communeId, assessments.sector),
      ),
    )
    .orderBy(desc(assessments.updatedAt))
    .limit(limit)
    .all();
}

/** Requests for advice not yet handled that this staff member may see, oldest first (the first to answer). */
export function waitingAdviceRequests(db: Db, f: PlaceFilter, viewer: StaffMember, limit = 200) {
  return db
    .select({ request: adviceRequests, assessment: assessments, handlerName: staff.name })
    .from(adviceRequests)
    .innerJoin(assessments, eq(assessments.id, adviceRequests.assessmentId))
    .leftJoin(staff, eq(staff.id, adviceRequests.handledBy))
    .where(
      and(
        inArray(adviceRequests.status, ["new", "in_progress"]),
        sql.raw(seesRecordSql(viewer, `"assessments"`)),
        ...placeWhere(f, assessments.communeId, assessments.sector),
      ),
    )
    .orderBy(asc(adviceRequests.createdAt))
    .limit(limit)
    .all();
}

export function adviceRequestById(db: Db, id: number) {
  return db.select().from(adviceRequests).where(eq(adviceRequests.id, id)).get();
}

/** Every business (filtered) this staff member sees, with its assessments and support dates, for the re-assessment rule. */
export function businessesWithTimeline(db: Db, f: PlaceFilter, viewer: StaffMember) {
  const list = db
    .select()
    .from(businesses)
    .where(and(sql.raw(seesBusinessSql(viewer, `"businesses"`)), ...placeWhere(f, businesses.communeId, businesses.sector)))
    .orderBy(asc(businesses.name))
    .all();
  if (!list.length) return [];
  const ids = list.map((b) => b.id);
  const rows = db
    .select({
      businessId: assessments.businessId,
      id: assessments.id,
      round: assessments.round,
      status: assessments.status,
      submittedAt: assessments.submittedAt,
    })
    .from(assessments)
    .where(and(isNotNull(assessments.businessId), inArray(assessments.businessId, ids)))
    .orderBy(asc(assessments.round))
    .all();
  const support = db
    .select({ businessId: supportRecords.businessId, date: supportRecords.date })
    .from(supportRecords)
    .where(and(inArray(supportRecords.businessId, ids), sql`${supportRecords.withdrawnAt} IS NULL`))
    .all();
  return list.map((b) => ({
    business: b,
    assessments: rows.filter((r) => r.businessId === b.id),
    supportDates: support.filter((s) => s.businessId === b.id).map((s) => s.date),
  }));
}

/**
 * Submitted assessments by how they were made and whether an advisor validated them: every
 * aggregate shows self-assessed and validated counts side by side.
 */
export function validationCounts(db: Db, f: PlaceFilter = {}) {
  const rows = db
    .select({
      method: assessments.method,
      validated: sql<number>`${assessments.validatedAt} is not null`.mapWith(Number),
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(assessments)
    .where(and(eq(assessments.status, "submitted"), ...placeWhere(f, assessments.communeId, assessments.sector)))
    .groupBy(assessments.method, sql`${assessments.validatedAt} is not null`)
    .all();
  const count = (method: "self" | "guided", validated: boolean) =>
    rows.filter((r) => r.method === method && Boolean(r.validated) === validated).reduce((s, r) => s + r.n, 0);
  const selfOnly = count("self", false);
  const guidedOnly = count("guided", false);
  const validated = count("self", true) + count("guided", true);
  return { total: selfOnly + guidedOnly + validated, selfAssessed: selfOnly, guidedNotValidated: guidedOnly, validated };
}

/** A re-assessment may bring a new profile (more staff, a move): the business follows it. */
export function updateBusinessProfile(
  db: Db,
  id: number,
  values: Pick<BusinessRow, "name" | "legalForm" | "communeId" | "activityGroup" | "sector">,
): void {
  db.update(businesses).set({ ...values, nameFolded: foldVietnamese(values.name), updatedAt: now() }).where(eq(businesses.id, id)).run();
}

export interface DirectoryFilter extends PlaceFilter {
  /** Part of the name (any case, with or without diacritics) or the first digits of the tax code. */
  q?: string;
}

export interface DirectoryRow {
  /** A business record the viewer sees (it has a page), or a row of the register not matched to one. */
  kind: "business" | "registry";
  id: number;
  name: string;
  taxCode: string | null;
  legalForm: BusinessRow["legalForm"];
  communeId: string;
  sector: BusinessRow["sector"];
  /** For a business record: it is matched to a row of the register (tax code or hand link). */
  inRegistry: boolean;
}

/**
 * "Danh sách cơ sở": every business record `viewer` sees, and every open row of the register not
 * matched to one of them, searchable and paged. A register row matched only to a record the viewer
 * does not see is listed as a register row and says nothing of that record (the register is the
 * province's; the owner's self-assessment stays theirs).
 */
export function businessDirectory(db: Db, viewer: StaffMember, f: DirectoryFilter, page: number, perPage: number): { rows: DirectoryRow[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.communeId) {
    where.push("commune_id = ?");
    params.push(f.communeId);
  }
  if (f.sector) {
    where.push("sector = ?");
    params.push(f.sector);
  }
  const q = (f.q ?? "").trim();
  if (q) {
    const like = (x: string) => x.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    const digits = q.replace(/[\s.-]/g, "");
    const byName = "folded LIKE ? ESCAPE '\\'";
    params.push(`%${like(foldVietnamese(q))}%`);
    if (/^\d{3,}$/.test(digits)) {
      where.push(`(${byName} OR tax_code LIKE ? ESCAPE '\\')`);
      params.push(`${like(digits)}%`);
    } else where.push(byName);
  }
  const rows = `
    WITH seen AS MATERIALIZED (
      SELECT b.id, b.name, coalesce(b.name_folded, lower(b.name)) AS folded, b.tax_code, b.legal_form, b.commune_id, b.sector FROM businesses b
      WHERE b.merged_into IS NULL AND ${seesBusinessSql(viewer, "b")}
    ),
    linked AS MATERIALIZED (
      SELECT DISTINCT l.registry_id AS registry_id, a.business_id AS business_id FROM registry_links l JOIN assessments a ON a.id = l.assessment_id WHERE a.business_id IN (SELECT id FROM seen)
    ),
    taxed AS MATERIALIZED (SELECT DISTINCT tax_code FROM seen WHERE tax_code IS NOT NULL),
    listed AS (
      SELECT 'business' AS kind, s.id, s.name, s.folded, s.tax_code, s.legal_form, s.commune_id, s.sector,
        (EXISTS (SELECT 1 FROM linked k WHERE k.business_id = s.id) OR (s.tax_code IS NOT NULL AND EXISTS (SELECT 1 FROM registry r WHERE r.tax_code = s.tax_code))) AS in_registry
      FROM seen s
      UNION ALL
      SELECT 'registry', r.id, r.name, coalesce(r.name_folded, lower(r.name)), r.tax_code, r.legal_form, r.commune_id, r.sector, 1
      FROM registry r
      WHERE r.closed_on IS NULL AND (r.tax_code IS NULL OR r.tax_code NOT IN (SELECT tax_code FROM taxed)) AND r.id NOT IN (SELECT registry_id FROM linked)
    )
    SELECT %COLUMNS% FROM listed ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`;
  const total = (db.$client.prepare(rows.replace("%COLUMNS%", "count(*) AS n")).get(...params) as { n: number }).n;
  const found = db.$client
    .prepare(`${rows.replace("%COLUMNS%", "kind, id, name, tax_code AS taxCode, legal_form AS legalForm, commune_id AS communeId, sector, in_registry AS inRegistry")} ORDER BY folded, kind, id LIMIT ? OFFSET ?`)
    .all(...params, perPage, (page - 1) * perPage) as (Omit<DirectoryRow, "inRegistry"> & { inRegistry: number })[];
  return { rows: found.map((r) => ({ ...r, inRegistry: r.inRegistry === 1 })), total };
}

/** Households of a commune (a household without a tax code is known by its name and commune). */
export function householdsIn(db: Db, communeId: string): BusinessRow[] {
  return db.select().from(businesses).where(and(eq(businesses.communeId, communeId), eq(businesses.legalForm, "household"))).all();
}

/**
 * The register rows the rounds of a business count for (a hand link, or the tax code), with the
 * hand link's round so it can be undone where it is shown.
 */
export function registryLinksOfBusiness(db: Db, businessId: number) {
  return db.$client
    .prepare(
      `SELECT r.id AS registryId, r.name, r.tax_code AS taxCode, r.closed_on AS closedOn,
         (SELECT l.assessment_id FROM registry_links l JOIN assessments x ON x.id = l.assessment_id WHERE x.business_id = ? AND l.registry_id = r.id ORDER BY l.linked_at LIMIT 1) AS linkedFrom,
         (SELECT l.linked_at FROM registry_links l JOIN assessments x ON x.id = l.assessment_id WHERE x.business_id = ? AND l.registry_id = r.id ORDER BY l.linked_at LIMIT 1) AS linkedAt
       FROM registry r WHERE r.id IN (SELECT f.registry_id FROM stat_facts f WHERE f.business_id = ? AND f.registry_id IS NOT NULL) ORDER BY r.id`,
    )
    .all(businessId, businessId, businessId) as { registryId: number; name: string; taxCode: string | null; closedOn: string | null; linkedFrom: number | null; linkedAt: string | null }[];
}

/** Records in the same commune whose name shares a word with this one's, that `viewer` sees (possible duplicates). */
export function similarRecords(db: Db, b: BusinessRow, words: readonly string[], viewer: StaffMember, limit: number) {
  if (!words.length) return [];
  const rows = db.$client
    .prepare(
      `SELECT b.id, b.name, b.tax_code AS taxCode FROM businesses b
       WHERE b.commune_id = ? AND b.id <> ? AND b.merged_into IS NULL AND ${seesBusinessSql(viewer, "b")} ORDER BY b.id DESC LIMIT 500`,
    )
    .all(b.communeId, b.id) as { id: number; name: string; taxCode: string | null }[];
  return rows.filter((r) => words.some((w) => foldVietnamese(r.name).split(" ").includes(w))).slice(0, limit);
}

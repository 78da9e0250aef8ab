// Queries of the province's register: imports (preview, then one transaction), links made by hand,
// and the lists the department works from.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { RegistryRow } from "../src/domain/registry.ts";
import type { Filter } from "../src/domain/aggregates.ts";
import type { Db } from "./connection.ts";
import type { StaffMember } from "../src/domain/access.ts";
import { seesRecordSql } from "./access.ts";
import { assessments, registry, registryImportRows, registryImports, registryLinks, registryState, registryVersions } from "./schema.ts";

const now = () => new Date().toISOString();

export type RegistryRecord = typeof registry.$inferSelect;
export type RegistryImport = typeof registryImports.$inferSelect;

/** The stored rows of these keys (a re-import updates them), by registry key. */
export function storedByKey(db: Db, keys: readonly string[]): Map<string, RegistryRow> {
  const found = new Map<string, RegistryRow>();
  const cols = {
    registryKey: registry.registryKey,
    taxCode: registry.taxCode,
    name: registry.name,
    legalForm: registry.legalForm,
    communeId: registry.communeId,
    sector: registry.sector,
    sizeClass: registry.sizeClass,
  };
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    for (const r of db.select(cols).from(registry).where(inArray(registry.registryKey, chunk)).all()) found.set(r.registryKey, r);
  }
  return found;
}

/** The register's revision: raised by triggers on every change to it or to a hand link (migration 0010). */
export function registryRevision(db: Db): number {
  return db.select({ revision: registryState.revision }).from(registryState).get()?.revision ?? 0;
}

export function savePreview(
  db: Db,
  v: { fileName: string; staffId: number | null; rows: (RegistryRow & { line?: number })[]; rowCount: number; errorCount: number },
): RegistryImport {
  return db.transaction((tx) => {
    const imp = tx
      .insert(registryImports)
      .values({ fileName: v.fileName, staffId: v.staffId, createdAt: now(), rowCount: v.rowCount, errorCount: v.errorCount, baseRevision: registryRevision(tx as unknown as Db) })
      .returning()
      .get();
    if (!v.errorCount) {
      const insert = db.$client.prepare(
        `INSERT INTO registry_import_rows (import_id, line, registry_key, tax_code, name, legal_form, commune_id, sector, size_class, registered_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      v.rows.forEach((r, i) => insert.run(imp.id, r.line ?? i + 2, r.registryKey, r.taxCode, r.name, r.legalForm, r.communeId, r.sector, r.sizeClass, r.registeredOn ?? null));
    }
    return imp;
  });
}

/** The valid rows a preview kept, in file order. */
export function rowsOfImport(db: Db, importId: number): RegistryRow[] {
  return db
    .select({
      registryKey: registryImportRows.registryKey,
      taxCode: registryImportRows.taxCode,
      name: registryImportRows.name,
      legalForm: registryImportRows.legalForm,
      communeId: registryImportRows.communeId,
      sector: registryImportRows.sector,
      sizeClass: registryImportRows.sizeClass,
      registeredOn: registryImportRows.registeredOn,
    })
    .from(registryImportRows)
    .where(eq(registryImportRows.importId, importId))
    .orderBy(registryImportRows.line)
    .all();
}

export function findImport(db: Db, id: number): RegistryImport | undefined {
  return db.select().from(registryImports).where(eq(registryImports.id, id)).get();
}

export function recentImports(db: Db, limit = 10): Omit<RegistryImport, "rows">[] {
  return db
    .select({
      id: registryImports.id,
      fileName: registryImports.fileName,
      staffId: registryImports.staffId,
      createdAt: registryImports.createdAt,
      rowCount: registryImports.rowCount,
      errorCount: registryImports.errorCount,
      committedAt: registryImports.committedAt,
      committedBy: registryImports.committedBy,
      errorRows: registryImports.errorRows,
      baseRevision: registryImports.baseRevision,
      missing: registryImports.missing,
      skipped: registryImports.skipped,
      reopened: registryImports.reopened,
      supersededBy: registryImports.supersededBy,
      inserted: registryImports.inserted,
      updated: registryImports.updated,
    })
    .from(registryImports)
    .orderBy(desc(registryImports.id))
    .limit(limit)
    .all();
}

/**
 * Commit a previewed import in one transaction: new keys are inserted, known keys updated when a
 * field differs (an empty size keeps the stored one), rows that would not change are left as they
 * are. `updated` stores the changed rows; the unchanged are the rest of the file's rows.
 * Returns null when the preview was already committed or had errors (nothing is written then).
 */
export function commitImport(db: Db, importId: number): { inserted: number; changed: number; unchanged: number } | null {
  return db.transaction((tx) => {
    const imp = tx.select().from(registryImports).where(eq(registryImports.id, importId)).get();
    if (!imp || imp.committedAt || imp.errorCount > 0) return null;
    const rows = rowsOfImport(tx as unknown as Db, importId);
    const t = now();
    let inserted = 0;
    let changed = 0;
    const upsert = db.$client.prepare(
      `INSERT INTO registry (registry_key, tax_code, name, legal_form, commune_id, sector, size_class, imported_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (registry_key) DO UPDATE SET tax_code = excluded.tax_code, name = excluded.name, legal_form = excluded.legal_form,
         commune_id = excluded.commune_id, sector = excluded.sector, size_class = coalesce(excluded.size_class, registry.size_class), updated_at = excluded.updated_at
       WHERE registry.tax_code IS NOT excluded.tax_code OR registry.name IS NOT excluded.name OR registry.legal_form IS NOT excluded.legal_form
         OR registry.commune_id IS NOT excluded.commune_id OR registry.sector IS NOT excluded.sector
         OR registry.size_class IS NOT coalesce(excluded.size_class, registry.size_class)
       RETURNING imported_at = ? AS fresh`,
    );
    for (const r of rows) {
      // No row back: the key was known and nothing differed (the update's WHERE was false).
      const res = upsert.get(r.registryKey, r.taxCode, r.name, r.legalForm, r.communeId, r.sector, r.sizeClass, t, t, t) as { fresh: number } | undefined;
      if (!res) continue;
      if (res.fresh) inserted++;
      else changed++;
    }
    tx.update(registryImports).set({ committedAt: t, inserted, updated: changed }).where(eq(registryImports.id, importId)).run();
    tx.delete(registryImportRows).where(eq(registryImportRows.importId, importId)).run();
    return { inserted, changed, unchanged: rows.length - inserted - changed };
  });
}

/** Open rows of the register (closed ones have left it). */
export function registryCount(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(registry).where(sql`${registry.closedOn} IS NULL`).get()!.n;
}

/**
 * The register as it stood on `day` (YYYY-MM-DD): each row's version valid that day (valid_from
 * <= day < valid_to). Rows imported later, or closed on or before that day, are not in it.
 */
export function registryAsOf(db: Db, day: string) {
  return db.$client
    .prepare(
      `SELECT registry_id AS registryId, registry_key AS registryKey, tax_code AS taxCode, name, legal_form AS legalForm, commune_id AS communeId, sector, size_class AS sizeClass, valid_from AS validFrom, valid_to AS validTo
       FROM registry_versions WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY registry_id`,
    )
    .all(day, day) as (Omit<RegistryRow, "registeredOn"> & { registryId: number; validFrom: string; validTo: string | null })[];
}

/** A row's history, oldest first. */
export function versionsOf(db: Db, registryId: number) {
  return db.select().from(registryVersions).where(eq(registryVersions.registryId, registryId)).orderBy(registryVersions.id).all();
}

export function findRegistry(db: Db, id: number): RegistryRecord | undefined {
  return db.select().from(registry).where(eq(registry.id, id)).get();
}

/** Registry rows of a commune (for linking by hand), with whether an assessment already reaches each. */
export function registryCandidates(db: Db, communeId: string, limit = 200): (RegistryRecord & { reached: boolean })[] {
  const reached = new Set(
    (db.$client.prepare(`SELECT h.registry_id id FROM stat_registry_hits h JOIN registry r ON r.id = h.registry_id WHERE r.commune_id = ?`).all(communeId) as { id: number }[]).map((r) => r.id),
  );
  return db
    .select()
    .from(registry)
    .where(and(eq(registry.communeId, communeId), sql`${registry.closedOn} IS NULL`))
    .orderBy(registry.name)
    .limit(limit)
    .all()
    .map((r) => ({ ...r, reached: reached.has(r.id) }));
}

/**
 * Links made by hand, newest first, with both sides named (to check and undo them). The
 * assessment's side is named only when `viewer` sees its record; otherwise it is null (the link
 * can still be undone: the registry side is the department's own data).
 */
export function manualLinks(db: Db, f: Filter, viewer: StaffMember, limit = 50) {
  const params: (string | number)[] = [];
  let extra = "";
  if (f.communeId) {
    extra = " WHERE r.commune_id = ?";
    params.push(f.communeId);
  }
  const seen = seesRecordSql(viewer, "a");
  return db.$client
    .prepare(
      `SELECT l.assessment_id AS assessmentId, CASE WHEN ${seen} THEN a.business_name END AS name, CASE WHEN ${seen} THEN a.tax_code END AS taxCode,
         r.name AS registryName, r.tax_code AS registryTaxCode, r.commune_id AS communeId, l.linked_at AS linkedAt
       FROM registry_links l JOIN assessments a ON a.id = l.assessment_id JOIN registry r ON r.id = l.registry_id${extra}
       ORDER BY l.linked_at DESC, l.assessment_id DESC LIMIT ?`,
    )
    .all(...params, limit) as { assessmentId: number; name: string | null; taxCode: string | null; registryName: string; registryTaxCode: string | null; communeId: string; linkedAt: string }[];
}

export function linkByHand(db: Db, assessmentId: number, registryId: number, staffId: number | null): void {
  db.insert(registryLinks)
    .values({ assessmentId, registryId, staffId, linkedAt: now() })
    .onConflictDoUpdate({ target: registryLinks.assessmentId, set: { registryId, staffId, linkedAt: now() } })
    .run();
}

/**
 * Is registry row `registryId` already matched to another business than assessment
 * `assessmentId`'s (a fact on the row counting for another unit)?
 */
export function registryRowTakenFor(db: Db, registryId: number, assessmentId: number): boolean {
  const r = db.$client
    .prepare(`SELECT EXISTS (SELECT 1 FROM stat_facts f WHERE f.registry_id = ? AND f.unit IS NOT (SELECT unit FROM stat_facts WHERE assessment_id = ?)) AS taken`)
    .get(registryId, assessmentId) as { taken: number };
  return r.taken === 1;
}

export function unlink(db: Db, assessmentId: number): void {
  db.delete(registryLinks).where(eq(registryLinks.assessmentId, assessmentId)).run();
}

/**
 * Submitted current assessments without a registry row that `viewer` sees, newest first
 * (households mostly), and how many others are not shown (owners' own self-assessments).
 */
export function unlinkedAssessments(db: Db, f: Filter, viewer: StaffMember, limit = 50) {
  const params: string[] = [];
  let extra = "";
  if (f.communeId) {
    extra += " AND f.commune_id = ?";
    params.push(f.communeId);
  }
  if (f.sector) {
    extra += " AND f.sector = ?";
    params.push(f.sector);
  }
  const seen = seesRecordSql(viewer, "a");
  const rows = db.$client
    .prepare(
      `SELECT f.assessment_id AS id, a.business_name AS name, a.tax_code AS taxCode, f.commune_id AS communeId, f.sector, f.legal_form AS legalForm, f.submitted_at AS submittedAt
       FROM stat_facts f JOIN assessments a ON a.id = f.assessment_id
       WHERE f.registry_id IS NULL AND f.current = 1${extra} AND ${seen} ORDER BY f.assessment_id DESC LIMIT ?`,
    )
    .all(...params, limit) as { id: number; name: string; taxCode: string | null; communeId: string; sector: string; legalForm: string; submittedAt: string }[];
  const hidden = Number(
    (
      db.$client
        .prepare(`SELECT count(*) n FROM stat_facts f JOIN assessments a ON a.id = f.assessment_id WHERE f.registry_id IS NULL AND f.current = 1${extra} AND NOT ${seen}`)
        .get(...params) as { n: number }
    ).n,
  );
  return { rows, hidden };
}

export function submittedAssessment(db: Db, id: number) {
  return db.select().from(assessments).where(and(eq(assessments.id, id), eq(assessments.status, "submitted"))).get();
}

/** Registry rows of a group, reached or not (the list behind a reach figure). */
export function listRegistry(db: Db, f: Filter & { reached?: boolean; before?: number; limit: number }) {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const add = (cond: string, v?: string | number) => {
    parts.push(cond);
    if (v !== undefined) params.push(v);
  };
  if (f.sector) add("r.sector = ?", f.sector);
  if (f.communeId) add("r.commune_id = ?", f.communeId);
  if (f.sizeClass) add("coalesce(r.size_class, 'unknown') = ?", f.sizeClass);
  if (f.legalForm) add("r.legal_form = ?", f.legalForm);
  if (f.reached === true) add("EXISTS (SELECT 1 FROM stat_registry_hits h WHERE h.registry_id = r.id)");
  if (f.reached === false) add("NOT EXISTS (SELECT 1 FROM stat_registry_hits h WHERE h.registry_id = r.id)");
  if (f.before) add("r.id < ?", f.before);
  // Closed rows have left the register (and its reach figures).
  add("r.closed_on IS NULL");
  const w = parts.length ? ` WHERE ${parts.join(" AND ")}` : "";
  return db.$client
    .prepare(
      `SELECT r.id, r.tax_code AS taxCode, r.name, r.legal_form AS legalForm, r.commune_id AS communeId, r.sector, r.size_class AS sizeClass,
         EXISTS (SELECT 1 FROM stat_registry_hits h WHERE h.registry_id = r.id) AS reached
       FROM registry r${w} ORDER BY r.id DESC LIMIT ?`,
    )
    .all(...params, f.limit) as { id: number; taxCode: string | null; name: string; legalForm: string; communeId: string; sector: string; sizeClass: string | null; reached: number }[];
}

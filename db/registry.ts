// Queries of the province's register: imports (preview, then one transaction), links made by hand,
// and the lists the department works from.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { RegistryRow, RowError } from "../src/domain/registry.ts";
import { foldVietnamese } from "../src/domain/vnText.ts";
import type { Filter } from "../src/domain/aggregates.ts";
import type { Db } from "./connection.ts";
import type { StaffMember } from "../src/domain/access.ts";
import { seesRecordSql } from "./access.ts";
import { assessments, auditLog, registry, registryImportRows, registryImports, registryLinks, registryState, registryVersions } from "./schema.ts";

const now = () => new Date().toISOString();

export type RegistryRecord = typeof registry.$inferSelect;
export type RegistryImport = typeof registryImports.$inferSelect;

/** A row of the register as an import compares it: its fields and whether it is closed. */
export type StoredRow = RegistryRow & { id: number; closedOn: string | null };

/** The stored rows of these keys (a re-import updates them), by registry key. */
export function storedByKey(db: Db, keys: readonly string[]): Map<string, StoredRow> {
  const found = new Map<string, StoredRow>();
  const cols = {
    id: registry.id,
    registryKey: registry.registryKey,
    taxCode: registry.taxCode,
    name: registry.name,
    legalForm: registry.legalForm,
    communeId: registry.communeId,
    sector: registry.sector,
    sizeClass: registry.sizeClass,
    registeredOn: registry.registeredOn,
    closedOn: registry.closedOn,
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

/** A preview being written (not yet savable), counted against the register as it is now. */
export function startPreview(db: Db, v: { fileName: string; staffId: number | null; fullRegister: boolean }): RegistryImport {
  return db.transaction((tx) =>
    tx
      .insert(registryImports)
      .values({ fileName: v.fileName, staffId: v.staffId, createdAt: now(), rowCount: 0, errorCount: 0, fullRegister: v.fullRegister, baseRevision: registryRevision(tx as unknown as Db) })
      .returning()
      .get(),
  );
}

export type ImportError = RowError & { registryKey?: string };

/** One step of a preview: its next valid rows and errors, in one short transaction. */
export function addToPreview(db: Db, importId: number, rows: readonly (RegistryRow & { line: number })[], errors: readonly ImportError[], firstSeq: number): void {
  const insertRow = db.$client.prepare(
    `INSERT INTO registry_import_rows (import_id, line, registry_key, tax_code, name, legal_form, commune_id, sector, size_class, registered_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertError = db.$client.prepare(`INSERT INTO registry_import_errors (import_id, seq, row, field, message, name, registry_key) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  db.$client.transaction(() => {
    for (const r of rows) insertRow.run(importId, r.line, r.registryKey, r.taxCode, r.name, r.legalForm, r.communeId, r.sector, r.sizeClass, r.registeredOn ?? null);
    errors.forEach((e, i) => insertError.run(importId, firstSeq + i, e.row, e.field, e.message, e.name ?? null, e.registryKey ?? null));
  })();
}

/** Open rows of the register that neither a valid nor a bad row of the preview names, by id. */
export function missingFromPreview(db: Db, importId: number): number[] {
  return (
    db.$client
      .prepare(
        `SELECT r.id FROM registry r WHERE r.closed_on IS NULL
           AND NOT EXISTS (SELECT 1 FROM registry_import_rows i WHERE i.import_id = ? AND i.registry_key = r.registry_key)
           AND NOT EXISTS (SELECT 1 FROM registry_import_errors e WHERE e.import_id = ? AND e.registry_key = r.registry_key)
         ORDER BY r.id`,
      )
      .all(importId, importId) as { id: number }[]
  ).map((r) => r.id);
}

export function addMissing(db: Db, importId: number, registryIds: readonly number[]): void {
  const insert = db.$client.prepare(`INSERT OR IGNORE INTO registry_import_missing (import_id, registry_id) VALUES (?, ?)`);
  db.$client.transaction(() => {
    for (const id of registryIds) insert.run(importId, id);
  })();
}

/** The preview is complete: its figures, and it may be saved from now on. */
export function finishPreview(
  db: Db,
  importId: number,
  f: { rowCount: number; errorCount: number; errorRows: number; fresh: number; changed: number; toReopen: number; missing: number },
): void {
  db.update(registryImports).set({ ...f, preparedAt: now() }).where(eq(registryImports.id, importId)).run();
}

/** A preview that could not be made (an unreadable file): nothing of it stays. */
export function dropPreview(db: Db, importId: number): void {
  db.delete(registryImports).where(eq(registryImports.id, importId)).run();
}

/** A stale preview replaced by a fresh one made from the same rows. */
export function supersede(db: Db, importId: number, byId: number): void {
  db.update(registryImports).set({ supersededBy: byId }).where(eq(registryImports.id, importId)).run();
}

/** The valid rows of a preview from `afterLine`, in file order, `limit` at a time. */
export function rowsOfImport(db: Db, importId: number, afterLine = 0, limit = 1_000_000): (RegistryRow & { line: number })[] {
  return db
    .select({
      line: registryImportRows.line,
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
    .where(and(eq(registryImportRows.importId, importId), sql`${registryImportRows.line} > ${afterLine}`))
    .orderBy(registryImportRows.line)
    .limit(limit)
    .all();
}

/** The errors of a preview after `afterSeq`, in file order, `limit` at a time. */
export function errorsOfImport(db: Db, importId: number, afterSeq = -1, limit = 1_000_000): (ImportError & { seq: number })[] {
  return (
    db.$client
      .prepare(`SELECT seq, row, field, message, name, registry_key AS registryKey FROM registry_import_errors WHERE import_id = ? AND seq > ? ORDER BY seq LIMIT ?`)
      .all(importId, afterSeq, limit) as { seq: number; row: number; field: RowError["field"]; message: string; name: string | null; registryKey: string | null }[]
  ).map((e) => ({ seq: e.seq, row: e.row, field: e.field, message: e.message, ...(e.name !== null ? { name: e.name } : {}), ...(e.registryKey !== null ? { registryKey: e.registryKey } : {}) }));
}

/** One page of the bad rows of a preview (all the errors of each), in file order. */
export function errorPage(db: Db, importId: number, page: number, perPage: number): { row: number; name: string; errors: RowError[] }[] {
  const lines = (
    db.$client.prepare(`SELECT DISTINCT row FROM registry_import_errors WHERE import_id = ? ORDER BY row LIMIT ? OFFSET ?`).all(importId, perPage, (page - 1) * perPage) as { row: number }[]
  ).map((r) => r.row);
  if (!lines.length) return [];
  const errors = db.$client
    .prepare(`SELECT row, field, message, name FROM registry_import_errors WHERE import_id = ? AND row BETWEEN ? AND ? ORDER BY seq`)
    .all(importId, lines[0], lines[lines.length - 1]) as { row: number; field: RowError["field"]; message: string; name: string | null }[];
  const byRow = new Map(lines.map((row) => [row, { row, name: "", errors: [] as RowError[] }]));
  for (const e of errors) {
    const r = byRow.get(e.row);
    if (!r) continue;
    if (!r.name && e.name) r.name = e.name;
    r.errors.push({ row: e.row, field: e.field, message: e.message });
  }
  return [...byRow.values()];
}

/** Rows of the preview whose stored row differs (what saving changes), first `limit` in file order. */
export function changedRowsOfImport(db: Db, importId: number, limit: number): { line: number; row: RegistryRow; stored: StoredRow }[] {
  const differs = ["tax_code", "name", "legal_form", "commune_id", "sector"].map((c) => `r.${c} IS NOT i.${c}`).join(" OR ");
  const rows = db.$client
    .prepare(
      `SELECT i.line, i.registry_key, i.tax_code, i.name, i.legal_form, i.commune_id, i.sector, i.size_class, i.registered_on,
         r.id AS s_id, r.tax_code AS s_tax_code, r.name AS s_name, r.legal_form AS s_legal_form, r.commune_id AS s_commune_id, r.sector AS s_sector, r.size_class AS s_size_class, r.registered_on AS s_registered_on, r.closed_on AS s_closed_on
       FROM registry_import_rows i JOIN registry r ON r.registry_key = i.registry_key
       WHERE i.import_id = ? AND (${differs} OR (i.size_class IS NOT NULL AND r.size_class IS NOT i.size_class))
       ORDER BY i.line LIMIT ?`,
    )
    .all(importId, limit) as Record<string, string | number | null>[];
  /** One side of the pair: the file's row (no prefix) or the stored row (prefix "s_"). */
  const rowOf = (x: Record<string, string | number | null>, p: "" | "s_"): RegistryRow => ({
    registryKey: x.registry_key as string,
    taxCode: x[`${p}tax_code`] as string | null,
    name: x[`${p}name`] as string,
    legalForm: x[`${p}legal_form`] as RegistryRow["legalForm"],
    communeId: x[`${p}commune_id`] as string,
    sector: x[`${p}sector`] as RegistryRow["sector"],
    sizeClass: x[`${p}size_class`] as RegistryRow["sizeClass"],
    registeredOn: x[`${p}registered_on`] as string | null,
  });
  return rows.map((x) => ({
    line: x.line as number,
    row: rowOf(x, ""),
    stored: { ...rowOf(x, "s_"), id: x.s_id as number, closedOn: x.s_closed_on as string | null },
  }));
}

export function findImport(db: Db, id: number): RegistryImport | undefined {
  return db.select().from(registryImports).where(eq(registryImports.id, id)).get();
}

export type ImportHistoryRow = RegistryImport & { staffName: string | null; committedByName: string | null };

const HISTORY_SELECT = `SELECT i.id, i.file_name AS fileName, i.staff_id AS staffId, i.created_at AS createdAt, i.row_count AS rowCount, i.error_count AS errorCount, i.error_rows AS errorRows,
         i.base_revision AS baseRevision, i.missing, i.committed_at AS committedAt, i.committed_by AS committedBy, i.inserted, i.updated, i.skipped, i.reopened,
         i.superseded_by AS supersededBy, i.prepared_at AS preparedAt, i.full_register AS fullRegister, i.fresh, i.changed, i.to_reopen AS toReopen,
         s.name AS staffName, c.name AS committedByName
       FROM registry_imports i LEFT JOIN staff s ON s.id = i.staff_id LEFT JOIN staff c ON c.id = i.committed_by`;
const historyRow = (r: unknown): ImportHistoryRow => ({ ...(r as ImportHistoryRow), fullRegister: Boolean((r as { fullRegister: number }).fullRegister) });

/** Imports newest first, with who made and who saved each. */
export function importHistory(db: Db, page = 1, perPage = 10): ImportHistoryRow[] {
  return db.$client.prepare(`${HISTORY_SELECT} ORDER BY i.id DESC LIMIT ? OFFSET ?`).all(perPage, (page - 1) * perPage).map(historyRow);
}

/** One import, with who made and who saved it. */
export function importHistoryRow(db: Db, id: number): ImportHistoryRow | undefined {
  const r = db.$client.prepare(`${HISTORY_SELECT} WHERE i.id = ?`).get(id);
  return r ? historyRow(r) : undefined;
}

export function importCount(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(registryImports).get()!.n;
}

export type CommitRefusal = "not_found" | "not_ready" | "already_committed" | "superseded" | "has_errors" | "nothing_valid" | "stale";
export type CommitOutcome = { ok: true; inserted: number; changed: number; unchanged: number; reopened: number; skipped: number } | { ok: false; reason: CommitRefusal };

/**
 * Save a preview in one transaction, exactly as it was shown: refused when the register changed
 * since (another import, a hand link, a closure), so an older preview never undoes a newer one.
 * New keys are inserted, known keys updated when a field differs (an empty size keeps the stored
 * one), closed rows the file has again are reopened, rows that would not change are left alone.
 * With `skipErrors`, a preview with bad rows saves its valid rows and records how many were left out.
 */
export function commitImport(db: Db, importId: number, by: { staffId: number | null; skipErrors: boolean }): CommitOutcome {
  return db.transaction((tx): CommitOutcome => {
    const imp = tx.select().from(registryImports).where(eq(registryImports.id, importId)).get();
    if (!imp) return { ok: false, reason: "not_found" };
    if (imp.committedAt) return { ok: false, reason: "already_committed" };
    if (imp.supersededBy) return { ok: false, reason: "superseded" };
    if (!imp.preparedAt) return { ok: false, reason: "not_ready" };
    if (imp.errorCount > 0 && !by.skipErrors) return { ok: false, reason: "has_errors" };
    if (imp.baseRevision !== registryRevision(tx as unknown as Db)) return { ok: false, reason: "stale" };
    const t = now();
    let inserted = 0;
    let changed = 0;
    let reopened = 0;
    let valid = 0;
    const upsert = db.$client.prepare(
      `INSERT INTO registry (registry_key, tax_code, name, legal_form, commune_id, sector, size_class, registered_on, name_folded, imported_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (registry_key) DO UPDATE SET tax_code = excluded.tax_code, name = excluded.name, legal_form = excluded.legal_form,
         commune_id = excluded.commune_id, sector = excluded.sector, size_class = coalesce(excluded.size_class, registry.size_class),
         registered_on = coalesce(excluded.registered_on, registry.registered_on), name_folded = excluded.name_folded, closed_on = NULL, updated_at = excluded.updated_at
       WHERE registry.tax_code IS NOT excluded.tax_code OR registry.name IS NOT excluded.name OR registry.legal_form IS NOT excluded.legal_form
         OR registry.commune_id IS NOT excluded.commune_id OR registry.sector IS NOT excluded.sector
         OR registry.size_class IS NOT coalesce(excluded.size_class, registry.size_class)
         OR registry.registered_on IS NOT coalesce(excluded.registered_on, registry.registered_on) OR registry.closed_on IS NOT NULL
       RETURNING imported_at = ? AS fresh, ? AS wasClosed`,
    );
    const closedBefore = db.$client.prepare(`SELECT closed_on IS NOT NULL AS closed FROM registry WHERE registry_key = ?`);
    // Read in file order, a step at a time, so a register of 200,000 rows is never held whole.
    for (const r of db.$client
      .prepare(`SELECT registry_key, tax_code, name, legal_form, commune_id, sector, size_class, registered_on FROM registry_import_rows WHERE import_id = ? ORDER BY line`)
      .iterate(importId) as IterableIterator<Record<string, string | null>>) {
      valid++;
      const wasClosed = (closedBefore.get(r.registry_key) as { closed: number } | undefined)?.closed === 1;
      // No row back: the key was known and nothing differed (the update's WHERE was false).
      const res = upsert.get(r.registry_key, r.tax_code, r.name, r.legal_form, r.commune_id, r.sector, r.size_class, r.registered_on, foldVietnamese(r.name!), t, t, t, wasClosed ? 1 : 0) as
        | { fresh: number; wasClosed: number }
        | undefined;
      if (!res) continue;
      if (res.fresh) inserted++;
      else if (res.wasClosed) reopened++;
      else changed++;
    }
    if (valid === 0) return { ok: false, reason: "nothing_valid" };
    const skipped = imp.errorCount > 0 ? imp.errorRows : 0;
    tx.update(registryImports).set({ committedAt: t, committedBy: by.staffId, inserted, updated: changed, reopened, skipped }).where(eq(registryImports.id, importId)).run();
    tx.delete(registryImportRows).where(eq(registryImportRows.importId, importId)).run();
    return { ok: true, inserted, changed, unchanged: valid - inserted - changed - reopened, reopened, skipped };
  });
}

/** Rows of the register a saved full import did not have, a page at a time, with whether each is still open. */
export function missingPage(db: Db, importId: number, page: number, perPage: number) {
  return db.$client
    .prepare(
      `SELECT r.id, r.name, r.tax_code AS taxCode, r.legal_form AS legalForm, r.commune_id AS communeId, r.sector, r.closed_on AS closedOn,
         EXISTS (SELECT 1 FROM stat_registry_hits h WHERE h.registry_id = r.id) AS reached
       FROM registry_import_missing m JOIN registry r ON r.id = m.registry_id WHERE m.import_id = ? ORDER BY r.name, r.id LIMIT ? OFFSET ?`,
    )
    .all(importId, perPage, (page - 1) * perPage) as { id: number; name: string; taxCode: string | null; legalForm: string; communeId: string; sector: string; closedOn: string | null; reached: number }[];
}

/** Missing rows of an import still open (the ones left to decide about). */
export function missingStillOpen(db: Db, importId: number): number {
  return (
    db.$client.prepare(`SELECT count(*) n FROM registry_import_missing m JOIN registry r ON r.id = m.registry_id WHERE m.import_id = ? AND r.closed_on IS NULL`).get(importId) as { n: number }
  ).n;
}

/**
 * Close rows of the register from a day (the business closed, dissolved, moved out): they leave
 * the reach denominator from that day, their history and links stay. Audited as one act.
 */
export function closeRegistryRows(db: Db, ids: readonly number[], closedOn: string, staffId: number, importId: number | null): number {
  return db.transaction((tx) => {
    const open = tx
      .select({ id: registry.id, name: registry.name, taxCode: registry.taxCode })
      .from(registry)
      .where(and(inArray(registry.id, [...ids]), sql`${registry.closedOn} IS NULL`))
      .all();
    if (!open.length) return 0;
    const t = now();
    for (let i = 0; i < open.length; i += 500)
      tx.update(registry)
        .set({ closedOn, updatedAt: t })
        .where(inArray(registry.id, open.slice(i, i + 500).map((r) => r.id)))
        .run();
    tx.insert(auditLog).values({ at: t, staffId, action: "registry_rows_closed", oldValue: { rows: open }, newValue: { closedOn, importId }, reason: null }).run();
    return open.length;
  });
}

/**
 * Delete a row imported by mistake, with its history and hand links: it was never part of the
 * register. The audit log keeps the row, its versions and its links, and the reason.
 */
export function deleteRegistryRow(db: Db, id: number, staffId: number, reason: string): boolean {
  return db.transaction((tx) => {
    const row = tx.select().from(registry).where(eq(registry.id, id)).get();
    if (!row) return false;
    const versions = tx.select().from(registryVersions).where(eq(registryVersions.registryId, id)).all();
    const links = tx.select().from(registryLinks).where(eq(registryLinks.registryId, id)).all();
    tx.delete(registry).where(eq(registry.id, id)).run();
    tx.insert(auditLog).values({ at: now(), staffId, action: "registry_row_deleted", oldValue: { row, versions, links }, reason }).run();
    return true;
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

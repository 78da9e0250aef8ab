// The dashboard's pre-aggregated tables are kept by triggers on every write. This test makes random
// sequences of the writes the service makes (submit, consent changes, validation, profile fixes,
// re-assessment, deletion, registry import and links, support records, advice requests) and checks
// that every cube equals the same figures recomputed from scratch from the raw tables.
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import { openDatabase, type Db } from "../../db/connection.ts";
import { countedOnceSql, reachDetailSql, reachPlatformValidatedSql, registryDeleteSql } from "../../src/migrationSql/statistics.ts";
import { tempDir } from "../helpers.ts";

const SECTORS = ["ocop", "tourism", "border_trade", "other"];
const COMMUNES = ["tua_chua", "muong_thanh", "na_tau"];
const SIZES = ["micro", "small", "medium"];
const FORMS = ["household", "company", "cooperative"];
const TAX = ["0100109106", "0300588569", "5600123456", null];
const PILLARS = ["strategy", "customer", "people"];
const SUPPORT = ["consultation", "training", "platform_subsidy"];
const STATUSES = ["new", "in_progress", "done"];

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function freshDb(): Db {
  const t = tempDir("dx-stats-");
  const db = openDatabase(join(t.dir, "s.sqlite"));
  cleanups.push(() => {
    db.$client.close();
    t.cleanup();
  });
  const c = db.$client;
  c.prepare(`INSERT INTO questionnaire_versions VALUES ('h', 'q', '1.0', '{}', '2026-01-01')`).run();
  c.prepare(`INSERT INTO staff (email, name, role, password_hash, created_at) VALUES ('a@x', 'A', 'advisor', 'x', '2026-01-01')`).run();
  for (let i = 1; i <= 3; i++)
    c.prepare(
      `INSERT INTO businesses (name, legal_form, commune_id, activity_group, sector, created_at, updated_at) VALUES (?, 'household', 'tua_chua', 'agriculture', 'ocop', 'x', 'x')`,
    ).run(`B${i}`);
  return db;
}

type Op = { kind: number; a: number; b: number; c: number; d: number };
const opArb = fc.record({
  kind: fc.integer({ min: 0, max: 22 }),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  d: fc.nat(1000),
});

const pick = <T,>(xs: readonly T[], i: number) => xs[i % xs.length]!;

function apply(db: Db, op: Op, seq: number) {
  const c = db.$client;
  const ids = (sql: string) => (c.prepare(sql).all() as { id: number }[]).map((r) => r.id);
  const assessments = ids(`SELECT id FROM assessments ORDER BY id`);
  const submitted = ids(`SELECT id FROM assessments WHERE status = 'submitted' ORDER BY id`);
  const registry = ids(`SELECT id FROM registry ORDER BY id`);
  const day = (x: number) => `2026-${String(1 + (x % 12)).padStart(2, "0")}-${String(1 + (x % 27)).padStart(2, "0")}`;
  switch (op.kind) {
    case 0:
    case 1: {
      // a new draft, sometimes a re-assessment of a submitted one
      const prev = op.kind === 1 && submitted.length ? pick(submitted, op.d) : null;
      const r = c
        .prepare(
          `INSERT INTO assessments (code_hash, questionnaire_hash, questionnaire_id, questionnaire_version, business_name, legal_form, tax_code, commune_id, activity_group, sector, staff, size_class, size_basis, business_id, round, previous_assessment_id, method, created_at, updated_at)
           VALUES (?, 'h', 'q', '1.0', 'X', ?, ?, ?, 'agriculture', ?, 1, ?, 'staff_only', ?, ?, ?, ?, 'x', 'x')`,
        )
        .run(`c${seq}`, pick(FORMS, op.a), pick(TAX, op.b), pick(COMMUNES, op.c), pick(SECTORS, op.d), pick(SIZES, op.a + op.b), op.c % 3 ? 1 + (op.c % 3) : null, prev ? 2 : 1, prev, op.b % 2 ? "self" : "guided");
      const id = Number(r.lastInsertRowid);
      for (const purpose of ["report", "statistics", "contact"])
        c.prepare(`INSERT INTO consents (assessment_id, purpose, granted, policy_version, method) VALUES (?, ?, ?, 'p', 'online')`).run(id, purpose, purpose === "statistics" ? (op.a % 4 !== 0 ? 1 : 0) : 1);
      return;
    }
    case 2:
    case 3: {
      // submit a draft
      const drafts = ids(`SELECT id FROM assessments WHERE status = 'draft'`);
      if (!drafts.length) return;
      const id = pick(drafts, op.a);
      const pillars = PILLARS.map((p, i) => ({ id: p, score: (op.b + i * 37) % 7 === 0 ? null : ((op.c + i * 13) % 1001) / 10 }));
      c.prepare(
        `UPDATE assessments SET status = 'submitted', submitted_at = ?, updated_at = ?, overall_score = ?, national_level = ?, uses_digital_platforms = ?, pillar_scores = ? WHERE id = ?`,
      ).run(`${day(op.d)}T0${op.d % 10}:00:00.000Z`, "y", (op.c % 1001) / 10, op.b % 6, op.a % 2, JSON.stringify(pillars), id);
      return;
    }
    case 4:
      if (assessments.length)
        c.prepare(`INSERT INTO consents (assessment_id, purpose, granted, policy_version, method) VALUES (?, 'statistics', ?, 'p', 'online')`).run(pick(assessments, op.a), op.b % 2);
      return;
    case 5:
      if (submitted.length) c.prepare(`UPDATE assessments SET validated_at = ?, updated_at = 'z' WHERE id = ?`).run(op.b % 3 ? "2026-05-01" : null, pick(submitted, op.a));
      return;
    case 6:
      if (submitted.length)
        c.prepare(`UPDATE assessments SET commune_id = ?, size_class = ?, overall_score = ?, national_level = ? WHERE id = ?`).run(pick(COMMUNES, op.b), pick(SIZES, op.c), (op.d % 1001) / 10, op.d % 6, pick(submitted, op.a));
      return;
    case 7: {
      // delete an assessment nobody re-assessed from
      const leaves = ids(`SELECT id FROM assessments a WHERE NOT EXISTS (SELECT 1 FROM assessments b WHERE b.previous_assessment_id = a.id)`);
      if (leaves.length) c.prepare(`DELETE FROM assessments WHERE id = ?`).run(pick(leaves, op.a));
      return;
    }
    case 8: {
      const tax = pick(TAX, op.a);
      const key = tax ?? `hh:${op.b % 5}`;
      c.prepare(
        `INSERT INTO registry (registry_key, tax_code, name, legal_form, commune_id, sector, size_class, imported_at, updated_at) VALUES (?, ?, 'R', ?, ?, ?, ?, 'x', 'x')
         ON CONFLICT (registry_key) DO UPDATE SET commune_id = excluded.commune_id, sector = excluded.sector, size_class = excluded.size_class, legal_form = excluded.legal_form, updated_at = 'y'`,
      ).run(key, tax, pick(FORMS, op.c), pick(COMMUNES, op.d), pick(SECTORS, op.b), op.c % 4 === 0 ? null : pick(SIZES, op.d));
      return;
    }
    case 9:
      if (registry.length) c.prepare(`DELETE FROM registry WHERE id = ?`).run(pick(registry, op.a));
      return;
    case 10:
      if (registry.length && assessments.length)
        c.prepare(`INSERT INTO registry_links (assessment_id, registry_id, linked_at) VALUES (?, ?, 'x') ON CONFLICT (assessment_id) DO UPDATE SET registry_id = excluded.registry_id`).run(
          pick(assessments, op.b),
          pick(registry, op.c),
        );
      return;
    case 11: {
      const links = (c.prepare(`SELECT assessment_id id FROM registry_links`).all() as { id: number }[]).map((r) => r.id);
      if (links.length) c.prepare(`DELETE FROM registry_links WHERE assessment_id = ?`).run(pick(links, op.a));
      return;
    }
    case 12:
      c.prepare(`INSERT INTO support_records (business_id, type, date, staff_id, created_at) VALUES (?, ?, ?, 1, 'x')`).run(1 + (op.a % 3), pick(SUPPORT, op.b), day(op.c));
      return;
    case 13: {
      const sr = ids(`SELECT id FROM support_records`);
      if (!sr.length) return;
      if (op.b % 2) c.prepare(`DELETE FROM support_records WHERE id = ?`).run(pick(sr, op.a));
      else c.prepare(`UPDATE support_records SET date = ?, type = ? WHERE id = ?`).run(day(op.c), pick(SUPPORT, op.d), pick(sr, op.a));
      return;
    }
    case 14:
      if (assessments.length)
        c.prepare(
          `INSERT INTO advice_requests (assessment_id, action_id, channel, contact, status, dedupe_key, created_at, updated_at) VALUES (?, 'act', 'phone', '0900', ?, ?, 'x', 'x')`,
        ).run(pick(assessments, op.a), pick(STATUSES, op.b), `k${seq}`);
      return;
    case 15: {
      const ar = ids(`SELECT id FROM advice_requests`);
      if (!ar.length) return;
      if (op.b % 3 === 0) c.prepare(`DELETE FROM advice_requests WHERE id = ?`).run(pick(ar, op.a));
      else c.prepare(`UPDATE advice_requests SET status = ? WHERE id = ?`).run(pick(STATUSES, op.c), pick(ar, op.a));
      return;
    }
    case 16: {
      // the demand catch-up writes its list; an answer changed after submission clears it
      if (!submitted.length) return;
      const id = pick(submitted, op.a);
      if (op.b % 3 === 0) c.prepare(`INSERT OR REPLACE INTO answers (assessment_id, question_id, value, updated_at) VALUES (?, 'q1', '"x"', 'x')`).run(id);
      else c.prepare(`UPDATE stat_facts SET demand = ? WHERE assessment_id = ?`).run(JSON.stringify([`gap:q${op.c % 3}`, `platform:p${op.d % 2}`].slice(0, 1 + (op.d % 2))), id);
      return;
    }
    case 17:
      // an assessment linked to a business (advisor workspace)
      if (assessments.length) c.prepare(`UPDATE assessments SET business_id = ? WHERE id = ?`).run(1 + (op.b % 3), pick(assessments, op.a));
      return;
    case 19:
      // a business record gets (or changes) its tax code
      c.prepare(`UPDATE OR IGNORE businesses SET tax_code = ? WHERE id = ?`).run(pick(TAX, op.b), 1 + (op.a % 3));
      return;
    case 20: {
      // a support record withdrawn by staff, or restored
      const sr = ids(`SELECT id FROM support_records`);
      if (sr.length) c.prepare(`UPDATE support_records SET withdrawn_at = ? WHERE id = ?`).run(op.b % 3 ? "2026-06-01" : null, pick(sr, op.a));
      return;
    }
    case 21:
      // records merged: every round of one business record moves to another
      c.prepare(`UPDATE assessments SET business_id = ? WHERE business_id = ?`).run(1 + (op.a % 3), 1 + (op.b % 3));
      return;
    case 22: {
      // an owner starts again from a copy of a submitted assessment (no business record): same
      // tax code, its hand link copied, one lineage; submitted later, the copy replaces it
      const own = ids(`SELECT id FROM assessments WHERE status = 'submitted' AND business_id IS NULL ORDER BY id`);
      if (!own.length) return;
      const from = pick(own, op.a);
      const r = c
        .prepare(
          `INSERT INTO assessments (code_hash, questionnaire_hash, questionnaire_id, questionnaire_version, business_name, legal_form, tax_code, commune_id, activity_group, sector, staff, size_class, size_basis, method, restarted_from_id, lineage_id, created_at, updated_at)
           SELECT ?, questionnaire_hash, questionnaire_id, questionnaire_version, business_name, legal_form, tax_code, commune_id, activity_group, sector, staff, size_class, size_basis, 'self', id, coalesce(lineage_id, id), 'x', 'x' FROM assessments WHERE id = ?`,
        )
        .run(`c${seq}`, from);
      const id = Number(r.lastInsertRowid);
      for (const purpose of ["report", "statistics", "contact"])
        c.prepare(`INSERT INTO consents (assessment_id, purpose, granted, policy_version, method) VALUES (?, ?, ?, 'p', 'online')`).run(id, purpose, purpose === "statistics" ? op.b % 2 : 1);
      c.prepare(`INSERT INTO registry_links (assessment_id, registry_id, linked_at) SELECT ?, registry_id, 'x' FROM registry_links WHERE assessment_id = ?`).run(id, from);
      return;
    }
    case 18:
      // a registry row closed on a day (it leaves reach), or reopened
      if (registry.length) c.prepare(`UPDATE registry SET closed_on = ?, updated_at = ? WHERE id = ?`).run(op.b % 3 ? day(op.c) : null, `${day(op.d)}T01:00:00.000Z`, pick(registry, op.a));
      return;
  }
}

// ── The oracle: every figure recomputed from the raw tables, without the triggers' tables ──

function expected(db: Db) {
  const c = db.$client;
  const all = <T,>(sql: string) => c.prepare(sql).all() as T[];
  type A = { id: number; status: string; lineage_id: number | null; previous_assessment_id: number | null; business_id: number | null; tax_code: string | null; sector: string; commune_id: string; size_class: string; legal_form: string; method: string; validated_at: string | null; submitted_at: string; national_level: number; uses_digital_platforms: number; overall_score: number; pillar_scores: string };
  const as = all<A>(`SELECT * FROM assessments WHERE status = 'submitted'`);
  const consent = new Map(all<{ assessment_id: number; granted: number }>(`SELECT assessment_id, granted FROM consents WHERE purpose = 'statistics' ORDER BY id`).map((r) => [r.assessment_id, r.granted]));
  const reg = all<{ id: number; tax_code: string | null; sector: string; commune_id: string; size_class: string | null; legal_form: string; closed_on: string | null }>(`SELECT * FROM registry ORDER BY id`);
  const regIds = new Set(reg.map((r) => r.id));
  const links = new Map(all<{ assessment_id: number; registry_id: number }>(`SELECT * FROM registry_links`).map((l) => [l.assessment_id, l.registry_id]));
  const demand = new Map(all<{ assessment_id: number; demand: string | null }>(`SELECT assessment_id, demand FROM stat_facts`).map((r) => [r.assessment_id, r.demand]));
  const submittedIds = new Set(as.map((a) => a.id));
  const quarter = (ts: string) => {
    const d = new Date(new Date(ts).getTime() + 7 * 3600_000);
    return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  };
  // A hand link counts for every round of the business record (the earliest link of the record).
  const businessOf = new Map(all<{ id: number; business_id: number | null }>(`SELECT id, business_id FROM assessments`).map((r) => [r.id, r.business_id]));
  const linkOfBusiness = new Map<number, number>();
  for (const l of all<{ assessment_id: number; registry_id: number }>(`SELECT * FROM registry_links ORDER BY linked_at, assessment_id`)) {
    const b = businessOf.get(l.assessment_id);
    if (b != null && !linkOfBusiness.has(b)) linkOfBusiness.set(b, l.registry_id);
  }
  const businessTax = new Map(all<{ id: number; tax_code: string | null }>(`SELECT id, tax_code FROM businesses`).map((b) => [b.id, b.tax_code]));
  const resolved = as.map((a) => {
    const link = links.get(a.id) ?? (a.business_id !== null ? linkOfBusiness.get(a.business_id) : undefined);
    const registryId = link !== undefined && regIds.has(link) ? link : (reg.find((r) => a.tax_code && r.tax_code === a.tax_code)?.id ?? null);
    // One business: the same tax code (of its record, its own, its registry row), else one registry row, else one record.
    const tax = (a.business_id !== null ? businessTax.get(a.business_id) : null) ?? a.tax_code ?? (registryId !== null ? reg.find((r) => r.id === registryId)!.tax_code : null);
    const unit = tax ? `t:${tax}` : registryId !== null ? `r:${registryId}` : a.business_id !== null ? `b:${a.business_id}` : `a:${a.lineage_id ?? a.id}`;
    return { a, registryId, unit };
  });
  const later = (x: A, y: A) => y.submitted_at > x.submitted_at || (y.submitted_at === x.submitted_at && y.id > x.id);
  const facts = resolved.map(({ a, registryId, unit }) => {
    return {
      ...a,
      unit,
      consent: consent.get(a.id) ? 1 : 0,
      // the latest submitted of its business counts; the earlier ones are its history
      current: resolved.some((o) => o.unit === unit && later(a, o.a)) ? 0 : 1,
      validated: a.validated_at ? 1 : 0,
      registryId,
      quarter: quarter(a.submitted_at),
      pillars: JSON.parse(a.pillar_scores) as { id: string; score: number | null }[],
      demand: demand.get(a.id) ?? null,
    };
  });
  const cube = new Map<string, number[]>();
  const add = (table: string, key: unknown[], values: number[]) => {
    const k = `${table}|${key.join("|")}`;
    const cur = cube.get(k) ?? values.map(() => 0);
    cube.set(k, cur.map((x, i) => x + values[i]!));
  };
  const row = (f: (typeof facts)[number]) => [1, f.uses_digital_platforms ? 1 : 0, f.overall_score, ...[0, 1, 2, 3, 4, 5].map((l) => (f.national_level === l ? 1 : 0))];
  for (const f of facts) {
    const g = [f.sector, f.commune_id, f.size_class, f.legal_form];
    if (f.current) add("current", [...g, f.method, f.validated, f.consent], row(f));
    add("quarter", [f.quarter, ...g, f.consent], row(f));
    add("quarterCommune", [f.quarter, f.commune_id, f.consent], row(f));
    if (f.current && f.registryId === null) add("unlinked", g, [1]);
    if (f.current && f.consent) {
      for (const p of f.pillars) if (p.score !== null) add("pillar", [...g, p.id], [1, p.score]);
      for (const p of f.pillars) if (p.score !== null) add("peer", [f.sector, f.size_class, p.id, Math.round(p.score * 10)], [1]);
      add("peer", [f.sector, f.size_class, "_overall", Math.round(f.overall_score * 10)], [1]);
      if (f.demand)
        for (const item of JSON.parse(f.demand) as string[]) {
          add("demand", [...g, item], [1]);
          add("demandCommune", [f.commune_id, item], [1]);
        }
    }
  }
  const linked = facts.filter((f) => f.registryId !== null);
  const reached = new Set(linked.map((f) => f.registryId));
  const reachedValidated = new Set(linked.filter((f) => f.validated).map((f) => f.registryId));
  const platformUsers = linked.filter((f) => f.current && f.consent && f.uses_digital_platforms);
  const platformUser = new Set(platformUsers.map((f) => f.registryId));
  const platformValidated = new Set(platformUsers.filter((f) => f.validated).map((f) => f.registryId));
  const flag = (set: Set<number | null>, id: number) => (set.has(id) ? 1 : 0);
  // A closed row has left the register: neither registered nor reached.
  for (const r of reg)
    if (!r.closed_on)
      add("reach", [r.sector, r.commune_id, r.size_class ?? "unknown", r.legal_form], [1, flag(reached, r.id), flag(reachedValidated, r.id), flag(platformUser, r.id), flag(platformValidated, r.id)]);
  const supports = all<{ business_id: number; type: string; date: string }>(`SELECT business_id, type, date FROM support_records WHERE withdrawn_at IS NULL`);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const localDay = (ts: string) => new Date(new Date(ts).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  for (const t1 of facts) {
    const t0 = t1.previous_assessment_id ? byId.get(t1.previous_assessment_id) : undefined;
    if (!t0) continue;
    const types = [...new Set(supports.filter((s) => t1.business_id !== null && s.business_id === t1.business_id && s.date >= localDay(t0.submitted_at) && s.date <= localDay(t1.submitted_at)).map((s) => s.type))];
    const m = [1, t0.overall_score, t1.overall_score, t1.national_level > t0.national_level ? 1 : 0, t0.uses_digital_platforms ? 1 : 0, t1.uses_digital_platforms ? 1 : 0];
    for (const t of [...(types.length ? types : ["_none"]), "_all"]) add("change", [t1.sector, t1.commune_id, t1.size_class, t1.legal_form, t1.consent, t], m);
  }
  for (const a of all<{ sector: string; commune_id: string; size_class: string; legal_form: string; status: string }>(
    `SELECT a.sector, a.commune_id, a.size_class, a.legal_form, ar.status FROM advice_requests ar JOIN assessments a ON a.id = ar.assessment_id`,
  ))
    add("advice", [a.sector, a.commune_id, a.size_class, a.legal_form, a.status], [1]);
  return { cube, facts };
}

function actual(db: Db) {
  const c = db.$client;
  const cube = new Map<string, number[]>();
  const load = (table: string, sql: string, keys: number) => {
    for (const r of c.prepare(sql).raw().all() as unknown[][]) {
      const values = r.slice(keys).map(Number);
      if (values.every((v) => v === 0)) continue;
      cube.set(`${table}|${r.slice(0, keys).join("|")}`, values);
    }
  };
  const m = `n, platform, overall_sum, l0, l1, l2, l3, l4, l5`;
  load("current", `SELECT sector, commune_id, size_class, legal_form, method, validated, consent, ${m} FROM stat_cube_current`, 7);
  load("quarter", `SELECT quarter, sector, commune_id, size_class, legal_form, consent, ${m} FROM stat_cube_quarter`, 6);
  load("pillar", `SELECT sector, commune_id, size_class, legal_form, pillar_id, n, score_sum FROM stat_cube_pillar`, 5);
  load("peer", `SELECT sector, size_class, pillar_id, score_tenths, n FROM stat_peer_hist`, 4);
  load("demand", `SELECT sector, commune_id, size_class, legal_form, item, n FROM stat_demand_cube`, 5);
  load("quarterCommune", `SELECT quarter, commune_id, consent, ${m} FROM stat_quarter_commune`, 3);
  load("unlinked", `SELECT sector, commune_id, size_class, legal_form, n FROM stat_unlinked_cube`, 4);
  load("demandCommune", `SELECT commune_id, item, n FROM stat_demand_commune`, 2);
  load("reach", `SELECT sector, commune_id, size_class, legal_form, registered, reached, reached_validated, platform, platform_validated FROM stat_reach_cube`, 4);
  load("change", `SELECT sector, commune_id, size_class, legal_form, consent, support_type, n, t0_sum, t1_sum, level_up, t0_platform, t1_platform FROM stat_change_cube`, 6);
  load("advice", `SELECT sector, commune_id, size_class, legal_form, status, n FROM stat_advice_cube`, 5);
  return cube;
}

function normalise(m: Map<string, number[]>) {
  return Object.fromEntries(
    [...m.entries()]
      .filter(([, v]) => v.some((x) => Math.abs(x) > 1e-9))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, v.map((x) => Math.round(x * 1000) / 1000)]),
  );
}

/**
 * The register's history: every row has versions in order, none overlapping, the last one holding
 * the row's fields and ending on its closing day (or open).
 */
function checkVersions(db: Db) {
  const c = db.$client;
  const rows = c.prepare(`SELECT id, registry_key, tax_code, name, legal_form, commune_id, sector, size_class, closed_on FROM registry`).all() as Record<string, unknown>[];
  for (const r of rows) {
    const v = c.prepare(`SELECT * FROM registry_versions WHERE registry_id = ? ORDER BY id`).all(r.id) as Record<string, string | null>[];
    expect(v.length, `versions of registry row ${r.id}`).toBeGreaterThan(0);
    const last = v[v.length - 1]!;
    for (const f of ["registry_key", "tax_code", "name", "legal_form", "commune_id", "sector", "size_class"]) expect(last[f]).toEqual(r[f]);
    expect(last.valid_to).toEqual(r.closed_on);
    for (let i = 1; i < v.length; i++) expect(v[i - 1]!.valid_to! <= v[i]!.valid_from! || v[i - 1]!.valid_to === v[i - 1]!.valid_from).toBe(true);
  }
  expect(c.prepare(`SELECT count(*) n FROM registry_versions WHERE registry_id NOT IN (SELECT id FROM registry)`).get()).toEqual({ n: 0 });
}

function check(db: Db) {
  checkVersions(db);
  const exp = expected(db);
  expect(normalise(actual(db))).toEqual(normalise(exp.cube));
  // facts mirror the submitted assessments one to one, with the right flags
  const facts = db.$client.prepare(`SELECT assessment_id id, unit, consent, current, registry_id registryId, validated FROM stat_facts ORDER BY assessment_id`).all();
  expect(facts).toEqual(exp.facts.sort((a, b) => a.id - b.id).map((f) => ({ id: f.id, unit: f.unit, consent: f.consent, current: f.current, registryId: f.registryId, validated: f.validated })));
}

const RUNS = Number(process.env.STATS_TRIGGER_RUNS ?? 40);

describe("pre-aggregated statistics kept by triggers", () => {
  it("a deleted registry row that an assessment was linked to leaves reach (found by the property below)", () => {
    const db = freshDb();
    // submit, register the same tax code, link by hand, delete the registry row
    for (const [i, kind] of [0, 2, 8, 10, 9, 0].entries()) apply(db, { kind, a: 0, b: 0, c: 0, d: 0 }, i);
    expect(db.$client.prepare(`SELECT count(*) n FROM stat_reach_cube WHERE registered <> 0 OR reached <> 0`).get()).toEqual({ n: 0 });
    check(db);
  });

  it("migration 0005 repairs a reach cube that the old delete trigger left off", () => {
    const db = freshDb();
    for (const [i, kind] of [0, 2, 8, 10, 8, 0, 3].entries()) apply(db, { kind, a: i, b: 0, c: i, d: i }, i);
    db.$client.prepare(`UPDATE stat_reach_cube SET reached = reached + 1`).run();
    db.$client.prepare(`DELETE FROM stat_registry_hits`).run();
    // 0005's repair, then the backfills of 0008 and 0009 (flags it does not know about), as the migrations run
    const repair = [...registryDeleteSql(), ...reachDetailSql(), ...reachPlatformValidatedSql()].filter((s) => !/TRIGGER|ALTER TABLE/.test(s));
    for (const sql of repair) db.$client.exec(sql);
    check(db);
  });

  it("migrations 0008 and 0009 fill validated reach and platform users from the facts already there", () => {
    const db = freshDb();
    // two companies submitted with the tax code of a registry row: one validated, one using platforms
    apply(db, { kind: 0, a: 1, b: 0, c: 0, d: 0 }, 1);
    apply(db, { kind: 2, a: 0, b: 1, c: 5, d: 3 }, 2);
    apply(db, { kind: 5, a: 0, b: 1, c: 0, d: 0 }, 3);
    apply(db, { kind: 0, a: 1, b: 1, c: 1, d: 1 }, 4);
    apply(db, { kind: 2, a: 1, b: 1, c: 5, d: 3 }, 5);
    apply(db, { kind: 8, a: 0, b: 0, c: 1, d: 0 }, 6);
    apply(db, { kind: 8, a: 1, b: 0, c: 1, d: 1 }, 7);
    apply(db, { kind: 5, a: 1, b: 1, c: 0, d: 0 }, 8);
    const flags = db.$client.prepare(`SELECT sum(reached_validated) v, sum(platform) p, sum(platform_validated) pv FROM stat_reach_cube`).get() as { v: number; p: number; pv: number };
    expect(flags).toEqual({ v: 2, p: 1, pv: 1 });
    db.$client.exec(`UPDATE stat_reach_cube SET reached_validated = 0, platform = 0, platform_validated = 0; UPDATE stat_registry_hits SET validated = 0, platform = 0, platform_validated = 0;`);
    for (const sql of [...reachDetailSql(), ...reachPlatformValidatedSql()].filter((s) => !/TRIGGER|ALTER TABLE/.test(s))) db.$client.exec(sql);
    check(db);
  });

  it("equal a recomputation from the raw tables after any sequence of writes", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 90 }), (ops) => {
        const db = freshDb();
        ops.forEach((op, i) => apply(db, op, i));
        check(db);
        cleanups.pop()!();
      }),
      { numRuns: RUNS },
    );
  }, 120_000 * Math.max(1, RUNS / 40));

  it("migration 0014 recounts a database that counted a business once per assessment", () => {
    const db = freshDb();
    // two self-assessments with one tax code, a household linked by hand twice, a re-assessment
    const ops: [number, Partial<Op>][] = [[0, { b: 0 }], [2, {}], [0, { b: 4 }], [2, {}], [8, { a: 0 }], [0, { b: 3 }], [2, { d: 5 }], [8, { a: 3 }], [10, { b: 2, c: 1 }], [0, { b: 3 }], [2, {}], [10, { b: 3, c: 1 }], [1, { d: 1 }], [2, {}]];
    ops.forEach(([kind, o], i) => apply(db, { kind, a: 0, b: 0, c: 0, d: 0, ...o }, i));
    // as the old triggers left it: every fact current unless re-assessed, no units
    db.$client.prepare(`UPDATE stat_facts SET current = NOT EXISTS (SELECT 1 FROM stat_facts s WHERE s.prev_id = stat_facts.assessment_id), unit = NULL`).run();
    for (const sql of countedOnceSql().filter((x) => x.startsWith("UPDATE stat_facts"))) db.$client.exec(sql);
    check(db);
    expect(db.$client.prepare(`SELECT count(*) n FROM stat_facts WHERE current = 1`).get()).toEqual({ n: 2 });
  });

  it("an owner's copy, started again and submitted later, replaces the assessment it was copied from (a household with no tax code, no record, no link)", () => {
    const db = freshDb();
    apply(db, { kind: 0, a: 0, b: 3, c: 0, d: 0 }, 1); // household, no tax code, no business record
    apply(db, { kind: 2, a: 0, b: 1, c: 500, d: 3 }, 2);
    apply(db, { kind: 22, a: 0, b: 1, c: 0, d: 0 }, 3);
    apply(db, { kind: 2, a: 0, b: 1, c: 700, d: 5 }, 4); // the copy, submitted later
    check(db);
    expect(db.$client.prepare(`SELECT assessment_id id, current FROM stat_facts ORDER BY assessment_id`).all()).toEqual([
      { id: 1, current: 0 },
      { id: 2, current: 1 },
    ]);
    expect(db.$client.prepare(`SELECT sum(n) n FROM stat_cube_current`).get()).toEqual({ n: 1 });
  });

  it("an answer changed after submission puts the assessment back in the queue for demand", () => {
    const db = freshDb();
    apply(db, { kind: 0, a: 1, b: 0, c: 0, d: 0 }, 1);
    apply(db, { kind: 2, a: 0, b: 1, c: 500, d: 3 }, 2);
    db.$client.prepare(`UPDATE stat_facts SET demand = '["gap:q1"]'`).run();
    expect(db.$client.prepare(`SELECT sum(n) n FROM stat_demand_cube`).get()).toEqual({ n: 1 });
    db.$client.prepare(`INSERT INTO answers (assessment_id, question_id, value, updated_at) VALUES (1, 'q1', '"y"', 'x')`).run();
    expect(db.$client.prepare(`SELECT demand FROM stat_facts`).get()).toEqual({ demand: null });
    expect(db.$client.prepare(`SELECT count(*) n FROM stat_demand_cube`).get()).toEqual({ n: 0 });
  });
});

// The access policy: every combination of how an assessment reached a staff member, for every
// role, against the table of the decision record; and the SQL the lists and exports filter with
// (db/access.ts) against the pure function, on random databases.
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import { openDatabase, type Db } from "../../db/connection.ts";
import { accessFactsOf, seesBusinessSql, seesRecordSql } from "../../db/access.ts";
import { accessTo, seesBusiness, seesRecord, type AccessFacts } from "../../src/domain/access.ts";
import { ROLES, type Role } from "../../src/domain/staff.ts";
import { tempDir } from "../helpers.ts";

const ME = 7;
const OTHER = 8;

/** Every combination of the facts the policy reads. */
function allFacts(): { name: string; facts: AccessFacts }[] {
  const out: { name: string; facts: AccessFacts }[] = [];
  for (const method of ["self", "guided"] as const)
    for (const validated of [false, true])
      for (const opened of [[], [ME], [OTHER]] as number[][])
        for (const askedForAdvice of [false, true])
          for (const contact of [false, true])
            for (const statistics of [false, true])
              out.push({
                name: `${method}${validated ? "+validated" : ""}${opened.length ? `+opened by ${opened[0] === ME ? "me" : "another"}` : ""}${askedForAdvice ? "+advice" : ""}${contact ? "+contact" : ""}${statistics ? "+statistics" : ""}`,
                facts: { method, validated, openedWithCodeBy: opened, askedForAdvice, consents: { statistics, contact } },
              });
  return out;
}

/** The decision record's table, written out independently of the code. */
function expectedSight(role: Role, f: AccessFacts): "record" | "counts" | "none" {
  if (role === "admin") return "none";
  const followed = f.method === "guided" || f.validated;
  if (role === "department") return followed ? "record" : "counts";
  const broughtToMe = f.openedWithCodeBy.includes(ME) || (f.askedForAdvice && f.consents.contact);
  return followed || broughtToMe ? "record" : "counts";
}

describe("the access policy, every case", () => {
  const cases = allFacts();
  it("covers 96 combinations of reach and consent for each of the 3 roles", () => expect(cases).toHaveLength(96));
  for (const role of ROLES)
    it(`${role}: sees what the decision record's table says`, () => {
      const wrong = cases.filter(({ facts }) => accessTo({ id: ME, role }, facts).sight !== expectedSight(role, facts)).map((c) => c.name);
      expect(wrong).toEqual([]);
    });

  it("the statistics consent never opens or closes a record (it only governs the figures)", () => {
    for (const role of ROLES)
      for (const { facts } of cases)
        expect(accessTo({ id: ME, role }, { ...facts, consents: { ...facts.consents, statistics: !facts.consents.statistics } }).sight).toBe(accessTo({ id: ME, role }, facts).sight);
  });

  it("a request for advice opens the record only while the owner agrees to be contacted", () => {
    const asked: AccessFacts = { method: "self", validated: false, openedWithCodeBy: [], askedForAdvice: true, consents: { statistics: true, contact: true } };
    expect(accessTo({ id: ME, role: "advisor" }, asked)).toEqual({ sight: "record", because: ["asked_for_advice"], contact: true });
    expect(accessTo({ id: ME, role: "advisor" }, { ...asked, consents: { statistics: true, contact: false } }).sight).toBe("counts");
    expect(accessTo({ id: ME, role: "department" }, asked).sight).toBe("counts");
  });

  it("the code opens a self-assessment to the advisor it was given to, not to colleagues", () => {
    const opened: AccessFacts = { method: "self", validated: false, openedWithCodeBy: [OTHER], askedForAdvice: false, consents: { statistics: false, contact: false } };
    expect(seesRecord({ id: OTHER, role: "advisor" }, opened)).toBe(true);
    expect(seesRecord({ id: ME, role: "advisor" }, opened)).toBe(false);
  });

  it("contact details only to an advisor who sees the record, and only with the contact consent", () => {
    for (const role of ROLES)
      for (const { facts } of cases) {
        const a = accessTo({ id: ME, role }, facts);
        expect(a.contact).toBe(role === "advisor" && a.sight === "record" && facts.consents.contact);
      }
  });

  it("a business is seen when any of its rounds is", () => {
    const self: AccessFacts = { method: "self", validated: false, openedWithCodeBy: [], askedForAdvice: false, consents: { statistics: true, contact: false } };
    expect(seesBusiness({ id: ME, role: "department" }, [self])).toBe(false);
    expect(seesBusiness({ id: ME, role: "department" }, [self, { ...self, validated: true }])).toBe(true);
    expect(seesBusiness({ id: ME, role: "admin" }, [{ ...self, method: "guided" }])).toBe(false);
  });
});

// ── the SQL the lists use, held to the pure function ──

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function freshDb(): Db {
  const t = tempDir("dx-access-");
  const db = openDatabase(join(t.dir, "a.sqlite"));
  cleanups.push(() => {
    db.$client.close();
    t.cleanup();
  });
  const c = db.$client;
  c.prepare(`INSERT INTO questionnaire_versions VALUES ('h', 'q', '1.0', '{}', 'x')`).run();
  for (const [i, role] of (["advisor", "advisor", "department", "admin"] as const).entries())
    c.prepare(`INSERT INTO staff (email, name, role, password_hash, created_at) VALUES (?, ?, ?, 'x', 'x')`).run(`s${i}@x`, `S${i}`, role);
  for (let b = 1; b <= 3; b++)
    c.prepare(`INSERT INTO businesses (name, legal_form, commune_id, activity_group, sector, created_at, updated_at) VALUES (?, 'household', 'tua_chua', 'agriculture', 'ocop', 'x', 'x')`).run(`B${b}`);
  return db;
}

const assessmentArb = fc.record({
  guided: fc.boolean(),
  validated: fc.boolean(),
  business: fc.integer({ min: 0, max: 3 }),
  openedBy: fc.subarray([1, 2, 3, 4]),
  advice: fc.boolean(),
  contact: fc.array(fc.boolean(), { maxLength: 3 }),
  statistics: fc.array(fc.boolean(), { maxLength: 2 }),
});

describe("the SQL of the policy (db/access.ts)", () => {
  it("selects exactly the assessments and businesses the pure function shows, for every staff member", () => {
    // One database (migrations take a while), emptied before each run.
    const db = freshDb();
    const c = db.$client;
    fc.assert(
      fc.property(fc.array(assessmentArb, { minLength: 1, maxLength: 25 }), (rows) => {
        c.exec(`DELETE FROM audit_log; DELETE FROM advice_requests; DELETE FROM assessments;`);
        rows.forEach((r, i) => {
          const id = Number(
            c
              .prepare(
                `INSERT INTO assessments (code_hash, questionnaire_hash, questionnaire_id, questionnaire_version, business_name, legal_form, commune_id, activity_group, sector, staff, size_class, size_basis, method, validated_at, business_id, created_at, updated_at)
                 VALUES (?, 'h', 'q', '1.0', 'X', 'household', 'tua_chua', 'agriculture', 'ocop', 1, 'micro', 'staff_only', ?, ?, ?, 'x', 'x')`,
              )
              .run(`c${i}`, r.guided ? "guided" : "self", r.validated ? "2026-01-01" : null, r.business || null).lastInsertRowid,
          );
          for (const s of r.openedBy) c.prepare(`INSERT INTO audit_log (at, staff_id, assessment_id, action) VALUES ('x', ?, ?, 'opened_by_code')`).run(s, id);
          if (r.advice) c.prepare(`INSERT INTO advice_requests (assessment_id, action_id, channel, contact, dedupe_key, created_at, updated_at) VALUES (?, 'a', 'phone', '0900', ?, 'x', 'x')`).run(id, `k${id}`);
          for (const g of r.contact) c.prepare(`INSERT INTO consents (assessment_id, purpose, granted, policy_version, method) VALUES (?, 'contact', ?, 'p', 'online')`).run(id, g ? 1 : 0);
          for (const g of r.statistics) c.prepare(`INSERT INTO consents (assessment_id, purpose, granted, policy_version, method) VALUES (?, 'statistics', ?, 'p', 'online')`).run(id, g ? 1 : 0);
        });
        const ids = (c.prepare(`SELECT id FROM assessments ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
        const facts = accessFactsOf(db, ids);
        const staff = c.prepare(`SELECT id, role FROM staff`).all() as { id: number; role: Role }[];
        for (const who of staff) {
          const bySql = (c.prepare(`SELECT a.id FROM assessments a WHERE ${seesRecordSql(who, "a")} ORDER BY a.id`).all() as { id: number }[]).map((r) => r.id);
          expect(bySql).toEqual(ids.filter((id) => seesRecord(who, facts.get(id)!)));
          const businesses = (c.prepare(`SELECT b.id FROM businesses b WHERE ${seesBusinessSql(who, "b")} ORDER BY b.id`).all() as { id: number }[]).map((r) => r.id);
          const byFunction = [1, 2, 3].filter((b) => seesBusiness(who, rows.flatMap((r, i) => (r.business === b ? [facts.get(ids[i]!)!] : []))));
          expect(businesses).toEqual(byFunction);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

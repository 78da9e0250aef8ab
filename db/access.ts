// The access policy of src/domain/access.ts in SQL, for lists and exports that must not read a row
// the staff member may not see. Each reach of the policy has one SQL condition here; a staff
// member's filter is the OR of the reaches the policy's rules give their role. A property test
// (test/domain/access.test.ts) holds this SQL to the pure function on random data.
import { ACCESS_RULES, type AccessFacts, type Reach, type StaffMember } from "../src/domain/access.ts";
import type { Db } from "./connection.ts";

/** The latest consent of `purpose` of assessment alias `a` (consents are append-only). */
const consentSql = (a: string, purpose: "statistics" | "contact") =>
  `coalesce((SELECT c.granted FROM consents c WHERE c.assessment_id = ${a}.id AND c.purpose = '${purpose}' ORDER BY c.id DESC LIMIT 1), 0)`;

/** The SQL condition of one reach for assessment alias `a` and staff member `staffId`. */
export function reachSql(reach: Reach, a: string, staffId: number): string {
  switch (reach) {
    case "guided":
      return `${a}.method = 'guided'`;
    case "validated":
      // Validated, or validated until the owner corrected an answer and waiting for a re-check.
      return `(${a}.validated_at IS NOT NULL OR ${a}.recheck_since IS NOT NULL)`;
    case "opened_with_code":
      return `EXISTS (SELECT 1 FROM audit_log l WHERE l.assessment_id = ${a}.id AND l.action = 'opened_by_code' AND l.staff_id = ${staffId})`;
    case "asked_for_advice":
      return `(EXISTS (SELECT 1 FROM advice_requests r WHERE r.assessment_id = ${a}.id) AND ${consentSql(a, "contact")} = 1)`;
  }
}

/**
 * "This staff member sees the record of assessment `a`", as SQL. Staff ids are integers from the
 * session, written into the text (no user input reaches it).
 */
export function seesRecordSql(staff: StaffMember, a = "a"): string {
  if (!Number.isSafeInteger(staff.id)) throw new Error("staff id must be an integer");
  const reaches = ACCESS_RULES[staff.role];
  return reaches.length ? `(${reaches.map((r) => reachSql(r, a, staff.id)).join(" OR ")})` : "0";
}

/** "This staff member sees business `b`": at least one of its assessments is seen. */
export function seesBusinessSql(staff: StaffMember, b = "b"): string {
  return `EXISTS (SELECT 1 FROM assessments sa WHERE sa.business_id = ${b}.id AND ${seesRecordSql(staff, "sa")})`;
}

/** What the policy needs about assessments, read in one query per batch. */
export function accessFactsOf(db: Db, ids: readonly number[]): Map<number, AccessFacts> {
  const out = new Map<number, AccessFacts>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (!chunk.length) continue;
    const rows = db.$client
      .prepare(
        `SELECT a.id, a.method, (a.validated_at IS NOT NULL OR a.recheck_since IS NOT NULL) AS validated,
           (SELECT json_group_array(DISTINCT l.staff_id) FROM audit_log l WHERE l.assessment_id = a.id AND l.action = 'opened_by_code' AND l.staff_id IS NOT NULL) AS opened,
           EXISTS (SELECT 1 FROM advice_requests r WHERE r.assessment_id = a.id) AS advice,
           ${consentSql("a", "statistics")} AS statistics, ${consentSql("a", "contact")} AS contact
         FROM assessments a WHERE a.id IN (${chunk.map(() => "?").join(",")})`,
      )
      .all(...chunk) as { id: number; method: "self" | "guided"; validated: number; opened: string; advice: number; statistics: number; contact: number }[];
    for (const r of rows)
      out.set(r.id, {
        method: r.method,
        validated: r.validated === 1,
        openedWithCodeBy: JSON.parse(r.opened) as number[],
        askedForAdvice: r.advice === 1,
        consents: { statistics: r.statistics === 1, contact: r.contact === 1 },
      });
  }
  return out;
}

export function accessFactsOne(db: Db, id: number): AccessFacts | undefined {
  return accessFactsOf(db, [id]).get(id);
}

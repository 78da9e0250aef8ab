// Who among the province's staff may see an assessment, and so the business behind it. One policy
// for every page, list, export, search and API answer: they all ask `accessTo` (or the SQL made
// from the same rules in db/access.ts, which a property test holds to this function).
//
// An owner's self-assessment is the owner's: the resume code is its key. Staff see it as a record
// (name, tax code, answers, scores, notes) only when the owner brought it to them: they assessed
// together (a guided session), an advisor validated it with the owner, the owner typed or showed
// the code to this advisor, or the owner asked for advice and still agrees to be contacted.
// Otherwise it exists for staff only as a number in the counts (and its answers only in the
// statistics of owners who allowed that).
import type { Role } from "./staff.ts";

/** How an assessment came to a staff member. */
export type Reach =
  /** Run with an advisor, the owner present, consent recorded in person (guided session, re-assessment). */
  | "guided"
  /** An advisor went through the answers with the owner and validated them (still so while a correction by the owner waits for the re-check). */
  | "validated"
  /** This advisor opened it with the code the owner gave them (logged). */
  | "opened_with_code"
  /** The owner asked for advice and still agrees to be contacted. */
  | "asked_for_advice";

export const REACHES: readonly Reach[] = ["guided", "validated", "opened_with_code", "asked_for_advice"];

/** What a staff member sees of an assessment. */
export type Sight =
  /** The whole record: business name, tax code, profile, answers, scores, notes, audit trail. */
  | "record"
  /** Only as one among others in counts and tables (never named, never listed). */
  | "counts";

/**
 * The rules, as data (the decision record prints them as a table). A role sees an assessment as a
 * record when one of its reaches is listed for that role; otherwise it only counts it. Admins
 * manage accounts and see no business data at all.
 */
export const ACCESS_RULES: Readonly<Record<Role, readonly Reach[]>> = {
  advisor: ["guided", "validated", "opened_with_code", "asked_for_advice"],
  department: ["guided", "validated"],
  admin: [],
};

/** What the policy needs to know about one assessment, for one staff member. */
export interface AccessFacts {
  method: "self" | "guided";
  validated: boolean;
  /** Staff members who opened it with the owner's code. */
  openedWithCodeBy: readonly number[];
  /** The owner sent at least one request for advice. */
  askedForAdvice: boolean;
  /** The owner's consents in force. */
  consents: { statistics: boolean; contact: boolean };
}

export interface StaffMember {
  id: number;
  role: Role;
}

export interface Access {
  sight: Sight | "none";
  /** The reaches that open the record to this staff member (empty unless sight is "record"). */
  because: Reach[];
  /** The owner's contact details (given with a request for advice) may be shown. */
  contact: boolean;
}

/** Every way this assessment has come to this staff member. */
export function reachesOf(staff: StaffMember, a: AccessFacts): Reach[] {
  const out: Reach[] = [];
  if (a.method === "guided") out.push("guided");
  if (a.validated) out.push("validated");
  if (a.openedWithCodeBy.includes(staff.id)) out.push("opened_with_code");
  // A request for advice is an invitation to contact; withdrawing the consent withdraws it.
  if (a.askedForAdvice && a.consents.contact) out.push("asked_for_advice");
  return out;
}

export function accessTo(staff: StaffMember, a: AccessFacts): Access {
  if (staff.role === "admin") return { sight: "none", because: [], contact: false };
  const allowed = ACCESS_RULES[staff.role];
  const because = reachesOf(staff, a).filter((r) => allowed.includes(r));
  const sight: Sight = because.length ? "record" : "counts";
  // Only advisors contact owners, and only owners who agree to it.
  return { sight, because, contact: sight === "record" && staff.role === "advisor" && a.consents.contact };
}

export const seesRecord = (staff: StaffMember, a: AccessFacts) => accessTo(staff, a).sight === "record";

/**
 * A business (the record that follows one business over time) is seen by a staff member when at
 * least one of its assessments is; its rounds are listed only as far as each is seen.
 */
export function seesBusiness(staff: StaffMember, assessments: readonly AccessFacts[]): boolean {
  return assessments.some((a) => seesRecord(staff, a));
}

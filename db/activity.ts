// The centre's day-to-day figures (the activity page): requests for advice by status and age,
// the timeline facts that decide which businesses are due for re-assessment, validations and
// guided sessions by advisor, and support given in a year. Counts only, no contact details.
import type { Db } from "./connection.ts";

/** Requests for advice by status, with their age in whole days at `nowIso`. */
export function adviceAges(db: Db, nowIso: string): { status: string; days: number; n: number }[] {
  return db.$client
    .prepare(
      `SELECT status, CAST(julianday(?) - julianday(created_at) AS INTEGER) days, count(*) n FROM advice_requests GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all(nowIso) as { status: string; days: number; n: number }[];
}

/**
 * Every followed business with its latest submitted assessment, the first support dated on or
 * after that assessment's day (Vietnam time), and whether a re-assessment is in progress.
 */
export function followedBusinesses(db: Db): { businessId: number; communeId: string; lastSubmittedAt: string; supportSince: string | null; inProgress: boolean }[] {
  return (
    db.$client
      .prepare(
        `WITH last AS (
           SELECT business_id, max(submitted_at) last_at FROM assessments WHERE status = 'submitted' AND business_id IS NOT NULL GROUP BY business_id
         )
         SELECT l.business_id businessId, b.commune_id communeId, l.last_at lastSubmittedAt,
           (SELECT min(sr.date) FROM support_records sr WHERE sr.business_id = l.business_id AND sr.withdrawn_at IS NULL AND sr.date >= date(l.last_at, '+7 hours')) supportSince,
           EXISTS (SELECT 1 FROM assessments d WHERE d.business_id = l.business_id AND d.status = 'draft') inProgress
         FROM last l JOIN businesses b ON b.id = l.business_id`,
      )
      .all() as { businessId: number; communeId: string; lastSubmittedAt: string; supportSince: string | null; inProgress: number }[]
  ).map((r) => ({ ...r, inProgress: r.inProgress === 1 }));
}

/** Per staff member who advises: validations and guided sessions submitted in [from, to), and in the last 30 days before `to`. */
export function workByAdvisor(db: Db, from: string, to: string, recentFrom: string) {
  return db.$client
    .prepare(
      `SELECT s.id, s.name, s.active,
         (SELECT count(*) FROM assessments a WHERE a.validated_by_staff_id = s.id AND a.validated_at >= ? AND a.validated_at < ?) validated,
         (SELECT count(*) FROM assessments a WHERE a.validated_by_staff_id = s.id AND a.validated_at >= ? AND a.validated_at < ?) validatedRecent,
         (SELECT count(*) FROM assessments a WHERE a.created_by_staff_id = s.id AND a.method = 'guided' AND a.status = 'submitted' AND a.submitted_at >= ? AND a.submitted_at < ?) guided,
         (SELECT count(*) FROM support_records r WHERE r.staff_id = s.id AND r.withdrawn_at IS NULL AND r.date >= date(?, '+7 hours') AND r.date < date(?, '+7 hours')) support
       FROM staff s WHERE s.role = 'advisor' ORDER BY s.name`,
    )
    .all(from, to, recentFrom, to, from, to, from, to) as { id: number; name: string; active: number; validated: number; validatedRecent: number; guided: number; support: number }[];
}

/** Support records dated in `year`, by type: how many, how many with an amount, the amounts. */
export function supportOfYear(db: Db, year: number): { type: string; n: number; withAmount: number; amountVnd: number }[] {
  return db.$client
    .prepare(
      `SELECT type, count(*) n, count(amount_vnd) withAmount, coalesce(sum(amount_vnd), 0) amountVnd FROM support_records WHERE withdrawn_at IS NULL AND date >= ? AND date <= ? GROUP BY type ORDER BY type`,
    )
    .all(`${year}-01-01`, `${year}-12-31`) as { type: string; n: number; withAmount: number; amountVnd: number }[];
}

// The innovation centre's day-to-day follow-up: requests for advice by status and age,
// re-assessments due (periods from questionnaires/follow-up.yaml), validations and guided sessions
// by advisor, and support given in the year against its budget. Staff only; counts, no contacts.
import { adviceAges, followedBusinesses, supportOfYear, workByAdvisor } from "../../db/activity.ts";
import { ageGroup, budgetUse, type BudgetUse } from "../domain/followUp.ts";
import { reassessmentDue } from "../domain/reassessment.ts";
import { fmt, vi } from "../../views/messages.ts";
import type { Services } from "./assessments.ts";
import { labels, type StatTable } from "./stats.ts";
import { startOfVietnamYear } from "../domain/vietnamTime.ts";

const a = vi.department.activity;
const d = vi.department;


export interface Activity {
  year: number;
  /** When the figures were read (ISO). */
  at: string;
  tables: StatTable[];
  budget: BudgetUse;
}

export function activity(s: Services, year: number, now = Date.now()): Activity {
  const L = labels(s);
  const f = s.content.followUp;
  const nowIso = new Date(now).toISOString();
  const tables: StatTable[] = [];

  // Requests for advice by status and age.
  const bounds = f.adviceAgeDays;
  const groupLabels = bounds.map((b, i) => (i === 0 ? fmt(a.ageUpTo, { days: b }) : fmt(a.ageBetween, { from: bounds[i - 1]! + 1, to: b }))).concat(fmt(a.ageOver, { days: bounds[bounds.length - 1]! }));
  const statuses = Object.keys(d.adviceStatuses);
  const byStatus = new Map(statuses.map((st) => [st, { groups: groupLabels.map(() => 0), oldest: null as number | null }]));
  for (const r of adviceAges(s.db, nowIso)) {
    const x = byStatus.get(r.status);
    if (!x) continue;
    x.groups[ageGroup(Math.max(0, r.days), bounds)]! += r.n;
    x.oldest = Math.max(x.oldest ?? 0, r.days);
  }
  const adviceRow = (key: string, label: string, groups: number[], oldest: number | null, total = false) => ({
    key,
    label,
    total,
    hidden: [],
    values: { ...Object.fromEntries(groups.map((n, i) => [`age${i}`, n])), count: groups.reduce((x, n) => x + n, 0), oldest },
  });
  const totals = groupLabels.map((_, i) => statuses.reduce((x, st) => x + byStatus.get(st)!.groups[i]!, 0));
  tables.push({
    id: "advice",
    title: a.advice,
    lead: a.adviceLead,
    columns: [
      { key: "label", label: d.columns.status, kind: "label" },
      ...groupLabels.map((l, i) => ({ key: `age${i}`, label: l, kind: "count" as const })),
      { key: "count", label: d.columns.total, kind: "count" },
      { key: "oldest", label: a.oldest, kind: "count" },
    ],
    rows: [
      ...statuses.map((st) => adviceRow(st, L.adviceStatus(st), byStatus.get(st)!.groups, byStatus.get(st)!.oldest)),
      adviceRow("_total", d.columns.total, totals, Math.max(0, ...statuses.map((st) => byStatus.get(st)!.oldest ?? 0)), true),
    ],
  });

  // Re-assessments due, by the rule the advisors' worklist uses, with the periods in data.
  const soon = now + f.reassessment.soonDays * 86400_000;
  const due = { after_support: 0, yearly: 0, soon: 0, inProgress: 0, notYet: 0 };
  const byCommune = new Map<string, typeof due>();
  for (const b of followedBusinesses(s.db)) {
    const dates = b.supportSince ? [b.supportSince] : [];
    const last = { submittedAt: b.lastSubmittedAt };
    const nowDue = reassessmentDue(f.reassessment, last, dates, now, b.inProgress);
    const kind = b.inProgress ? "inProgress" : nowDue.due ? nowDue.reason! : reassessmentDue(f.reassessment, last, dates, soon).due ? "soon" : "notYet";
    due[kind]++;
    const c = byCommune.get(b.communeId) ?? { after_support: 0, yearly: 0, soon: 0, inProgress: 0, notYet: 0 };
    c[kind]++;
    byCommune.set(b.communeId, c);
  }
  const dueRow = (key: string, label: string, x: typeof due, total = false) => ({
    key,
    label,
    total,
    hidden: [],
    values: { afterSupport: x.after_support, yearly: x.yearly, soon: x.soon, inProgress: x.inProgress, notYet: x.notYet },
  });
  tables.push({
    id: "reassessments",
    title: a.reassessments,
    lead: fmt(a.reassessmentsLead, { after: f.reassessment.afterSupportMonths, without: f.reassessment.withoutSupportMonths, soon: f.reassessment.soonDays }),
    columns: [
      { key: "label", label: d.columns.commune, kind: "label" },
      { key: "afterSupport", label: a.dueAfterSupport, kind: "count" },
      { key: "yearly", label: a.dueYearly, kind: "count" },
      { key: "soon", label: fmt(a.dueSoon, { days: f.reassessment.soonDays }), kind: "count" },
      { key: "inProgress", label: a.inProgress, kind: "count" },
      { key: "notYet", label: a.notYet, kind: "count" },
    ],
    rows: [
      ...s.content.communes.filter((c) => byCommune.has(c.id)).map((c) => dueRow(c.id, c.name, byCommune.get(c.id)!)),
      dueRow("_total", d.columns.total, due, true),
    ],
  });

  // Validations and guided sessions by advisor.
  const from = startOfVietnamYear(year);
  const to = startOfVietnamYear(year + 1);
  const recentFrom = new Date(Math.min(now, Date.parse(to)) - 30 * 86400_000).toISOString();
  const work = workByAdvisor(s.db, from, to, recentFrom);
  const sum = (k: "validated" | "validatedRecent" | "guided" | "support") => work.reduce((x, r) => x + r[k], 0);
  tables.push({
    id: "advisors",
    title: fmt(a.advisors, { year }),
    lead: a.advisorsLead,
    columns: [
      { key: "label", label: a.advisor, kind: "label" },
      { key: "validated", label: fmt(a.validatedIn, { year }), kind: "count" },
      { key: "validatedRecent", label: a.validatedRecent, kind: "count" },
      { key: "guided", label: a.guided, kind: "count" },
      { key: "support", label: a.supportRecorded, kind: "count" },
    ],
    rows: [
      ...work.map((r) => ({
        key: String(r.id),
        label: r.active ? r.name : `${r.name} (${a.locked})`,
        hidden: [],
        values: { validated: r.validated, validatedRecent: r.validatedRecent, guided: r.guided, support: r.support },
      })),
      { key: "_total", label: d.columns.total, total: true, hidden: [], values: { validated: sum("validated"), validatedRecent: sum("validatedRecent"), guided: sum("guided"), support: sum("support") } },
    ],
  });

  // Support given in the year, against the year's budget.
  const support = supportOfYear(s.db, year);
  const spent = support.reduce((x, r) => x + r.amountVnd, 0);
  const budget = budgetUse(f, year, spent, support.reduce((x, r) => x + r.n - r.withAmount, 0));
  tables.push({
    id: "support",
    title: fmt(a.support, { year }),
    lead: budget.budgetVnd === null ? fmt(a.noBudget, { year }) : fmt(a.budgetLine, { source: budget.source ?? "" }),
    columns: [
      { key: "label", label: d.columns.supportType, kind: "label" },
      { key: "records", label: a.records, kind: "count" },
      { key: "withAmount", label: a.withAmount, kind: "count" },
      { key: "amountVnd", label: a.amountVnd, kind: "count" },
      { key: "sharePct", label: a.shareOfBudget, kind: "pct" },
    ],
    rows: [
      ...support.map((r) => ({
        key: r.type,
        label: L.supportType(r.type),
        hidden: [],
        values: { records: r.n, withAmount: r.withAmount, amountVnd: r.amountVnd, sharePct: budget.budgetVnd ? Math.round((r.amountVnd / budget.budgetVnd) * 1000) / 10 : null },
      })),
      {
        key: "_total",
        label: d.columns.total,
        total: true,
        hidden: [],
        values: { records: support.reduce((x, r) => x + r.n, 0), withAmount: support.reduce((x, r) => x + r.withAmount, 0), amountVnd: spent, sharePct: budget.usedPct },
      },
    ],
  });
  return { year, at: nowIso, tables, budget };
}

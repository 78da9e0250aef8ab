// Realistic assessments for the department's tests, made through the same services as the owner
// pages (profile, answers, submit: real scoring), plus the advisor's side (validation, businesses,
// support, re-assessment) written as the advisor workspace writes it.
import { eq } from "drizzle-orm";
import { foldVietnamese } from "../src/domain/vnText.ts";
import { insertBusiness, insertSupport } from "../db/businesses.ts";
import { assessments, consents, registry } from "../db/schema.ts";
import { insertStaff } from "../db/staff.ts";
import type { Questionnaire } from "../src/domain/questionnaire.ts";
import { createServices, saveAnswers, startAssessment, submit, type Services } from "../src/services/assessments.ts";
import { answerAll, type Picker } from "./answering.ts";
import type { TestApp } from "./helpers.ts";

/** A valid enterprise tax code from 9 digits (check digit computed as published for MST). */
export function validTaxCode(nine: string): string {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (let bump = 0; bump < 20; bump++) {
    const base = (BigInt(nine) + BigInt(bump)).toString().padStart(9, "0");
    const check = 10 - (w.reduce((s, x, i) => s + x * Number(base[i]), 0) % 11);
    if (check < 10) return base + check;
  }
  throw new Error("no code");
}

export interface Owner {
  name: string;
  legalForm: "company" | "cooperative" | "household";
  taxCode?: string | null;
  communeId: string;
  sector: "ocop" | "tourism" | "border_trade" | "other";
  activityGroup?: "agriculture" | "industry" | "trade_services";
  staff?: number;
  statistics: boolean;
  pick: Picker;
}

export function servicesOf(t: TestApp): Services {
  return createServices(t.db, t.content);
}

/** Start, answer every question the way `pick` says, submit: as an owner does. Returns the row. */
export async function submitOwner(s: Services, o: Owner, extra: Partial<typeof assessments.$inferInsert> = {}) {
  const started = startAssessment(
    s,
    {
      name: o.name,
      legalForm: o.legalForm,
      taxCode: o.taxCode ?? null,
      communeId: o.communeId,
      activityGroup: o.activityGroup ?? (o.sector === "ocop" ? "agriculture" : "trade_services"),
      sector: o.sector,
      staff: o.staff ?? 3,
      revenueBnVnd: 1,
      capitalBnVnd: null,
    },
    { report: true, statistics: o.statistics, contact: false },
  );
  if (!started.ok) throw new Error(started.error.message);
  let row = started.value.row;
  if (Object.keys(extra).length) {
    s.db.update(assessments).set(extra).where(eq(assessments.id, row.id)).run();
    row = s.db.select().from(assessments).where(eq(assessments.id, row.id)).get()!;
  }
  const q: Questionnaire = s.questionnaireByHash(row.questionnaireHash);
  const answers = answerAll(q, { legalForm: row.legalForm, sizeClass: row.sizeClass, sector: row.sector, activityGroup: row.activityGroup }, o.pick);
  const saved = await saveAnswers(s, row, answers);
  if (!saved.ok) throw new Error(saved.error.message);
  const done = submit(s, row);
  if (!done.ok) throw new Error(done.error.message);
  return { ...s.db.select().from(assessments).where(eq(assessments.id, row.id)).get()!, code: started.value.code };
}

export function setSubmittedAt(s: Services, id: number, iso: string) {
  s.db.update(assessments).set({ submittedAt: iso }).where(eq(assessments.id, id)).run();
}

export function addAdvisor(s: Services, name = "Cán bộ Lò Văn Tư vấn") {
  return insertStaff(s.db, { email: `adv${Math.random().toString(36).slice(2)}@dienbien.gov.vn`, name, role: "advisor", passwordHash: "x" });
}

export function validateBy(s: Services, id: number, staffId: number, at = new Date().toISOString()) {
  s.db.update(assessments).set({ validatedByStaffId: staffId, validatedAt: at }).where(eq(assessments.id, id)).run();
}

export function withdrawStatistics(s: Services, id: number) {
  s.db.insert(consents).values({ assessmentId: id, purpose: "statistics", granted: false, policyVersion: s.content.consent.policyVersion, method: "online" }).run();
}

export function addBusiness(s: Services, o: Owner) {
  return insertBusiness(s.db, {
    name: o.name,
    legalForm: o.legalForm,
    taxCode: o.taxCode ?? null,
    communeId: o.communeId,
    activityGroup: o.activityGroup ?? "agriculture",
    sector: o.sector,
  });
}

export function addSupport(s: Services, businessId: number, type: "consultation" | "training" | "platform_subsidy" | "provider_connection", date: string, staffId: number) {
  return insertSupport(s.db, { businessId, assessmentId: null, type, date, amountVnd: null, platformId: null, note: null, staffId });
}

export function addRegistryRows(
  s: Services,
  rows: { taxCode: string | null; name: string; legalForm: "company" | "cooperative" | "household"; communeId: string; sector: "ocop" | "tourism" | "border_trade" | "other"; sizeClass?: "micro" | "small" | "medium" | "large" | null }[],
) {
  const t = new Date().toISOString();
  return rows.map((r) =>
    s.db
      .insert(registry)
      .values({ registryKey: r.taxCode ?? `hh:${r.name}:${r.communeId}`, taxCode: r.taxCode, name: r.name, legalForm: r.legalForm, communeId: r.communeId, sector: r.sector, sizeClass: r.sizeClass ?? null, nameFolded: foldVietnamese(r.name), importedAt: t, updatedAt: t })
      .returning()
      .get(),
  );
}

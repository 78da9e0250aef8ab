// An owner's rights over their data, with their resume code: see it all, download it (JSON and
// CSV), correct the profile, withdraw each consent, erase the assessment.
import { answersOf, consentsOf, recordConsent, type AssessmentRow } from "../../db/assessments.ts";
import { adviceRequestsFor, consentHistory, correctProfile, eraseAssessment } from "../../db/dataRights.ts";
import type { Result, Services } from "./assessments.ts";
import { answerLabel } from "./assessments.ts";
import { msg, type Messages } from "../../views/messages.ts";

export function myData(s: Services, row: AssessmentRow) {
  const q = s.questionnaireByHash(row.questionnaireHash);
  const answers = answersOf(s.db, row.id);
  const textOf = new Map(q.questions.map((x) => [x.id, x.text]));
  const orderOf = new Map(q.questions.map((x, i) => [x.id, i]));
  return {
    profile: {
      name: row.businessName,
      legalForm: row.legalForm,
      taxCode: row.taxCode,
      communeId: row.communeId,
      commune: s.content.communeById.get(row.communeId)?.name ?? row.communeId,
      activityGroup: row.activityGroup,
      sector: row.sector,
      staff: row.staff,
      revenueBnVnd: row.revenueBnVnd,
      capitalBnVnd: row.capitalBnVnd,
      sizeClass: row.sizeClass,
    },
    status: row.status,
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
    questionnaire: { id: row.questionnaireId, version: row.questionnaireVersion, hash: row.questionnaireHash },
    // In the questionnaire's order, as the owner answered them.
    answers: Object.entries(answers).sort(([a], [b]) => (orderOf.get(a) ?? Infinity) - (orderOf.get(b) ?? Infinity)).map(([questionId, value]) => ({
      questionId,
      question: textOf.get(questionId) ?? questionId,
      answer: answerLabel(q, questionId, value),
      value,
    })),
    consents: consentHistory(s.db, row.id).map((c) => ({
      purpose: c.purpose,
      granted: c.granted,
      policyVersion: c.policyVersion,
      method: c.method,
      recordedAt: c.recordedAt,
    })),
    adviceRequests: adviceRequestsFor(s.db, row.id).map((r) => ({
      actionId: r.actionId,
      platformId: r.platformId,
      channel: r.channel,
      contact: r.contact,
      message: r.message,
      status: r.status,
      createdAt: r.createdAt,
    })),
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("; ") : String(v);
  // Quote everything; neutralise spreadsheet formulas.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** One CSV (UTF-8 with BOM so Excel shows Vietnamese): section, field, value, titled in the words of `t`. */
export function myDataCsv(data: ReturnType<typeof myData>, t: Messages = msg()): string {
  const w = t.data.csv;
  const rows: unknown[][] = [[w.header.section, w.header.item, w.header.value]];
  for (const [k, v] of Object.entries(data.profile)) rows.push([w.sections.profile, k, v]);
  rows.push([w.sections.assessment, w.status, data.status], [w.sections.assessment, w.createdAt, data.createdAt], [w.sections.assessment, w.submittedAt, data.submittedAt]);
  for (const a of data.answers) rows.push([w.sections.answer, a.question, a.answer]);
  for (const c of data.consents) rows.push([w.sections.consent, `${c.purpose} (${c.recordedAt})`, c.granted ? w.yes : w.no]);
  for (const r of data.adviceRequests) rows.push([w.sections.advice, r.actionId, `${r.channel}: ${r.contact} — ${r.message ?? ""}`]);
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function withdrawConsent(s: Services, row: AssessmentRow, purpose: "statistics" | "contact", granted: boolean): void {
  recordConsent(s.db, row.id, purpose, granted, s.content.consent.policyVersion, "online");
}

export function currentConsents(s: Services, row: AssessmentRow) {
  const c = consentsOf(s.db, row.id);
  return { statistics: c.get("statistics")?.granted === true, contact: c.get("contact")?.granted === true };
}

export function correctMyProfile(
  s: Services,
  row: AssessmentRow,
  changes: { name: string; taxCode: string | null; communeId: string },
): Result<null> {
  if (!s.content.communeById.has(changes.communeId))
    return { ok: false, error: { status: 422, code: "unknown_commune", message: msg().data.refusals.unknownCommune, fields: { communeId: msg().data.refusals.pickCommune } } };
  if (row.legalForm !== "household" && !changes.taxCode)
    return { ok: false, error: { status: 422, code: "invalid_input", message: msg().data.refusals.taxCodeNeeded, fields: { taxCode: msg().data.refusals.enterTaxCode } } };
  const next = { businessName: changes.name, taxCode: changes.taxCode, communeId: changes.communeId };
  const before = { businessName: row.businessName, taxCode: row.taxCode, communeId: row.communeId };
  const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => before[k as keyof typeof before] !== v));
  if (Object.keys(changed).length) correctProfile(s.db, row.id, changed, before);
  return { ok: true, value: null };
}

export function eraseMyAssessment(s: Services, row: AssessmentRow): void {
  eraseAssessment(s.db, row.id);
}

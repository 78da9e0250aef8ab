// Assessments captured away from the server — on an advisor's device without signal, or on a
// paper form keyed in at the office — arriving complete: profile, consent recorded in person,
// answers, notes and "evidence seen". Each becomes the same submitted assessment, score and report
// as any other, in one transaction. Arrivals are idempotent (the id made on the device is unique),
// so a sync interrupted at any point can simply be repeated: nothing is lost or doubled.
import { answersOf, findAssessmentByClientId, mergeAnswers, submitAssessment, type AssessmentRow } from "../../db/assessments.ts";
import { assessmentsOfBusiness, businessByTaxCode, householdsIn, insertBusiness, type BusinessRow } from "../../db/businesses.ts";
import { captureRecordOf, recordAudit, saveNotes } from "../../db/review.ts";
import { staffById } from "../../db/staff.ts";
import { checkAnswers } from "../domain/answers.ts";
import type { CaptureConflict, CaptureReceipt, CapturedAssessment } from "../domain/captured.ts";
import { consentsSchema, profileSchema } from "../domain/profile.ts";
import type { Questionnaire } from "../domain/questionnaire.ts";
import { parseResumeCode, formatResumeCode } from "../domain/resumeCode.ts";
import { multiLine } from "../domain/text.ts";
import { foldVietnamese } from "../domain/vnText.ts";
import type { Actor } from "./advisor.ts";
import { scoreOf, startAssessment, type AppError, type Result, type Services } from "./assessments.ts";
import { fmt, msg } from "../../views/messages.ts";

const fail = (error: AppError): { ok: false; error: AppError } => ({ ok: false, error });
const issuesOf = (e: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const out: Record<string, string> = {};
  for (const i of e.issues) out[i.path.map(String).join(".") || "_"] ??= i.message;
  return out;
};
const prefixed = (fields: Record<string, string>, p: string) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${p}.${k}`, v]));

/** The stored record of an arrival, kept in its audit entry: what a repeated sync is told again. */
interface ArrivalRecord {
  capturedAt: string;
  syncedAt: string;
  conflicts: CaptureConflict[];
}

function questionnaireOf(s: Services, hash: string): Questionnaire | null {
  try {
    return s.questionnaireByHash(hash);
  } catch {
    return null;
  }
}

/** The business these answers are about, if the province already follows it. */
function knownBusiness(s: Services, profile: { taxCode?: string | null; legalForm: string; name: string; communeId: string }): BusinessRow | undefined {
  if (profile.taxCode) return businessByTaxCode(s.db, profile.taxCode);
  if (profile.legalForm !== "household") return undefined;
  // A household without a tax code is known by its name in its commune (as the register knows it).
  const name = foldVietnamese(profile.name);
  return householdsIn(s.db, profile.communeId).find((b) => !b.taxCode && foldVietnamese(b.name) === name);
}

function receiptOf(s: Services, row: AssessmentRow, code: string | null, created: boolean): CaptureReceipt {
  const record = (captureRecordOf(s.db, row.id) ?? { conflicts: [] }) as ArrivalRecord;
  return {
    assessmentId: row.id,
    businessId: row.businessId!,
    code,
    created,
    capturedAt: row.capturedAt ?? record.capturedAt,
    syncedAt: row.syncedAt ?? record.syncedAt,
    conflicts: record.conflicts ?? [],
    scores: { overall: row.overallScore ?? 0, nationalLevel: row.nationalLevel ?? 0 },
  };
}

/**
 * Records one captured assessment. A capture that arrived before (same id) is answered with what
 * was recorded then, whatever else it carries now. Refused (422) only when the capture itself is
 * wrong — which the device checks with the same rules before it lets the advisor finish.
 */
export function recordCaptured(
  s: Services,
  actor: Actor,
  clientId: string,
  input: CapturedAssessment,
  capture: "offline" | "paper",
  now: Date = new Date(),
): Result<CaptureReceipt> {
  if (input.capturedBy !== actor.id)
    return fail({ status: 409, code: "captured_by_another", message: msg().staff.captureRefusals.capturedByAnother });
  const before = findAssessmentByClientId(s.db, clientId);
  if (before) return repeated(s, actor, before, input);

  const q = questionnaireOf(s, input.questionnaireHash);
  if (!q)
    return fail({
      status: 422,
      code: "unknown_version",
      message: msg().staff.captureRefusals.unknownVersion,
      fields: { questionnaireHash: msg().staff.captureFieldProblems.versionMissing },
    });
  const p = profileSchema.safeParse(input.profile);
  const k = consentsSchema.safeParse(input.consents);
  if (!p.success || !k.success)
    return fail({
      status: 422,
      code: "invalid_profile",
      message: msg().staff.captureRefusals.invalidProfile,
      fields: { ...(p.success ? {} : prefixed(issuesOf(p.error), "profile")), ...(k.success ? {} : prefixed(issuesOf(k.error), "consents")) },
    });
  const profile = p.data;
  if (!s.content.communeById.has(profile.communeId))
    return fail({ status: 422, code: "unknown_commune", message: msg().staff.refusals.unknownCommune, fields: { "profile.communeId": msg().staff.fieldProblems.pickCommune } });
  const checked = checkAnswers(q, input.answers);
  if (!checked.ok)
    return fail({ status: 422, code: "invalid_answers", message: msg().staff.captureRefusals.invalidAnswers, fields: prefixed(checked.fields, "answers") });
  const answers = Object.fromEntries(Object.entries(checked.changes).filter((e): e is [string, string | string[]] => e[1] !== null));
  const known = new Set(q.questions.map((x) => x.id));
  const badNote = Object.keys(input.notes).find((id) => !known.has(id));
  if (badNote) return fail({ status: 422, code: "invalid_notes", message: msg().staff.captureRefusals.invalidNotes, fields: { [`notes.${badNote}`]: msg().staff.fieldProblems.noSuchQuestion } });

  const code = input.code === undefined ? undefined : parseResumeCode(input.code);
  if (code && !code.ok) return fail({ status: 422, code: "invalid_code", message: msg().staff.captureRefusals.invalidCode, fields: { code: msg().staff.captureFieldProblems.badCode } });

  const syncedAt = now.toISOString();
  const conflicts: CaptureConflict[] = [];
  if (q.hash !== s.content.current.hash) conflicts.push({ kind: "version_replaced", capturedOn: q.version, inForce: s.content.current.version });

  try {
    const receipt = s.db.$client.transaction((): Result<CaptureReceipt> => {
      const existing = knownBusiness(s, profile);
      let businessId: number;
      let round = 1;
      let previousAssessmentId: number | null = null;
      if (existing) {
        const rounds = assessmentsOfBusiness(s.db, existing.id);
        const last = rounds[rounds.length - 1];
        const lastSubmitted = rounds.filter((r) => r.status === "submitted").pop();
        businessId = existing.id;
        round = last ? Math.max(...rounds.map((r) => r.round)) + 1 : 1;
        previousAssessmentId = lastSubmitted?.id ?? null;
        conflicts.push({
          kind: "business_known",
          businessId,
          round,
          previous: last
            ? { assessmentId: last.id, at: last.submittedAt ?? last.createdAt, by: last.createdByStaffId === null ? null : (staffById(s.db, last.createdByStaffId)?.name ?? null) }
            : null,
        });
      } else {
        businessId = insertBusiness(s.db, {
          name: profile.name,
          legalForm: profile.legalForm,
          taxCode: profile.taxCode ?? null,
          communeId: profile.communeId,
          activityGroup: profile.activityGroup,
          sector: profile.sector,
        }).id;
      }
      const started = startAssessment(s, profile, k.data, "in_person", { staffId: actor.id, businessId, round, previousAssessmentId }, {
        capture,
        clientId,
        capturedAt: input.capturedAt,
        syncedAt,
        code: code?.ok ? code.code : undefined,
        questionnaire: q,
        policyVersion: input.policyVersion,
      });
      if (!started.ok) throw new Refusal(started.error);
      const row = started.value.row;
      if (started.value.codeTaken) conflicts.push({ kind: "code_taken", code: formatResumeCode(started.value.code) });
      mergeAnswers(s.db, row.id, answers);
      saveNotes(
        s.db,
        row.id,
        actor.id,
        Object.fromEntries(Object.entries(input.notes).map(([id, n]) => [id, { note: n.note === null ? null : multiLine(n.note) || null, evidenceSeen: n.evidenceSeen }])),
      );
      const detail = scoreOf(s, row, answersOf(s.db, row.id));
      if (detail.unanswered.length)
        throw new Refusal({
          status: 422,
          code: "incomplete",
          message: fmt(msg().staff.captureRefusals.incomplete, { n: detail.unanswered.length }),
          fields: Object.fromEntries(detail.unanswered.map((id) => [`answers.${id}`, msg().staff.fieldProblems.unanswered])),
        });
      if (input.shown && (input.shown.overall !== detail.overall || input.shown.nationalLevel !== detail.nationalLevel))
        conflicts.push({ kind: "score_differs", shown: input.shown, server: { overall: detail.overall, nationalLevel: detail.nationalLevel } });
      submitAssessment(s.db, row.id, detail);
      const record: ArrivalRecord = { capturedAt: input.capturedAt, syncedAt, conflicts };
      recordAudit(s.db, { staffId: actor.id, action: capture === "paper" ? "entered_from_paper" : "captured_offline", assessmentId: row.id, businessId, newValue: record });
      const stored = { ...row, businessId, status: "submitted" as const, overallScore: detail.overall, nationalLevel: detail.nationalLevel };
      return { ok: true, value: receiptOf(s, stored, formatResumeCode(started.value.code), true) };
    })();
    return receipt;
  } catch (e) {
    if (e instanceof Refusal) return fail(e.error);
    // The same capture arriving twice at once: the second finds the first.
    if (e instanceof Error && /UNIQUE constraint failed: assessments\.client_id/.test(e.message)) {
      const first = findAssessmentByClientId(s.db, clientId);
      if (first) return repeated(s, actor, first, input);
    }
    throw e;
  }
}

/** A capture that arrived before: the same receipt, if it is the same advisor's. */
function repeated(s: Services, actor: Actor, row: AssessmentRow, input: CapturedAssessment): Result<CaptureReceipt> {
  if (row.createdByStaffId !== actor.id)
    return fail({ status: 409, code: "captured_by_another", message: msg().staff.captureRefusals.capturedByAnother });
  const code = input.code ? parseResumeCode(input.code) : null;
  const record = (captureRecordOf(s.db, row.id) ?? { conflicts: [] }) as ArrivalRecord;
  const changed = record.conflicts?.some((c) => c.kind === "code_taken");
  return { ok: true, value: receiptOf(s, row, code?.ok && !changed ? formatResumeCode(code.code) : null, false) };
}

/** A refusal found inside the transaction: rolls it back, then answers the caller. */
class Refusal extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}


// The advisor workspace's operations: guided sessions, review and validation of an owner's
// self-assessment, support given, re-assessment and the T0 → T1 comparison. Routes call these;
// every rule about who may see or change what lives here or in src/domain.
import { answersOf, mergeAnswers, type AssessmentRow } from "../../db/assessments.ts";
import { setAdviceStatus } from "../../db/advice.ts";
import {
  adviceRequestById,
  assessmentsOfBusiness,
  assessmentsOfStaff,
  attachToBusiness,
  businessById,
  businessByTaxCode,
  businessesWithTimeline,
  insertBusiness,
  correctSupport,
  insertSupport,
  withdrawSupport,
  supportOfBusiness,
  updateBusinessProfile,
  waitingAdviceRequests,
  type BusinessRow,
  type PlaceFilter,
} from "../../db/businesses.ts";
import { accessFactsOf, accessFactsOne } from "../../db/access.ts";
import { auditOf, changeAnswersAudited, markValidated, notesOf, recordAudit, saveNotes } from "../../db/review.ts";
import { staffById } from "../../db/staff.ts";
import { checkAnswers, checkEachAnswer } from "../domain/answers.ts";
import { compareAssessments, supportBetween, type Snapshot } from "../domain/comparison.ts";
import type { Consents, Profile } from "../domain/profile.ts";
import { reassessmentDue } from "../domain/reassessment.ts";
import { applicableQuestions, type AnswerValue } from "../domain/scoring.ts";
import { accessTo, seesRecord, type Access } from "../domain/access.ts";
import type { Role } from "../domain/staff.ts";
import { decree80Warnings, eligibleSchemes, schemeAllowed, supportReason, supportRecordSchema, type CapWarning, type SupportType } from "../domain/support.ts";
import type { AdviceRequestStatus } from "../domain/vocabularies.ts";
import { findByCode, profileFacts, scoreOf, startAssessment, type AppError, type Result, type Services } from "./assessments.ts";
import { multiLine } from "../domain/text.ts";
import { fmt, msg, type Messages } from "../../views/messages.ts";

export interface Actor {
  id: number;
  name: string;
  role: Role;
}

const fail = (error: AppError): { ok: false; error: AppError } => ({ ok: false, error });

type Says = keyof Messages["staff"]["refusals"];
type FieldSays = keyof Messages["staff"]["fieldProblems"];
/**
 * A refusal: `code` for the program, `says` (and `params`) for the person, worded from the
 * catalogue of the request's language; `fields` name what is wrong with each input the same way.
 */
function refuse(status: AppError["status"], code: string, says: Says, params: Record<string, number> = {}, fields?: Record<string, FieldSays>) {
  const t = msg().staff;
  const worded = fields && Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, t.fieldProblems[f]]));
  return fail({ status, code, message: fmt(t.refusals[says], params), ...(worded ? { fields: worded } : {}) });
}
const notFound = () => fail({ status: 404, code: "not_found", message: msg().staff.errors.notFound });
const unanswered = (ids: string[]): Record<string, FieldSays> => Object.fromEntries(ids.map((id) => [id, "unanswered" as const]));

/** The support scheme whose yearly caps the Decree 80 warning uses (content id): renting/buying solutions, Art. 11 cl. 2. */
export const DECREE80_SCHEME_ID = "decree80_dx_support";

/** What this staff member sees of one assessment (src/domain/access.ts). */
export function accessToAssessment(s: Services, actor: Actor, row: Pick<AssessmentRow, "id">): Access {
  const facts = accessFactsOne(s.db, row.id);
  return facts ? accessTo(actor, facts) : { sight: "none", because: [], contact: false };
}

export function seesAssessment(s: Services, actor: Actor, row: Pick<AssessmentRow, "id">): boolean {
  return accessToAssessment(s, actor, row).sight === "record";
}

/** The rows among `rows` whose record this staff member sees (order kept). */
export function seenOnly<T extends { id: number }>(s: Services, actor: Actor, rows: readonly T[]): T[] {
  const facts = accessFactsOf(s.db, rows.map((r) => r.id));
  return rows.filter((r) => {
    const f = facts.get(r.id);
    return f !== undefined && seesRecord(actor, f);
  });
}

/** The rounds of a business this staff member sees, oldest first. */
export function roundsSeen(s: Services, actor: Actor, businessId: number): AssessmentRow[] {
  return seenOnly(s, actor, assessmentsOfBusiness(s.db, businessId));
}

/** A business is seen when one of its assessments is; its page lists only the rounds that are. */
export function seesBusinessRecord(s: Services, actor: Actor, businessId: number): boolean {
  return roundsSeen(s, actor, businessId).length > 0;
}

export function openByCode(s: Services, actor: Actor, code: string): Result<AssessmentRow> {
  const r = findByCode(s, code);
  if (!r.ok) return r;
  recordAudit(s.db, { staffId: actor.id, action: "opened_by_code", assessmentId: r.value.row.id, businessId: r.value.row.businessId });
  return { ok: true, value: r.value.row };
}

export type GuidedStart = Result<{ code: string; row: AssessmentRow; business: BusinessRow }> & { existingBusinessId?: number };

/** A new business and its first assessment (T0), run by an advisor with the owner present. */
export function startGuided(s: Services, actor: Actor, profile: Profile, consents: Consents): GuidedStart {
  if (!s.content.communeById.has(profile.communeId))
    return refuse(422, "unknown_commune", "unknownCommune", {}, { "profile.communeId": "pickCommune" });
  if (profile.taxCode) {
    const existing = businessByTaxCode(s.db, profile.taxCode);
    if (existing)
      return {
        ...refuse(409, "business_exists", "businessExists", {}, { "profile.taxCode": "taxCodeTaken" }),
        existingBusinessId: existing.id,
      };
  }
  const business = insertBusiness(s.db, {
    name: profile.name,
    legalForm: profile.legalForm,
    taxCode: profile.taxCode ?? null,
    communeId: profile.communeId,
    activityGroup: profile.activityGroup,
    sector: profile.sector,
  });
  const r = startAssessment(s, profile, consents, "in_person", { staffId: actor.id, businessId: business.id, round: 1, previousAssessmentId: null });
  if (!r.ok) return r;
  return { ok: true, value: { code: r.value.code, row: r.value.row, business } };
}

/** Notes as typed, cleaned like all free text (src/domain/text.ts); a note left empty is none. */
const cleanNotes = (notes: Record<string, { note: string | null; evidenceSeen: boolean }>) =>
  Object.fromEntries(Object.entries(notes).map(([id, n]) => [id, { ...n, note: n.note === null ? null : multiLine(n.note) || null }]));

/**
 * Answers and notes of one page of a guided session (draft only). As on the owner's pages, the
 * valid answers and every note are saved even when one answer is refused; the refused ones come
 * back with the reason. `saved` counts answers and notes written.
 */
export function saveGuidedPage(
  s: Services,
  actor: Actor,
  row: AssessmentRow,
  answers: Record<string, AnswerValue | null>,
  notes: Record<string, { note: string | null; evidenceSeen: boolean }>,
): Result<{ saved: number; refused: Record<string, string> }> {
  if (row.status !== "draft")
    return refuse(409, "already_submitted", "alreadySubmitted");
  const q = s.questionnaireByHash(row.questionnaireHash);
  const known = new Set(q.questions.map((x) => x.id));
  const checked = checkEachAnswer(q, answers);
  const unknownNote = Object.keys(notes).find((id) => !known.has(id));
  if (unknownNote) return refuse(422, "invalid_answers", "unknownNote", {}, { [unknownNote]: "noSuchQuestion" });
  if (Object.keys(checked.changes).length) mergeAnswers(s.db, row.id, checked.changes);
  const notesWritten = saveNotes(s.db, row.id, actor.id, cleanNotes(notes));
  return { ok: true, value: { saved: Object.keys(checked.changes).length + notesWritten, refused: checked.refused } };
}

/** Notes and evidence marks may be added while reviewing, until validation. */
export function saveReviewNotes(s: Services, actor: Actor, row: AssessmentRow, notes: Record<string, { note: string | null; evidenceSeen: boolean }>): Result<true> {
  if (row.validatedAt) return refuse(409, "validated", "frozen");
  const q = s.questionnaireByHash(row.questionnaireHash);
  const unknown = Object.keys(notes).find((id) => !q.questions.some((x) => x.id === id));
  if (unknown) return refuse(422, "invalid_question", "noSuchQuestion", {}, { [unknown]: "noSuchQuestion" });
  saveNotes(s.db, row.id, actor.id, cleanNotes(notes));
  return { ok: true, value: true };
}

const same = (a: AnswerValue | null | undefined, b: AnswerValue | null | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * An advisor changes answers of an assessment under review: each change is audited with the
 * reason; a submitted assessment is re-scored on its own questionnaire version.
 */
export function changeAnswers(s: Services, actor: Actor, row: AssessmentRow, raw: Record<string, unknown>, reasonInput: string): Result<{ changed: number }> {
  if (row.validatedAt) return refuse(409, "validated", "frozen");
  const reason = multiLine(reasonInput);
  if (reason.length < 3 || reason.length > 500)
    return refuse(422, "reason_required", "reasonRequired", {}, { reason: "reasonExample" });
  const q = s.questionnaireByHash(row.questionnaireHash);
  const checked = checkAnswers(q, raw);
  // The answer checks word each refused answer themselves.
  if (!checked.ok) return fail({ status: 422, code: "invalid_answers", message: msg().staff.refusals.invalidAnswers, fields: checked.fields });
  const before = answersOf(s.db, row.id);
  // Only questions asked of this business (its profile, its answers so far) can be changed.
  const asked = new Set(applicableQuestions(q, profileFacts(row), before).filter((x) => x.asked).map((x) => x.question.id));
  const notAsked = Object.keys(checked.changes).find((id) => !asked.has(id));
  if (notAsked) return refuse(422, "not_asked", "notAsked", {}, { [notAsked]: "notAsked" });
  const changes = Object.entries(checked.changes)
    .filter(([id, v]) => !same(before[id], v))
    .map(([questionId, newValue]) => ({ questionId, oldValue: before[questionId] ?? null, newValue }));
  if (!changes.length) return { ok: true, value: { changed: 0 } };
  const after: Record<string, AnswerValue> = { ...before };
  for (const c of changes) {
    if (c.newValue === null) delete after[c.questionId];
    else after[c.questionId] = c.newValue;
  }
  const rescored = row.status === "submitted" ? scoreOf(s, row, after) : null;
  changeAnswersAudited(s.db, { assessmentId: row.id, staffId: actor.id, reason, changes, rescored });
  return { ok: true, value: { changed: changes.length } };
}

/** The business an assessment belongs to: the linked one, the one with its tax code, or a new one. */
function ensureBusiness(s: Services, row: AssessmentRow): number {
  if (row.businessId !== null) return row.businessId;
  const existing = row.taxCode ? businessByTaxCode(s.db, row.taxCode) : undefined;
  const id =
    existing?.id ??
    insertBusiness(s.db, {
      name: row.businessName,
      legalForm: row.legalForm,
      taxCode: row.taxCode,
      communeId: row.communeId,
      activityGroup: row.activityGroup,
      sector: row.sector,
    }).id;
  attachToBusiness(s.db, row.id, id);
  return id;
}

/**
 * "Advisor-validated": an advisor checked the answers with the owner. A complete draft is
 * submitted on the way; the assessment joins the business's timeline; it is frozen afterwards.
 */
export function validate(s: Services, actor: Actor, row: AssessmentRow, noteInput: string): Result<{ businessId: number }> {
  if (row.validatedAt) return refuse(409, "already_validated", "alreadyValidated");
  let submitWith = null;
  if (row.status === "draft") {
    const detail = scoreOf(s, row);
    if (detail.unanswered.length)
      return refuse(422, "incomplete", "incomplete", { n: detail.unanswered.length }, unanswered(detail.unanswered));
    submitWith = detail;
  } else {
    const detail = scoreOf(s, row);
    if (detail.unanswered.length)
      return refuse(422, "incomplete", "openedUnanswered", { n: detail.unanswered.length }, unanswered(detail.unanswered));
  }
  const businessId = ensureBusiness(s, row);
  const note = multiLine(noteInput).slice(0, 500) || null;
  if (!markValidated(s.db, { assessmentId: row.id, staffId: actor.id, note, submitWith }))
    return refuse(409, "already_validated", "alreadyValidated");
  return { ok: true, value: { businessId } };
}

/** Latest assessment of the business (its size class is the one support is checked against). */
function latestOf(rows: AssessmentRow[], submittedOnly = false): AssessmentRow | undefined {
  const list = submittedOnly ? rows.filter((r) => r.status === "submitted") : rows;
  return list[list.length - 1];
}

export function supportWarnings(s: Services, business: BusinessRow, rows = assessmentsOfBusiness(s.db, business.id)) {
  const scheme = s.content.schemes.find((x) => x.id === DECREE80_SCHEME_ID);
  const latest = latestOf(rows);
  // A withdrawn record was never given: no warning of its own, and not in the year's total.
  const records = supportOfBusiness(s.db, business.id).filter((x) => !x.record.withdrawnAt);
  return new Map<number, CapWarning[]>(
    records.map(({ record }) => [
      record.id,
      scheme && latest
        ? decree80Warnings(
            scheme,
            { legalForm: business.legalForm, sizeClass: latest.sizeClass },
            record,
            // Records entered before this one in the same year (by date, then entry order).
            records.map((x) => x.record).filter((o) => o.id !== record.id && (o.date < record.date || (o.date === record.date && o.id < record.id))),
          )
        : [],
    ]),
  );
}

/** The schemes this business may receive support under (legal form, size of its latest round seen, sector, commune). */
export function schemesFor(s: Services, actor: Actor, business: BusinessRow) {
  const latest = latestOf(roundsSeen(s, actor, business.id));
  return eligibleSchemes(s.content.schemes, {
    legalForm: business.legalForm,
    sizeClass: latest?.sizeClass ?? null,
    sector: business.sector,
    difficultArea: s.content.communeById.get(business.communeId)?.difficultArea ?? "unknown",
  });
}

function parseSupport(s: Services, actor: Actor, business: BusinessRow, input: unknown, today: string) {
  const parsed = supportRecordSchema(today, new Set(s.content.platforms.map((p) => p.id))).safeParse(input);
  const eligible = new Set(schemesFor(s, actor, business).map((x) => x.id));
  if (parsed.success && schemeAllowed(parsed.data.schemeId, eligible)) return { ok: true as const, value: parsed.data };
  const fields: Record<string, string> = {};
  if (parsed.success) fields.schemeId = sm().schemeNotEligible;
  else for (const i of parsed.error.issues) fields[i.path.map(String).join(".") || "_"] ??= i.message;
  return { ok: false as const, fields };
}

export function recordSupport(s: Services, actor: Actor, business: BusinessRow, input: unknown, today: string): Result<{ id: number; warnings: CapWarning[] }> {
  const parsed = parseSupport(s, actor, business, input, today);
  if (!parsed.ok) return fail({ status: 422, code: "invalid_support", message: msg().staff.refusals.invalidSupport, fields: parsed.fields });
  const rows = roundsSeen(s, actor, business.id);
  const record = insertSupport(s.db, { ...parsed.value, businessId: business.id, assessmentId: latestOf(rows, true)?.id ?? null, staffId: actor.id });
  recordAudit(s.db, { staffId: actor.id, action: "support_recorded", businessId: business.id, reason: parsed.value.type });
  return { ok: true, value: { id: record.id, warnings: supportWarnings(s, business, rows).get(record.id) ?? [] } };
}

const sm = () => msg().staff.support;

/** A support record of this business, still in force (not withdrawn). */
function supportInForce(s: Services, business: BusinessRow, supportId: number) {
  const found = supportOfBusiness(s.db, business.id).find((x) => x.record.id === supportId);
  return found && !found.record.withdrawnAt ? found.record : undefined;
}

/** Correct what was recorded (a wrong date, amount, type…), with a reason: audited, figures follow. */
export function correctSupportRecord(s: Services, actor: Actor, business: BusinessRow, supportId: number, input: unknown, reason: unknown, today: string): Result<{ id: number }> {
  if (!supportInForce(s, business, supportId)) return fail({ status: 404, code: "not_found", message: sm().recordNotFound });
  const parsed = parseSupport(s, actor, business, input, today);
  const why = supportReason(reason);
  if (!parsed.ok || why === null) {
    const fields = { ...(parsed.ok ? {} : parsed.fields), ...(why !== null ? {} : { reason: sm().reasonMissing }) };
    return fail({ status: 422, code: "invalid_support", message: sm().correctionInvalid, fields });
  }
  const v = parsed.value;
  correctSupport(s.db, supportId, { type: v.type, date: v.date, amountVnd: v.amountVnd, platformId: v.platformId, note: v.note, schemeId: v.schemeId }, actor.id, why);
  return { ok: true, value: { id: supportId } };
}

/** Withdraw a record entered by mistake, with a reason: it leaves totals, T0 → T1 and exports; audited. */
export function withdrawSupportRecord(s: Services, actor: Actor, business: BusinessRow, supportId: number, reason: unknown): Result<{ id: number }> {
  if (!supportInForce(s, business, supportId)) return fail({ status: 404, code: "not_found", message: sm().recordNotFound });
  const why = supportReason(reason);
  if (why === null) return fail({ status: 422, code: "reason_missing", message: sm().withdrawReasonMissing, fields: { reason: sm().reasonMissing } });
  withdrawSupport(s.db, supportId, actor.id, why);
  return { ok: true, value: { id: supportId } };
}

/**
 * T1 (T2, …): the next round on the questionnaire version in force, profile from the form
 * (prefilled from the last assessment), answers carried over for review where the current
 * version still has the question and the option.
 */
export function startReassessment(
  s: Services,
  actor: Actor,
  business: BusinessRow,
  profile: Profile,
  consents: Consents,
): Result<{ code: string; row: AssessmentRow; carried: number; dropped: number }> & { draftId?: number } {
  const rows = assessmentsOfBusiness(s.db, business.id);
  const seen = seenOnly(s, actor, rows);
  const draft = seen.find((r) => r.status === "draft");
  if (draft) return { ...refuse(409, "in_progress", "inProgress"), draftId: draft.id };
  // Answers are carried over only from a round this advisor sees (never from an owner's own self-assessment).
  const previous = latestOf(seen, true);
  if (!previous) return refuse(409, "no_previous", "noPrevious");
  if (!s.content.communeById.has(profile.communeId))
    return refuse(422, "unknown_commune", "unknownCommune", {}, { "profile.communeId": "pickCommune" });
  if (profile.taxCode && profile.taxCode !== business.taxCode && businessByTaxCode(s.db, profile.taxCode))
    return refuse(409, "business_exists", "taxCodeElsewhere", {}, { "profile.taxCode": "taxCodeElsewhere" });
  const round = Math.max(...rows.map((r) => r.round)) + 1;
  const r = startAssessment(s, profile, consents, "in_person", { staffId: actor.id, businessId: business.id, round, previousAssessmentId: previous.id });
  if (!r.ok) return r;
  updateBusinessProfile(s.db, business.id, {
    name: profile.name,
    legalForm: profile.legalForm,
    communeId: profile.communeId,
    activityGroup: profile.activityGroup,
    sector: profile.sector,
  });
  const current = s.questionnaireByHash(r.value.row.questionnaireHash);
  const carried: Record<string, AnswerValue> = {};
  let dropped = 0;
  for (const [id, value] of Object.entries(answersOf(s.db, previous.id))) {
    const one = checkAnswers(current, { [id]: value });
    if (one.ok && one.changes[id] !== null && one.changes[id] !== undefined) carried[id] = one.changes[id]!;
    else dropped++;
  }
  mergeAnswers(s.db, r.value.row.id, carried);
  recordAudit(s.db, { staffId: actor.id, action: "reassessment_started", assessmentId: r.value.row.id, businessId: business.id });
  return { ok: true, value: { code: r.value.code, row: r.value.row, carried: Object.keys(carried).length, dropped } };
}

function snapshot(s: Services, row: AssessmentRow): Snapshot {
  const q = s.questionnaireByHash(row.questionnaireHash);
  const frozen = new Map((row.pillarScores ?? []).map((p) => [p.id, p.score]));
  return {
    questionnaireHash: row.questionnaireHash,
    questionnaireVersion: row.questionnaireVersion,
    overall: row.overallScore ?? 0,
    level: row.nationalLevel ?? 0,
    pillars: q.pillars.map((p) => ({ id: p.id, name: p.name, score: frozen.get(p.id) ?? null })),
  };
}

/** Compare two submitted rounds of a business (default: the last two). */
export function comparison(s: Services, actor: Actor, business: BusinessRow, beforeId?: number, afterId?: number) {
  const submitted = roundsSeen(s, actor, business.id).filter((r) => r.status === "submitted");
  const after = afterId ? submitted.find((r) => r.id === afterId) : submitted[submitted.length - 1];
  const before = beforeId ? submitted.find((r) => r.id === beforeId) : submitted[submitted.indexOf(after!) - 1];
  if (!after || !before || before.id === after.id)
    return refuse(404, "nothing_to_compare", "nothingToCompare");
  const [a, b] = before.submittedAt! <= after.submittedAt! ? [before, after] : [after, before];
  const support = supportBetween(
    supportOfBusiness(s.db, business.id).map((x) => ({ ...x.record, staffName: x.staffName })),
    a.submittedAt!,
    b.submittedAt!,
  );
  const levelName = (row: AssessmentRow, level: number) => s.questionnaireByHash(row.questionnaireHash).levels.find((l) => l.level === level)?.name ?? "";
  const c = compareAssessments(snapshot(s, a), snapshot(s, b));
  return {
    ok: true as const,
    value: {
      before: a,
      after: b,
      comparison: c,
      levelNames: { before: levelName(a, c.level.before), after: levelName(b, c.level.after) },
      support,
      submitted,
    },
  };
}

export function stageOf(round: number): string {
  return `T${round - 1}`;
}

/** Everything the department's systems need about one business over time (GET …/history). */
export function businessHistory(s: Services, actor: Actor, businessId: number) {
  const business = businessById(s.db, businessId);
  // A business whose every assessment is hidden from this staff member does not exist for them.
  if (!business) return notFound();
  const rows = seenOnly(s, actor, assessmentsOfBusiness(s.db, businessId));
  if (!rows.length) return notFound();
  const names = new Map<number, string>();
  const nameOf = (id: number | null) => {
    if (id === null) return null;
    if (!names.has(id)) names.set(id, staffById(s.db, id)?.name ?? "");
    return { id, name: names.get(id)! };
  };
  const warnings = supportWarnings(s, business, rows);
  return {
    ok: true as const,
    value: {
      business: {
        id: business.id,
        name: business.name,
        legalForm: business.legalForm,
        taxCode: business.taxCode,
        communeId: business.communeId,
        activityGroup: business.activityGroup,
        sector: business.sector,
      },
      assessments: rows.map((r) => ({
        id: r.id,
        round: r.round,
        stage: stageOf(r.round),
        previousAssessmentId: r.previousAssessmentId,
        method: r.method,
        status: r.status,
        questionnaire: { id: r.questionnaireId, version: r.questionnaireVersion, hash: r.questionnaireHash },
        sizeClass: r.sizeClass,
        createdAt: r.createdAt,
        submittedAt: r.submittedAt,
        scores:
          r.status === "submitted"
            ? { overall: r.overallScore!, nationalLevel: r.nationalLevel!, euBand: r.euBand!, usesDigitalPlatforms: Boolean(r.usesDigitalPlatforms), pillars: r.pillarScores ?? [] }
            : null,
        validation: { validated: r.validatedAt !== null, validatedAt: r.validatedAt, validatedBy: nameOf(r.validatedByStaffId) },
        runBy: nameOf(r.createdByStaffId),
      })),
      support: supportOfBusiness(s.db, businessId).map(({ record, staffName }) => ({
        id: record.id,
        type: record.type,
        date: record.date,
        amountVnd: record.amountVnd,
        platformId: record.platformId,
        note: record.note,
        assessmentId: record.assessmentId,
        recordedBy: { id: record.staffId, name: staffName },
        warnings: warnings.get(record.id) ?? [],
      })),
    },
  };
}

/** The advisor's list: what they ran or validated, requests waiting, re-assessments due. */
export function advisorWorklist(s: Services, actor: Actor, filter: PlaceFilter, now = Date.now()) {
  const mine = assessmentsOfStaff(s.db, actor.id, filter);
  const requests = waitingAdviceRequests(s.db, filter, actor);
  const due = businessesWithTimeline(s.db, filter, actor).flatMap(({ business, assessments, supportDates }) => {
    const submitted = assessments.filter((a) => a.status === "submitted");
    const last = submitted[submitted.length - 1];
    if (!last?.submittedAt) return [];
    const d = reassessmentDue(s.content.followUp.reassessment, { submittedAt: last.submittedAt }, supportDates, now, assessments.some((a) => a.status === "draft"));
    return d.due ? [{ business, lastSubmittedAt: last.submittedAt, lastRound: last.round, reason: d.reason! }] : [];
  });
  return { mine, requests, due };
}

export function reviewData(s: Services, row: AssessmentRow) {
  return { answers: answersOf(s.db, row.id), notes: notesOf(s.db, row.id), audit: auditOf(s.db, row.id) };
}

export type { SupportType };

/** What an advisor may set a request to (a request is `new` only until someone takes it). */
export const ADVICE_STATUSES = ["in_progress", "done", "cancelled"] as const satisfies readonly AdviceRequestStatus[];

/** Take, close or drop an owner's request for advice; the advisor is recorded as its handler. */
export function handleAdviceRequest(s: Services, actor: Actor, id: number, status: string): Result<true> {
  if (!(ADVICE_STATUSES as readonly string[]).includes(status))
    return refuse(422, "invalid_status", "invalidStatus", {}, { status: "pickStatus" });
  // A request the owner withdrew (contact consent) is no longer this advisor's to handle.
  const request = adviceRequestById(s.db, id);
  if (!request || !seesAssessment(s, actor, { id: request.assessmentId })) return notFound();
  if (!setAdviceStatus(s.db, id, status as (typeof ADVICE_STATUSES)[number], actor.id)) return notFound();
  return { ok: true, value: true };
}

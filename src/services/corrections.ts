// After submitting, an owner may correct an answer or start again from a copy. A correction is
// re-scored on the assessment's own questionnaire version and audited like an advisor's change;
// it moves the assessment's revision (kept pages and the kept PDF are made again) and the figures
// version (the triggers see the new scores). A validated assessment loses its validation until an
// advisor checks it again: an advisor vouched for answers that are no longer the ones stored.
import { answersOf, consentsOf, copiesOf, insertCopy, type AssessmentRow } from "../../db/assessments.ts";
import { changeAnswersAudited } from "../../db/review.ts";
import { checkAnswers, checkEachAnswer } from "../domain/answers.ts";
import { newResumeCode, resumeCodeHash } from "../domain/resumeCode.ts";
import { applicableQuestions, type AnswerValue, type Answers, type ScoreDetail } from "../domain/scoring.ts";
import { multiLine } from "../domain/text.ts";
import { profileFacts, scoreOf, type Result, type Services } from "./assessments.ts";
import { fmt, msg } from "../../views/messages.ts";

const same = (a: AnswerValue | null | undefined, b: AnswerValue | null | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface CorrectionRefused {
  status: 409 | 422;
  code: "not_submitted" | "reason_too_long" | "invalid_answers" | "not_asked" | "incomplete";
  message: string;
  fields?: Record<string, string>;
  /** The answers as they would be with the owner's changes (to show them again, unsaved). */
  wouldBe?: Answers;
}

/**
 * The owner corrects answers of a submitted assessment. All or nothing: a change that opens a
 * question not yet answered is refused with that question named, so a submitted assessment is
 * never left with a gap in its score.
 */
export function correctAnswers(
  s: Services,
  row: AssessmentRow,
  raw: Record<string, unknown>,
  reasonInput = "",
): { ok: true; value: { changed: number; validationWithdrawn: boolean; scores: ScoreDetail } } | { ok: false; error: CorrectionRefused } {
  if (row.status !== "submitted") return { ok: false, error: { status: 409, code: "not_submitted", message: msg().answers.refusals.notSubmitted } };
  const reason = multiLine(reasonInput);
  if (reason.length > 500) return { ok: false, error: { status: 422, code: "reason_too_long", message: msg().answers.refusals.reasonTooLong, fields: { reason: msg().answers.fieldProblems.reasonMax } } };
  const q = s.questionnaireByHash(row.questionnaireHash);
  const checked = checkAnswers(q, raw);
  if (!checked.ok) return { ok: false, error: { status: 422, code: "invalid_answers", message: msg().answers.refusals.invalidAnswers, fields: checked.fields } };
  const before = answersOf(s.db, row.id);
  const after: Record<string, AnswerValue> = { ...before };
  for (const [id, v] of Object.entries(checked.changes)) {
    if (v === null) delete after[id];
    else after[id] = v;
  }
  // Only the questions asked of this business (with the corrected answers) can be answered.
  const facts = profileFacts(row);
  const asked = new Set(applicableQuestions(q, facts, after).filter((x) => x.asked).map((x) => x.question.id));
  const notAsked = Object.keys(checked.changes).find((id) => !asked.has(id) && checked.changes[id] !== null);
  if (notAsked) return { ok: false, error: { status: 422, code: "not_asked", message: msg().answers.refusals.notAsked, fields: { [notAsked]: msg().answers.fieldProblems.notAsked } } };
  const changes = Object.entries(checked.changes)
    .filter(([id, v]) => !same(before[id], v))
    .map(([questionId, newValue]) => ({ questionId, oldValue: before[questionId] ?? null, newValue }));
  if (!changes.length) return { ok: true, value: { changed: 0, validationWithdrawn: false, scores: scoreOf(s, row, before) } };
  const rescored = scoreOf(s, row, after);
  if (rescored.unanswered.length)
    return {
      ok: false,
      error: {
        status: 422,
        code: "incomplete",
        message: fmt(msg().answers.refusals.opensQuestions, { n: rescored.unanswered.length }),
        fields: Object.fromEntries(rescored.unanswered.map((id) => [id, msg().answers.fieldProblems.unanswered])),
        wouldBe: after,
      },
    };
  const withdrawn = row.validatedAt !== null;
  changeAnswersAudited(s.db, {
    assessmentId: row.id,
    staffId: null,
    action: "owner_corrected",
    reason: reason || null,
    changes,
    rescored,
    withdrawValidationOf: withdrawn ? row.validatedByStaffId : undefined,
  });
  return { ok: true, value: { changed: changes.length, validationWithdrawn: withdrawn, scores: rescored } };
}

/**
 * "Start again from a copy": a new draft on the version in force, under a new code, holding the
 * answers that version still accepts (the owner changes what changed and submits again). The old
 * assessment stays, with its result; once the copy is submitted it replaces it in the figures.
 */
export function restartFromCopy(s: Services, row: AssessmentRow): Result<{ code: string; row: AssessmentRow }> {
  if (row.status !== "submitted")
    return { ok: false, error: { status: 409, code: "not_submitted", message: msg().answers.refusals.notSubmitted } };
  const q = s.content.current;
  // Answers to questions the version in force no longer has, or with options it no longer offers, are dropped.
  const kept = checkEachAnswer(q, answersOf(s.db, row.id)).changes;
  const answers = Object.fromEntries(Object.entries(kept).filter((e): e is [string, AnswerValue] => e[1] !== null));
  const consents = [...consentsOf(s.db, row.id).values()].map((c) => ({ purpose: c.purpose, granted: c.granted, policyVersion: c.policyVersion }));
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newResumeCode();
    try {
      const copy = insertCopy(s.db, { from: row, codeHash: resumeCodeHash(code), questionnaire: q, answers, consents });
      return { ok: true, value: { code, row: copy } };
    } catch (e) {
      if (!(e instanceof Error && /UNIQUE constraint failed: assessments.code_hash/.test(e.message))) throw e;
    }
  }
  throw new Error("could not allocate a resume code");
}

export { copiesOf };

// One assessment reviewed: every answer with its part, the advisor's notes and the audit trail;
// an answer changed with a reason, then the whole validated.
import { answersOf, consentsOf, type AssessmentRow } from "../../../db/assessments.ts";
import { staffById } from "../../../db/staff.ts";
import { askedInPart, partsOf, unansweredIn } from "../../domain/parts.ts";
import type { AnswerValue } from "../../domain/scoring.ts";
import { changeAnswers, reviewData, saveReviewNotes, validate } from "../../services/advisor.ts";
import { answerLabel, profileFacts } from "../../services/assessments.ts";
import { planOf } from "../../services/plan.ts";
import { msg } from "../../../views/messages.ts";
import { ChangeAnswerPage, ReviewPage, type ReviewQuestion } from "../../../views/staff/assessment.tsx";
import { formValues, single } from "../forms.ts";
import {
  actorOf,
  answersAndNotesFromForm,
  assessmentOf,
  canAdvise,
  need,
  notFound,
  rememberedCode,
  staffOf,
  withAssessment,
  type Ctx,
  type StaffApp,
  type StaffDeps,
} from "./common.tsx";

export function reviewPage(d: StaffDeps, c: Ctx, row: AssessmentRow, extra: { status?: 200 | 409 | 422; notice?: string; error?: string } = {}) {
  const { s } = d;
  const q = s.questionnaireByHash(row.questionnaireHash);
  const facts = profileFacts(row);
  const { answers, notes, audit } = reviewData(s, row);
  const parts = partsOf(q, facts);
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  const questions: ReviewQuestion[] = parts.flatMap((p) =>
    askedInPart(q, facts, answers, p).map((id) => ({ question: byId.get(id)!, part: p.number, value: answers[id], label: answerLabel(q, id, answers[id]) })),
  );
  const missingIds = new Set(parts.flatMap((p) => unansweredIn(q, facts, answers, p)));
  const consents = [...consentsOf(s.db, row.id).values()].map((k) => ({
    purpose: k.purpose,
    granted: k.granted,
    method: k.method,
    recordedBy: k.recordedByStaffId === null ? null : (staffById(s.db, k.recordedByStaffId)?.name ?? null),
  }));
  return c.html(
    <ReviewPage
      me={staffOf(c)}
      row={row}
      communes={s.content.communeById}
      questions={questions}
      missing={questions.filter((x) => missingIds.has(x.question.id))}
      notes={notes}
      audit={audit}
      consents={consents}
      levelName={q.levels.find((l) => l.level === row.nationalLevel)?.name ?? null}
      validatedBy={row.validatedByStaffId === null ? null : (staffById(s.db, row.validatedByStaffId)?.name ?? null)}
      recheckOf={row.recheckOfStaffId === null ? null : (staffById(s.db, row.recheckOfStaffId)?.name ?? null)}
      canAdvise={canAdvise(c)}
      questionText={new Map(q.questions.map((x) => [x.id, x.text]))}
      labelOf={(id, v) => answerLabel(q, id, (v ?? undefined) as AnswerValue | undefined)}
      code={rememberedCode(d, c, row)}
      plan={row.status === "submitted" ? planOf(s, row) : null}
      {...extra}
    />,
    extra.status ?? 200,
  );
}

/** The notice shown after a change (`?done=…`). */
const notices = (): Record<string, string> => ({
  changed: msg().staff.review.changed,
  nochange: msg().staff.review.nothingChanged,
  notes: msg().staff.review.notesSaved,
  validated: msg().staff.review.validatedDone,
  paper: msg().offline.paperEntry.done,
});

/** The page that changes one answer; only questions asked of this business. */
function changePage(
  d: StaffDeps,
  c: Ctx,
  row: AssessmentRow,
  questionId: string,
  extra: { status?: 409 | 422; error?: string; errors?: Record<string, string>; typed?: { value: AnswerValue | null; note: { note: string | null; evidenceSeen: boolean }; reason: string } } = {},
) {
  const { s } = d;
  const q = s.questionnaireByHash(row.questionnaireHash);
  const facts = profileFacts(row);
  const answers = answersOf(s.db, row.id);
  const asked = partsOf(q, facts).flatMap((p) => askedInPart(q, facts, answers, p));
  const index = asked.indexOf(questionId);
  const question = q.questions.find((x) => x.id === questionId);
  if (index < 0 || !question) return notFound(c);
  return c.html(
    <ChangeAnswerPage
      me={staffOf(c)}
      row={row}
      question={question}
      index={index + 1}
      // A refused change keeps what the advisor chose and wrote, so only the reason is left to add.
      value={extra.typed ? (extra.typed.value ?? undefined) : answers[questionId]}
      note={extra.typed ? { ...reviewData(s, row).notes.get(questionId), ...extra.typed.note } : reviewData(s, row).notes.get(questionId)}
      reason={extra.typed?.reason}
      error={extra.error}
      errors={extra.errors}
    />,
    extra.status ?? 200,
  );
}

export function registerReview(app: StaffApp, d: StaffDeps) {
  const { s } = d;

  app.get("/assessments/:id", need("readBusinesses"), withAssessment(s), (c) => {
    const done = c.req.query("done");
    return reviewPage(d, c, assessmentOf(c), { notice: done ? notices()[done] : undefined });
  });

  app.get("/assessments/:id/q/:questionId", need("advise"), withAssessment(s), (c) => {
    const row = assessmentOf(c);
    if (row.validatedAt) return c.redirect(`/staff/assessments/${row.id}`, 303);
    return changePage(d, c, row, c.req.param("questionId"));
  });

  app.post("/assessments/:id/answers", need("advise"), withAssessment(s), async (c) => {
    const row = assessmentOf(c);
    const q = s.questionnaireByHash(row.questionnaireHash);
    const form = await formValues(c);
    const questionId = single(form.questionId) ?? "";
    const question = q.questions.find((x) => x.id === questionId);
    if (!question) return reviewPage(d, c, row, { status: 422, error: msg().staff.errors.notFound });
    if (row.validatedAt) return reviewPage(d, c, row, { status: 409, error: msg().staff.review.frozen });
    const { answers, notes } = answersAndNotesFromForm(form, [questionId], new Map([[questionId, question]]));
    const before = answersOf(s.db, row.id)[questionId];
    const newValue = answers[questionId] ?? null;
    const answerChanged = JSON.stringify(before ?? null) !== JSON.stringify(newValue);
    let changed = 0;
    if (answerChanged) {
      const r = changeAnswers(s, actorOf(c), row, { [questionId]: newValue }, single(form.reason) ?? "");
      if (!r.ok && r.error.code === "not_asked") return reviewPage(d, c, row, { status: 422, error: r.error.message });
      if (!r.ok)
        return changePage(d, c, row, questionId, {
          status: r.error.status === 409 ? 409 : 422,
          error: r.error.message,
          errors: r.error.fields,
          typed: { value: newValue, note: notes[questionId]!, reason: single(form.reason) ?? "" },
        });
      changed = r.value.changed;
    }
    const existing = reviewData(s, row).notes.get(questionId);
    const wanted = notes[questionId]!;
    const notesChanged = (existing?.note ?? null) !== wanted.note || (existing?.evidenceSeen ?? false) !== wanted.evidenceSeen;
    if (notesChanged) saveReviewNotes(s, actorOf(c), row, notes);
    const done = changed ? "changed" : notesChanged ? "notes" : "nochange";
    return c.redirect(`/staff/assessments/${row.id}?done=${done}#a-${questionId}`, 303);
  });

  app.post("/assessments/:id/validate", need("advise"), withAssessment(s), async (c) => {
    const row = assessmentOf(c);
    const note = single((await formValues(c)).note) ?? "";
    const r = validate(s, actorOf(c), row, note);
    if (!r.ok) return reviewPage(d, c, row, { status: r.error.status === 409 ? 409 : 422, error: r.error.message });
    return c.redirect(`/staff/assessments/${row.id}?done=validated`, 303);
  });
}

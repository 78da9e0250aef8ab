// One assessment as staff see it: the guided questionnaire with notes and evidence marks, and the
// review page (answers, changes with reasons, audit trail, validation).
import type { AssessmentRow } from "../../db/assessments.ts";
import type { AuditRow, NoteRow } from "../../db/review.ts";
import type { Commune } from "../../src/content/load.ts";
import type { Question } from "../../src/domain/questionnaire.ts";
import type { AnswerValue } from "../../src/domain/scoring.ts";
import { fmt, msg } from "../messages.ts";
import { NoteFields, QuestionBlock, RefusedAlert, type Refused } from "../question.tsx";
import type { CaptureConflict } from "../../src/domain/captured.ts";
import { explainConflict } from "../captureConflicts.ts";
import { Field } from "../form.tsx";
import type { Plan } from "../../src/services/plan.ts";
import { communeName, day, score1, StaffPage, ValidationBadge, when, type Me } from "./common.tsx";


/** Audit entries made by the owner themselves (no staff member): shown as "the owner". */
const OWNER_ACTIONS = { owner_corrected: 1, validation_withdrawn: 1, restarted_from_copy: 1 } as const;

export function CodeBanner(props: { code: string | null }) {
  const m = msg().staff;
  return props.code ? (
    <p class="notice" id="owner-code">
      {fmt(m.guided.code, { code: props.code })}
    </p>
  ) : null;
}

export function GuidedPartPage(props: {
  me: Me;
  row: AssessmentRow;
  partNumber: number;
  partCount: number;
  title: string;
  questions: Question[];
  firstIndex: number;
  answers: Record<string, AnswerValue>;
  notes: Map<string, NoteRow>;
  answered: number;
  total: number;
  code: string | null;
  notice?: string;
  error?: string;
  refused?: Refused;
}) {
  const m = msg().staff;
  const action = `/staff/assessments/${props.row.id}/p/${props.partNumber}`;
  const isLast = props.partNumber === props.partCount;
  return (
    <StaffPage me={props.me} title={`${props.row.businessName} · ${props.title}`} notice={props.notice} error={props.error}>
      <CodeBanner code={props.code} />
      {props.refused ? <RefusedAlert refused={props.refused} questions={props.questions} firstIndex={props.firstIndex} /> : null}
      <div class="progress">
        <span>{fmt(msg().part.progress, { n: props.partNumber, total: props.partCount })}</span>
        <span>{fmt(msg().part.answered, { answered: props.answered, total: props.total })}</span>
      </div>
      <progress class="bar" value={props.answered} max={Math.max(1, props.total)} aria-hidden="true"></progress>
      <form method="post" action={action}>
        <input type="hidden" name="shown" value={props.questions.map((q) => q.id).join(",")} />
        {props.questions.map((q, i) => (
          <div class="guided-q">
            <QuestionBlock question={q} value={props.answers[q.id]} index={props.firstIndex + i} refused={props.refused?.[q.id]} />
            <NoteFields questionId={q.id} note={props.notes.get(q.id)} />
          </div>
        ))}
        <div class="actions">
          <button type="submit">{isLast ? m.guided.saveLast : m.guided.save}</button>
          {props.partNumber > 1 ? (
            <a class="button secondary" href={`/staff/assessments/${props.row.id}/p/${props.partNumber - 1}`}>
              {msg().part.back}
            </a>
          ) : null}
        </div>
      </form>
    </StaffPage>
  );
}

export interface ReviewQuestion {
  question: Question;
  part: number;
  value: AnswerValue | undefined;
  label: string;
}

export function ReviewPage(props: {
  me: Me;
  row: AssessmentRow;
  communes: Map<string, Commune>;
  questions: ReviewQuestion[];
  missing: ReviewQuestion[];
  notes: Map<string, NoteRow>;
  audit: { entry: AuditRow; staffName: string | null }[];
  consents: { purpose: "report" | "statistics" | "contact"; granted: boolean; method: "online" | "in_person"; recordedBy: string | null }[];
  levelName: string | null;
  validatedBy: string | null;
  /** Whose validation the owner's correction withdrew (waiting for a re-check). */
  recheckOf?: string | null;
  canAdvise: boolean;
  questionText: Map<string, string>;
  labelOf: (questionId: string, value: unknown) => string;
  code: string | null;
  /** The owner's plan, the same computation the owner sees (submitted assessments only). */
  plan?: Plan | null;
  notice?: string;
  error?: string;
}) {
  const m = msg().staff;
  const r = props.row;
  const s = m.review;
  const editable = props.canAdvise && !r.validatedAt;
  return (
    <StaffPage me={props.me} title={`${s.heading}: ${r.businessName}`} notice={props.notice} error={props.error}>
      <CodeBanner code={props.code} />
      <section class="card" id="summary">
        <p>
          {msg().legalForms[r.legalForm]} · {communeName(props.communes, r.communeId)} · {msg().sectors[r.sector]} · {fmt(s.size, { size: msg().sizeClasses[r.sizeClass] })}
        </p>
        <p class="muted">
          T{r.round - 1} · {m.methods[r.method]} · {fmt(s.version, { version: r.questionnaireVersion })} · {day(r.createdAt)}
        </p>
        <CaptureLine row={r} audit={props.audit} />
        {r.status === "submitted" ? (
          <p id="scores">
            <strong>{fmt(s.levelScore, { level: r.nationalLevel ?? 0, name: props.levelName ?? "", score: score1(r.overallScore) })}</strong>
          </p>
        ) : (
          <p class="muted">{s.notSubmitted}</p>
        )}
        <p id="validation">
          {r.status === "submitted" ? <ValidationBadge method={r.method} validatedAt={r.validatedAt} validatedBy={props.validatedBy} recheckSince={r.recheckSince} recheckOf={props.recheckOf} /> : <span class="badge">{m.status.draft}</span>}
        </p>
        <p class="muted">
          {s.consent}:{" "}
          {props.consents.map((c, i) => (
            <>
              {i ? "; " : ""}
              {s.consentPurposes[c.purpose]}: {c.granted ? s.yes : s.no}
            </>
          ))}
          {" — "}
          {props.consents[0]?.method === "in_person" ? fmt(s.consentInPerson, { name: props.consents[0]?.recordedBy ?? "" }) : s.consentOnline}
        </p>
        {r.businessId ? (
          <p>
            <a href={`/staff/businesses/${r.businessId}`}>{s.business}</a>
          </p>
        ) : null}
      </section>

      {props.missing.length ? (
        <section class="card" id="missing">
          <h2>{fmt(s.missing, { n: props.missing.length })}</h2>
          <ul>
            {props.missing.map((q) => (
              <li>
                <a href={r.method === "guided" && r.status === "draft" && props.canAdvise ? `/staff/assessments/${r.id}/p/${q.part}#q-${q.question.id}` : `#a-${q.question.id}`}>
                  {q.question.text}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {props.canAdvise && r.status === "draft" && r.method === "guided" ? (
        <div class="actions">
          <a class="button secondary" href={`/staff/assessments/${r.id}/p/1`}>
            {s.continueGuided}
          </a>
          {props.missing.length === 0 ? (
            <form method="post" action={`/staff/assessments/${r.id}/submit`} class="inline">
              <button type="submit">{s.submit}</button>
            </form>
          ) : null}
        </div>
      ) : null}

      {props.plan ? <PlanSummary plan={props.plan} /> : null}

      <section class="card" id="answers">
        <h2>{s.answers}</h2>
        {props.questions.map((q, i) => {
          const note = props.notes.get(q.question.id);
          return (
            <div class="review-q" id={`a-${q.question.id}`}>
              <p>
                <strong>
                  {i + 1}. {q.question.text}
                </strong>
              </p>
              <p class="answer">
                {s.answer}: {q.value === undefined ? <em>{s.notAnswered}</em> : q.label}
                {note?.evidenceSeen ? <span class="badge ok">{m.guided.evidenceShort}</span> : null}
              </p>
              {note?.note ? <p class="quote">{note.note}</p> : null}
              {editable ? (
                <p>
                  <a href={`/staff/assessments/${r.id}/q/${q.question.id}`}>{s.change}</a>
                </p>
              ) : null}
            </div>
          );
        })}
      </section>

      {editable ? (
        <section class="card" id="validate">
          <h2>{s.validateHeading}</h2>
          <p>{s.validateLead}</p>
          <form method="post" action={`/staff/assessments/${r.id}/validate`}>
            <Field id="validate-note" label={s.validateNote}>
              <input type="text" id="f-validate-note" name="note" maxLength={500} />
            </Field>
            <div class="actions">
              <button type="submit">{s.validate}</button>
            </div>
          </form>
        </section>
      ) : r.validatedAt ? (
        <p class="muted">{s.frozen}</p>
      ) : null}

      <section class="card" id="audit">
        <h2>{s.audit}</h2>
        {props.audit.length ? (
          <ul class="list audit">
            {props.audit.map(({ entry, staffName }) => (
              <li>
                <strong>{s.auditActions[entry.action as keyof typeof s.auditActions] ?? entry.action}</strong> · {staffName ?? (entry.staffId === null && entry.action in OWNER_ACTIONS ? s.owner : "—")} · <span class="muted">{when(entry.at)}</span>
                {entry.questionId ? (
                  <>
                    <br />
                    {s.auditCols.question}: {props.questionText.get(entry.questionId) ?? entry.questionId}
                    <br />
                    {s.auditCols.old}: “{props.labelOf(entry.questionId, entry.oldValue)}” → {s.auditCols.new}: “{props.labelOf(entry.questionId, entry.newValue)}”
                  </>
                ) : null}
                {entry.reason && entry.action !== "support_recorded" ? (
                  <>
                    <br />
                    {s.auditCols.why}: {entry.reason}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{s.auditEmpty}</p>
        )}
      </section>
    </StaffPage>
  );
}

/** Change one answer (with the reason) and its note: a page of its own, light on a phone. */
export function ChangeAnswerPage(props: {
  me: Me;
  row: AssessmentRow;
  question: Question;
  index: number;
  value: AnswerValue | undefined;
  note: Pick<NoteRow, "note" | "evidenceSeen"> | undefined;
  /** The reason typed on a refused attempt. */
  reason?: string;
  errors?: Record<string, string>;
  error?: string;
}) {
  const m = msg().staff;
  const s = m.review;
  const q = props.question;
  return (
    <StaffPage me={props.me} title={`${s.change}: ${props.row.businessName}`} error={props.error}>
      <form method="post" action={`/staff/assessments/${props.row.id}/answers`} class="card">
        <input type="hidden" name="questionId" value={q.id} />
        <QuestionBlock question={q} value={props.value} index={props.index} />
        <NoteFields questionId={q.id} note={props.note} open />
        <Field id="reason" label={s.reason} hint={s.reasonHint} error={props.errors?.reason}>
          <input type="text" id="f-reason" name="reason" maxLength={500} value={props.reason ?? ""} aria-invalid={props.errors?.reason ? "true" : undefined} />
        </Field>
        <div class="actions">
          <button type="submit">{s.saveChange}</button>
          <a class="button secondary" href={`/staff/assessments/${props.row.id}#a-${q.id}`}>
            {s.back}
          </a>
        </div>
      </form>
    </StaffPage>
  );
}

/** The owner's plan as the advisor discusses it: each step, why, what the owner pays, what it adds. */
function PlanSummary(props: { plan: Plan }) {
  const m = msg().staff;
  const s = m.review;
  return (
    <section class="card" id="plan">
      <h2>{s.planHeading}</h2>
      {props.plan.horizons
        .filter((h) => h.actions.length)
        .map((h) => (
          <>
            <h3>{h.title}</h3>
            <ol class="steps">
              {h.actions.map((a) => (
                <li id={`step-${a.id}`}>
                  <strong>{a.title}</strong>
                  {a.helpsReachLevel !== null ? <span class="tag">{fmt(s.planLift, { level: a.helpsReachLevel })}</span> : null}
                  <br />
                  <span class="muted">{a.why.join(" · ")}</span>
                  <br />
                  <span>
                    {a.ownerShareLabel} · +{a.gain.toLocaleString("vi-VN")} · {a.durationLabel}
                  </span>
                </li>
              ))}
            </ol>
          </>
        ))}
    </section>
  );
}

/** How the answers reached the server when not typed live: when captured, when synced, and what the advisor was told. */
function CaptureLine(props: { row: AssessmentRow; audit: { entry: AuditRow }[] }) {
  const r = props.row;
  if (!r.capture) return null;
  const w = msg().offline.capture;
  const record = props.audit.find((a) => a.entry.action === "captured_offline" || a.entry.action === "entered_from_paper")?.entry.newValue as { conflicts?: CaptureConflict[] } | null | undefined;
  return (
    <div id="capture">
      <p>
        <span class="badge">{w[r.capture]}</span>{" "}
        {r.capturedAt ? (r.capture === "paper" ? fmt(w.paperDate, { at: day(r.capturedAt) }) : fmt(w.capturedAt, { at: when(r.capturedAt) })) : null}
        {r.syncedAt ? <> · {fmt(w.syncedAt, { at: when(r.syncedAt) })}</> : null}
      </p>
      {record?.conflicts?.length ? (
        <ul>
          {record.conflicts.map((c) => (
            <li>{explainConflict(c, day)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

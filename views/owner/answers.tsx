// After submitting: the answers given, a part corrected, or the assessment started again from a copy.
import type { Question } from "../../src/domain/questionnaire.ts";
import type { AnswerValue } from "../../src/domain/scoring.ts";
import { Layout } from "../layout.tsx";
import { fmt, intlLocale, msg } from "../messages.ts";
import { QuestionList, type Refused } from "./pages.tsx";
import { AnswerList, type AnsweredPart } from "./answerList.tsx";
export type { AnsweredPart };


const day = (iso: string) => new Date(iso).toLocaleDateString(intlLocale(), { timeZone: "Asia/Ho_Chi_Minh" });

/** After submitting: the answers given, what a correction did, and starting again from a copy. */
export function AnswersPage(props: {
  code: string;
  parts: AnsweredPart[];
  notice?: string[];
  recheckSince: string | null;
  copies: { createdAt: string }[];
}) {
  const m = msg().answers;
  return (
    <Layout title={m.heading}>
      <h1>{m.heading}</h1>
      {props.notice?.length ? (
        <div class="notice" role="status">
          {props.notice.map((n) => (
            <p>{n}</p>
          ))}
        </div>
      ) : null}
      {props.recheckSince ? <p class="muted" id="recheck">{fmt(m.recheck, { date: day(props.recheckSince) })}</p> : null}
      <p class="lead">{m.afterLead}</p>
      <p>
        <a href={`/a/${props.code}/result`}>{m.backToResult}</a>
      </p>
      <AnswerList parts={props.parts} editHref={(n) => `/a/${props.code}/correct/${n}`} />
      <section class="card" id="restart">
        <h2>{m.restartHeading}</h2>
        {props.copies[0] ? <p class="muted">{fmt(m.restartedOn, { date: day(props.copies[0].createdAt) })}</p> : null}
        <p>{m.restartLead}</p>
        <form method="post" action={`/a/${props.code}/restart`}>
          <div class="actions">
            <button type="submit" class="secondary">
              {m.restart}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

/** One part of a submitted assessment, to correct: saved with a button, not on every change. */
export function CorrectPage(props: {
  code: string;
  partNumber: number;
  title: string;
  questions: Question[];
  firstIndex: number;
  answers: Record<string, AnswerValue>;
  /** Questions opened by the owner's unsaved changes, and answers refused, with the reason. */
  refused?: Refused;
  error?: string;
  reason?: string;
  validatedBy: string | null;
}) {
  const m = msg().answers;
  const action = `/a/${props.code}/correct/${props.partNumber}`;
  return (
    <Layout title={fmt(m.correctHeading, { title: props.title })} htmx>
      <h1>{fmt(m.correctHeading, { title: props.title })}</h1>
      <div id="correct">
        {props.error ? (
          <p class="alert" role="alert">
            {props.error}
          </p>
        ) : null}
        <p>{m.correctLead}</p>
        {props.validatedBy ? <p class="notice">{fmt(m.validatedWarning, { name: props.validatedBy })}</p> : null}
        <form method="post" action={action} hx-post={action} hx-target="#correct" hx-select="#correct" hx-swap="outerHTML">
          <QuestionList questions={props.questions} answers={props.answers} firstIndex={props.firstIndex} refused={props.refused} />
          <label for="reason">{m.reason}</label>
          <p class="muted">{m.reasonHint}</p>
          <textarea id="reason" name="reason" rows={2} maxlength={500}>
            {props.reason ?? ""}
          </textarea>
          <div class="actions">
            <button type="submit">{m.save}</button>
            <a class="button secondary" href={`/a/${props.code}/answers`}>
              {m.cancel}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

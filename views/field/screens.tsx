// The screens of the advisor's offline app, rendered on the device (src/client/field) with the
// same components as the server's pages: the question blocks, the profile and consent fields.
// Browser-safe: nothing here may import server code.
import type { Commune, ConsentPolicy } from "../../src/content/load.ts";
import type { CaptureConflict } from "../../src/domain/captured.ts";
import type { Question } from "../../src/domain/questionnaire.ts";
import type { AnswerValue } from "../../src/domain/scoring.ts";
import { explainConflict } from "../captureConflicts.ts";
import { ErrorList } from "../form.tsx";
import { fmt, vi } from "../messages.ts";
import { ProfileFields, profileFieldLabels, type FormValues } from "../profileFields.tsx";
import { NoteFields, QuestionBlock, RefusedAlert, type Refused } from "../question.tsx";

const m = vi.offline.field;
const dateTime = (iso: string) =>
  new Date(iso).toLocaleString("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
const day = (iso: string) => new Date(iso).toLocaleDateString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });

export interface CaptureLine {
  clientId: string;
  name: string;
  startedAt: string;
  capturedAt: string | null;
  /** Why the server did not take it yet. */
  refused?: string;
}

export interface SentLine {
  clientId: string;
  name: string;
  syncedAt: string;
  assessmentId: number;
  code: string | null;
  conflicts: CaptureConflict[];
}

export function HomeScreen(props: {
  online: boolean;
  pkg: { version: string; downloadedAt: string; staffName: string } | null;
  status?: { text: string; warn?: boolean; signIn?: boolean };
  drafts: CaptureLine[];
  ready: CaptureLine[];
  sent: SentLine[];
}) {
  return (
    <>
      <p class="lead">{m.lead}</p>
      <p id="net" class={props.online ? "notice" : "notice offline"} role="status">
        {props.online ? m.online : m.offline}
      </p>
      {props.status ? (
        <div id="sync-status" class={props.status.warn ? "alert" : "notice"} role="status">
          <p>{props.status.text}</p>
          {props.status.signIn ? (
            <p>
              <a class="button" id="sign-in" href="/staff/login?next=%2Fstaff%2Ffield%2F">
                {m.signIn}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <section class="card" id="package">
        <h2>{m.packageHeading}</h2>
        <p>{props.pkg ? fmt(m.packageHave, { version: props.pkg.version, at: dateTime(props.pkg.downloadedAt), name: props.pkg.staffName }) : m.packageNone}</p>
        <div class="actions">
          <button type="button" class="secondary" data-action="download">
            {m.download}
          </button>
          {props.pkg ? (
            <a class="button" href="#/new" id="start-new">
              {m.start}
            </a>
          ) : null}
        </div>
      </section>
      <section class="card" id="drafts">
        <h2>{m.draftsHeading}</h2>
        <Lines lines={props.drafts} />
      </section>
      <section class="card" id="ready">
        <h2>{m.readyHeading}</h2>
        <Lines lines={props.ready} />
        {props.ready.length ? (
          <div class="actions">
            <button type="button" data-action="sync" id="sync">
              {fmt(m.send, { n: props.ready.length })}
            </button>
          </div>
        ) : null}
      </section>
      <section class="card" id="sent">
        <h2>{m.sentHeading}</h2>
        {props.sent.length ? (
          <>
            <ul class="list">
              {props.sent.map((s) => (
                <li id={`sent-${s.clientId}`}>
                  <strong>{s.name}</strong> · <span class="muted">{fmt(m.syncedAt, { at: dateTime(s.syncedAt) })}</span>
                  {s.code ? <span class="code small"> {s.code}</span> : null} ·{" "}
                  <a href={`/staff/assessments/${s.assessmentId}`}>{m.openOnServer}</a>
                  {s.conflicts.length ? (
                    <div class="conflicts">
                      <p class="muted">{m.conflictsHeading}</p>
                      <ul>
                        {s.conflicts.map((c) => (
                          <li>{explainConflict(c, day)}</li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
            <button type="button" class="link" data-action="clear-sent">
              {m.clearSent}
            </button>
          </>
        ) : (
          <p class="muted">{m.none}</p>
        )}
      </section>
    </>
  );
}

function Lines(props: { lines: CaptureLine[] }) {
  if (!props.lines.length) return <p class="muted">{m.none}</p>;
  return (
    <ul class="list">
      {props.lines.map((l) => (
        <li id={`c-${l.clientId}`}>
          <strong>{l.name || "—"}</strong> · <span class="muted">{l.capturedAt ? fmt(m.capturedAt, { at: dateTime(l.capturedAt) }) : fmt(m.startedAt, { at: dateTime(l.startedAt) })}</span>
          {l.refused ? <p class="field-error">{fmt(m.refused, { message: l.refused })}</p> : null}
          <div class="actions">
            <a class="button secondary" href={`#/c/${l.clientId}/${l.capturedAt ? "result" : "resume"}`}>
              {l.capturedAt ? m.seeResult : m.continue}
            </a>
            <button type="button" class="link" data-action="remove" data-id={l.clientId} data-name={l.name}>
              {m.remove}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

const profileLabels = profileFieldLabels(vi.staff.business.consentLegend);

export function ProfileScreen(props: { clientId: string; communes: Commune[]; consent: ConsentPolicy; values: FormValues; errors?: Record<string, string>; staffName: string }) {
  return (
    <form id="profile-form" data-capture={props.clientId} novalidate>
      <h2>{m.profileHeading}</h2>
      <p class="muted">{m.profileLead}</p>
      {props.errors && Object.keys(props.errors).length ? <ErrorList errors={props.errors} labels={profileLabels} /> : null}
      <ProfileFields
        communes={props.communes}
        consent={props.consent}
        values={props.values}
        errors={props.errors}
        consentLegend={vi.staff.business.consentLegend}
        consentIntro={vi.staff.business.consentIntro}
        consentNote={fmt(vi.staff.business.consentBy, { name: props.staffName })}
      />
      <div class="actions">
        <button type="submit">{m.next}</button>
        <a class="button secondary" href="#/">
          {m.toList}
        </a>
      </div>
    </form>
  );
}

export function PartScreen(props: {
  clientId: string;
  businessName: string;
  partNumber: number;
  partCount: number;
  title: string;
  questions: Question[];
  firstIndex: number;
  answers: Record<string, AnswerValue>;
  notes: Record<string, { note: string | null; evidenceSeen: boolean }>;
  answered: number;
  total: number;
  refused?: Refused;
  savedAt?: string;
}) {
  const last = props.partNumber === props.partCount;
  return (
    <form id="part-form" data-capture={props.clientId} data-part={props.partNumber} novalidate>
      <p class="muted">{props.businessName}</p>
      <div class="progress">
        <span>{fmt(vi.part.progress, { n: props.partNumber, total: props.partCount })}</span>
        <span id="answered-count">{fmt(vi.part.answered, { answered: props.answered, total: props.total })}</span>
      </div>
      <progress class="bar" id="answered-bar" value={props.answered} max={Math.max(1, props.total)} aria-hidden="true"></progress>
      <h2>{props.title}</h2>
      {props.refused && Object.keys(props.refused).length ? <RefusedAlert refused={props.refused} questions={props.questions} firstIndex={props.firstIndex} /> : null}
      <input type="hidden" name="shown" value={props.questions.map((q) => q.id).join(",")} />
      {props.questions.map((q, i) => (
        <div class="guided-q">
          <QuestionBlock question={q} value={props.answers[q.id]} index={props.firstIndex + i} refused={props.refused?.[q.id]} />
          <NoteFields questionId={q.id} note={props.notes[q.id]} />
        </div>
      ))}
      <p id="save-status" role="status" aria-live="polite">
        {props.savedAt ? fmt(m.keptHere, { time: props.savedAt }) : ""}
      </p>
      <div class="actions">
        <button type="submit">{last ? m.saveReview : m.saveNext}</button>
        <a class="button secondary" href={props.partNumber > 1 ? `#/c/${props.clientId}/p/${props.partNumber - 1}` : `#/c/${props.clientId}/profile`}>
          {props.partNumber > 1 ? m.back : m.editProfile}
        </a>
      </div>
    </form>
  );
}

export function ReviewScreen(props: { clientId: string; businessName: string; missing: { id: string; text: string; part: number }[] }) {
  return (
    <section id="review">
      <p class="muted">{props.businessName}</p>
      <h2>{m.reviewHeading}</h2>
      {props.missing.length ? (
        <div class="card">
          <p>{fmt(m.reviewMissing, { n: props.missing.length })}</p>
          <ul>
            {props.missing.map((q) => (
              <li>
                <a href={`#/c/${props.clientId}/p/${q.part}`}>{q.text}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="lead">{m.reviewDone}</p>
      )}
      <div class="actions">
        <button type="button" data-action="finish" data-id={props.clientId} disabled={props.missing.length > 0}>
          {m.finish}
        </button>
        <a class="button secondary" href={`#/c/${props.clientId}/p/1`}>
          {m.editAnswers}
        </a>
      </div>
    </section>
  );
}

export function ResultScreen(props: {
  clientId: string;
  businessName: string;
  level: { level: number; name: string; gloss: string | null };
  overall: number;
  pillars: { id: string; name: string; score: number | null }[];
  lift: { level: number; name: string } | null;
  steps: { id: string; title: string; summary: string }[];
  code: string;
  sent: boolean;
}) {
  return (
    <section id="result">
      <p class="muted">{props.businessName}</p>
      <h2>{m.resultHeading}</h2>
      <p class="muted">{m.resultLead}</p>
      <div class="card level">
        <span class="big">{props.level.level}</span>
        <div>
          <strong id="device-level">{fmt(m.level, { level: props.level.level, name: props.level.name })}</strong>
          {props.level.gloss ? <p class="muted">{props.level.gloss}</p> : null}
          <p id="device-overall">{fmt(m.overall, { score: props.overall.toLocaleString("vi-VN") })}</p>
        </div>
      </div>
      <section class="card">
        <h3>{m.pillarsHeading}</h3>
        <ul class="list" id="device-pillars">
          {props.pillars.map((p) => (
            <li id={`device-pillar-${p.id}`}>
              {p.name}: <strong>{p.score === null ? "—" : p.score.toLocaleString("vi-VN")}/100</strong>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" id="device-steps">
        <h3>{m.stepsHeading}</h3>
        <p>{props.lift ? fmt(m.liftLead, { level: props.lift.level, name: props.lift.name }) : m.noLift}</p>
        <ol class="steps">
          {props.steps.map((s) => (
            <li id={`step-${s.id}`}>
              <strong>{s.title}</strong>
              <br />
              <span class="muted">{s.summary}</span>
            </li>
          ))}
        </ol>
      </section>
      <section class="card">
        <h3>{m.codeHeading}</h3>
        <p>
          <span class="code" id="device-code">
            {props.code}
          </span>
        </p>
        <p class="muted">{m.codeLead}</p>
      </section>
      <div class="actions">
        <a class="button" href="#/">
          {m.toList}
        </a>
        {props.sent ? null : (
          <a class="button secondary" href={`#/c/${props.clientId}/review`}>
            {m.editAnswers}
          </a>
        )}
      </div>
    </section>
  );
}

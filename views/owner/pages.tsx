// The owner's pages: landing + start form, resume code, questionnaire parts, review, result.
import { raw } from "hono/html";
import type { Commune, ConsentPolicy } from "../../src/content/load.ts";
import type { Question } from "../../src/domain/questionnaire.ts";
import type { AnswerValue } from "../../src/domain/scoring.ts";
import type { liftAndDrags } from "../../src/services/assessments.ts";
import { formatVndRange } from "../../src/domain/money.ts";
import { centreContact, ContactLines } from "../contact.tsx";
import { ErrorList, Layout } from "../layout.tsx";
import { fmt, intlLocale, moneyWords, msg } from "../messages.ts";
import { reportHref } from "./report.tsx";
import { QuestionBlock, RefusedAlert, type Refused } from "../question.tsx";
export type { Refused };
import { Radar } from "../radar.tsx";
import { ProfileFields, profileFieldLabels, type FormValues } from "../profileFields.tsx";
import type { PeerBenchmark } from "../../src/services/peers.ts";
import { PeerSection } from "./peers.tsx";
import { AnswerList, type AnsweredPart } from "./answerList.tsx";

export type { FormValues };



export function Landing(props: {
  minutes: number;
  communes: Commune[];
  consent: ConsentPolicy;
  values?: FormValues;
  errors?: Record<string, string>;
  resumeError?: string;
  resumeValue?: string;
}) {
  return (
    <Layout title={msg().landing.heading}>
      <h1>{msg().landing.heading}</h1>
      <p class="lead">{fmt(msg().landing.lead, { minutes: props.minutes })}</p>
      <div class="card">
        <h2>{msg().landing.whatYouGet}</h2>
        <ul>
          {msg().landing.gets.map((g) => (
            <li>{g}</li>
          ))}
        </ul>
        <h2>{msg().landing.whoRuns}</h2>
        <p>{msg().landing.whoRunsText}</p>
        <p class="muted">{msg().landing.noAccount}</p>
        <p>
          <a href="/help">{msg().landing.helpLink}</a>
        </p>
      </div>


      <form method="post" action="/assessments" class="card" id="start" novalidate>
        <h2>{msg().landing.startHeading}</h2>
        <ErrorList errors={props.errors ?? {}} labels={profileFieldLabels(msg().profile.consentLegend)} />
        <ProfileFields
          communes={props.communes}
          consent={props.consent}
          values={props.values ?? {}}
          errors={props.errors}
          consentLegend={msg().profile.consentLegend}
          consentIntro={msg().profile.consentIntro}
          consentNote={
            <>
              {fmt(msg().profile.consentController, { controller: props.consent.controller })} {props.consent.rights}
            </>
          }
          focusFirstError
          nameAutocomplete="organization"
        />
        <div class="actions">
          <button type="submit">{msg().profile.submit}</button>
        </div>
      </form>

      <form method="post" action="/resume" class="card" id="resume">
        <h2>{msg().landing.resumeHeading}</h2>
        {props.resumeError ? (
          <p class="alert" role="alert">
            {props.resumeError}
          </p>
        ) : null}
        <label class="field" for="f-code">
          {msg().landing.resumeLabel}
          <span class="hint">{msg().landing.resumeHint}</span>
        </label>
        <input type="text" id="f-code" name="code" autocomplete="off" autocapitalize="characters" spellcheck={false} value={props.resumeValue ?? ""} required maxLength={40} autofocus={!!props.resumeError} />
        <div class="actions">
          <button type="submit" class="secondary">
            {msg().landing.resumeButton}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function CodePage(props: { code: string; url: string; qrSvg: string; started: boolean; copy?: boolean }) {
  return (
    <Layout title={msg().code.heading} narrow>
      <h1>{msg().code.heading}</h1>
      {props.copy ? <p class="notice">{msg().answers.copyNotice}</p> : null}
      <p class="lead">{msg().code.lead}</p>
      <p>
        <span class="code" id="resume-code">
          {props.code}
        </span>
      </p>
      <div class="qr" role="img" aria-label={msg().code.qr}>
        {raw(props.qrSvg)}
      </div>
      <p>
        {msg().code.link} <a href={props.url}>{props.url}</a>
      </p>
      <p class="muted">{msg().code.keep}</p>
      <div class="actions">
        <a class="button" href={`/a/${props.code}`}>
          {props.started ? msg().code.continue : msg().code.begin}
        </a>
      </div>
    </Layout>
  );
}

export function PartPage(props: {
  code: string;
  partNumber: number;
  partCount: number;
  title: string;
  questions: Question[];
  /** Numbering of the first question on the page. */
  firstIndex: number;
  answers: Record<string, AnswerValue>;
  answered: number;
  total: number;
  notice?: string;
  error?: string;
  refused?: Refused;
}) {
  const action = `/a/${props.code}/p/${props.partNumber}`;
  const isLast = props.partNumber === props.partCount;
  return (
    <Layout title={`${fmt(msg().part.progress, { n: props.partNumber, total: props.partCount })} · ${props.title}`} htmx>
      <Progress partNumber={props.partNumber} partCount={props.partCount} answered={props.answered} total={props.total} />
      <h1>{props.title}</h1>
      {props.notice ? <p class="notice">{props.notice}</p> : null}
      {props.refused ? (
        <RefusedAlert refused={props.refused} questions={props.questions} firstIndex={props.firstIndex} unknown={props.error} />
      ) : props.error ? (
        <p class="alert" role="alert">
          {props.error}
        </p>
      ) : null}
      <form
        method="post"
        action={action}
        hx-post={action}
        hx-trigger="change"
        hx-target="#questions"
        hx-select="#questions"
        hx-swap="outerHTML"
        hx-sync="this:queue last"
        data-autosave=""
        data-parts={props.partCount}
        data-saving={msg().part.saving}
        data-offline={msg().part.offline}
        data-invalid={msg().part.invalid}
        data-gone={msg().part.gone}
        data-limited={msg().part.limited}
        data-failed={msg().part.failed}
      >
        <QuestionList questions={props.questions} answers={props.answers} firstIndex={props.firstIndex} refused={props.refused} />
        <p id="save-status" role="status" aria-live="polite"></p>
        <div class="actions">
          <button type="submit">{isLast ? msg().part.saveLast : msg().part.save}</button>
          {props.partNumber > 1 ? (
            <a class="button secondary" href={`/a/${props.code}/p/${props.partNumber - 1}`}>
              {msg().part.back}
            </a>
          ) : null}
        </div>
      </form>
      <p class="muted">{fmt(msg().part.codeReminder, { code: props.code })}</p>
    </Layout>
  );
}

export function Progress(props: { partNumber: number; partCount: number; answered: number; total: number; oob?: boolean }) {
  return (
    <div id="progress" hx-swap-oob={props.oob ? "true" : undefined}>
      <div class="progress">
        <span>{fmt(msg().part.progress, { n: props.partNumber, total: props.partCount })}</span>
        <span>{fmt(msg().part.answered, { answered: props.answered, total: props.total })}</span>
      </div>
      <progress class="bar" value={props.answered} max={Math.max(1, props.total)} aria-hidden="true"></progress>
    </div>
  );
}

export function QuestionList(props: {
  questions: Question[];
  answers: Record<string, AnswerValue>;
  firstIndex: number;
  savedAt?: string;
  progress?: { partNumber: number; partCount: number; answered: number; total: number };
  refused?: Refused;
}) {
  const refusedCount = Object.keys(props.refused ?? {}).length;
  return (
    <div id="questions">
      <input type="hidden" name="shown" value={props.questions.map((q) => q.id).join(",")} />
      {props.questions.map((q, i) => (
        <QuestionBlock question={q} value={props.answers[q.id]} index={props.firstIndex + i} refused={props.refused?.[q.id]} />
      ))}
      {props.progress ? <Progress {...props.progress} oob /> : null}
      {props.savedAt ? (
        <p id="save-status" role="status" aria-live="polite" hx-swap-oob="true" class={refusedCount ? "offline" : undefined}>
          {refusedCount ? fmt(msg().part.refusedStatus, { n: refusedCount }) : fmt(msg().part.savedAt, { time: props.savedAt })}
        </p>
      ) : null}
    </div>
  );
}

export function ReviewPage(props: {
  code: string;
  missing: { id: string; text: string; part: number }[];
  /** The answers given, part by part, read back before submitting. */
  parts: AnsweredPart[];
  error?: string;
}) {
  return (
    <Layout title={msg().review.heading} narrow>
      <h1>{msg().review.heading}</h1>
      {props.error ? (
        <p class="alert" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.missing.length === 0 ? (
        <p class="lead">{msg().review.allDone}</p>
      ) : (
        <div class="card">
          <p>{fmt(msg().review.missing, { n: props.missing.length })}</p>
          <ul>
            {props.missing.map((m) => (
              <li>
                <a href={`/a/${props.code}/p/${m.part}#q-${m.id}`}>{m.text}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`/a/${props.code}/submit`}>
        <div class="actions">
          <button type="submit">{msg().review.submit}</button>
        </div>
      </form>
      <h2>{msg().answers.heading}</h2>
      <p>{msg().answers.reviewLead}</p>
      <AnswerList parts={props.parts} editHref={(n) => `/a/${props.code}/p/${n}`} />
      <form method="post" action={`/a/${props.code}/submit`}>
        <div class="actions">
          <button type="submit">{msg().review.submit}</button>
        </div>
      </form>
    </Layout>
  );
}

type Explained = ReturnType<typeof liftAndDrags>;

/** What a step costs the owner, in a few words. */
function stepCost(s: { ownerShareVnd: { minVnd: number; maxVnd: number }; costPer: string }): string {
  if (s.costPer === "per_use") return msg().result.perUse;
  if (s.ownerShareVnd.maxVnd === 0) return msg().result.free;
  return fmt(msg().result.ownerPays, { amount: formatVndRange(s.ownerShareVnd, moneyWords()).toLowerCase() });
}

export function ResultPage(props: {
  code: string;
  r: Explained;
  pillarShortNames: string[];
  peers?: PeerBenchmark;
  /** The owner corrected answers after an advisor validated them: waiting for the advisor. */
  recheckSince?: string | null;
  /** The owner started again from a copy of this assessment (the latest copy's date). */
  copiedOn?: string | null;
}) {
  const { r } = props;
  const lift = r.liftOneLevel;
  return (
    <Layout title={msg().result.heading}>
      <h1>{msg().result.heading}</h1>
      <section class="card" aria-labelledby="level-h">
        <h2 id="level-h" class="visually-hidden">
          {msg().result.levelLabel}
        </h2>
        <div class="level">
          <span class="big">{r.level.level}</span>
          <div>
            <strong>
              {fmt(msg().result.levelOf, { level: r.level.level })}: {r.level.name}
            </strong>
            {r.level.gloss ? <span> ({r.level.gloss})</span> : null}
            <br />
            <span>{fmt(msg().result.overall, { score: r.scores.overall.toLocaleString(intlLocale()) })}</span>
          </div>
        </div>
        <p>{r.level.meaning}</p>
        <p>{r.scores.usesDigitalPlatforms ? msg().result.usesPlatforms : msg().result.notUsesPlatforms}</p>
        {r.level.provisional ? <p class="muted">{msg().result.provisional}</p> : null}
        <p class="muted" id="framing">{msg().result.framingShort}</p>
        <details class="help">
          <summary>{msg().result.framingSummary}</summary>
          {r.framing.statement ? <p>{r.framing.statement}</p> : null}
          {r.framing.weightsSource ? <p>{fmt(msg().result.weightsSource, { text: r.framing.weightsSource })}</p> : null}
          <p>{fmt(msg().result.levelsSource, { text: r.framing.levelsSource })}</p>
          <p>
            {fmt(msg().result.euBand, { band: r.euBand.name })}. {fmt(msg().result.euBandBasis[r.euBand.basis], { score: r.euBand.score.toLocaleString(intlLocale()) })}
          </p>
        </details>
        <p id="validation" class={r.validation.validated ? "validated" : "muted"}>
          {r.validation.validated
            ? fmt(msg().staff.resultValidation.validated, { name: r.validation.validatedBy ?? "", date: new Date(r.validation.validatedAt!).toLocaleDateString(intlLocale(), { timeZone: "Asia/Ho_Chi_Minh" }) })
            : msg().staff.resultValidation[r.validation.method]}
        </p>
        {props.recheckSince ? (
          <p class="muted" id="recheck">
            {fmt(msg().answers.recheck, { date: new Date(props.recheckSince).toLocaleDateString(intlLocale(), { timeZone: "Asia/Ho_Chi_Minh" }) })}
          </p>
        ) : null}
        {props.copiedOn ? (
          <p class="notice" id="copied">
            {fmt(msg().answers.restartedOn, { date: new Date(props.copiedOn).toLocaleDateString(intlLocale(), { timeZone: "Asia/Ho_Chi_Minh" }) })}
          </p>
        ) : null}
      </section>

      <section class="card">
        <h2>{msg().result.radarTitle}</h2>
        <Radar
          title={msg().result.radarTitle}
          axes={props.pillarShortNames}
          series={[
            { label: msg().result.radarTitle, values: r.pillars.map((p) => p.score), kind: "self" },
            ...(props.peers?.ok ? [{ label: msg().department.peers.medianSeries, values: props.peers.pillars.map((p) => p.median), kind: "peer" as const }] : []),
          ]}
        />
      </section>
      {props.peers ? <PeerSection peers={props.peers} own={r.pillars} overall={r.scores.overall} /> : null}

      <section class="card" id="lift">
        {lift && r.nextLevel.status === "reached_by_plan" ? (
          <>
            <h2>{fmt(msg().result.liftHeading, { level: lift.targetLevel, name: r.nextLevel.targetName ?? "" })}</h2>
            <p>{fmt(msg().result.liftLead, { n: lift.steps.length, score: lift.scoreAfter.toLocaleString(intlLocale()) })}</p>
            <ol class="steps">
              {lift.steps.map((s) => (
                <li>
                  <a href={`/a/${props.code}/plan#a-${s.actionId}`}>{s.action}</a>{" "}
                  <span class="effort">
                    ({fmt(msg().result.liftGain, { gain: s.gain.toLocaleString(intlLocale()) })} · {stepCost(s)})
                  </span>
                </li>
              ))}
            </ol>
          </>
        ) : r.nextLevel.status === "beyond_plan" ? (
          <p>
            {fmt(r.nextLevel.steps > 0 ? msg().result.liftNotReached : msg().result.liftNoSteps, {
              n: r.nextLevel.steps,
              score: (r.nextLevel.scoreAfter ?? 0).toLocaleString(intlLocale()),
              level: r.nextLevel.targetLevel ?? "",
              name: r.nextLevel.targetName ?? "",
              target: (r.nextLevel.targetScore ?? 0).toLocaleString(intlLocale()),
            })}
          </p>
        ) : (
          <p>{msg().result.topLevel}</p>
        )}
      </section>

      <section class="card">
        <h2>{msg().result.pillarsHeading}</h2>
        {r.pillars.map((p) => (
          <div class="pillar" id={`pillar-${p.id}`}>
            <h3>
              <span>
                {p.name}
                {p.provisional ? <span class="tag">{msg().result.provisionalPillar}</span> : null}
              </span>
              <span>{p.score === null ? "—" : p.score.toLocaleString(intlLocale())}/100</span>
            </h3>
            {p.drags.length ? (
              <>
                <p class="muted">{msg().result.pulledDown}</p>
                <ul>
                  {p.drags.map((d) => (
                    <li>
                      {d.question} <span class="muted">— {msg().result.yourAnswer}: “{d.answer}”</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p class="muted">{msg().result.nothingPulled}</p>
            )}
          </div>
        ))}
      </section>

      {centreContact() ? (
        <section class="card" id="contact">
          <h2>{msg().contact.heading}</h2>
          <p>{msg().contact.lead}</p>
          <p>
            <ContactLines contact={centreContact()!} />
          </p>
        </section>
      ) : null}

      <section class="card">
        <h2>{msg().result.next}</h2>
        <div class="actions">
          <a class="button" href={`/a/${props.code}/plan`}>
            {msg().result.planLink}
          </a>
          <a class="button secondary" href={reportHref(props.code)}>
            {msg().result.pdfLink}
          </a>
        </div>
        <p class="muted">{fmt(msg().result.code, { code: props.code })}</p>
        <p>
          <a href={`/a/${props.code}/answers`}>{msg().answers.resultLink}</a>
        </p>
        <p>
          <a href={`/a/${props.code}/data`}>{msg().data.dataLink}</a>
        </p>
      </section>
    </Layout>
  );
}

export function MessagePage(props: { title: string; message: string }) {
  return (
    <Layout title={props.title} narrow>
      <h1>{props.title}</h1>
      <p class="alert">{props.message}</p>
      <p>
        <a href="/">{msg().errors.backHome}</a>
      </p>
    </Layout>
  );
}

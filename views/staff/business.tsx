// A business followed over time: the profile form of a guided session or a re-assessment, the
// business page (rounds, support), the support form and the T0 → T1 comparison.
import type { Commune, ConsentPolicy } from "../../src/content/load.ts";
import type { AssessmentRow } from "../../db/assessments.ts";
import type { BusinessRow, SupportRow } from "../../db/businesses.ts";
import type { Platform } from "../../src/domain/catalogue.ts";
import type { Comparison } from "../../src/domain/comparison.ts";
import type { CapWarning } from "../../src/domain/support.ts";
import type { Child } from "hono/jsx";
import { fmt, msg } from "../messages.ts";
import { Radar } from "../radar.tsx";
import { ProfileFields, profileFieldLabels, type FormValues } from "../profileFields.tsx";
import { entries, Field, Select } from "../form.tsx";
import { communeName, day, Errors, money, score1, StaffPage, ValidationBadge, type Me } from "./common.tsx";

export type { FormValues };


/** Profile and in-person consent: a new business (T0) or a re-assessment (prefilled). */
export function ProfileFormPage(props: {
  me: Me;
  title: string;
  lead: string;
  action: string;
  submitLabel: string;
  communes: Commune[];
  consent: ConsentPolicy;
  values: FormValues;
  errors?: Record<string, string>;
  error?: string;
  existingBusinessId?: number;
}) {
  const m = msg().staff;
  return (
    <StaffPage me={props.me} title={props.title} error={props.error}>
      <p>{props.lead}</p>
      {props.existingBusinessId ? (
        <p class="alert">
          {m.business.exists} <a href={`/staff/businesses/${props.existingBusinessId}`}>{m.business.openExisting}</a>
        </p>
      ) : null}
      <form method="post" action={props.action} class="card" id="profile" novalidate>
        <Errors errors={props.errors} labels={profileFieldLabels(msg().staff.business.consentLegend)} />
        <ProfileFields
          communes={props.communes}
          consent={props.consent}
          values={props.values}
          errors={props.errors}
          consentLegend={m.business.consentLegend}
          consentIntro={m.business.consentIntro}
          consentNote={fmt(m.business.consentBy, { name: props.me.name })}
        />
        <div class="actions">
          <button type="submit">{props.submitLabel}</button>
        </div>
      </form>
    </StaffPage>
  );
}

export function CapWarningText(props: { w: CapWarning }) {
  const m = msg().staff;
  const w = props.w;
  const text =
    w.kind === "over_cap"
      ? fmt(m.support.warnings.over_cap, { year: w.year, total: money(w.total), cap: money(w.cap) })
      : w.kind === "size_not_covered"
        ? fmt(m.support.warnings.size_not_covered, { size: msg().sizeClasses[w.sizeClass] })
        : fmt(m.support.warnings.form_not_covered, { form: msg().legalForms[w.legalForm] });
  return <span class="warn">{text}</span>;
}

export interface SupportLine {
  record: SupportRow;
  staffName: string;
  warnings: CapWarning[];
}

/**
 * Support records as a list (a table would scroll sideways on a 360 px phone). A withdrawn record
 * stays, marked with who withdrew it and why; with `mend`, each record in force can be corrected
 * or withdrawn.
 */
export function SupportTable(props: { lines: SupportLine[]; platforms: Map<string, Platform>; highlight?: number; schemes?: Map<string, string>; mend?: { businessId: number } }) {
  const m = msg().staff;
  const c = m.support.cols;
  return (
    <ul class="list support">
      {props.lines.map(({ record, staffName, warnings }) => (
        <li id={`support-${record.id}`} class={[record.id === props.highlight ? "highlight" : "", record.withdrawnAt ? "withdrawn" : ""].filter(Boolean).join(" ") || undefined}>
          <strong>
            {record.withdrawnAt ? <del>{`${day(record.date)} · ${m.support.types[record.type]}`}</del> : `${day(record.date)} · ${m.support.types[record.type]}`}
          </strong>
          {record.amountVnd !== null ? ` · ${money(record.amountVnd)}` : ""}
          <br />
          <span class="muted">
            {record.schemeId ? `${c.scheme}: ${props.schemes?.get(record.schemeId) ?? record.schemeId} · ` : ""}
            {record.platformId ? `${c.platform}: ${props.platforms.get(record.platformId)?.name ?? record.platformId} · ` : ""}
            {c.by}: {staffName}
          </span>
          {record.note ? <p class="quote">{record.note}</p> : null}
          {record.withdrawnAt ? (
            <p class="warn">{fmt(m.support.withdrawnLine, { date: day(record.withdrawnAt), reason: record.withdrawnReason ?? "" })}</p>
          ) : (
            warnings.map((w) => <CapWarningText w={w} />)
          )}
          {props.mend && !record.withdrawnAt ? (
            <details class="mend">
              <summary>{m.support.mend}</summary>
              <p>
                <a href={`/staff/businesses/${props.mend.businessId}/support/${record.id}/edit`}>{m.support.correct}</a>
              </p>
              <form method="post" action={`/staff/businesses/${props.mend.businessId}/support/${record.id}/withdraw`}>
                <label for={`withdraw-${record.id}`}>{m.support.withdrawReason}</label>{" "}
                <input type="text" id={`withdraw-${record.id}`} name="reason" maxLength={500} required />{" "}
                <button type="submit" class="secondary">
                  {m.support.withdraw}
                </button>
              </form>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function BusinessPage(props: {
  me: Me;
  business: BusinessRow;
  rounds: AssessmentRow[];
  support: SupportLine[];
  communes: Map<string, Commune>;
  platforms: Map<string, Platform>;
  levelNames: (row: AssessmentRow) => string;
  canAdvise: boolean;
  error?: string;
  /** Support schemes by id, to name the one a record was given under. */
  schemes?: Map<string, string>;
  notice?: string;
  highlight?: number;
  /** The record's identity: register rows, merges, duplicates (views/staff/records.tsx). */
  identity?: Child;
}) {
  const m = msg().staff;
  const b = props.business;
  const submitted = props.rounds.filter((r) => r.status === "submitted");
  const draft = props.rounds.find((r) => r.status === "draft");
  return (
    <StaffPage me={props.me} title={b.name} notice={props.notice} error={props.error}>
      <p class="muted">
        {msg().legalForms[b.legalForm]} · {communeName(props.communes, b.communeId)} · {msg().sectors[b.sector]} ·{" "}
        {b.taxCode ? fmt(m.business.taxCode, { code: b.taxCode }) : m.business.noTaxCode}
      </p>
      <section class="card" id="rounds">
        <h2>{m.business.rounds}</h2>
        <ul class="list">
          {props.rounds.map((r) => (
            <li>
              <a href={`/staff/assessments/${r.id}`}>
                {m.business.round} {r.round} (T{r.round - 1})
              </a>{" "}
              · {m.methods[r.method]} · {day(r.submittedAt ?? r.createdAt)}
              <br />
              {r.status === "submitted" ? (
                <>
                  <span>
                    {m.business.level} {r.nationalLevel} ({props.levelNames(r)}) · {m.business.score} {score1(r.overallScore)}/100
                  </span>{" "}
                  <ValidationBadge method={r.method} validatedAt={r.validatedAt} />
                </>
              ) : (
                <span class="badge">{m.status.draft}</span>
              )}
            </li>
          ))}
        </ul>
        <div class="actions">
          {submitted.length >= 2 ? (
            <a class="button secondary" href={`/staff/businesses/${b.id}/compare`}>
              {m.business.compare}
            </a>
          ) : null}
          {props.canAdvise && draft ? (
            <a class="button" href={`/staff/assessments/${draft.id}`}>
              {m.business.continueDraft}
            </a>
          ) : null}
          {props.canAdvise && !draft && submitted.length ? (
            <a class="button" href={`/staff/businesses/${b.id}/reassess`}>
              {m.business.reassess}
            </a>
          ) : null}
        </div>
      </section>
      <section class="card" id="support">
        <h2>{m.business.support}</h2>
        {props.support.length ? (
          <SupportTable lines={props.support} platforms={props.platforms} highlight={props.highlight} schemes={props.schemes} mend={props.canAdvise ? { businessId: b.id } : undefined} />
        ) : (
          <p class="muted">{m.business.supportEmpty}</p>
        )}
        {props.canAdvise ? (
          <div class="actions">
            <a class="button secondary" href={`/staff/businesses/${b.id}/support/new`}>
              {m.business.addSupport}
            </a>
          </div>
        ) : null}
      </section>
      {props.identity}
      <p>
        <a href={`/api/v1/businesses/${b.id}/history`}>{m.business.history}</a>
      </p>
    </StaffPage>
  );
}

export function SupportFormPage(props: {
  me: Me;
  business: BusinessRow;
  platforms: Platform[];
  /** The schemes this business may receive support under (legal form, size). */
  schemes: { id: string; shortName: string }[];
  values: FormValues;
  errors?: Record<string, string>;
  capNote?: string;
  /** Correcting this record (a reason is asked), rather than recording a new one. */
  correcting?: number;
}) {
  const m = msg().staff;
  const v = props.values;
  const e = props.errors ?? {};
  const s = m.support;
  const action = props.correcting ? `/staff/businesses/${props.business.id}/support/${props.correcting}` : `/staff/businesses/${props.business.id}/support`;
  return (
    <StaffPage me={props.me} title={fmt(props.correcting ? s.correctHeading : s.heading, { name: props.business.name })}>
      {props.capNote ? <p class="muted">{props.capNote}</p> : null}
      <form method="post" action={action} class="card" novalidate>
        <Errors errors={e} labels={{ type: s.type, schemeId: s.scheme, date: s.date, amountVnd: s.amount, platformId: s.platform, note: s.note, reason: s.reason }} />
        <Field id="type" label={s.type} error={e.type}>
          <Select id="type" value={v.type} options={entries(s.types)} placeholder="" error={e.type} required />
        </Field>
        <Field id="schemeId" label={s.scheme} hint={s.schemeHint} error={e.schemeId}>
          <Select id="schemeId" value={v.schemeId} options={props.schemes.map((x) => ({ value: x.id, label: x.shortName }))} placeholder={s.noScheme} error={e.schemeId} />
        </Field>
        <Field id="date" label={s.date} error={e.date}>
          <input type="date" id="f-date" name="date" value={v.date ?? ""} required aria-invalid={e.date ? "true" : undefined} />
        </Field>
        <Field id="amountVnd" label={s.amount} hint={s.amountHint} error={e.amountVnd}>
          <input type="text" id="f-amountVnd" name="amountVnd" inputmode="numeric" maxLength={20} value={v.amountVnd ?? ""} aria-invalid={e.amountVnd ? "true" : undefined} />
        </Field>
        <Field id="platformId" label={s.platform} error={e.platformId}>
          <Select id="platformId" value={v.platformId} options={props.platforms.map((p) => ({ value: p.id, label: `${p.name} (${p.vendor})` }))} placeholder={s.noPlatform} error={e.platformId} />
        </Field>
        <Field id="note" label={s.note} error={e.note}>
          <textarea id="f-note" name="note" rows={3} maxLength={1000}>
            {v.note ?? ""}
          </textarea>
        </Field>
        {props.correcting ? (
          <Field id="reason" label={s.reason} hint={s.reasonHint} error={e.reason}>
            <input type="text" id="f-reason" name="reason" maxLength={500} value={v.reason ?? ""} required aria-invalid={e.reason ? "true" : undefined} />
          </Field>
        ) : null}
        <div class="actions">
          <button type="submit">{props.correcting ? s.saveCorrection : s.save}</button>
          {props.correcting ? <a href={`/staff/businesses/${props.business.id}#support-${props.correcting}`}>{s.cancel}</a> : null}
        </div>
      </form>
    </StaffPage>
  );
}

const signed = (x: number) => (x > 0 ? `+${score1(x)}` : score1(x));

export function ComparePage(props: {
  me: Me;
  business: BusinessRow;
  before: AssessmentRow;
  after: AssessmentRow;
  comparison: Comparison;
  levelNames: { before: string; after: string };
  support: SupportLine[];
  submitted: AssessmentRow[];
  platforms: Map<string, Platform>;
  pillarShortNames: Map<string, string>;
}) {
  const m = msg().staff;
  const c = props.comparison;
  const t0 = `T${props.before.round - 1}`;
  const t1 = `T${props.after.round - 1}`;
  const s = m.compare;
  const lc = c.level.change;
  return (
    <StaffPage me={props.me} title={fmt(s.heading, { before: t0, after: t1, name: props.business.name })}>
      <p class={c.sameVersion ? "muted" : "alert"} id="versions">
        {c.sameVersion
          ? fmt(s.sameVersion, { version: props.after.questionnaireVersion })
          : fmt(s.differentVersions, { before: props.before.questionnaireVersion, after: props.after.questionnaireVersion })}
      </p>
      <section class="card" id="overall">
        <p class="level-change">
          <strong>{fmt(s.levelChange, { before: c.level.before, beforeName: props.levelNames.before, after: c.level.after, afterName: props.levelNames.after })}</strong>{" "}
          <span class={lc > 0 ? "up" : lc < 0 ? "down" : undefined}>
            ({lc > 0 ? fmt(s.levelUp, { n: lc }) : lc < 0 ? fmt(s.levelDown, { n: -lc }) : s.levelSame})
          </span>
        </p>
        <div class="table-wrap">
          <table class="compare">
            <thead>
              <tr>
                <th scope="col">{s.pillar}</th>
                <th scope="col">{t0}</th>
                <th scope="col">{t1}</th>
                <th scope="col">{s.change}</th>
              </tr>
            </thead>
            <tbody>
              {c.pillars.map((p) => (
                <tr id={`cmp-${p.id}`}>
                  <th scope="row">{p.name}</th>
                  <td>{score1(p.before)}</td>
                  <td>{score1(p.after)}</td>
                  <td class={p.change > 0 ? "up" : p.change < 0 ? "down" : undefined}>{signed(p.change)}</td>
                </tr>
              ))}
              <tr id="cmp-overall" class="total">
                <th scope="row">{s.overall}</th>
                <td>{score1(c.overall.before)}</td>
                <td>{score1(c.overall.after)}</td>
                <td class={c.overall.change > 0 ? "up" : c.overall.change < 0 ? "down" : undefined}>{signed(c.overall.change)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        {c.notCompared.length ? (
          <p class="muted">
            {s.notCompared}{" "}
            {c.notCompared.map((n, i) => (
              <>
                {i ? "; " : ""}
                {n.name} ({s.why[n.why]})
              </>
            ))}
          </p>
        ) : null}
        <p class="muted">{fmt(s.radar, { before: t0, after: t1 })}</p>
        <Radar
          title={fmt(s.radar, { before: t0, after: t1 })}
          axes={c.pillars.map((p) => props.pillarShortNames.get(p.id) ?? p.name)}
          series={[
            { label: t1, values: c.pillars.map((p) => p.after), kind: "self" },
            { label: t0, values: c.pillars.map((p) => p.before), kind: "peer" },
          ]}
        />
      </section>
      <section class="card" id="support-between">
        <h2>{s.supportBetween}</h2>
        {props.support.length ? <SupportTable lines={props.support} platforms={props.platforms} /> : <p class="muted">{s.supportNone}</p>}
      </section>
      {props.submitted.length > 2 ? (
        <form method="get" action={`/staff/businesses/${props.business.id}/compare`} class="card">
          <h2>{s.pick}</h2>
          <Field id="from" label={s.from}>
            <Select id="from" value={String(props.before.id)} options={props.submitted.map((r) => ({ value: String(r.id), label: `T${r.round - 1} · ${day(r.submittedAt)}` }))} />
          </Field>
          <Field id="to" label={s.to}>
            <Select id="to" value={String(props.after.id)} options={props.submitted.map((r) => ({ value: String(r.id), label: `T${r.round - 1} · ${day(r.submittedAt)}` }))} />
          </Field>
          <div class="actions">
            <button type="submit" class="secondary">
              {s.show}
            </button>
          </div>
        </form>
      ) : null}
      <p>
        <a href={`/staff/businesses/${props.business.id}`}>{props.business.name}</a>
      </p>
    </StaffPage>
  );
}

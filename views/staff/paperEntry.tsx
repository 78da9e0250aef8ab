// Keying in a filled paper form: which form (sector, version), then one page with the profile, the
// consent as signed, and one short box per question for the codes ticked on paper. The boxes are in
// the form's order, so Tab walks the paper; with htmx each box says what its codes mean as they are
// typed; without JavaScript the whole page is checked when saved and comes back with every value.
import type { Commune, ConsentPolicy } from "../../src/content/load.ts";
import { readTypedCodes, type PaperForm } from "../../src/domain/paperForm.ts";
import { SECTORS, type Sector } from "../../src/domain/questionnaire.ts";
import { onlyIfText, paperFormPath, whoForText } from "../../src/pdf/paperFormData.ts";
import { codeField, typedProblemText } from "../../src/services/paperEntry.ts";
import { Field, Select, entries } from "../form.tsx";
import { fmt, msg } from "../messages.ts";
import { profileFieldLabels, ProfileFields, type FormValues } from "../profileFields.tsx";
import { Errors, StaffPage, type Me } from "./common.tsx";


export interface VersionChoice {
  version: string;
  inForce: boolean;
  /** When it stopped taking new assessments (the next version's date), for a replaced one. */
  until?: string;
}

const versionLabel = (v: VersionChoice) => (v.inForce ? fmt(msg().offline.paperEntry.versionInForce, { version: v.version }) : fmt(msg().offline.paperEntry.versionOld, { version: v.version, until: v.until ?? "" }));

export function PaperEntryStartPage(props: { me: Me; versions: VersionChoice[]; error?: string }) {
  const t = msg().offline.paperEntry;
  return (
    <StaffPage me={props.me} title={t.title} error={props.error}>
      <p>{t.lead}</p>
      <form method="get" action="/staff/paper-entry" class="card">
        <h2>{t.pickHeading}</h2>
        <p class="muted">{t.pickLead}</p>
        <Field id="sector" label={t.sector}>
          <Select id="sector" value={undefined} options={entries(msg().sectors)} required />
        </Field>
        <Field id="version" label={t.version}>
          <Select id="version" value={props.versions.find((v) => v.inForce)?.version} options={props.versions.map((v) => ({ value: v.version, label: versionLabel(v) }))} required />
        </Field>
        <div class="actions">
          <button type="submit">{t.open}</button>
        </div>
      </form>
      <section class="card">
        <h2>{t.printHeading}</h2>
        <p class="muted">{t.printLead}</p>
        <ul>
          {SECTORS.map((s) => (
            <li>
              <a href={paperFormPath(s)}>{msg().sectors[s]}</a>
            </li>
          ))}
        </ul>
      </section>
    </StaffPage>
  );
}

/** What the typed codes mean, or what is wrong with them: shown beside the box. */
export function CodesEcho(props: { question: PaperForm["sections"][number]["questions"][number]; typed: string; error?: string }) {
  const t = msg().offline.paperEntry;
  const id = `e-${props.question.id}`;
  if (props.error)
    return (
      <span class="field-error" id={id} aria-live="polite">
        {props.error}
      </span>
    );
  const read = readTypedCodes(props.question, props.typed);
  if (!read.ok)
    return (
      <span class="field-error" id={id} aria-live="polite">
        {typedProblemText(read.problem, props.question.number)}
      </span>
    );
  const ids = read.value === null ? [] : Array.isArray(read.value) ? read.value : [read.value];
  const labels = props.question.options.filter((o) => ids.includes(o.id)).map((o) => `${o.code} ${o.label}`);
  return (
    <span class="hint" id={id} aria-live="polite">
      {labels.length ? fmt(t.picked, { labels: labels.join("; ") }) : ""}
    </span>
  );
}

export function PaperEntryPage(props: {
  me: Me;
  form: PaperForm;
  sector: Sector;
  clientId: string;
  communes: Commune[];
  consent: ConsentPolicy;
  values: FormValues;
  errors?: Record<string, string>;
}) {
  const p = msg().offline.paper;
  const t = msg().offline.paperEntry;
  const v = props.values;
  const err = props.errors ?? {};
  const questions = props.form.sections.flatMap((s) => s.questions);
  const labels: Record<string, string> = {
    ...profileFieldLabels(t.consentLegend),
    capturedOn: t.capturedOn,
    signed: t.signed,
    ...Object.fromEntries(questions.map((q) => [codeField(q.id), fmt(t.question, { n: q.number })])),
  };
  const check = `/staff/paper-entry/check?version=${encodeURIComponent(props.form.version)}&sector=${props.sector}`;
  return (
    <StaffPage me={props.me} title={fmt(t.formHeading, { sector: msg().sectors[props.sector], version: props.form.version })} htmx>
      <p>
        <a href="/staff/paper-entry">{t.otherForm}</a> · <a href={paperFormPath(props.sector)}>{msg().sectors[props.sector]} (PDF)</a>
      </p>
      <form method="post" action="/staff/paper-entry" class="card" id="paper-entry" novalidate>
        <Errors errors={props.errors} labels={labels} />
        <input type="hidden" name="clientId" value={props.clientId} />
        <input type="hidden" name="version" value={props.form.version} />
        <input type="hidden" name="formSector" value={props.sector} />
        <fieldset>
          <legend>{t.paperHeading}</legend>
          <Field id="capturedOn" label={t.capturedOn} hint={t.capturedOnHint} error={err.capturedOn}>
            <input type="date" id="f-capturedOn" name="capturedOn" value={v.capturedOn ?? ""} required aria-invalid={err.capturedOn ? "true" : undefined} />
          </Field>
          {err.signed ? <span class="field-error">{err.signed}</span> : null}
          <label class="opt" for="f-signed">
            <input type="checkbox" id="f-signed" name="signed" value="yes" checked={v.signed === "yes"} />
            <span>
              <strong>{t.signed}</strong>
            </span>
          </label>
        </fieldset>
        <ProfileFields
          communes={props.communes}
          consent={props.consent}
          values={{ ...v, sector: v.sector ?? props.sector }}
          errors={props.errors}
          consentLegend={t.consentLegend}
          consentIntro={t.consentIntro}
          consentNote={fmt(t.consentBy, { name: props.me.name })}
        />
        <fieldset>
          <legend>{t.answersHeading}</legend>
          <p class="muted">{t.answersLead}</p>
          {props.form.sections.map((section, i) => (
            <>
              <h3>{fmt(p.sectionHeading, { n: i + 1, title: section.title })}</h3>
              {section.questions.map((q) => {
                const name = codeField(q.id);
                const condition = [q.whoFor ? fmt(p.whoFor, { what: whoForText(q.whoFor) }) : null, q.onlyIf ? fmt(p.onlyIf, { what: onlyIfText(q.onlyIf, props.form) }) : null].filter(Boolean).join(" ");
                return (
                  <div class="code-entry">
                    <label for={`f-${q.id}`}>
                      <strong>{q.number}.</strong> {q.text}
                      {q.type === "multi" ? <span class="muted"> ({t.multi})</span> : null}
                      {condition ? <span class="hint">{condition}</span> : null}
                    </label>
                    <input
                      type="text"
                      id={`f-${q.id}`}
                      name={name}
                      value={v[name] ?? ""}
                      inputmode="numeric"
                      autocomplete="off"
                      maxLength={40}
                      aria-invalid={err[name] ? "true" : undefined}
                      aria-describedby={`e-${q.id}`}
                      hx-get={check}
                      hx-trigger="input changed delay:250ms"
                      hx-target={`#e-${q.id}`}
                      hx-swap="outerHTML"
                    />
                    <CodesEcho question={q} typed={v[name] ?? ""} error={err[name]} />
                  </div>
                );
              })}
            </>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit">{t.submit}</button>
        </div>
      </form>
    </StaffPage>
  );
}

// "Dữ liệu của tôi" and the privacy page.
import type { Commune, ConsentPolicy } from "../../src/content/load.ts";
import type { myData } from "../../src/services/dataRights.ts";
import { Layout } from "../layout.tsx";
import { communeLabel } from "../form.tsx";
import { fmt, intlLocale, msg } from "../messages.ts";

const timeFmt = { format: (d: Date) => d.toLocaleString(intlLocale(), { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Ho_Chi_Minh" }) };
const localTime = (iso: string) => timeFmt.format(new Date(iso));

/** Revenue and capital were chosen as ranges: show the range, not its upper bound. */
function moneyLabel(v: number | null): string {
  if (v === null) return "—";
  return msg().moneyRanges.find((r) => Number(r.value) === v)?.label ?? fmt(msg().money.billion, { n: v.toLocaleString(intlLocale()) });
}
type MyData = ReturnType<typeof myData>;

export function DataPage(props: {
  code: string;
  data: MyData;
  communes: Commune[];
  consents: { statistics: boolean; contact: boolean };
  actionTitles: Record<string, string>;
  notice?: string;
  errors?: Record<string, string>;
  /** A refused correction, as typed. */
  typed?: { name: string; taxCode: string; communeId: string };
  eraseError?: string;
}) {
  const d = msg().data;
  const { data, code } = props;
  const p = data.profile;
  const e = props.errors ?? {};
  // Without JavaScript, autofocus is how the browser brings the owner to what needs fixing.
  const firstBad = (["name", "taxCode", "communeId"] as const).find((k) => e[k]);
  return (
    <Layout title={d.heading}>
      <h1>{d.heading}</h1>
      <p class="lead">{d.lead}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <section class="card">
        <h2>{d.download}</h2>
        <div class="actions">
          <a class="button secondary" href={`/a/${code}/data.json`} download>
            {d.downloadJson}
          </a>
          <a class="button secondary" href={`/a/${code}/data.csv`} download>
            {d.downloadCsv}
          </a>
        </div>
      </section>
      <section class="card">
        <h2>{d.profile}</h2>
        <table>
          <tbody>
            <tr>
              <th scope="row">{msg().profile.name}</th>
              <td>{p.name}</td>
            </tr>
            <tr>
              <th scope="row">{msg().profile.legalForm}</th>
              <td>{msg().legalForms[p.legalForm]}</td>
            </tr>
            <tr>
              <th scope="row">{msg().profile.taxCode}</th>
              <td>{p.taxCode ?? "—"}</td>
            </tr>
            <tr>
              <th scope="row">{msg().profile.commune}</th>
              <td>{p.commune}</td>
            </tr>
            <tr>
              <th scope="row">{msg().profile.activityGroup}</th>
              <td>{msg().activityGroups[p.activityGroup]}</td>
            </tr>
            <tr>
              <th scope="row">{msg().profile.sector}</th>
              <td>{msg().sectors[p.sector]}</td>
            </tr>
            <tr>
              <th scope="row">{msg().profile.staff}</th>
              <td>{p.staff}</td>
            </tr>
            <tr>
              <th scope="row">{msg().profile.revenue}</th>
              <td>{moneyLabel(p.revenueBnVnd)}</td>
            </tr>
            <tr>
              <th scope="row">{msg().profile.capital}</th>
              <td>{moneyLabel(p.capitalBnVnd)}</td>
            </tr>
            <tr>
              <th scope="row">{msg().profile.sizeClass}</th>
              <td>{msg().sizeClasses[p.sizeClass]}</td>
            </tr>
          </tbody>
        </table>
        <h3>{d.correct}</h3>
        <p class="muted">{d.correctHint}</p>
        <form method="post" action={`/a/${code}/data/profile`}>
          <label class="field" for="f-name">
            {msg().profile.name}
            {e.name ? <span class="field-error">{e.name}</span> : null}
          </label>
          <input type="text" id="f-name" name="name" value={props.typed?.name ?? p.name} maxLength={200} required aria-invalid={e.name ? "true" : undefined} autofocus={firstBad === "name"} />
          <label class="field" for="f-taxCode">
            {msg().profile.taxCode}
            {e.taxCode ? <span class="field-error">{e.taxCode}</span> : null}
          </label>
          <input type="text" id="f-taxCode" name="taxCode" value={props.typed?.taxCode ?? p.taxCode ?? ""} maxLength={20} inputmode="numeric" aria-invalid={e.taxCode ? "true" : undefined} autofocus={firstBad === "taxCode"} />
          <label class="field" for="f-communeId">
            {msg().profile.commune}
            {e.communeId ? <span class="field-error">{e.communeId}</span> : null}
          </label>
          <select id="f-communeId" name="communeId" aria-invalid={e.communeId ? "true" : undefined} autofocus={firstBad === "communeId"}>
            {props.communes.map((c) => (
              <option value={c.id} selected={c.id === (props.typed?.communeId ?? p.communeId)}>
                {communeLabel(c)}
              </option>
            ))}
          </select>
          <div class="actions">
            <button type="submit">{d.save}</button>
          </div>
        </form>
      </section>
      <section class="card" id="consents">
        <h2>{d.consents}</h2>
        <ul>
          {data.consents.map((c) => (
            <li>
              {d.purposes[c.purpose]}: <strong>{c.granted ? d.granted : d.refused}</strong>{" "}
              <span class="muted">
                ({d.methods[c.method]}, {localTime(c.recordedAt)})
              </span>
            </li>
          ))}
        </ul>
        <h3>{d.withdraw}</h3>
        <div class="actions">
          <form method="post" action={`/a/${code}/data/consent`}>
            <input type="hidden" name="purpose" value="statistics" />
            <input type="hidden" name="granted" value={props.consents.statistics ? "no" : "yes"} />
            <button type="submit" class="secondary">
              {props.consents.statistics ? d.statisticsOn : d.statisticsOff}
            </button>
          </form>
          <form method="post" action={`/a/${code}/data/consent`}>
            <input type="hidden" name="purpose" value="contact" />
            <input type="hidden" name="granted" value={props.consents.contact ? "no" : "yes"} />
            <button type="submit" class="secondary">
              {props.consents.contact ? d.contactOn : d.contactOff}
            </button>
          </form>
        </div>
      </section>
      <section class="card">
        <h2>{d.answersHeading}</h2>
        {data.answers.length ? (
          <details>
            <summary>{fmt(d.answers, { n: data.answers.length })}</summary>
            <ul>
              {data.answers.map((a) => (
                <li>
                  {a.question} — <strong>{a.answer}</strong>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p>{d.none}</p>
        )}
        <h2>{d.advice}</h2>
        {data.adviceRequests.length ? (
          <ul>
            {data.adviceRequests.map((r) => (
              <li>
                {props.actionTitles[r.actionId] ?? r.actionId}: {msg().plan.channels[r.channel]} {r.contact}
                {r.message ? ` — ${r.message}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>{d.none}</p>
        )}
      </section>
      <section class="card" id="erase">
        <h2>{d.erase}</h2>
        <p>{d.eraseHint}</p>
        {props.eraseError ? (
          <p class="alert" role="alert">
            {props.eraseError}
          </p>
        ) : null}
        <form method="post" action={`/a/${code}/data/erase`}>
          <label class="opt" for="f-confirm">
            <input type="checkbox" id="f-confirm" name="confirm" value="yes" autofocus={!!props.eraseError} aria-invalid={props.eraseError ? "true" : undefined} />
            <span>{d.eraseConfirm}</span>
          </label>
          <div class="actions">
            <button type="submit" class="danger">
              {d.eraseButton}
            </button>
          </div>
        </form>
      </section>
      <p>
        <a href="/privacy">{d.privacyLink}</a>
      </p>
    </Layout>
  );
}

export function PrivacyPage(props: { consent: ConsentPolicy }) {
  const d = msg().data;
  const pr = d.privacy;
  return (
    <Layout title={pr.heading} narrow>
      <h1>{pr.heading}</h1>
      {pr.sections.map((s) => (
        <section>
          <h2>{s.h}</h2>
          <p>{fmt(s.p, { controller: props.consent.controller, rights: props.consent.rights, version: props.consent.policyVersion })}</p>
        </section>
      ))}
      <h2>{msg().profile.consentLegend}</h2>
      <ul>
        {props.consent.purposes.map((p) => (
          <li>
            <strong>{p.label}.</strong> {p.explanation}
          </li>
        ))}
      </ul>
      <h2 id="staff-access">{pr.staffAccess}</h2>
      <ul>
        {props.consent.staffAccess.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <p class="muted">{pr.openDataNote}</p>
    </Layout>
  );
}

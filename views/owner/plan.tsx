// The owner's plan (roadmap by horizon, platform cards, support) and the public platform catalogue.
import type { Platform, PlatformCategory } from "../../src/domain/catalogue.ts";
import type { Sector } from "../../src/domain/questionnaire.ts";
import type { Plan, PlanAction, PlanPlatform } from "../../src/services/plan.ts";
import { formatVndRange } from "../../src/domain/money.ts";
import { ADVICE_CHANNELS } from "../../src/domain/vocabularies.ts";
import { Layout } from "../layout.tsx";
import { fmt, intlLocale, moneyWords, msg } from "../messages.ts";
import { reportHref } from "./report.tsx";


function PlatformCard(props: { platform: PlanPlatform }) {
  const p = msg().plan;
  const x = props.platform;
  return (
    <li class="platform">
      <strong>{x.name}</strong> <span class="muted">— {x.vendor}</span>
      {x.makeInVietnam ? <span class="tag">{p.madeInVietnam}</span> : null}
      <br />
      <span>{x.summary}</span>
      <br />
      <span class="muted">{x.priceLabel}</span> ·{" "}
      <a href={x.website} rel="noopener noreferrer">
        {new URL(x.website).hostname.replace(/^www\./, "")}
      </a>
    </li>
  );
}

function AdviceForm(props: { code: string; action: PlanAction; canAsk: boolean; sent: boolean; values?: Record<string, string>; errors?: Record<string, string> }) {
  const p = msg().plan;
  const a = props.action;
  if (props.sent)
    return (
      <p class="notice" role="status">
        {p.sent}
      </p>
    );
  if (!props.canAsk)
    return (
      <p class="muted">
        <button type="button" disabled class="secondary">
          {p.askButton}
        </button>{" "}
        {p.needConsent} <a href={`/a/${props.code}/plan#consent`}>{p.turnOnConsent}</a>
      </p>
    );
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <details class="advice" open={Object.keys(e).length > 0}>
      <summary>{p.askButton}</summary>
      <form method="post" action={`/a/${props.code}/advice`} class="advice-form">
        <input type="hidden" name="actionId" value={a.id} />
        {a.platforms.length ? (
          <>
            <label class="field" for={`pf-${a.id}`}>
              {p.whichPlatform}
            </label>
            <select id={`pf-${a.id}`} name="platformId">
              <option value="">{p.anyPlatform}</option>
              {a.platforms.map((x) => (
                <option value={x.id} selected={v.platformId === x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label class="field" for={`ch-${a.id}`}>
          {p.channel}
          {e.channel ? <span class="field-error">{e.channel}</span> : null}
        </label>
        <select id={`ch-${a.id}`} name="channel">
          {ADVICE_CHANNELS.map((c) => (
            <option value={c} selected={v.channel === c}>
              {p.channels[c]}
            </option>
          ))}
        </select>
        <label class="field" for={`ct-${a.id}`}>
          {p.contact}
          <span class="hint">{p.contactHint}</span>
          {e.contact ? <span class="field-error">{e.contact}</span> : null}
        </label>
        <input type="text" id={`ct-${a.id}`} name="contact" value={v.contact ?? ""} maxLength={120} autocomplete="tel" aria-invalid={e.contact ? "true" : undefined} />
        <label class="field" for={`ms-${a.id}`}>
          {p.message}
          {e.message ? <span class="field-error">{e.message}</span> : null}
        </label>
        <textarea id={`ms-${a.id}`} name="message" maxLength={500} rows={3}>
          {v.message ?? ""}
        </textarea>
        <div class="actions">
          <button type="submit">{p.send}</button>
        </div>
      </form>
    </details>
  );
}

export function PlanPage(props: {
  code: string;
  businessName: string;
  legalForm: "company" | "cooperative" | "household";
  plan: Plan;
  canAsk: boolean;
  sentActionIds: string[];
  levelNames: Record<number, string>;
  form?: { actionId: string; values: Record<string, string>; errors: Record<string, string> };
  notice?: string;
  /** Why the request for advice was not sent; its fields are listed with links to them. */
  error?: string;
}) {
  const p = msg().plan;
  const { plan } = props;
  const total = plan.firstYearTotal;
  const perUse = total.perUseFees ? p.firstYearTotalPerUse : "";
  return (
    <Layout title={p.heading}>
      <h1>{p.heading}</h1>
      <p class="lead">{fmt(p.lead, { name: props.businessName })}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.error ? <AdviceErrors message={props.error} plan={plan} form={props.form} /> : null}
      <section class="card" id="support">
        <h2>{p.supportHeading}</h2>
        {plan.maxSupportPerYearVnd ? (
          <p class="lead">{fmt(p.supportMax, { amount: formatMillion(plan.maxSupportPerYearVnd) })}</p>
        ) : (
          <p>{p.supportNoDecree80[props.legalForm]}</p>
        )}
        <ul>
          {plan.supportSummary.map((s) => (
            <li>
              <strong>{s.name}</strong>
              {s.status === "draft" ? <span class="tag">{p.draft}</span> : null}
              {s.condition === "difficult_area" ? <span class="tag">{p.difficultAreaOnly}</span> : null}: {s.text}
            </li>
          ))}
        </ul>
      </section>
      {plan.actions.length === 0 ? (
        <p class="card">{p.nothing}</p>
      ) : (
        <p class="lead" id="first-year-total">
          {total.ownerVnd.maxVnd === 0
            ? fmt(p.firstYearTotalFree, { perUse })
            : fmt(p.firstYearTotal, { amount: lowerFirst(formatVndRange(total.ownerVnd, moneyWords())), perUse })}
        </p>
      )}
      {plan.horizons
        .filter((h) => h.actions.length)
        .map((h) => (
          <section class="card horizon" id={`h-${h.id}`}>
            <h2>{h.title}</h2>
            {h.actions.map((a) => (
              <article class="action" id={`a-${a.id}`}>
                <h3>
                  {a.title}
                  {a.fundamental ? <span class="tag">{p.basic}</span> : null}
                </h3>
                <p>{a.summary}</p>
                <p class="muted">
                  <strong>{p.why}</strong> {a.why.join(" · ")}
                </p>
                {a.platforms.length ? (
                  <>
                    <p>
                      <strong>{p.platforms}</strong>
                    </p>
                    <ul class="platforms">
                      {a.platforms.map((x) => (
                        <PlatformCard platform={x} />
                      ))}
                    </ul>
                  </>
                ) : null}
                <table class="costs">
                  <tbody>
                    <tr>
                      <th scope="row">{p.cost}</th>
                      <td>{a.costLabel}</td>
                    </tr>
                    <tr>
                      <th scope="row">{p.support}</th>
                      <td>
                        {a.supportLabels.length ? (
                          <ul class="support-list">
                            {a.supportLabels.map((l) => (
                              <li>{l}</li>
                            ))}
                          </ul>
                        ) : (
                          p.noSupport
                        )}
                      </td>
                    </tr>
                    <tr>
                      <th scope="row">{p.ownerShare}</th>
                      <td>{a.ownerShareLabel}</td>
                    </tr>
                    <tr>
                      <th scope="row">{p.duration}</th>
                      <td>{a.durationLabel}</td>
                    </tr>
                    <tr>
                      <th scope="row">{p.gain}</th>
                      <td>{fmt(p.gainValue, { gain: a.gain.toLocaleString(intlLocale()), after: a.scoreAfter.toLocaleString(intlLocale()) })}</td>
                    </tr>
                    {a.helpsReachLevel !== null ? (
                      <tr>
                        <th scope="row">{p.level}</th>
                        <td>
                          {fmt(p.levelValue, {
                            n: plan.liftOneLevel?.actionIds.length ?? 0,
                            level: a.helpsReachLevel,
                            name: props.levelNames[a.helpsReachLevel] ?? "",
                          })}
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
                <AdviceForm
                  code={props.code}
                  action={a}
                  canAsk={props.canAsk}
                  sent={props.sentActionIds.includes(a.id)}
                  values={props.form?.actionId === a.id ? props.form.values : undefined}
                  errors={props.form?.actionId === a.id ? props.form.errors : undefined}
                />
              </article>
            ))}
          </section>
        ))}
      <p class="muted">{plan.costNote}</p>
      {plan.legalDuties.length ? <LawSection plan={plan} /> : null}
      <section class="card" id="consent">
        <h2>{p.consentHeading}</h2>
        <p>{props.canAsk ? p.consentOn : p.consentOff}</p>
        <form method="post" action={`/a/${props.code}/consent/contact`}>
          <input type="hidden" name="granted" value={props.canAsk ? "no" : "yes"} />
          <button type="submit" class={props.canAsk ? "secondary" : undefined}>
            {props.canAsk ? p.consentWithdraw : p.consentGive}
          </button>
        </form>
      </section>
      <div class="actions">
        <a class="button secondary" href={`/a/${props.code}/result`}>
          {p.backToResult}
        </a>
        <a class="button secondary" href={reportHref(props.code)}>
          {msg().result.pdfLink}
        </a>
        <a class="button secondary" href="/platforms">
          {p.catalogueLink}
        </a>
      </div>
    </Layout>
  );
}

/** What the law asks of the business: plain duties, each with its source. */
function LawSection(props: { plan: Plan }) {
  const p = msg().plan;
  return (
    <section class="card" id="law">
      <h2>{p.lawHeading}</h2>
      <p>{p.lawLead}</p>
      {props.plan.legalDuties.map((t) => (
        <div class="law-topic" id={`law-${t.id}`}>
          <h3>{t.title}</h3>
          <p class="muted">{t.lead}</p>
          <ul>
            {t.duties.map((d) => (
              <li>
                {d.text}
                <br />
                <small class="muted">
                  {p.lawSource} {d.source}
                  {d.verify ? <span class="tag">{p.lawVerify}</span> : null}
                </small>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p class="muted">{props.plan.legalNote}</p>
    </section>
  );
}

const lowerFirst = (x: string) => x.charAt(0).toLowerCase() + x.slice(1);

/** The advice form's field ids, so the error summary can link to the field to fix. */
const FIELD_IDS: Record<string, { prefix: string; label: "whichPlatform" | "channel" | "contact" | "message" }> = {
  platformId: { prefix: "pf", label: "whichPlatform" },
  channel: { prefix: "ch", label: "channel" },
  contact: { prefix: "ct", label: "contact" },
  message: { prefix: "ms", label: "message" },
};

function AdviceErrors(props: { message: string; plan: Plan; form?: { actionId: string; errors: Record<string, string> } }) {
  const p = msg().plan;
  const action = props.plan.actions.find((a) => a.id === props.form?.actionId);
  const fields = action ? Object.entries(props.form?.errors ?? {}) : [];
  return (
    <div class="alert" role="alert" id="errors">
      <p>
        <strong>{props.message}</strong>
        {action ? <> {fmt(p.errorsFor, { title: action.title })}</> : null}
      </p>
      {fields.length ? (
        <ul>
          {fields.map(([k, v]) => {
            const f = FIELD_IDS[k];
            // platformId has no field when the action names no platform.
            const linkable = f && (k !== "platformId" || action!.platforms.length > 0);
            return (
              <li>
                {linkable ? (
                  <>
                    <a href={`#${f.prefix}-${action!.id}`}>{p[f.label]}</a>:{" "}
                  </>
                ) : null}
                {v}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

function formatMillion(vnd: number) {
  return fmt(msg().money.million, { n: (vnd / 1_000_000).toLocaleString(intlLocale()) });
}

export function CataloguePage(props: {
  platforms: Platform[];
  sector?: Sector;
  category?: PlatformCategory;
  categories: readonly PlatformCategory[];
  updatedOn: string;
}) {
  const p = msg().plan;
  const link = (sector?: string, category?: string) => {
    const q = new URLSearchParams();
    if (sector) q.set("sector", sector);
    if (category) q.set("category", category);
    const s = q.toString();
    return s ? `/platforms?${s}` : "/platforms";
  };
  return (
    <Layout title={p.catalogueHeading}>
      <h1>{p.catalogueHeading}</h1>
      <p class="lead">{p.catalogueLead}</p>
      <nav class="filters" aria-label={p.filterSector}>
        <p>
          <strong>{p.filterSector}</strong>{" "}
          <a href={link(undefined, props.category)} aria-current={!props.sector ? "page" : undefined}>
            {p.all}
          </a>
          {(Object.keys(msg().sectors) as Sector[]).map((s) => (
            <>
              {" · "}
              <a href={link(s, props.category)} aria-current={props.sector === s ? "page" : undefined}>
                {msg().sectors[s]}
              </a>
            </>
          ))}
        </p>
      </nav>
      <nav class="filters" aria-label={p.filterCategory}>
        <p>
          <strong>{p.filterCategory}</strong>{" "}
          <a href={link(props.sector, undefined)} aria-current={!props.category ? "page" : undefined}>
            {p.all}
          </a>
          {props.categories.map((c) => (
            <>
              {" · "}
              <a href={link(props.sector, c)} aria-current={props.category === c ? "page" : undefined}>
                {p.categories[c]}
              </a>
            </>
          ))}
        </p>
      </nav>
      <p>{fmt(p.count, { n: props.platforms.length })}</p>
      <ul class="platforms card">
        {props.platforms.map((x) => (
          <li class="platform">
            <strong>{x.name}</strong> <span class="muted">— {x.vendor}</span>
            {x.makeInVietnam && x.kind === "commercial" ? <span class="tag">{p.madeInVietnam}</span> : null}
            <br />
            <span class="muted">{p.categories[x.category]}</span>
            <br />
            <span>{x.summary}</span>
            <br />
            <a href={x.website} rel="noopener noreferrer">
              {new URL(x.website).hostname.replace(/^www\./, "")}
            </a>
          </li>
        ))}
      </ul>
      <p class="muted">{fmt(p.catalogueNote, { date: props.updatedOn })}</p>
    </Layout>
  );
}

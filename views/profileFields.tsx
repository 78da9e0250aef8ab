// The business profile and consent fieldsets: one form for the owner's start page and the staff's
// profile form (guided session, re-assessment), so both ask the same things the same way.
import type { Child } from "hono/jsx";
import type { Commune, ConsentPolicy } from "../src/content/load.ts";
import { communeOptions, entries, Field, Select } from "./form.tsx";
import { msg } from "./messages.ts";

export type FormValues = Record<string, string | undefined>;

/** Error-summary labels of the fields below; a consent error points at the consent fieldset. */
export function profileFieldLabels(consentLegend: string): Record<string, string> {
  return {
    "profile.name": msg().profile.name,
    "profile.legalForm": msg().profile.legalForm,
    "profile.taxCode": msg().profile.taxCode,
    "profile.communeId": msg().profile.commune,
    "profile.activityGroup": msg().profile.activityGroup,
    "profile.sector": msg().profile.sector,
    "profile.staff": msg().profile.staff,
    "profile.revenueBnVnd": msg().profile.revenue,
    "profile.capitalBnVnd": msg().profile.capital,
    "consents.report": consentLegend,
    "consents.statistics": consentLegend,
    "consents.contact": consentLegend,
  };
}

// Order of the fields on the page, for focusing the first one to fix.
const fieldOrder = ["name", "legalForm", "taxCode", "communeId", "sector", "activityGroup", "staff", "revenueBnVnd", "capitalBnVnd"];

export function ProfileFields(props: {
  communes: Commune[];
  consent: ConsentPolicy;
  values: FormValues;
  errors?: Record<string, string>;
  consentLegend: string;
  consentIntro: string;
  /** Closing line of the consent fieldset: who records the consent and on what terms. */
  consentNote: Child;
  /** The owner's own form: without JavaScript, autofocus is how the browser brings the owner to
   * what needs fixing. Staff forms do not move the focus. */
  focusFirstError?: boolean;
  /** The owner types their own business, so the browser may fill it in; staff type someone else's. */
  nameAutocomplete?: "organization";
}) {
  const v = props.values;
  const err = (k: string) => props.errors?.[`profile.${k}`];
  const firstBad = props.focusFirstError ? fieldOrder.find((k) => err(k)) : undefined;
  const consentBad = !!props.focusFirstError && !firstBad && Object.keys(props.errors ?? {}).some((k) => k.startsWith("consents."));
  return (
    <>
      <fieldset>
        <legend>{msg().profile.legend}</legend>
        <Field id="name" label={msg().profile.name} hint={msg().profile.nameHint} error={err("name")}>
          <input type="text" id="f-name" name="name" value={v.name ?? ""} required maxLength={200} autocomplete={props.nameAutocomplete} aria-invalid={err("name") ? "true" : undefined} autofocus={firstBad === "name"} />
        </Field>
        <Field id="legalForm" label={msg().profile.legalForm} error={err("legalForm")}>
          <Select id="legalForm" value={v.legalForm} options={entries(msg().legalForms)} placeholder={msg().profile.legalFormPick} error={err("legalForm")} required autofocus={firstBad === "legalForm"} />
        </Field>
        <Field id="taxCode" label={msg().profile.taxCode} hint={msg().profile.taxCodeHint} error={err("taxCode")}>
          <input type="text" id="f-taxCode" name="taxCode" value={v.taxCode ?? ""} inputmode="numeric" maxLength={20} aria-invalid={err("taxCode") ? "true" : undefined} autofocus={firstBad === "taxCode"} />
        </Field>
        <Field id="communeId" label={msg().profile.commune} error={err("communeId")}>
          <Select id="communeId" value={v.communeId} options={communeOptions(props.communes)} placeholder={msg().profile.communePick} error={err("communeId")} required autofocus={firstBad === "communeId"} />
        </Field>
        <Field id="sector" label={msg().profile.sector} error={err("sector")}>
          <Select id="sector" value={v.sector} options={entries(msg().sectors)} placeholder={msg().profile.sectorPick} error={err("sector")} required autofocus={firstBad === "sector"} />
        </Field>
        <Field id="activityGroup" label={msg().profile.activityGroup} error={err("activityGroup")}>
          <Select id="activityGroup" value={v.activityGroup} options={entries(msg().activityGroups)} placeholder={msg().profile.activityGroupPick} error={err("activityGroup")} required autofocus={firstBad === "activityGroup"} />
        </Field>
        <Field id="staff" label={msg().profile.staff} hint={msg().profile.staffHint} error={err("staff")}>
          <input type="number" id="f-staff" name="staff" min="0" max="100000" step="1" inputmode="numeric" value={v.staff ?? ""} required aria-invalid={err("staff") ? "true" : undefined} autofocus={firstBad === "staff"} />
        </Field>
        <Field id="revenueBnVnd" label={msg().profile.revenue} error={err("revenueBnVnd")}>
          <Select id="revenueBnVnd" value={v.revenueBnVnd} options={msg().moneyRanges} placeholder={msg().profile.moneyUnknown} />
        </Field>
        <Field id="capitalBnVnd" label={msg().profile.capital} error={err("capitalBnVnd")}>
          <Select id="capitalBnVnd" value={v.capitalBnVnd} options={msg().moneyRanges} placeholder={msg().profile.moneyUnknown} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>{props.consentLegend}</legend>
        <p class="muted">{props.consentIntro}</p>
        {props.consent.purposes.map((p) => {
          const e = props.errors?.[`consents.${p.id}`];
          return (
            <div>
              {e ? <span class="field-error">{e}</span> : null}
              <label class="opt" for={`f-consent-${p.id}`} id={`f-${p.id}`}>
                <input
                  type="checkbox"
                  id={`f-consent-${p.id}`}
                  name={`consent.${p.id}`}
                  value="yes"
                  checked={v[`consent.${p.id}`] === "yes"}
                  autofocus={consentBad && p.id === "report" && !!e}
                />
                <span>
                  <strong>{p.label}</strong>
                  <span class="hint">{p.explanation}</span>
                </span>
              </label>
            </div>
          );
        })}
        <p class="muted">{props.consentNote}</p>
      </fieldset>
    </>
  );
}

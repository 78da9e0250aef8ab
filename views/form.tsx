// Form pieces shared by the owner's and the staff pages.
import type { Child } from "hono/jsx";
import type { Commune } from "../src/content/load.ts";
import { fmt, msg } from "./messages.ts";

export function Field(props: { id: string; label: string; hint?: string; error?: string; children: Child }) {
  return (
    <div>
      <label class="field" for={`f-${props.id}`}>
        {props.label}
        {props.hint ? <span class="hint">{props.hint}</span> : null}
        {props.error ? <span class="field-error">{props.error}</span> : null}
      </label>
      {props.children}
    </div>
  );
}

export function Select(props: {
  id: string;
  name?: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  error?: string;
  required?: boolean;
  autofocus?: boolean;
}) {
  return (
    <select
      id={`f-${props.id}`}
      name={props.name ?? props.id}
      aria-invalid={props.error ? "true" : undefined}
      required={props.required}
      autofocus={props.autofocus}
    >
      {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
      {props.options.map((o) => (
        <option value={o.value} selected={props.value === o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export const entries = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
/** "Xã Tủa Chùa", "Tủa Chùa commune": a commune or ward named as the page's language writes it. */
export const communeLabel = (c: Pick<Commune, "kind" | "name">) => fmt(msg().communeName[c.kind], { name: c.name });
export const communeOptions = (communes: Commune[]) => communes.map((c) => ({ value: c.id, label: communeLabel(c) }));

/** The summary of a form's errors, each a link to its field. */
export function ErrorList(props: { errors: Record<string, string>; labels?: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (!entries.length) return null;
  return (
    <div class="alert" role="alert" tabindex={-1} id="errors">
      <p>
        <strong>{msg().profile.errorsHeading}</strong>
      </p>
      <ul>
        {entries.map(([k, v]) => (
          <li>
            <a href={`#f-${k.split(".").pop()}`}>{props.labels?.[k] ?? k}</a>: {v}
          </li>
        ))}
      </ul>
    </div>
  );
}

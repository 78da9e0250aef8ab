// Who to ask: the provincial centre, from questionnaires/contact.yaml. The footer of every owner
// page shows it; the content is loaded once at start, so the app hands it over once (setCentreContact),
// able to give it in each language.
import type { CentreContact } from "../src/content/load.ts";
import type { Locale } from "../src/domain/vocabularies.ts";
import { currentLocale, fmt, msg } from "./messages.ts";

let current: ((locale: Locale) => CentreContact) | null = null;

/** Called once by createApp with the loaded content, in each language. */
export function setCentreContact(byLocale: (locale: Locale) => CentreContact): void {
  current = byLocale;
}

/** The centre's contact in the language of the request being served. */
export function centreContact(): CentreContact | null {
  return current?.(currentLocale()) ?? null;
}

/** Phone and Zalo only when published; never a made-up number. */
export function ContactLines(props: { contact: CentreContact; compact?: boolean }) {
  const c = props.contact;
  const k = msg().contact;
  return (
    <>
      <strong>{c.organisation}</strong>
      {c.parent ? ` (${c.parent})` : ""}
      {props.compact ? " · " : <br />}
      {fmt(k.address, { address: c.address })}
      {c.phone ? (
        <>
          {props.compact ? " · " : <br />}
          {k.phone} <a href={`tel:${c.phone}`}>{c.phone}</a>
        </>
      ) : null}
      {c.zaloOA ? (
        <>
          {props.compact ? " · " : <br />}
          <a href={c.zaloOA} rel="noopener noreferrer">
            {k.zalo}
          </a>
        </>
      ) : null}
      {c.website ? (
        <>
          {props.compact ? " · " : <br />}
          <a href={c.website} rel="noopener noreferrer">
            {new URL(c.website).hostname.replace(/^www\./, "")}
          </a>
        </>
      ) : null}
      {c.hours && !props.compact ? (
        <>
          <br />
          {c.hours}
        </>
      ) : null}
      {!c.phone && !props.compact ? (
        <>
          <br />
          <span class="muted">{k.noPhone}</span>
        </>
      ) : null}
    </>
  );
}

// Text people type (names, notes, reasons, messages), cleaned before it is kept. Invisible
// characters carry nothing a reader needs and do harm where the text goes next: a NUL or a line
// break in a name splits a CSV row or a log line and makes an XLSX file Excel refuses to open; a
// right-to-left override (U+202E) shows "Hộ ABC‮fdp.exe" in a staff list or a download name as
// something else than it is; zero-width characters make two names that look the same differ.
import { z } from "zod";

/** Bidirectional embeddings, overrides, isolates and marks (U+202A-202E, U+2066-2069, LRM, RLM, ALM). */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
/** Zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen: invisible in a name. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** C0 and C1 control characters other than the line breaks and tab handled below, and DEL. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
/** Line and paragraph breaks in every form a keyboard, a paste or a file may bring. */
const BREAKS = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g;
/** Half of a surrogate pair with no other half: not a character, and UTF-8 cannot carry it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function stripInvisible(text: string): string {
  return text.replace(LONE_SURROGATE, "").normalize("NFC").replace(BIDI, "").replace(INVISIBLE, "").replace(CONTROL, "");
}

/** A one-line field (a name, a contact, a title): every break and tab a space, runs of spaces one, trimmed. */
export function oneLine(text: string): string {
  return stripInvisible(text.replace(BREAKS, " ").replace(/\t/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** Free text over several lines (a note, a reason, a message): breaks kept as "\n", at most one blank line in a row. */
export function multiLine(text: string): string {
  return stripInvisible(text.replace(BREAKS, "\n").replace(/\t/g, " "))
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Anything `withoutInvisible` removes: most text has none, and is returned as it is. */
const ANY_INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/;

/**
 * Text already stored, on its way out (exports, file names): control characters (other than line
 * break and tab), bidi controls and invisible characters dropped, nothing else changed.
 */
export function withoutInvisible(text: string): string {
  if (!ANY_INVISIBLE.test(text)) return text;
  return text
    .replace(LONE_SURROGATE, "")
    .replace(/\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g, "\n")
    .replace(BIDI, "")
    .replace(INVISIBLE, "")
    .replace(CONTROL, "");
}

/** zod: a string cleaned as `oneLine` before its length checks (use instead of `.trim()`). */
export const oneLineText = (params?: Parameters<typeof z.string>[0]) => z.string(params).overwrite(oneLine);
/** zod: a string cleaned as `multiLine` before its length checks. */
export const multiLineText = (params?: Parameters<typeof z.string>[0]) => z.string(params).overwrite(multiLine);

// Resume codes: the owner's key to an assessment, no account needed.
// 11 random Crockford base32 symbols (55 bits) + 1 check symbol, shown as XXXX-XXXX-XXXX.
// Reading is forgiving: case, spaces and dashes are ignored; O reads as 0, I and L as 1, U is not used;
// a pasted link reads as its code.
import { randomBytes, createHash } from "node:crypto";
import { keptPerKey } from "./keptPerKey.ts";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_SYMBOLS = 11;

function checkSymbol(body: string): string {
  // Odd weights are coprime with 32, so any single mistyped symbol changes the check.
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += ALPHABET.indexOf(body[i]!) * (2 * i + 1);
  return ALPHABET[sum % 32]!;
}

export function newResumeCode(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(RANDOM_SYMBOLS);
  let body = "";
  for (const b of bytes) body += ALPHABET[b & 31];
  return body + checkSymbol(body);
}

export type ParsedCode = { ok: true; code: string } | { ok: false; reason: "length" | "symbol" | "check" };

/**
 * Canonical form of what a person typed, or why it cannot be a code. A pasted link to the
 * assessment counts as its code, and the dashes phone keyboards put in (en dash, em dash, minus)
 * as dashes.
 */
export function parseResumeCode(input: string): ParsedCode {
  const cleaned = (/\/a\/([^/?#\s]+)/.exec(input)?.[1] ?? input)
    .toUpperCase()
    .replace(/[\s\-_.\u2010-\u2015\u2212]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length !== RANDOM_SYMBOLS + 1) return { ok: false, reason: "length" };
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return { ok: false, reason: "symbol" };
  const body = cleaned.slice(0, RANDOM_SYMBOLS);
  if (checkSymbol(body) !== cleaned[RANDOM_SYMBOLS]) return { ok: false, reason: "check" };
  return { ok: true, code: cleaned };
}

export function formatResumeCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Codes are stored only as a hash: a copied database does not hand out the owners' keys. */
export const resumeCodeHash = keptPerKey((code) => createHash("sha256").update(`resume:${code}`).digest("hex"));

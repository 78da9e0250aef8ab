// The report's download name: Vietnamese for browsers that read RFC 6266 `filename*`, and an
// ASCII fallback (diacritics folded) for the few that do not.
import { oneLine } from "../domain/text.ts";

/** "Hộ kinh doanh Đào" → "Ho-kinh-doanh-Dao". */
export function asciiSlug(text: string, max = 60): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}

/** Characters a file name must not carry (path separators, quotes; control and bidi characters, see text.ts). */
function cleanName(text: string, max = 100): string {
  const cleaned = oneLine(text)
    .replace(/["\\/:*?<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return [...cleaned].slice(0, max).join("").trim();
}

/** RFC 5987 value: percent-encoded UTF-8, including the characters encodeURIComponent leaves. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function reportDisposition(businessName: string, base: { vietnamese: string; ascii: string }): string {
  const name = cleanName(businessName);
  const slug = asciiSlug(name);
  const ascii = `${base.ascii}${slug ? `-${slug}` : ""}.pdf`;
  const utf8 = `${base.vietnamese}${name ? ` - ${name}` : ""}.pdf`;
  return `inline; filename="${ascii}"; filename*=UTF-8''${rfc5987(utf8)}`;
}

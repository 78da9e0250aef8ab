// The words of a document in its language: the message catalogue of that language, its PDF part,
// and the number and date formats its readers expect. Made once per language (an Intl format is
// costly to build; toLocaleString builds one per call) and shared by the data and the layout.
import { catalogues, type Messages } from "../../views/messages.ts";
import type { Locale } from "../domain/vocabularies.ts";

export interface ReportWords {
  locale: Locale;
  m: Messages;
  t: Messages["report"]["pdf"];
  num: (x: number) => string;
  /** dd/mm/yyyy in Vietnam's time zone, in both languages. */
  date: (d: Date | string) => string;
}

const byLocale = new Map<Locale, ReportWords>();

export function wordsOf(locale: Locale): ReportWords {
  let w = byLocale.get(locale);
  if (!w) {
    const m = catalogues[locale];
    const numberFormat = new Intl.NumberFormat(m.intl, { maximumFractionDigits: 1 });
    const dateFormat = new Intl.DateTimeFormat(m.intl, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
    byLocale.set(
      locale,
      (w = { locale, m, t: m.report.pdf, num: (x) => numberFormat.format(x), date: (d) => dateFormat.format(typeof d === "string" ? new Date(d) : d) }),
    );
  }
  return w;
}

// The words of a document in its language: the message catalogue of that language, its PDF part,
// and the number and date formats its readers expect. Made once per language (an Intl format is
// costly to build; toLocaleString builds one per call) and shared by the data and the layout.
import { vi } from "../../views/messages.ts";
import { report as enReport } from "../../views/messages/en/report.ts";
import { offline as enOffline } from "../../views/messages/en/offline.ts";
import { data as enData } from "../../views/messages/en/data.ts";
import type { Translation } from "../../views/messages/translation.ts";
import type { Locale } from "../domain/vocabularies.ts";

type Messages = Translation<typeof vi>;

// SEAM until the whole English catalogue is in views/messages.ts: the report's, the paper form's
// and the privacy sections are English; the rest (site, sectors, legal forms…) is still Vietnamese.
// Replace with the catalogue of each language from views/messages.ts when it is there.
const catalogues: Record<Locale, Messages> = { vi, en: { ...vi, report: enReport, offline: enOffline, data: enData } };

export interface ReportWords {
  locale: Locale;
  m: Messages;
  t: Messages["report"]["pdf"];
  num: (x: number) => string;
  /** dd/mm/yyyy in Vietnam's time zone, in both languages. */
  date: (d: Date | string) => string;
}

const INTL_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };
const byLocale = new Map<Locale, ReportWords>();

export function wordsOf(locale: Locale): ReportWords {
  let w = byLocale.get(locale);
  if (!w) {
    const numberFormat = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1 });
    const dateFormat = new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
    const m = catalogues[locale];
    byLocale.set(
      locale,
      (w = { locale, m, t: m.report.pdf, num: (x) => numberFormat.format(x), date: (d) => dateFormat.format(typeof d === "string" ? new Date(d) : d) }),
    );
  }
  return w;
}

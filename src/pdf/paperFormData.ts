// Everything the printed form says, made ready in the server from the questionnaire in force and
// the consent text, so the render worker only lays it out (and the same data is the render's key).
import { createHash } from "node:crypto";
import type { Content } from "../content/load.ts";
import { paperFormOf, paperQuestions, type PaperForm } from "../domain/paperForm.ts";
import { ACTIVITY_GROUPS, LEGAL_FORMS, type AnswerCondition, type ProfileCondition, type Sector } from "../domain/questionnaire.ts";
import { fmt } from "../../views/messages.ts";
import type { Locale } from "../domain/vocabularies.ts";
import { localizeContent } from "../content/translations.ts";
import { wordsOf } from "./words.ts";

export interface PaperFormData {
  /** The language of every text below. */
  locale: Locale;
  sector: Sector;
  sectorName: string;
  version: string;
  questionnaireHash: string;
  publishedOn: string;
  sections: {
    title: string;
    questions: {
      number: number;
      text: string;
      multi: boolean;
      options: { code: string; label: string }[];
      /** "Chỉ cơ sở có … trả lời câu này." / "Chỉ trả lời nếu …": null when everyone answers. */
      condition: string | null;
    }[];
  }[];
  profile: {
    legalForms: { code: string; label: string }[];
    activityGroups: { code: string; label: string }[];
    moneyRanges: { code: string; label: string }[];
  };
  consent: {
    policyVersion: string;
    controller: string;
    purposes: { label: string; explanation: string; required: boolean }[];
    /** What staff see, as the web form says it (the purposes refer to it). */
    staffAccess: string[];
    rights: string;
  };
}

const listed = (items: string[], joiner: string) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${joiner} ${items[items.length - 1]}`);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Who answers, in words (the sector's form already leaves out the businesses of other sectors). */
export function whoForText(cond: ProfileCondition, locale: Locale = "vi"): string {
  const { m } = wordsOf(locale);
  const t = m.offline.paper;
  const whoFor = (c: ProfileCondition) => whoForText(c, locale);
  if ("legalForm" in cond) return fmt(t.legalFormIs, { list: listed(cond.legalForm.map((x) => lower(m.legalForms[x])), t.or) });
  if ("sizeClass" in cond) return fmt(t.sizeClassIs, { list: listed(cond.sizeClass.map((x) => lower(m.sizeClasses[x])), t.or) });
  if ("activityGroup" in cond) return fmt(t.activityGroupIs, { list: listed(cond.activityGroup.map((x) => lower(m.activityGroups[x])), t.or) });
  if ("not" in cond) return fmt(t.notHaving, { what: whoFor(cond.not) });
  if ("sector" in cond) return listed(cond.sector.map((x) => lower(m.sectors[x])), t.or);
  return "all" in cond ? listed(cond.all.map(whoFor), t.and) : listed(cond.any.map(whoFor), t.or);
}

/** A follow-up's gate, in the form's own numbers and codes ("ở câu 6 đã chọn 2, 3 hoặc 4"). */
export function onlyIfText(cond: AnswerCondition, form: PaperForm, locale: Locale = "vi"): string {
  const t = wordsOf(locale).m.offline.paper;
  const onlyIf = (c: AnswerCondition) => onlyIfText(c, form, locale);
  const questions = paperQuestions(form);
  if ("answer" in cond) {
    const q = questions.find((x) => x.id === cond.answer.question);
    const codes = q ? q.options.filter((o) => cond.answer.anyOf.includes(o.id)).map((o) => o.code) : cond.answer.anyOf;
    return fmt(t.answerIs, { n: q ? q.number : cond.answer.question, codes: listed(codes, t.or) });
  }
  if ("not" in cond && "answer" in cond.not) {
    const inner = cond.not.answer;
    const q = questions.find((x) => x.id === inner.question);
    const codes = q ? q.options.filter((o) => inner.anyOf.includes(o.id)).map((o) => o.code) : inner.anyOf;
    return fmt(t.answerIsNot, { n: q ? q.number : inner.question, codes: listed(codes, t.or) });
  }
  if ("not" in cond) return fmt(t.notThat, { what: onlyIf(cond.not) });
  return "all" in cond ? listed(cond.all.map(onlyIf), t.and) : listed(cond.any.map(onlyIf), t.or);
}

/** A sector's form in `locale`: the questionnaire in force and the consent text in that language where translated. */
export function paperFormData(source: Content, sector: Sector, locale: Locale = "vi"): PaperFormData {
  const content = localizeContent(source, locale);
  const { m } = wordsOf(locale);
  const t = m.offline.paper;
  const q = content.current;
  const form = paperFormOf(q, sector);
  return {
    locale,
    sector,
    sectorName: m.sectors[sector],
    version: q.version,
    questionnaireHash: q.hash,
    publishedOn: q.publishedOn.split("-").reverse().join("/"),
    sections: form.sections.map((s) => ({
      title: s.title,
      questions: s.questions.map((x) => ({
        number: x.number,
        text: x.text,
        multi: x.type === "multi",
        options: x.options.map((o) => ({ code: o.code, label: o.label })),
        condition: [x.whoFor ? fmt(t.whoFor, { what: whoForText(x.whoFor, locale) }) : null, x.onlyIf ? fmt(t.onlyIf, { what: onlyIfText(x.onlyIf, form, locale) }) : null]
          .filter(Boolean)
          .join(" ") || null,
      })),
    })),
    profile: {
      legalForms: LEGAL_FORMS.map((x, i) => ({ code: String(i + 1), label: m.legalForms[x] })),
      activityGroups: ACTIVITY_GROUPS.map((x, i) => ({ code: String(i + 1), label: m.activityGroups[x] })),
      moneyRanges: m.moneyRanges.map((r, i) => ({ code: String(i + 1), label: r.label })),
    },
    consent: {
      policyVersion: content.consent.policyVersion,
      controller: content.consent.controller,
      purposes: content.consent.purposes.map((p) => ({ label: p.label, explanation: p.explanation, required: p.required })),
      staffAccess: content.consent.staffAccess,
      rights: content.consent.rights,
    },
  };
}

/** The render's key: a form is rendered once per sector, language and content (questions, consent, words). */
export const paperFormKey = (data: PaperFormData): string =>
  `paperForm|${data.sector}|${data.locale}|${createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 16)}`;

/** Where a sector's blank form is downloaded. */
export const paperFormPath = (sector: Sector) => `/paper-form.pdf?sector=${sector}`;

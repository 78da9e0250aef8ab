// Translations of the content: overlays beside the Vietnamese files, never inside them, so the
// Vietnamese files (and the content hashes that every assessment carries) stay byte for byte as
// reviewed. An overlay mirrors its Vietnamese file and holds only the texts it translates:
// - an object is translated key by key (a key left out stays Vietnamese);
// - a list of items with an `id` (questions, options, pillars, actions, platforms, schemes…) or a
//   `level` (the six levels) becomes a map from that id or level to the item's translated texts;
// - a list without ids (the steps of a scheme, the duties of a legal topic) is translated as a list
//   of the same length, in the same order (`{}` keeps an item Vietnamese);
// - only texts can be translated: ids, points, amounts, dates, codes and conditions cannot, so a
//   translation can never change a score, a figure or which question is asked.
// Each overlay is checked once at start-up against the Vietnamese content it translates.
import { z } from "zod";
import type { Locale } from "../domain/vocabularies.ts";
import type { Questionnaire } from "../domain/questionnaire.ts";
import type { Content } from "./load.ts";

/** The folder of questionnaires/ that holds one folder of overlays per language. */
export const TRANSLATIONS_DIR = "translations";

/**
 * Keys whose values are words a person reads. Everything else (ids, enums, numbers, dates, URLs,
 * conditions) is structure and stays as in the Vietnamese file.
 */
const TEXT_KEYS = new Set([
  "action",
  "address",
  "basis",
  "controller",
  "costNote",
  "definition",
  "description",
  "due",
  "explanation",
  "framing",
  "gloss",
  "help",
  "hours",
  "howToApply",
  "label",
  "lead",
  "legalBasis",
  "levelsSource",
  "meaning",
  "name",
  "note",
  "noun",
  "organisation",
  "parent",
  "plan",
  "planText",
  "province",
  "provisionalNote",
  "recipient",
  "rights",
  "shortName",
  "source",
  "staffAccess",
  "summary",
  "text",
  "title",
  "vendor",
  "verify",
  "weightsSource",
]);

/** An overlay as read from YAML: a tree of translated texts, checked against its Vietnamese file. */
export type Overlay = { [key: string]: OverlayValue };
type OverlayValue = string | string[] | Overlay | Overlay[];

/** Which part of the content an overlay translates. Plain data, so Content stays plain data. */
export type TranslationTarget =
  | { part: "questionnaireMeta"; questionnaire: string; version: string }
  | { part: "questionModule"; questionnaire: string; version: string; module: string }
  | {
      part: "actions" | "platforms" | "schemes" | "legalDuties" | "communes" | "consent" | "contact" | "indicators" | "followUp" | "sizeThresholds";
    };

/** One checked overlay: the file it came from (relative to translations/<locale>/), and what it translates. */
export interface TranslatedFile {
  file: string;
  target: TranslationTarget;
  overlay: Overlay;
}

/** Every file that may be translated, and for each language other than Vietnamese its checked overlays. */
export interface ContentTranslations {
  files: TranslatableFile[];
  byLocale: Partial<Record<Exclude<Locale, "vi">, TranslatedFile[]>>;
}

/** A translatable Vietnamese file: its path under questionnaires/ and the content part it fills. */
export interface TranslatableFile {
  file: string;
  target: TranslationTarget;
}

/** The files outside the questionnaire versions, by the part of the content each fills. */
const SINGLE_FILES: TranslatableFile[] = [
  { file: "actions.yaml", target: { part: "actions" } },
  { file: "platforms.yaml", target: { part: "platforms" } },
  { file: "support-schemes.yaml", target: { part: "schemes" } },
  { file: "legal-duties.yaml", target: { part: "legalDuties" } },
  { file: "communes.yaml", target: { part: "communes" } },
  { file: "consent.yaml", target: { part: "consent" } },
  { file: "contact.yaml", target: { part: "contact" } },
  { file: "indicators.yaml", target: { part: "indicators" } },
  { file: "follow-up.yaml", target: { part: "followUp" } },
  { file: "size-classes.yaml", target: { part: "sizeThresholds" } },
];

/**
 * Every file a translation may name: the single files, and for each questionnaire version its
 * meta.yaml and its question files (given as folder → file → module id, as read).
 */
export function translatableFiles(questionFiles: { dir: string; questionnaire: Questionnaire; modules: Map<string, string> }[]): TranslatableFile[] {
  const files = [...SINGLE_FILES];
  for (const { dir, questionnaire: q, modules } of questionFiles) {
    files.push({ file: `${dir}/meta.yaml`, target: { part: "questionnaireMeta", questionnaire: q.id, version: q.version } });
    for (const [file, module] of modules)
      files.push({ file: `${dir}/${file}`, target: { part: "questionModule", questionnaire: q.id, version: q.version, module } });
  }
  return files;
}

/** The Vietnamese view an overlay of this target mirrors: the texts of one file, as loaded. */
export function viewOf(content: Content, target: TranslationTarget): unknown {
  switch (target.part) {
    case "questionnaireMeta": {
      const { modules: _m, questions: _q, hash: _h, ...meta } = questionnaireOf(content, target);
      return meta;
    }
    case "questionModule": {
      const q = questionnaireOf(content, target);
      const { questionIds, ...module } = moduleOf(q, target.module);
      return { module, questions: q.questions.filter((x) => questionIds.includes(x.id)) };
    }
    case "actions":
      return content.actions;
    case "platforms":
      return { ...content.platformCatalogue, platforms: content.platforms };
    case "schemes":
      return { schemes: content.schemes };
    case "legalDuties":
      return content.legalDuties;
    case "communes":
      return { province: content.province, units: content.communes };
    case "consent":
      return content.consent;
    case "contact":
      return content.contact;
    case "indicators":
      return content.indicators;
    case "followUp":
      return content.followUp;
    case "sizeThresholds":
      return content.sizeThresholds;
  }
}

/** Puts a translated view back where its Vietnamese view came from; everything else is shared. */
function withView(content: Content, target: TranslationTarget, view: unknown): Content {
  const v = view as never;
  switch (target.part) {
    case "questionnaireMeta":
    case "questionModule": {
      const replace = (q: Questionnaire): Questionnaire => {
        if (q.id !== target.questionnaire || q.version !== target.version) return q;
        if (target.part === "questionnaireMeta") return { ...q, ...(v as object) };
        const { module, questions } = v as { module: Omit<Questionnaire["modules"][number], "questionIds">; questions: Questionnaire["questions"] };
        const byId = new Map(questions.map((x) => [x.id, x]));
        return {
          ...q,
          modules: q.modules.map((m) => (m.id === target.module ? { ...module, questionIds: m.questionIds } : m)),
          questions: q.questions.map((x) => byId.get(x.id) ?? x),
        };
      };
      const questionnaires = content.questionnaires.map(replace);
      const current = questionnaires.find((q) => q.id === content.current.id && q.version === content.current.version)!;
      return { ...content, questionnaires, current };
    }
    case "actions":
      return { ...content, actions: v };
    case "platforms": {
      const { platforms, ...catalogue } = v as { platforms: Content["platforms"] } & Content["platformCatalogue"];
      return { ...content, platforms, platformById: new Map(platforms.map((p) => [p.id, p])), platformCatalogue: catalogue };
    }
    case "schemes":
      return { ...content, schemes: (v as { schemes: Content["schemes"] }).schemes };
    case "legalDuties":
      return { ...content, legalDuties: v };
    case "communes": {
      const { province, units } = v as { province: string; units: Content["communes"] };
      return { ...content, province, communes: units, communeById: new Map(units.map((u) => [u.id, u])) };
    }
    case "consent":
      return { ...content, consent: v };
    case "contact":
      return { ...content, contact: v };
    case "indicators":
      return { ...content, indicators: v };
    case "followUp":
      return { ...content, followUp: v };
    case "sizeThresholds":
      return { ...content, sizeThresholds: v };
  }
}

function questionnaireOf(content: Content, t: { questionnaire: string; version: string }): Questionnaire {
  return content.questionnaires.find((q) => q.id === t.questionnaire && q.version === t.version)!;
}

function moduleOf(q: Questionnaire, id: string): Questionnaire["modules"][number] {
  return q.modules.find((m) => m.id === id)!;
}

/** The key that names an item of a list in an overlay: its id, or its level number. */
function itemKey(item: unknown): string | undefined {
  if (!item || typeof item !== "object" || Array.isArray(item)) return undefined;
  const o = item as Record<string, unknown>;
  if (typeof o.id === "string") return o.id;
  if (typeof o.level === "number") return String(o.level);
  return undefined;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === "object" && !Array.isArray(x);
const translatedText = z.string().trim().min(1);

/**
 * Checks an overlay against the Vietnamese it translates; returns the path and reason of the first
 * problem, or null. Messages are in English: the person who reads them edits an English file.
 */
export function overlayProblem(vi: unknown, overlay: unknown, at = ""): [string, string] | null {
  if (!isPlainObject(overlay)) return [at, "expected keys with translated texts here"];
  if (!isPlainObject(vi)) return [at, "nothing to translate here"];
  for (const [key, tr] of Object.entries(overlay)) {
    const path = at ? `${at}.${key}` : key;
    if (!(key in vi) || vi[key] === null || vi[key] === undefined) return [path, `the Vietnamese file has no "${key}" here`];
    const source = vi[key];
    const isTextKey = TEXT_KEYS.has(key);
    if (typeof source === "string") {
      if (!isTextKey) return [path, `"${key}" is not a text (an id, code, date or setting): it stays as in the Vietnamese file`];
      if (!translatedText.safeParse(tr).success) return [path, "expected a non-empty text"];
      continue;
    }
    if (Array.isArray(source)) {
      if (source.every((x) => typeof x === "string")) {
        if (!isTextKey) return [path, `"${key}" is a list of codes: it stays as in the Vietnamese file`];
        if (!z.array(translatedText).length(source.length).safeParse(tr).success)
          return [path, `expected a list of ${source.length} non-empty texts, in the order of the Vietnamese file`];
        continue;
      }
      const keys = source.map(itemKey);
      if (keys.every((k) => k !== undefined)) {
        if (!isPlainObject(tr)) return [path, `expected the items by id (e.g. "${keys[0]}:"), each with its translated texts`];
        for (const [id, item] of Object.entries(tr)) {
          const i = keys.indexOf(id);
          if (i < 0) return [`${path}.${id}`, `no item "${id}" in "${key}" of the Vietnamese file`];
          const problem = overlayProblem(source[i], item, `${path}.${id}`);
          if (problem) return problem;
        }
        continue;
      }
      if (!Array.isArray(tr) || tr.length !== source.length)
        return [path, `expected a list of ${source.length} items, in the order of the Vietnamese file ({} keeps an item in Vietnamese)`];
      for (let i = 0; i < tr.length; i++) {
        const problem = overlayProblem(source[i], tr[i], `${path}[${i}]`);
        if (problem) return problem;
      }
      continue;
    }
    if (isPlainObject(source)) {
      const problem = overlayProblem(source, tr, path);
      if (problem) return problem;
      continue;
    }
    return [path, `"${key}" is not a text (a number or yes/no): it stays as in the Vietnamese file`];
  }
  return null;
}

/** The Vietnamese value with the overlay's texts in place; the overlay was checked against it. */
export function applyOverlay<T>(vi: T, overlay: OverlayValue | undefined): T {
  if (overlay === undefined) return vi;
  if (typeof overlay === "string" || typeof vi === "string") return overlay as T;
  if (Array.isArray(vi)) {
    if (vi.every((x) => typeof x === "string")) return overlay as T;
    if (Array.isArray(overlay)) return vi.map((item, i) => applyOverlay(item, overlay[i])) as T;
    const byKey = overlay as Overlay;
    return vi.map((item) => applyOverlay(item, byKey[itemKey(item)!])) as T;
  }
  const out: Record<string, unknown> = { ...(vi as Record<string, unknown>) };
  for (const [key, tr] of Object.entries(overlay as Overlay)) out[key] = applyOverlay(out[key], tr);
  return out as T;
}

/**
 * Where a text has no translation in this language: the Vietnamese file and the path inside it, as
 * an overlay would name it (questions.str_plan.options.plan_none.label). Shown in Vietnamese.
 */
export function untranslatedTexts(content: Content, locale: Exclude<Locale, "vi">): { file: string; path: string }[] {
  const out: { file: string; path: string }[] = [];
  for (const f of content.translations?.files ?? []) {
    const overlay = content.translations?.byLocale[locale]?.find((x) => x.file === f.file)?.overlay;
    for (const path of missingTexts(viewOf(content, f.target), overlay)) out.push({ file: f.file, path });
  }
  return out;
}

function missingTexts(vi: unknown, overlay: unknown, at = ""): string[] {
  if (!isPlainObject(vi)) return [];
  const tr = isPlainObject(overlay) ? overlay : {};
  const out: string[] = [];
  for (const [key, source] of Object.entries(vi)) {
    const path = at ? `${at}.${key}` : key;
    if (typeof source === "string" || (Array.isArray(source) && source.length && source.every((x) => typeof x === "string"))) {
      if (TEXT_KEYS.has(key) && tr[key] === undefined) out.push(path);
    } else if (Array.isArray(source)) {
      const list = tr[key];
      source.forEach((item, i) => {
        const id = itemKey(item);
        const itemOverlay = id === undefined ? (Array.isArray(list) ? list[i] : undefined) : isPlainObject(list) ? list[id] : undefined;
        out.push(...missingTexts(item, itemOverlay, id === undefined ? `${path}[${i}]` : `${path}.${id}`));
      });
    } else if (isPlainObject(source)) out.push(...missingTexts(source, tr[key], path));
  }
  return out;
}

const localized = new WeakMap<Content, Map<Locale, Content>>();

/**
 * The content in a language: the same objects' shape, with the translated texts where an overlay
 * has them and Vietnamese elsewhere. Ids, points, amounts, dates and content hashes never change,
 * so scoring an assessment gives the same result in every language. Memoised per content and
 * language; Vietnamese is the content itself.
 */
export function localizeContent(content: Content, locale: Locale): Content {
  if (locale === "vi") return content;
  const files = content.translations?.byLocale[locale];
  if (!files?.length) return content;
  let byLocale = localized.get(content);
  if (!byLocale) localized.set(content, (byLocale = new Map()));
  let out = byLocale.get(locale);
  if (!out) {
    out = content;
    for (const f of files) out = withView(out, f.target, applyOverlay(viewOf(out, f.target), f.overlay));
    byLocale.set(locale, out);
  }
  return out;
}

/**
 * A questionnaire version in a language, found by its content hash (so a version read back from the
 * database gets the translation of the same content on disk, and anything else stays Vietnamese).
 * The hash it carries is the Vietnamese one.
 */
export function localizeQuestionnaire(content: Content, questionnaire: Questionnaire, locale: Locale): Questionnaire {
  if (locale === "vi") return questionnaire;
  return localizeContent(content, locale).questionnaires.find((q) => q.hash === questionnaire.hash) ?? questionnaire;
}

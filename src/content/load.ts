// Loads and validates everything in questionnaires/ once, at start-up.
// A bad file stops start-up with the file, the path inside it and the reason.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createHash } from "node:crypto";
import { parseDocument } from "yaml";
import { z } from "zod";
import {
  questionFileSchema,
  questionnaireMetaSchema,
  type AnswerCondition,
  type Module,
  type Question,
  type Questionnaire,
  type QuestionFile,
} from "../domain/questionnaire.ts";
import { sizeThresholdsSchema, type SizeThresholds } from "../domain/sizeClass.ts";
import {
  crossCheckCatalogue,
  platformCatalogueSchema,
  supportSchemeFileSchema,
  type Platform,
  type SupportScheme,
} from "../domain/catalogue.ts";
import { actionFileSchema, type ActionFile, type AnswerTest } from "../domain/roadmap.ts";
import { conditionIn, legalDutyFileSchema, type DutyCondition, type LegalDutyFile } from "../domain/legalDuties.ts";
import { DIFFICULT_AREA_STATUSES } from "../domain/place.ts";
import { checkIndicators, indicatorsSchema, type Indicators } from "../domain/indicators.ts";
import { checkFollowUp, followUpSchema, type FollowUp } from "../domain/followUp.ts";
import { CONSENT_PURPOSES, LOCALES, type Locale } from "../domain/vocabularies.ts";
import {
  TRANSLATIONS_DIR,
  overlayProblem,
  translatableFiles,
  viewOf,
  type ContentTranslations,
  type Overlay,
  type TranslatableFile,
  type TranslatedFile,
} from "./translations.ts";

export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${file}: ${path || "(gốc tệp)"}: ${reason}`);
    this.name = "ContentError";
  }
}

const communeSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, "chỉ dùng chữ thường không dấu, số và dấu gạch dưới"),
    /** The national 5-digit code of the commune-level unit, to join national statistics. */
    code: z.string().regex(/^\d{5}$/, "mã đơn vị hành chính cấp xã gồm đúng 5 chữ số, ví dụ \"03127\""),
    name: z.string().min(1),
    kind: z.enum(["ward", "commune"]),
    /**
     * In the list of areas with difficult or especially difficult socio-economic conditions: yes, no, or
     * unknown (not checked against an official list yet). Never assumed: a yes or a no names its source.
     */
    difficultArea: z.enum(DIFFICULT_AREA_STATUSES, { error: "ghi yes (có), no (không) hoặc unknown (chưa rõ)" }),
    difficultAreaSource: z.string().trim().min(1).optional(),
  })
  .refine((u) => u.difficultArea === "unknown" || u.difficultAreaSource !== undefined, {
    message: "xã, phường ghi yes hoặc no phải có difficultAreaSource (văn bản, ngày)",
    path: ["difficultAreaSource"],
  });

export const communeFileSchema = z.strictObject({
  province: z.string().min(1),
  /** Where the names, kinds and codes were checked. */
  source: z.string().trim().min(1),
  /** What is still to check against the official text. */
  verify: z.string().trim().min(1).optional(),
  units: z.array(communeSchema).min(1),
});
export type Commune = z.infer<typeof communeSchema>;

export const consentFileSchema = z.strictObject({
  policyVersion: z.string().min(1),
  controller: z.string().min(1),
  purposes: z
    .array(
      z.strictObject({
        id: z.enum(CONSENT_PURPOSES),
        required: z.boolean(),
        label: z.string().min(1),
        explanation: z.string().min(1),
      }),
    )
    .length(3),
  /** What staff can see of an owner's data, case by case (the access policy in the owner's words). */
  staffAccess: z.array(z.string().min(1)).min(1),
  rights: z.string().min(1),
});
export type ConsentPolicy = z.infer<typeof consentFileSchema>;

/** The person to ask: the provincial centre's contact, shown on the owner's pages and in the PDF. */
export const centreContactSchema = z.strictObject({
  organisation: z.string().min(1),
  parent: z.string().min(1).nullable(),
  address: z.string().min(1),
  website: z.url({ protocol: /^https$/ }).nullable(),
  /** Only a number the authority has published; null until one is found. */
  phone: z
    .string()
    .regex(/^0\d{9,10}$/, "số điện thoại 10–11 chữ số, bắt đầu bằng 0")
    .nullable(),
  /** Public Zalo Official Account link (https://zalo.me/…); null until published. */
  zaloOA: z.url({ protocol: /^https$/ }).nullable(),
  hours: z.string().min(1).nullable(),
  verify: z.string().min(1).optional(),
  source: z.string().min(1),
});
export type CentreContact = z.infer<typeof centreContactSchema>;

export interface Content {
  dir: string;
  /** Every questionnaire version on disk; old versions stay so old assessments re-render. */
  questionnaires: Questionnaire[];
  /** The version in force: new assessments are taken on it. */
  current: Questionnaire;
  province: string;
  communes: Commune[];
  communeById: Map<string, Commune>;
  sizeThresholds: SizeThresholds;
  consent: ConsentPolicy;
  platforms: Platform[];
  platformById: Map<string, Platform>;
  platformCatalogue: { version: string; updatedOn: string; note: string };
  schemes: SupportScheme[];
  actions: ActionFile;
  legalDuties: LegalDutyFile;
  contact: CentreContact;
  /** The Plan 2902 indicators, their populations and milestones, and the yearly report's frame. */
  indicators: Indicators;
  /** The centre's follow-up: re-assessment periods, request age groups, support budgets. */
  followUp: FollowUp;
  /** Checked translation overlays by language; `localizeContent` applies them. */
  translations?: ContentTranslations;
}

/**
 * Roadmap actions must point at questions, options and platforms that exist. One action file serves
 * every questionnaire version (an assessment keeps its version), so a question may come from any.
 */
function checkActions(shown: string, actions: ActionFile, versions: Questionnaire[], platforms: Map<string, Platform>): void {
  const byId = new Map<string, Questionnaire["questions"][number][]>();
  for (const q of versions) for (const x of q.questions) byId.set(x.id, [...(byId.get(x.id) ?? []), x]);
  const hasOption = (question: string, option: string) => byId.get(question)!.some((x) => x.options.some((o) => o.id === option));
  const ids = new Set<string>();
  const checkQuestion = (question: string, at: string) => {
    if (!byId.has(question)) throw new ContentError(shown, at, `không có câu hỏi "${question}" trong bộ câu hỏi nào`);
  };
  const isNotApplicable = (question: string, option: string) => byId.get(question)!.some((x) => x.options.some((o) => o.id === option && o.notApplicable));
  const checkTest = (t: AnswerTest, at: string, isGap = false) => {
    checkQuestion(t.question, at);
    for (const o of "noneOf" in t ? t.noneOf : t.anyOf) {
      if (!hasOption(t.question, o)) throw new ContentError(shown, at, `câu "${t.question}" không có lựa chọn "${o}"`);
      if (isGap && "anyOf" in t && isNotApplicable(t.question, o))
        throw new ContentError(shown, at, `lựa chọn "${o}" là "không áp dụng", không phải việc cơ sở còn thiếu`);
    }
  };
  actions.actions.forEach((a, i) => {
    if (ids.has(a.id)) throw new ContentError(shown, `actions[${i}].id`, `mã "${a.id}" bị trùng`);
    ids.add(a.id);
    if (a.cost.minVnd > a.cost.maxVnd) throw new ContentError(shown, `actions[${i}].cost`, "minVnd lớn hơn maxVnd");
    if (a.cost.per === "per_use" && !a.costNote) throw new ContentError(shown, `actions[${i}].costNote`, "phí theo lượt dùng cần ghi costNote");
    a.gap.forEach((t, j) => checkTest(t, `actions[${i}].gap[${j}]`, true));
    a.unless?.forEach((t, j) => checkTest(t, `actions[${i}].unless[${j}]`));
    a.requires?.forEach((t, j) => checkTest(t, `actions[${i}].requires[${j}]`));
    a.raises.forEach((r, j) => {
      checkQuestion(r.question, `actions[${i}].raises[${j}]`);
      if (!hasOption(r.question, r.to)) throw new ContentError(shown, `actions[${i}].raises[${j}].to`, `câu "${r.question}" không có lựa chọn "${r.to}"`);
      if (isNotApplicable(r.question, r.to)) throw new ContentError(shown, `actions[${i}].raises[${j}].to`, `lựa chọn "${r.to}" là "không áp dụng": không phải đích của một việc nên làm`);
    });
    a.platforms.forEach((p, j) => {
      if (!platforms.has(p.id)) throw new ContentError(shown, `actions[${i}].platforms[${j}].id`, `không có nền tảng "${p.id}" trong platforms.yaml`);
      if (p.usedWhen) checkTest(p.usedWhen, `actions[${i}].platforms[${j}].usedWhen`);
    });
  });
}

/**
 * A legal topic is chosen by answers, and each condition names questions of the versions it claims
 * (every version on disk unless it says): every one of them must have the question and its options,
 * and a topic chosen by answers must have a condition in every version, or it would never apply there.
 */
export function checkLegalDuties(shown: string, file: LegalDutyFile, versions: Questionnaire[]): void {
  const onDisk = versions.map((q) => q.version);
  const check = (c: DutyCondition, at: string) => {
    for (const v of c.versions ?? []) if (!onDisk.includes(v)) throw new ContentError(shown, `${at}.versions`, `không có bộ câu hỏi phiên bản "${v}"`);
    for (const q of versions.filter((x) => conditionIn(c, x.version))) {
      const question = q.questions.find((x) => x.id === c.question);
      if (!question)
        throw new ContentError(shown, at, `bộ câu hỏi ${q.version} không có câu "${c.question}" (ghi versions cho điều kiện chỉ dùng với phiên bản khác)`);
      for (const o of c.anyOf)
        if (!question.options.some((y) => y.id === o)) throw new ContentError(shown, at, `câu "${c.question}" của bộ câu hỏi ${q.version} không có lựa chọn "${o}"`);
    }
  };
  file.topics.forEach((t, i) => {
    t.when?.forEach((w, j) => check(w, `topics[${i}].when[${j}]`));
    t.duties.forEach((d, k) => d.unless?.forEach((w, j) => check(w, `topics[${i}].duties[${k}].unless[${j}]`)));
    if (t.when)
      for (const v of onDisk)
        if (!t.when.some((w) => conditionIn(w, v)))
          throw new ContentError(shown, `topics[${i}].when`, `chủ đề "${t.id}" không có điều kiện nào cho bộ câu hỏi ${v}: với phiên bản đó chủ đề không bao giờ được nêu`);
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Parse a YAML file and validate it; errors name the file and the path inside it. */
export function readYaml<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const full = join(dir, file);
  const shown = relative(process.cwd(), full) || full;
  let raw: string;
  try {
    raw = readFileSync(full, "utf8");
  } catch {
    throw new ContentError(shown, "", "không đọc được tệp (thiếu tệp hoặc không có quyền đọc)");
  }
  const doc = parseDocument(raw, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const where = e.linePos?.[0] ? `dòng ${e.linePos[0].line}, cột ${e.linePos[0].col}` : "";
    throw new ContentError(shown, where, `YAML sai cú pháp: ${e.message.split("\n")[0]}`);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    // A typo in a key name also makes the real key "missing": name the typo first.
    const issue = parsed.error.issues.find((i) => i.code === "unrecognized_keys") ?? parsed.error.issues[0]!;
    throw new ContentError(shown, formatPath(issue.path), issue.message);
  }
  return parsed.data;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function questionnaireHash(q: Omit<Questionnaire, "hash">): string {
  return createHash("sha256").update(canonicalJson(q)).digest("hex").slice(0, 16);
}

function answerRefs(c: AnswerCondition): { question: string; anyOf: string[] }[] {
  if ("answer" in c) return [c.answer];
  if ("not" in c) return answerRefs(c.not);
  return ("all" in c ? c.all : c.any).flatMap(answerRefs);
}

function hasNot(c: AnswerCondition): boolean {
  if ("answer" in c) return false;
  if ("not" in c) return true;
  return ("all" in c ? c.all : c.any).some(hasNot);
}

/**
 * A follow-up skipped by a weaker answer counts 0, so a better answer must never skip it
 * (else improving an answer could lower the score). Returns an answer that earns at least as much
 * as some opening answer without opening the follow-up, or null.
 */
function gateLeak(gate: Question, opening: string[]): string | null {
  const minOpening = Math.min(...gate.options.filter((o) => opening.includes(o.id)).map((o) => o.points));
  const closed = gate.options.filter((o) => !opening.includes(o.id));
  if (gate.type === "single") return closed.find((o) => o.points >= minOpening)?.label ?? null;
  const cap = gate.maxPoints ?? Infinity;
  const reachable = Math.min(cap, closed.filter((o) => !o.exclusive).reduce((sum, o) => sum + o.points, 0));
  if (reachable >= minOpening) return closed.filter((o) => !o.exclusive && o.points > 0).map((o) => o.label).join(" + ");
  return closed.find((o) => o.exclusive && o.points >= minOpening)?.label ?? null;
}

/** Checks that span files: ids unique, references resolve, levels and bands well formed. */
function crossCheck(shownDir: string, q: Omit<Questionnaire, "hash">, fileOf: Map<string, string>): void {
  const fail = (file: string, path: string, reason: string) => {
    throw new ContentError(join(shownDir, file), path, reason);
  };
  const pillarIds = new Set(q.pillars.map((p) => p.id));
  if (pillarIds.size !== q.pillars.length) fail("meta.yaml", "pillars", "mã trụ cột bị trùng");
  const levels = [...q.levels].sort((a, b) => a.level - b.level);
  levels.forEach((l, i) => {
    if (l.level !== i) fail("meta.yaml", `levels[${i}]`, "cần đủ các mức 0, 1, 2, 3, 4, 5");
    if (i === 0 && l.minScore !== 0) fail("meta.yaml", "levels[0].minScore", "mức 0 phải bắt đầu từ 0 điểm");
    if (i > 0 && l.minScore <= levels[i - 1]!.minScore) fail("meta.yaml", `levels[${i}].minScore`, "ngưỡng phải tăng dần theo mức");
  });
  if (!q.euBands.some((b) => b.maxScore === 100)) fail("meta.yaml", "euBands", "phải có một dải kết thúc ở 100 điểm");
  const seen = new Map<string, Question>();
  q.questions.forEach((question) => {
    const file = fileOf.get(question.id)!;
    const idx = q.questions.filter((x) => fileOf.get(x.id) === file).indexOf(question);
    const at = `questions[${idx}]`;
    if (seen.has(question.id)) fail(file, `${at}.id`, `mã câu hỏi "${question.id}" bị trùng`);
    if (!pillarIds.has(question.pillar)) fail(file, `${at}.pillar`, `không có trụ cột "${question.pillar}" trong meta.yaml`);
    const optionIds = new Set<string>();
    question.options.forEach((o, j) => {
      if (optionIds.has(o.id)) fail(file, `${at}.options[${j}].id`, `mã lựa chọn "${o.id}" bị trùng`);
      optionIds.add(o.id);
    });
    if (question.type === "single" && question.maxPoints !== undefined)
      fail(file, `${at}.maxPoints`, "chỉ dùng maxPoints cho câu chọn nhiều");
    checkOptions(question, (path, reason) => fail(file, `${at}${path}`, reason));
    if (question.scored === false) {
      // Context only (e.g. OCOP stars): nothing about it may look like a score.
      if (question.options.some((o) => o.points !== 0 || o.action || o.effort || o.notApplicable || o.dontKnow))
        fail(file, `${at}.options`, "câu không tính điểm (scored: false): mọi lựa chọn 0 điểm, không có action, effort, notApplicable, dontKnow");
      if (question.maxPoints !== undefined || question.digitalFirst || question.businessFunction)
        fail(file, at, "câu không tính điểm (scored: false) không dùng maxPoints, digitalFirst hay businessFunction");
      if (question.askIf) for (const ref of answerRefs(question.askIf)) if (!seen.has(ref.question)) fail(file, `${at}.askIf`, `câu "${ref.question}" phải đứng trước câu này`);
      seen.set(question.id, question);
      return;
    }
    if (Math.max(...question.options.map((o) => o.points)) <= 0)
      fail(file, `${at}.options`, "câu hỏi cần ít nhất một lựa chọn có điểm");
    if (!question.options.some((o) => o.points === 0 && !o.notApplicable))
      fail(file, `${at}.options`, "câu hỏi cần một lựa chọn 0 điểm (chưa làm / không biết)");
    if (question.type === "multi" && question.maxPoints !== undefined) {
      const reachable = question.options.filter((o) => !o.exclusive).reduce((sum, o) => sum + o.points, 0);
      if (reachable < question.maxPoints)
        fail(file, `${at}.maxPoints`, `tổng điểm các lựa chọn (${reachable}) nhỏ hơn maxPoints (${question.maxPoints})`);
    }
    if (question.type === "single" && question.options.some((o) => o.exclusive))
      fail(file, `${at}.options`, "exclusive chỉ dùng cho câu chọn nhiều");
    if (question.askIf) {
      if (hasNot(question.askIf)) fail(file, `${at}.askIf`, "không dùng 'not' trong askIf: câu hỏi tiếp theo chỉ mở khi trả lời tốt hơn");
      for (const ref of answerRefs(question.askIf)) {
        const target = seen.get(ref.question);
        if (!target) fail(file, `${at}.askIf`, `câu "${ref.question}" phải đứng trước câu này`);
        if (target!.scored === false)
          fail(file, `${at}.askIf`, `câu "${ref.question}" không tính điểm nên không được quyết định câu tính điểm này có được hỏi không`);
        for (const o of ref.anyOf)
          if (!target!.options.some((x) => x.id === o))
            fail(file, `${at}.askIf`, `câu "${ref.question}" không có lựa chọn "${o}"`);
        const leak = gateLeak(target!, ref.anyOf);
        if (leak)
          fail(
            file,
            `${at}.askIf`,
            `câu tiếp theo phải mở với mọi câu trả lời được điểm bằng hoặc cao hơn: trả lời "${leak}" ở câu "${target!.id}" được nhiều điểm hơn mà không mở câu này`,
          );
      }
    }
    seen.set(question.id, question);
  });
  // A pillar never drops out of the score for a whole business: each has a question of the common
  // set that every business answers and that cannot be "not applicable".
  const common = q.modules.find((m) => !m.sectors);
  for (const p of q.pillars) {
    const anchored = q.questions.some(
      (x) =>
        x.pillar === p.id &&
        common?.questionIds.includes(x.id) &&
        x.scored !== false &&
        !x.showIf &&
        !x.askIf &&
        !x.options.some((o) => o.notApplicable),
    );
    if (!anchored) fail("meta.yaml", "pillars", `trụ cột "${p.id}" cần ít nhất một câu ở phần chung hỏi mọi cơ sở, tính điểm và không có lựa chọn "không áp dụng"`);
  }
}

/** Rules on options a question's own content can break, whatever version. */
function checkOptions(question: Question, fail: (path: string, reason: string) => void): void {
  question.options.forEach((o, j) => {
    const at = `.options[${j}]`;
    // An option that stands alone means "none", "don't know" or "not applicable": it earns nothing.
    if (o.exclusive && o.points !== 0) fail(`${at}.points`, "lựa chọn exclusive (không chọn cùng lựa chọn khác) phải 0 điểm");
    if (o.dontKnow && o.points !== 0) fail(`${at}.points`, "lựa chọn “Tôi không biết” phải 0 điểm");
    if (o.notApplicable) {
      if (o.points !== 0) fail(`${at}.points`, "lựa chọn “không áp dụng” phải 0 điểm: nó đưa câu hỏi ra khỏi phần tính điểm");
      if (o.action || o.effort) fail(at, "lựa chọn “không áp dụng” không có action hay effort: không ai cần làm gì để đạt nó");
      if (o.dontKnow) fail(at, "một lựa chọn không thể vừa “không áp dụng” vừa “không biết”");
      if (question.type === "multi" && !o.exclusive) fail(`${at}.exclusive`, "trong câu chọn nhiều, lựa chọn “không áp dụng” phải exclusive");
    }
  });
  if (question.type === "multi" && question.options.every((o) => o.exclusive))
    fail(".options", "câu chọn nhiều cần ít nhất một lựa chọn chọn được cùng lựa chọn khác");
  if (question.digitalFirst) {
    if (question.type !== "multi") return fail(".digitalFirst", "digitalFirst chỉ dùng cho câu chọn nhiều");
    const digital = question.options.filter((o) => o.digital && !o.exclusive);
    if (!digital.length) return fail(".digitalFirst", "digitalFirst cần ít nhất một lựa chọn digital: true");
    const max = question.maxPoints ?? question.options.reduce((s, o) => s + o.points, 0);
    const digitalSum = digital.reduce((s, o) => s + o.points, 0);
    if (digitalSum < max) fail(".maxPoints", `các lựa chọn công cụ số chỉ đạt ${digitalSum} điểm, chưa tới maxPoints (${max})`);
    const offline = question.options.filter((o) => !o.digital && !o.exclusive).reduce((s, o) => s + o.points, 0);
    const least = Math.min(...digital.map((o) => o.points));
    if (offline > least)
      fail(".options", `cộng các lựa chọn không phải công cụ số (${offline} điểm) không được cao hơn lựa chọn công cụ số thấp nhất (${least} điểm)`);
  }
}

/** A questionnaire version as loaded, with which module each question file holds (for translations). */
function loadQuestionnaireVersion(dir: string): { questionnaire: Questionnaire; modules: Map<string, string> } {
  const shownDir = relative(process.cwd(), dir) || dir;
  const meta = readYaml(dir, "meta.yaml", questionnaireMetaSchema);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "meta.yaml")
    .sort((a, b) => (a === "common.yaml" ? -1 : b === "common.yaml" ? 1 : a.localeCompare(b)));
  if (!files.includes("common.yaml")) throw new ContentError(join(shownDir, "common.yaml"), "", "thiếu phần câu hỏi chung");
  const modules: Module[] = [];
  const moduleOfFile = new Map<string, string>();
  const questions: Question[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    const qf: QuestionFile = readYaml(dir, file, questionFileSchema);
    modules.push({ ...qf.module, questionIds: qf.questions.map((x) => x.id) });
    moduleOfFile.set(file, qf.module.id);
    for (const question of qf.questions) {
      if (!fileOf.has(question.id)) fileOf.set(question.id, file);
      questions.push(question);
    }
  }
  const body = { ...meta, modules, questions };
  crossCheck(shownDir, body, fileOf);
  return { questionnaire: { ...body, hash: questionnaireHash(body) }, modules: moduleOfFile };
}
const overlayFileSchema = z.record(z.string(), z.unknown(), { error: "expected keys with translated texts" });

function yamlFilesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return yamlFilesUnder(full, base);
      return name.endsWith(".yaml") ? [relative(base, full).split(sep).join("/")] : [];
    });
}

/**
 * Reads and checks every overlay under translations/<locale>/: each must mirror a Vietnamese file
 * and name only ids that file has. A problem stops start-up with the file, the key and the reason.
 * A text no overlay translates is allowed: it is shown in Vietnamese.
 */
export function loadTranslations(contentDir: string, content: Content, files: TranslatableFile[]): ContentTranslations {
  const root = join(contentDir, TRANSLATIONS_DIR);
  const shownRoot = relative(process.cwd(), root) || root;
  const out: ContentTranslations = { files, byLocale: {} };
  let entries: string[];
  try {
    entries = readdirSync(root).sort();
  } catch {
    return out;
  }
  for (const locale of entries) {
    if (!statSync(join(root, locale)).isDirectory()) continue;
    if (locale === "vi" || !(LOCALES as readonly string[]).includes(locale))
      throw new ContentError(join(shownRoot, locale), "", `not a language to translate into: use one of ${LOCALES.filter((l) => l !== "vi").join(", ")}`);
    const translated: TranslatedFile[] = [];
    for (const file of yamlFilesUnder(join(root, locale))) {
      const shown = join(shownRoot, locale, file);
      const source = files.find((f) => f.file === file);
      if (!source) throw new ContentError(shown, "", `no Vietnamese file ${file} to translate`);
      const overlay = readYaml(join(root, locale), file, overlayFileSchema);
      const problem = overlayProblem(viewOf(content, source.target), overlay);
      if (problem) throw new ContentError(shown, problem[0], problem[1]);
      translated.push({ file, target: source.target, overlay: overlay as Overlay });
    }
    out.byLocale[locale as Exclude<Locale, "vi">] = translated;
  }
  return out;
}


export function loadContent(dir: string): Content {
  const questionnaires: Questionnaire[] = [];
  const questionFiles: Parameters<typeof translatableFiles>[0] = [];
  for (const entry of readdirSync(dir).sort()) {
    const qdir = join(dir, entry);
    if (entry === TRANSLATIONS_DIR || !statSync(qdir).isDirectory()) continue;
    for (const version of readdirSync(qdir).sort()) {
      const vdir = join(qdir, version);
      if (!statSync(vdir).isDirectory()) continue;
      const loaded = loadQuestionnaireVersion(vdir);
      questionnaires.push(loaded.questionnaire);
      questionFiles.push({ dir: `${entry}/${version}`, ...loaded });
    }
  }
  // A version that a newer one "replaces" keeps its files (and content hash) untouched and takes no
  // new assessments.
  const shown = relative(process.cwd(), dir) || dir;
  const replaced = new Set(questionnaires.filter((q) => q.status === "in_force" && q.replaces).map((q) => `${q.id}@${q.replaces}`));
  for (const q of questionnaires)
    if (q.replaces && !questionnaires.some((x) => x.id === q.id && x.version === q.replaces))
      throw new ContentError(join(shown, q.id.replace(/_/g, "-"), q.version, "meta.yaml"), "replaces", `không có phiên bản ${q.replaces} để thay thế`);
  const inForce = questionnaires.filter((q) => q.status === "in_force" && !replaced.has(`${q.id}@${q.version}`));
  if (inForce.length !== 1)
    throw new ContentError(shown, "status", `cần đúng một phiên bản bộ câu hỏi "in_force" (không bị phiên bản mới hơn thay thế), đang có ${inForce.length}`);
  const communeFile = readYaml(dir, "communes.yaml", communeFileSchema);
  const ids = new Set<string>();
  const codes = new Set<string>();
  communeFile.units.forEach((u, i) => {
    if (ids.has(u.id)) throw new ContentError(join(shown, "communes.yaml"), `units[${i}].id`, `mã "${u.id}" bị trùng`);
    if (codes.has(u.code)) throw new ContentError(join(shown, "communes.yaml"), `units[${i}].code`, `mã số "${u.code}" bị trùng`);
    ids.add(u.id);
    codes.add(u.code);
  });
  const catalogue = readYaml(dir, "platforms.yaml", platformCatalogueSchema);
  const schemeFile = readYaml(dir, "support-schemes.yaml", supportSchemeFileSchema);
  const problems = crossCheckCatalogue(catalogue, schemeFile);
  if (problems.length) throw new ContentError(join(shown, "platforms.yaml"), "", problems[0]!);
  const platformById = new Map(catalogue.platforms.map((p) => [p.id, p]));
  const actions = readYaml(dir, "actions.yaml", actionFileSchema);
  checkActions(join(shown, "actions.yaml"), actions, questionnaires, platformById);
  const legalDuties = readYaml(dir, "legal-duties.yaml", legalDutyFileSchema);
  checkLegalDuties(join(shown, "legal-duties.yaml"), legalDuties, questionnaires);
  const indicators = readYaml(dir, "indicators.yaml", indicatorsSchema);
  const indicatorProblem = checkIndicators(indicators, [...new Set(questionnaires.flatMap((q) => q.pillars.map((p) => p.id)))]);
  if (indicatorProblem) throw new ContentError(join(shown, "indicators.yaml"), indicatorProblem[0], indicatorProblem[1]);
  const followUp = readYaml(dir, "follow-up.yaml", followUpSchema);
  const followUpProblem = checkFollowUp(followUp);
  if (followUpProblem) throw new ContentError(join(shown, "follow-up.yaml"), followUpProblem[0], followUpProblem[1]);
  const content: Content = {
    indicators,
    followUp,
    dir,
    platforms: catalogue.platforms,
    platformById,
    platformCatalogue: { version: catalogue.version, updatedOn: catalogue.updatedOn, note: catalogue.note },
    schemes: schemeFile.schemes,
    actions,
    legalDuties,
    questionnaires,
    current: inForce[0]!,
    province: communeFile.province,
    communes: communeFile.units,
    communeById: new Map(communeFile.units.map((u) => [u.id, u])),
    sizeThresholds: readYaml(dir, "size-classes.yaml", sizeThresholdsSchema),
    consent: readYaml(dir, "consent.yaml", consentFileSchema),
    contact: readYaml(dir, "contact.yaml", centreContactSchema),
  };
  return { ...content, translations: loadTranslations(dir, content, translatableFiles(questionFiles)) };
}

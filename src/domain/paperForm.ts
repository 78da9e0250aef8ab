// The paper form of one sector, made from the questionnaire definition itself: the questions a
// business of that sector may be asked, numbered in the order the screens ask them, each option
// with a short code to tick on paper and to type back in at the office. Pure: the same version and
// sector always give the same form, so a code typed months later still means the same option.
import {
  ACTIVITY_GROUPS,
  LEGAL_FORMS,
  SIZE_CLASSES,
  type AnswerCondition,
  type ProfileCondition,
  type Question,
  type Questionnaire,
  type Sector,
} from "./questionnaire.ts";
import type { AnswerValue } from "./scoring.ts";

export interface PaperOption {
  /** What is printed beside the tick box and typed back in: "1", "2"… */
  code: string;
  id: string;
  label: string;
  /** Ticked alone ("Không dùng gì"). */
  exclusive: boolean;
}

export interface PaperQuestion {
  /** 1-based across the whole form. */
  number: number;
  id: string;
  text: string;
  type: "single" | "multi";
  options: PaperOption[];
  /**
   * Who answers it, as far as the sector does not already decide it (legal form, size, activity):
   * null when every business of the sector does.
   */
  whoFor: ProfileCondition | null;
  /** A follow-up: answered only if earlier answers say so. */
  onlyIf: AnswerCondition | null;
}

export interface PaperSection {
  title: string;
  questions: PaperQuestion[];
}

export interface PaperForm {
  sector: Sector;
  version: string;
  /** The questionnaire version's content hash: the form is keyed by it. */
  questionnaireHash: string;
  title: string;
  sections: PaperSection[];
}

/** Option codes: one digit each while a question has at most nine options, so "134" reads as 1, 3, 4. */
export const optionCode = (index: number): string => String(index + 1);

/**
 * What a profile condition still says once the sector is known: true (every business of the
 * sector), false (none: the question is not on this sector's form), or the rest of the condition.
 * A "not" over a list becomes the complementary list, so the form says who answers, not who does not.
 */
export function profileConditionFor(cond: ProfileCondition, sector: Sector): boolean | ProfileCondition {
  if ("sector" in cond) return cond.sector.includes(sector);
  if ("legalForm" in cond || "sizeClass" in cond || "activityGroup" in cond) return cond;
  if ("not" in cond) {
    const inner = profileConditionFor(cond.not, sector);
    if (typeof inner === "boolean") return !inner;
    if ("legalForm" in inner) return { legalForm: LEGAL_FORMS.filter((x) => !inner.legalForm.includes(x)) };
    if ("sizeClass" in inner) return { sizeClass: SIZE_CLASSES.filter((x) => !inner.sizeClass.includes(x)) };
    if ("activityGroup" in inner) return { activityGroup: ACTIVITY_GROUPS.filter((x) => !inner.activityGroup.includes(x)) };
    return { not: inner };
  }
  const isAll = "all" in cond;
  const parts = (isAll ? cond.all : cond.any).map((c) => profileConditionFor(c, sector));
  // all: one false decides; any: one true decides.
  if (parts.includes(!isAll)) return !isAll;
  const rest = parts.filter((p): p is ProfileCondition => typeof p !== "boolean");
  if (rest.length === 0) return isAll;
  if (rest.length === 1) return rest[0]!;
  return isAll ? { all: rest } : { any: rest };
}

/** The form of a sector: the common part by pillar, then the sector's own module, as the screens ask them. */
export function paperFormOf(q: Questionnaire, sector: Sector): PaperForm {
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  const groups: { title: string; questions: { question: Question; whoFor: ProfileCondition | null }[] }[] = [];
  for (const mod of q.modules) {
    if (mod.sectors && !mod.sectors.includes(sector)) continue;
    const onForm = mod.questionIds.flatMap((id) => {
      const question = byId.get(id)!;
      const who = question.showIf ? profileConditionFor(question.showIf, sector) : true;
      return who === false ? [] : [{ question, whoFor: who === true ? null : who }];
    });
    if (!onForm.length) continue;
    if (mod.sectors) groups.push({ title: mod.name, questions: onForm });
    else
      for (const p of q.pillars) {
        const inPillar = onForm.filter((x) => x.question.pillar === p.id);
        if (inPillar.length) groups.push({ title: p.name, questions: inPillar });
      }
  }
  let number = 0;
  return {
    sector,
    version: q.version,
    questionnaireHash: q.hash,
    title: q.title,
    sections: groups.map((g) => ({
      title: g.title,
      questions: g.questions.map(({ question, whoFor }) => ({
        number: ++number,
        id: question.id,
        text: question.text,
        type: question.type,
        options: question.options.map((o, i) => ({ code: optionCode(i), id: o.id, label: o.label, exclusive: !!o.exclusive })),
        whoFor,
        onlyIf: question.askIf ?? null,
      })),
    })),
  };
}

export const paperQuestions = (form: PaperForm): PaperQuestion[] => form.sections.flatMap((s) => s.questions);

/** Why typed codes were refused; worded for people in views (paperEntry messages). */
export type TypedProblem =
  | { kind: "unknown_code"; codes: string[]; first: string; last: string }
  | { kind: "one_only" }
  | { kind: "alone"; code: string; label: string };

export type TypedAnswer = { ok: true; value: AnswerValue | null } | { ok: false; problem: TypedProblem };

/**
 * What was typed for one question, read back into option ids: "2" for a single choice; "134",
 * "1 3 4" or "1,3,4" for several. Empty: not answered. A refusal says what is wrong (unknown code,
 * several codes for a single choice, "none" ticked with something else).
 */
export function readTypedCodes(question: PaperQuestion, typed: string): TypedAnswer {
  const raw = typed.trim();
  if (raw === "") return { ok: true, value: null };
  const oneChar = question.options.every((o) => o.code.length === 1);
  const tokens = /[\s,;.+/-]/.test(raw) || !oneChar ? raw.split(/[\s,;.+/-]+/).filter(Boolean) : [...raw];
  const codes = [...new Set(tokens)];
  const unknown = codes.filter((c) => !question.options.some((o) => o.code === c));
  if (unknown.length)
    return { ok: false, problem: { kind: "unknown_code", codes: unknown.map((u) => u.slice(0, 8)), first: question.options[0]!.code, last: question.options[question.options.length - 1]!.code } };
  if (question.type === "single") {
    if (codes.length !== 1) return { ok: false, problem: { kind: "one_only" } };
    return { ok: true, value: question.options.find((o) => o.code === codes[0])!.id };
  }
  const picked = question.options.filter((o) => codes.includes(o.code));
  const alone = picked.find((o) => o.exclusive);
  if (alone && picked.length > 1) return { ok: false, problem: { kind: "alone", code: alone.code, label: alone.label } };
  return { ok: true, value: picked.map((o) => o.id) };
}

/** The codes to type for a stored answer (the way back, for a form shown again). */
export function codesOf(question: PaperQuestion, value: AnswerValue | undefined): string {
  const ids = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const codes = question.options.filter((o) => ids.includes(o.id)).map((o) => o.code);
  return codes.join(codes.every((c) => c.length === 1) ? "" : " ");
}

// Checks a set of answer changes against the questionnaire version of the assessment.
import type { Questionnaire } from "./questionnaire.ts";
import type { AnswerValue } from "./scoring.ts";

export type AnswerChanges = Record<string, AnswerValue | null>;

/** Returns the normalised changes, or the problems by question id (Vietnamese, for people and the API). */
export function checkAnswers(
  q: Questionnaire,
  changes: Record<string, unknown>,
): { ok: true; changes: AnswerChanges } | { ok: false; fields: Record<string, string> } {
  const each = checkEachAnswer(q, changes);
  return Object.keys(each.refused).length ? { ok: false, fields: each.refused } : { ok: true, changes: each.changes };
}

/**
 * Every answer checked on its own: the valid ones normalised, the refused ones with the reason.
 * A page of answers keeps the valid ones when one is refused; the API refuses the whole set.
 */
export function checkEachAnswer(q: Questionnaire, changes: Record<string, unknown>): { changes: AnswerChanges; refused: Record<string, string> } {
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  const fields: Record<string, string> = {};
  const out: AnswerChanges = {};
  for (const [questionId, raw] of Object.entries(changes)) {
    const question = byId.get(questionId);
    if (!question) {
      fields[questionId] = "không có câu hỏi này trong bộ câu hỏi";
      continue;
    }
    if (raw === null) {
      out[questionId] = null;
      continue;
    }
    const picked = typeof raw === "string" ? [raw] : Array.isArray(raw) && raw.every((x) => typeof x === "string") ? (raw as string[]) : null;
    if (!picked) {
      fields[questionId] = "câu trả lời phải là mã lựa chọn hoặc danh sách mã lựa chọn";
      continue;
    }
    const unique = [...new Set(picked)];
    const unknown = unique.filter((o) => !question.options.some((x) => x.id === o));
    if (unknown.length) {
      fields[questionId] = `không có lựa chọn ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(", ")}`;
      continue;
    }
    if (question.type === "single") {
      if (unique.length !== 1) {
        fields[questionId] = "câu này chỉ chọn một đáp án";
        continue;
      }
      out[questionId] = unique[0]!;
    } else {
      if (unique.length === 0) {
        out[questionId] = null;
        continue;
      }
      const exclusive = question.options.filter((o) => o.exclusive && unique.includes(o.id));
      if (exclusive.length && unique.length > 1) {
        fields[questionId] = `"${exclusive[0]!.label}" không chọn cùng các đáp án khác`;
        continue;
      }
      // Keep the questionnaire's order so equal answers are stored identically.
      out[questionId] = question.options.filter((o) => unique.includes(o.id)).map((o) => o.id);
    }
  }
  return { changes: out, refused: fields };
}

// A filled paper form keyed in at the office: the codes typed for each question read back into
// answers on the form's own version and sector, checked all at once (every problem named against
// its field), then recorded like any capture made away from the server (services/captured.ts):
// the same assessment, score and report, marked as entered from paper, with the date on the form.
import type { CaptureReceipt } from "../domain/captured.ts";
import { paperFormOf, paperQuestions, readTypedCodes, type TypedProblem } from "../domain/paperForm.ts";
import { consentsSchema, profileSchema } from "../domain/profile.ts";
import type { Questionnaire, Sector } from "../domain/questionnaire.ts";
import { applicableQuestions, type AnswerValue } from "../domain/scoring.ts";
import { sizeClass } from "../domain/sizeClass.ts";
import { fmt, vi } from "../../views/messages.ts";
import type { Actor } from "./advisor.ts";
import type { Result, Services } from "./assessments.ts";
import { recordCaptured } from "./captured.ts";

const t = vi.offline.paperEntry;

export interface PaperEntry {
  /** Made when the entry page was opened: saving the same page twice records it once. */
  clientId: string;
  questionnaire: Questionnaire;
  sector: Sector;
  /** The date written on the form (YYYY-MM-DD). */
  capturedOn: string;
  /** The owner's signature is on the form. */
  signed: boolean;
  /** As the profile form gives them (checked here by the profile rules). */
  profile: unknown;
  consents: unknown;
  /** What was typed for each question, by question id. */
  typed: Record<string, string>;
}

/** What is wrong with the codes typed for question `n`, in words the person at the keyboard can act on. */
export function typedProblemText(problem: TypedProblem, n: number): string {
  if (problem.kind === "unknown_code") return fmt(t.unknownCode, { codes: problem.codes.join(", "), n, first: problem.first, last: problem.last });
  if (problem.kind === "one_only") return fmt(t.oneOnly, { n });
  return fmt(t.alone, { code: problem.code, label: problem.label });
}

/** Field names of the entry page: `c.<question id>` for a question's codes. */
export const codeField = (questionId: string) => `c.${questionId}`;

const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }, prefix: string) => {
  const out: Record<string, string> = {};
  for (const i of e.issues) out[`${prefix}.${i.path.map(String).join(".")}`] ??= i.message;
  return out;
};

/** `today`: the date in Điện Biên (YYYY-MM-DD). */
export function enterPaperForm(s: Services, actor: Actor, entry: PaperEntry, today: string, now: Date = new Date()): Result<CaptureReceipt> {
  const q = entry.questionnaire;
  const fields: Record<string, string> = {};

  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.capturedOn) || Number.isNaN(Date.parse(entry.capturedOn))) fields.capturedOn = t.dateMissing;
  else if (entry.capturedOn > today) fields.capturedOn = t.dateFuture;
  else if (entry.capturedOn < q.publishedOn) fields.capturedOn = fmt(t.dateBefore, { version: q.version, date: q.publishedOn.split("-").reverse().join("/") });
  if (!entry.signed) fields.signed = t.notSigned;

  const p = profileSchema.safeParse(entry.profile);
  const k = consentsSchema.safeParse(entry.consents);
  if (!p.success) Object.assign(fields, issues(p.error, "profile"));
  if (!k.success) Object.assign(fields, issues(k.error, "consents"));
  if (p.success && p.data.sector !== entry.sector) fields["profile.sector"] = fmt(t.wrongSector, { sector: vi.sectors[entry.sector] });

  const answers: Record<string, AnswerValue> = {};
  const onForm = paperQuestions(paperFormOf(q, entry.sector));
  for (const pq of onForm) {
    const read = readTypedCodes(pq, entry.typed[pq.id] ?? "");
    if (!read.ok) fields[codeField(pq.id)] = typedProblemText(read.problem, pq.number);
    else if (read.value !== null) answers[pq.id] = read.value;
  }

  let kept = answers;
  if (p.success && !fields["profile.sector"]) {
    // The form lets an unsure advisor answer a question that turns out not to apply (the business's
    // size, a follow-up whose gate stayed shut): such answers are not kept, as the form says.
    const facts = { legalForm: p.data.legalForm, sizeClass: sizeClass(p.data, s.content.sizeThresholds).sizeClass, sector: p.data.sector, activityGroup: p.data.activityGroup };
    const asked = applicableQuestions(q, facts, answers).filter((x) => x.asked);
    kept = Object.fromEntries(asked.filter((x) => answers[x.question.id] !== undefined).map((x) => [x.question.id, answers[x.question.id]!]));
    for (const x of asked) if (kept[x.question.id] === undefined) fields[codeField(x.question.id)] ??= t.unanswered;
  }

  if (Object.keys(fields).length) return { ok: false, error: { status: 422, code: "invalid_paper_form", message: t.errorsHeading, fields } };

  const r = recordCaptured(
    s,
    actor,
    entry.clientId,
    {
      questionnaireHash: q.hash,
      policyVersion: s.content.consent.policyVersion,
      profile: entry.profile as Record<string, unknown>,
      consents: entry.consents as Record<string, unknown>,
      answers: kept,
      notes: {},
      capturedBy: actor.id,
      // The form carries a date, not a time: the start of that day in Điện Biên.
      capturedAt: `${entry.capturedOn}T00:00:00+07:00`,
    },
    "paper",
    now,
  );
  if (r.ok || !r.error.fields) return r;
  // The capture's own checks name answers as the API does; the page names them by field.
  const renamed = Object.fromEntries(Object.entries(r.error.fields).map(([k, v]) => [k.startsWith("answers.") ? codeField(k.slice(8)) : k, v]));
  return { ok: false, error: { ...r.error, fields: renamed } };
}

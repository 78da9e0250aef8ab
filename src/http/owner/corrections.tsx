// After submitting: the answers read back, a part corrected, or the assessment started again from
// a copy. Plain forms with 303 after POST; with htmx the correction form is swapped in place when
// refused and the page moves on with HX-Redirect when saved. Mounted by ownerPages.
import { Hono, type Context } from "hono";
import { answersOf } from "../../../db/assessments.ts";
import { askedInPart, partsOf, type Part } from "../../domain/parts.ts";
import { formatResumeCode } from "../../domain/resumeCode.ts";
import type { Answers, AnswerValue } from "../../domain/scoring.ts";
import { answerLabel, profileFacts, type Services } from "../../services/assessments.ts";
import { copiesOf, correctAnswers, restartFromCopy } from "../../services/corrections.ts";
import { fmt, intlLocale, msg } from "../../../views/messages.ts";
import { AnswersPage, CorrectPage, type AnsweredPart } from "../../../views/owner/answers.tsx";
import { MessagePage } from "../../../views/owner/pages.tsx";
import { formValues } from "../forms.ts";
import type { OwnerEnv } from "./common.tsx";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The parts of an assessment with the questions asked and the answers given, numbered as the questionnaire pages number them. */
export function answeredParts(s: Services, row: { questionnaireHash: string } & Parameters<typeof profileFacts>[0], answers: Answers): AnsweredPart[] {
  const q = s.questionnaireByHash(row.questionnaireHash);
  const facts = profileFacts(row);
  const textOf = new Map(q.questions.map((x) => [x.id, x.text]));
  let index = 0;
  return partsOf(q, facts).map((p) => ({
    number: p.number,
    title: p.title,
    items: askedInPart(q, facts, answers, p).map((id) => ({
      id,
      index: ++index,
      text: textOf.get(id)!,
      answer: answers[id] === undefined ? null : answerLabel(q, id, answers[id]),
    })),
  }));
}

export function correctionPages(s: Services) {
  const app = new Hono<OwnerEnv>();

  const partOf = (c: Context<OwnerEnv>): { part: Part; parts: Part[] } | null => {
    const row = c.get("assessment");
    const parts = partsOf(s.questionnaireByHash(row.questionnaireHash), profileFacts(row));
    const part = parts[Number(c.req.param("n")) - 1];
    return part ? { part, parts } : null;
  };
  const notFound = (c: Context<OwnerEnv>) => c.html(<MessagePage title={msg().errors.pageNotFound} message={msg().errors.pageNotFound} />, 404);

  const renderCorrect = (
    c: Context<OwnerEnv>,
    part: Part,
    parts: Part[],
    answers: Answers,
    extra: { refused?: Parameters<typeof CorrectPage>[0]["refused"]; error?: string; reason?: string; status?: 200 | 422 } = {},
  ) => {
    const row = c.get("assessment");
    const q = s.questionnaireByHash(row.questionnaireHash);
    const facts = profileFacts(row);
    const byId = new Map(q.questions.map((x) => [x.id, x]));
    // A question the owner's change opened in another part is asked here too, so one save settles it.
    const here = askedInPart(q, facts, answers, part);
    const shown = [...here, ...Object.keys(extra.refused ?? {}).filter((id) => !here.includes(id))];
    const before = parts.slice(0, part.number - 1).flatMap((p) => askedInPart(q, facts, answers, p)).length;
    return c.html(
      <CorrectPage
        code={c.get("code")}
        partNumber={part.number}
        title={part.title}
        questions={shown.map((id) => byId.get(id)!)}
        firstIndex={before + 1}
        answers={answers}
        refused={extra.refused}
        error={extra.error}
        reason={extra.reason}
        validatedBy={c.get("stamp").validatedBy}
      />,
      extra.status ?? 200,
    );
  };

  app.get("/a/:code/answers", (c) => {
    const row = c.get("assessment");
    if (row.status !== "submitted") return c.redirect(`/a/${c.get("code")}/review`, 303);
    const saved = c.req.query("saved");
    const notice =
      saved === undefined
        ? undefined
        : saved === "0"
          ? [msg().answers.nothingChanged]
          : [
              fmt(msg().answers.saved, { n: Number(saved) || 1, score: (row.overallScore ?? 0).toLocaleString(intlLocale()), level: row.nationalLevel ?? 0 }),
              ...(c.req.query("recheck") ? [msg().answers.savedRecheck] : []),
            ];
    return c.html(
      <AnswersPage code={c.get("code")} parts={answeredParts(s, row, answersOf(s.db, row.id))} notice={notice} recheckSince={row.recheckSince} copies={copiesOf(s.db, row.id)} />,
    );
  });

  app.get("/a/:code/correct/:n", (c) => {
    const row = c.get("assessment");
    // Before submitting, answers are changed on the questionnaire's own pages.
    if (row.status !== "submitted") return c.redirect(`/a/${c.get("code")}/p/${c.req.param("n")}`, 303);
    const found = partOf(c);
    if (!found) return notFound(c);
    return renderCorrect(c, found.part, found.parts, answersOf(s.db, row.id));
  });

  app.post("/a/:code/correct/:n", async (c) => {
    const row = c.get("assessment");
    const code = c.get("code");
    const isHtmx = c.req.header("HX-Request") === "true";
    const go = (to: string) => {
      if (isHtmx) {
        c.header("HX-Redirect", to);
        return c.body(null, 204);
      }
      return c.redirect(to, 303);
    };
    if (row.status !== "submitted") return go(`/a/${code}/p/${c.req.param("n")}`);
    const found = partOf(c);
    if (!found) return notFound(c);
    const form = await formValues(c);
    const q = s.questionnaireByHash(row.questionnaireHash);
    const byId = new Map(q.questions.map((x) => [x.id, x]));
    // Every question the page showed is set as sent (an unticked checkbox sends nothing); unknown
    // ids reach the shared check, which refuses them.
    const shown = (one(form.shown) ?? "").split(",").filter(Boolean).slice(0, 200);
    const changes: Record<string, AnswerValue | null> = {};
    for (const id of shown) {
      const v = form[`q.${id}`];
      const question = byId.get(id);
      if (question?.type === "single") {
        const picked = one(v);
        if (picked !== undefined) changes[id] = picked;
      } else {
        const many = v === undefined ? [] : Array.isArray(v) ? v : [v];
        changes[id] = many.length ? many : null;
      }
    }
    const reason = (one(form.reason) ?? "").slice(0, 2000);
    const r = correctAnswers(s, row, changes, reason);
    if (r.ok) return go(`/a/${code}/answers?saved=${r.value.changed}${r.value.validationWithdrawn ? "&recheck=1" : ""}`);
    const e = r.error;
    if (e.code === "not_submitted") return go(`/a/${code}/p/${found.part.number}`);
    // Shown again as the owner left it, unsaved: the questions their change opened marked, or the refused answers with the reason.
    const stored = answersOf(s.db, row.id);
    const wouldBe = e.wouldBe ?? { ...stored, ...Object.fromEntries(Object.entries(changes).filter((x): x is [string, AnswerValue] => x[1] !== null)) };
    const refused = Object.fromEntries(
      Object.entries(e.fields ?? {})
        .filter(([id]) => byId.has(id))
        .map(([id, why]) => [id, { value: e.code === "incomplete" ? null : (changes[id] ?? null), message: e.code === "incomplete" ? msg().answers.opened : why }]),
    );
    return renderCorrect(c, found.part, found.parts, wouldBe, { refused, error: e.message, reason, status: 422 });
  });

  app.post("/a/:code/restart", (c) => {
    const row = c.get("assessment");
    const code = c.get("code");
    const r = restartFromCopy(s, row);
    const to = r.ok ? `/a/${formatResumeCode(r.value.code)}/code?copy=1` : `/a/${code}`;
    if (c.req.header("HX-Request") === "true") {
      c.header("HX-Redirect", to);
      return c.body(null, 204);
    }
    return c.redirect(to, 303);
  });

  return app;
}

// Answering, part by part: where a code leads, the page that shows the code, and the part pages
// (kept pages when nothing changed; htmx saves each change and redraws the list).
import type { Context, Hono } from "hono";
import QRCode from "qrcode";
import { answersOf } from "../../../db/assessments.ts";
import { askedInPart, firstUnansweredPart, partsOf, unansweredIn, type Part } from "../../domain/parts.ts";
import type { Question } from "../../domain/questionnaire.ts";
import { selectedOptions, type AnswerValue } from "../../domain/scoring.ts";
import { profileFacts, saveEachAnswer, type Services } from "../../services/assessments.ts";
import { msg } from "../../../views/messages.ts";
import { CodePage, PartPage, QuestionList, type Refused } from "../../../views/owner/pages.tsx";
import { refusedAnswers } from "../../../views/question.tsx";
import { formValues, single, type Form } from "../forms.ts";
import type { PageMemo } from "../pageMemo.ts";
import { partNotFound, type OwnerEnv } from "./common.tsx";

const timeFmt = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

/** A part page, kept (pageMemo.ts) unless it shows this request's error or refused answers. */
function renderPart(
  s: Services,
  pages: PageMemo,
  c: Context<OwnerEnv>,
  part: Part,
  parts: Part[],
  extra: { notice?: string; error?: string; status?: 200 | 422; refused?: Refused } = {},
) {
  const row = c.get("assessment");
  const q = s.questionnaireByHash(row.questionnaireHash);
  const facts = profileFacts(row);
  const page = () => {
    const answers = answersOf(s.db, row.id);
    const byId = new Map(q.questions.map((x) => [x.id, x]));
    const shownIds = askedInPart(q, facts, answers, part);
    const allAsked = parts.flatMap((p) => askedInPart(q, facts, answers, p));
    const firstIndex = allAsked.indexOf(shownIds[0] ?? "") + 1;
    return (
      <PartPage
        code={c.get("code")}
        partNumber={part.number}
        partCount={parts.length}
        title={part.title}
        questions={shownIds.map((id) => byId.get(id)!)}
        firstIndex={Math.max(1, firstIndex)}
        answers={answers}
        answered={allAsked.filter((id) => answers[id] !== undefined).length}
        total={allAsked.length}
        notice={extra.notice}
        error={extra.error}
        refused={extra.refused}
      />
    );
  };
  if (extra.error || extra.status || extra.refused) return c.html(page(), extra.status ?? 200);
  // Everything the page shows is in the key (parts follow from the profile facts).
  return pages.html(c, () => page().toString());
}

/** The answers a part page sends, as changes to save; a question left as the page showed it is not among them. */
function changesFromForm(form: Form, shown: string[], byId: Map<string, Question>) {
  const changes: Record<string, AnswerValue | null> = {};
  for (const id of shown) {
    const question = byId.get(id);
    const v = form[`q.${id}`];
    if (!question) {
      changes[id] = typeof v === "string" ? v : null; // unknown id: let the shared check reject it
    } else if (question.type === "single") {
      const one = single(v);
      if (one !== undefined) changes[id] = one;
    } else {
      // An unticked checkbox sends nothing: every shown multiple-choice question is set as sent.
      const many = v === undefined ? [] : Array.isArray(v) ? v : [v];
      changes[id] = many.length ? many : null;
    }
    // A question left as this page showed it is not saved: another tab or device may have
    // answered it since, and an old page must not undo that.
    const was = single(form[`was.${id}`]);
    if (question && was !== undefined && was === [...selectedOptions(changes[id] ?? undefined)].sort().join(",")) delete changes[id];
  }
  return changes;
}

export function registerAnswering(app: Hono<OwnerEnv>, s: Services, deps: { publicUrl: string; pages: PageMemo }) {
  const { publicUrl, pages } = deps;

  app.get("/a/:code", (c) => {
    const row = c.get("assessment");
    const code = c.get("code");
    if (row.status === "submitted") return c.redirect(`/a/${code}/result`, 303);
    const q = s.questionnaireByHash(row.questionnaireHash);
    const part = firstUnansweredPart(q, profileFacts(row), answersOf(s.db, row.id));
    return c.redirect(part ? `/a/${code}/p/${part.number}` : `/a/${code}/review`, 303);
  });

  app.get("/a/:code/code", async (c) => {
    const code = c.get("code");
    const url = `${publicUrl}/a/${code}`;
    const qrSvg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    const started = Object.keys(answersOf(s.db, c.get("assessment").id)).length > 0;
    return c.html(<CodePage code={code} url={url} qrSvg={qrSvg} started={started} copy={c.req.query("copy") !== undefined && c.get("assessment").restartedFromId !== null} />);
  });

  app.get("/a/:code/p/:n", (c) => {
    const row = c.get("assessment");
    if (row.status === "submitted") return c.redirect(`/a/${c.get("code")}/result`, 303);
    const parts = partsOf(s.questionnaireByHash(row.questionnaireHash), profileFacts(row));
    const part = parts[Number(c.req.param("n")) - 1];
    if (!part) return partNotFound(c);
    return renderPart(s, pages, c, part, parts, { notice: c.req.query("more") ? msg().part.followUpsOpened : undefined });
  });

  app.post("/a/:code/p/:n", async (c) => {
    const row = c.get("assessment");
    const code = c.get("code");
    if (row.status === "submitted") {
      // Submitted meanwhile (another tab or device): an autosave takes the whole page to the result.
      if (c.req.header("HX-Request") === "true") {
        c.header("HX-Redirect", `/a/${code}/result`);
        return c.body(null, 204);
      }
      return c.redirect(`/a/${code}/result`, 303);
    }
    const q = s.questionnaireByHash(row.questionnaireHash);
    const facts = profileFacts(row);
    const parts = partsOf(q, facts);
    const part = parts[Number(c.req.param("n")) - 1];
    if (!part) return partNotFound(c);

    const form = await formValues(c);
    const shown = (single(form.shown) ?? "").split(",").filter(Boolean).slice(0, 200);
    const byId = new Map(q.questions.map((x) => [x.id, x]));
    const changes = changesFromForm(form, shown, byId);
    const r = await saveEachAnswer(s, row, changes);
    const isHtmx = c.req.header("HX-Request") === "true";
    if (!r.ok) {
      // Submitted between reading the row and saving (another tab): the result, as above.
      if (isHtmx) {
        c.header("HX-Redirect", `/a/${code}/result`);
        return c.body(null, 204);
      }
      return c.redirect(`/a/${code}/result`, 303);
    }
    // The other answers are saved; a refused one is shown as ticked, with the reason, unsaved.
    const refused = refusedAnswers(r.value.refused, changes);
    const unknown = Object.keys(refused).filter((id) => !byId.has(id));
    const anyRefused = Object.keys(refused).length > 0;
    // 200 when something was kept: a 4xx means nothing was stored, everywhere in the service.
    const refusedOnly = anyRefused && r.value.saved === 0;

    const answers = answersOf(s.db, row.id);
    if (isHtmx) {
      const shownNow = askedInPart(q, facts, answers, part);
      const allAsked = parts.flatMap((p) => askedInPart(q, facts, answers, p));
      return c.html(
        <QuestionList
          questions={shownNow.map((id) => byId.get(id)!)}
          answers={answers}
          firstIndex={Math.max(1, allAsked.indexOf(shownNow[0] ?? "") + 1)}
          savedAt={timeFmt.format(new Date())}
          refused={anyRefused ? refused : undefined}
          progress={{
            partNumber: part.number,
            partCount: parts.length,
            answered: allAsked.filter((id) => answers[id] !== undefined).length,
            total: allAsked.length,
          }}
        />,
        refusedOnly ? 422 : 200,
      );
    }
    if (anyRefused) return renderPart(s, pages, c, part, parts, { refused, error: unknown.length ? msg().part.invalid : undefined, status: refusedOnly ? 422 : 200 });
    // Follow-ups opened by these answers are asked on the same part before moving on.
    const opened = unansweredIn(q, facts, answers, part).filter((id) => !shown.includes(id));
    if (opened.length) return c.redirect(`/a/${code}/p/${part.number}?more=1#q-${opened[0]}`, 303);
    const next = parts[part.number];
    return c.redirect(next ? `/a/${code}/p/${next.number}` : `/a/${code}/review`, 303);
  });
}

// Owner pages. Plain HTML forms with 303 after POST; htmx autosaves on change when present.
// Every rule comes from the same services as the JSON API.
import { Hono, type Context } from "hono";
import QRCode from "qrcode";
import { answersOf, findAssessmentById, type AssessmentStamp } from "../../../db/assessments.ts";
import { consentsSchema, profileSchema } from "../../domain/profile.ts";
import { askedInPart, firstUnansweredPart, partsOf, unansweredIn, type Part } from "../../domain/parts.ts";
import { formatResumeCode } from "../../domain/resumeCode.ts";
import { selectedOptions, type AnswerValue } from "../../domain/scoring.ts";
import {
  findByCode,
  findStampByCode,
  liftAndDrags,
  profileFacts,
  saveEachAnswer,
  startAssessment,
  submit,
  type Services,
} from "../../services/assessments.ts";
import { PageMemo } from "../pageMemo.ts";
import type { AssessmentRow } from "../../../db/assessments.ts";
import { fmt, vi } from "../../../views/messages.ts";
import { CodePage, Landing, MessagePage, PartPage, QuestionList, ResultPage, ReviewPage, type FormValues, type Refused } from "../../../views/owner/pages.tsx";
import type { AppEnv } from "../env.ts";
import { formValues, prefix, profileFromForm } from "../forms.ts";
import { refusedAnswers } from "../../../views/question.tsx";
import { planPages } from "./plan.tsx";
import { dataPages } from "./data.tsx";
import { fieldsOf, resumeCodeProblem } from "../errors.ts";
import { answeredParts, correctionPages } from "./corrections.tsx";
import { copiesOf } from "../../services/corrections.ts";
import { rateLimited, recordMiss, rememberOpened } from "../rateLimit.ts";
import { peerBenchmark } from "../../services/peers.ts";

export type OwnerEnv = AppEnv & { Variables: { assessment: AssessmentRow; code: string; stamp: AssessmentStamp } };

const timeFmt = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function ownerPages(s: Services, opts: { publicUrl: string; secureCookies: boolean }) {
  const { publicUrl } = opts;
  const app = new Hono<OwnerEnv>();
  const content = s.content;
  const pages = new PageMemo();
  const landing = (c: Context, status: 200 | 400 | 404 | 422 | 429, props: Partial<Parameters<typeof Landing>[0]> = {}) =>
    c.html(
      <Landing minutes={content.current.estimatedMinutes} communes={content.communes} consent={content.consent} {...props} />,
      status,
    );

  app.get("/", (c) => landing(c, 200));

  app.post("/assessments", rateLimited("create"), async (c) => {
    const form = await formValues(c);
    const values: FormValues = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, single(v)]));
    const input = profileFromForm(values);
    const p = profileSchema.safeParse(input.profile);
    const k = consentsSchema.safeParse(input.consents);
    const errors = {
      ...(p.success ? {} : prefix(fieldsOf(p.error), "profile")),
      ...(k.success ? {} : prefix(fieldsOf(k.error), "consents")),
    };
    if (!p.success || !k.success) return landing(c, 422, { values, errors });
    const r = startAssessment(s, p.data, k.data);
    if (!r.ok) return landing(c, 422, { values, errors: r.error.fields ?? { _: r.error.message } });
    return c.redirect(`/a/${formatResumeCode(r.value.code)}/code`, 303);
  });

  app.post("/resume", rateLimited("lookup"), async (c) => {
    const typed = single((await formValues(c)).code) ?? "";
    const r = findByCode(s, typed);
    if (!r.ok) {
      recordMiss(c);
      return landing(c, r.error.status === 400 ? 400 : 404, { resumeError: resumeCodeProblem(r.error), resumeValue: typed.slice(0, 40) });
    }
    return c.redirect(`/a/${formatResumeCode(r.value.code)}`, 303);
  });

  // Everything under /a/:code needs the assessment; unknown codes count against the address.
  // Kept pages (pageMemo.ts) are answered between finding the assessment and reading its row:
  // these registrations run in this order.
  app.use("/a/:code/*", rateLimited("lookup"), findAssessment(s, opts.secureCookies));
  app.use("/a/:code", rateLimited("lookup"), findAssessment(s, opts.secureCookies));
  // The part page shows the profile (its parts) and the answers: both move the revision.
  app.get("/a/:code/p/:n", pages.answer<OwnerEnv>((c) => `part|${c.get("stamp").id}|${c.get("stamp").revision}|${c.req.param("n")}|${c.req.query("more") ? 1 : 0}`));
  // The result also shows the peers (their group's version; the business's own place in the group
  // moves it too) and the validating advisor's name.
  app.get("/a/:code/result", pages.answer<OwnerEnv>((c) => {
    const { id, revision, peerVersion, validatedBy } = c.get("stamp");
    return `result|${id}|${revision}|${peerVersion}|${validatedBy ?? ""}`;
  }));
  app.use("/a/:code/*", readAssessment(s));
  app.use("/a/:code", readAssessment(s));

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

  const renderPart = (c: Context<OwnerEnv>, part: Part, parts: Part[], extra: { notice?: string; error?: string; status?: 200 | 422; refused?: Refused } = {}) => {
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
  };

  app.get("/a/:code/p/:n", (c) => {
    const row = c.get("assessment");
    if (row.status === "submitted") return c.redirect(`/a/${c.get("code")}/result`, 303);
    const parts = partsOf(s.questionnaireByHash(row.questionnaireHash), profileFacts(row));
    const part = parts[Number(c.req.param("n")) - 1];
    if (!part) return c.html(<MessagePage title={vi.errors.pageNotFound} message={vi.errors.pageNotFound} />, 404);
    return renderPart(c, part, parts, { notice: c.req.query("more") ? vi.part.followUpsOpened : undefined });
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
    if (!part) return c.html(<MessagePage title={vi.errors.pageNotFound} message={vi.errors.pageNotFound} />, 404);

    const form = await formValues(c);
    const shown = (single(form.shown) ?? "").split(",").filter(Boolean).slice(0, 200);
    const byId = new Map(q.questions.map((x) => [x.id, x]));
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
    if (anyRefused) return renderPart(c, part, parts, { refused, error: unknown.length ? vi.part.invalid : undefined, status: refusedOnly ? 422 : 200 });
    // Follow-ups opened by these answers are asked on the same part before moving on.
    const opened = unansweredIn(q, facts, answers, part).filter((id) => !shown.includes(id));
    if (opened.length) return c.redirect(`/a/${code}/p/${part.number}?more=1#q-${opened[0]}`, 303);
    const next = parts[part.number];
    return c.redirect(next ? `/a/${code}/p/${next.number}` : `/a/${code}/review`, 303);
  });

  const reviewMissing = (row: AssessmentRow) => {
    const q = s.questionnaireByHash(row.questionnaireHash);
    const facts = profileFacts(row);
    const answers = answersOf(s.db, row.id);
    const textOf = new Map(q.questions.map((x) => [x.id, x.text]));
    return partsOf(q, facts).flatMap((p) => unansweredIn(q, facts, answers, p).map((id) => ({ id, text: textOf.get(id)!, part: p.number })));
  };

  app.get("/a/:code/review", (c) => {
    const row = c.get("assessment");
    if (row.status === "submitted") return c.redirect(`/a/${c.get("code")}/result`, 303);
    return c.html(<ReviewPage code={c.get("code")} missing={reviewMissing(row)} parts={answeredParts(s, row, answersOf(s.db, row.id))} />);
  });

  app.post("/a/:code/submit", (c) => {
    const row = c.get("assessment");
    const code = c.get("code");
    const r = submit(s, row);
    if (!r.ok && r.error.code === "incomplete")
      return c.html(<ReviewPage code={code} missing={reviewMissing(row)} parts={answeredParts(s, row, answersOf(s.db, row.id))} error={vi.review.incomplete} />, 422);
    // Submitting twice lands on the same result.
    return c.redirect(`/a/${code}/result`, 303);
  });

  app.get("/a/:code/result", (c) => {
    const row = c.get("assessment");
    const code = c.get("code");
    if (row.status !== "submitted") return c.redirect(`/a/${code}/review`, 303);
    const q = s.questionnaireByHash(row.questionnaireHash);
    return pages.html(c, () => {
      const r = liftAndDrags(s, row);
      return (
        <ResultPage
          code={code}
          r={r}
          pillarShortNames={q.pillars.map((p) => p.shortName)}
          peers={peerBenchmark(s, row)}
          recheckSince={row.recheckSince}
          copiedOn={copiesOf(s.db, row.id)[0]?.createdAt ?? null}
        />
      ).toString();
    });
  });

  app.route("/", planPages(s));
  app.route("/", dataPages(s));
  app.route("/", correctionPages(s));
  return app;
}


/** Finds the assessment of /a/:code by its stamp (404 page and a counted miss when the code finds nothing). */
function findAssessment(s: Services, secureCookies: boolean) {
  return async (c: Context<OwnerEnv>, next: () => Promise<void>) => {
    const r = findStampByCode(s, c.req.param("code") ?? "");
    if (!r.ok) {
      recordMiss(c);
      const message = r.error.code === "invalid_code" ? vi.errors.badCode : vi.errors.notFound;
      return c.html(<MessagePage title={vi.errors.pageNotFound} message={message} />, 404);
    }
    c.set("stamp", r.value.stamp);
    c.set("code", formatResumeCode(r.value.code));
    rememberOpened(c, r.value.code, secureCookies);
    // One business's data: never kept on a shared phone, nor shown again by Back after erasure.
    // Set before the handler: set after, Hono would rebuild the finished response from its stream.
    c.header("Cache-Control", "no-store");
    await next();
  };
}

/** Reads the row of the assessment found (after the kept pages, which do not need it). */
function readAssessment(s: Services) {
  return async (c: Context<OwnerEnv>, next: () => Promise<void>) => {
    const row = findAssessmentById(s.db, c.get("stamp").id);
    if (!row) return c.html(<MessagePage title={vi.errors.pageNotFound} message={vi.errors.notFound} />, 404); // erased meanwhile
    c.set("assessment", row);
    await next();
  };
}

/** Finds and reads the assessment of /a/:code, for routes mounted on their own. */
export function loadAssessment(s: Services, secureCookies = false) {
  const find = findAssessment(s, secureCookies);
  const read = readAssessment(s);
  return (c: Context<OwnerEnv>, next: () => Promise<void>) => find(c, () => read(c, next) as Promise<void>);
}

export { fmt };

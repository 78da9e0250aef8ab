// The end of a self-assessment: what is still missing, the submission, and the result.
import type { Hono } from "hono";
import { answersOf, type AssessmentRow } from "../../../db/assessments.ts";
import { partsOf, unansweredIn } from "../../domain/parts.ts";
import { liftAndDrags, profileFacts, submit, type Services } from "../../services/assessments.ts";
import { copiesOf } from "../../services/corrections.ts";
import { peerBenchmark } from "../../services/peers.ts";
import { msg } from "../../../views/messages.ts";
import { ResultPage, ReviewPage } from "../../../views/owner/pages.tsx";
import type { PageMemo } from "../pageMemo.ts";
import type { OwnerEnv } from "./common.tsx";
import { answeredParts } from "./corrections.tsx";

export function registerResult(app: Hono<OwnerEnv>, s: Services, deps: { pages: PageMemo }) {
  const { pages } = deps;

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
      return c.html(<ReviewPage code={code} missing={reviewMissing(row)} parts={answeredParts(s, row, answersOf(s.db, row.id))} error={msg().review.incomplete} />, 422);
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
}

// An assessment answered and submitted through the API, as an owner's phone would.
import { expect } from "vitest";
import type { Questionnaire } from "../../src/domain/questionnaire.ts";
import { answerAll, type Picker } from "../answering.ts";
import { consents, json, type TestApp } from "../helpers.ts";

/** Creates, answers and (unless told otherwise) submits an assessment through the API. */
export async function assessed(app: TestApp, p: Record<string, unknown>, pick: Picker, submit = true) {
  const res = await app.app.request("/api/v1/assessments", json({ profile: p, consents }));
  expect(res.status).toBe(201);
  const { code, sizeClass } = (await res.json()) as { code: string; sizeClass: string };
  const q: Questionnaire = app.content.current;
  const answers = answerAll(q, { legalForm: p.legalForm, sizeClass, sector: p.sector, activityGroup: p.activityGroup } as never, pick);
  expect((await app.app.request(`/api/v1/assessments/${code}/answers`, json({ answers }, "PUT"))).status).toBe(200);
  if (submit) expect((await app.app.request(`/api/v1/assessments/${code}/submit`, { method: "POST" })).status).toBe(200);
  const view = (await (await app.app.request(`/api/v1/assessments/${code}`)).json()) as { scores?: { nationalLevel: number } };
  return { code, level: view.scores?.nationalLevel ?? null };
}


// An assessment always re-renders and re-scores with the version it was taken on.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { score } from "../../src/domain/scoring.ts";
import { answerAll, pickMixed } from "../answering.ts";
import { consents, copyContent, json, makeTestApp, profile, tempDir } from "../helpers.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

it("changing the content leaves old assessments' questionnaire and scores as they were", async () => {
  const contentCopy = copyContent();
  const dbDir = tempDir();
  cleanups.push(contentCopy.cleanup, dbDir.cleanup);
  const dbPath = join(dbDir.dir, "shared.sqlite");

  // 1. Take an assessment on the content as it is.
  const before = makeTestApp({ contentDir: contentCopy.dir, dbPath });
  const created = (await (await before.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as any;
  const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
  const answers = answerAll(before.content.current, facts, pickMixed);
  await before.app.request(`/api/v1/assessments/${created.code}/answers`, json({ answers }, "PUT"));
  expect((await before.app.request(`/api/v1/assessments/${created.code}/submit`, { method: "POST" })).status).toBe(200);
  const oldView = (await (await before.app.request(`/api/v1/assessments/${created.code}`)).json()) as any;
  const oldQuestionnaire = (await (await before.app.request("/api/v1/questionnaires/current")).json()) as any;
  before.db.$client.close();

  // 2. The department edits the version in place: heavier strategy pillar, a reworded question.
  const meta = join(contentCopy.dir, "dx-readiness", "1.0", "meta.yaml");
  writeFileSync(meta, readFileSync(meta, "utf8").replace(/(id: strategy[\s\S]*?weight: )1\b/, "$15"));
  const common = join(contentCopy.dir, "dx-readiness", "1.0", "common.yaml");
  writeFileSync(common, readFileSync(common, "utf8").replace(/points: 1\b/g, "points: 2"));
  const changed = loadContent(contentCopy.dir);
  expect(changed.current.hash).not.toBe(oldQuestionnaire.hash);
  // The change matters: the same answers score differently on the new content.
  expect(score(changed.current, facts, answers).overall).not.toBe(oldView.scores.overall);

  // 3. The service restarts on the changed content, same database.
  const after = makeTestApp({ contentDir: contentCopy.dir, dbPath });
  cleanups.push(() => after.db.$client.close());
  const reread = (await (await after.app.request(`/api/v1/assessments/${created.code}`)).json()) as any;
  expect(reread.questionnaire).toEqual(oldView.questionnaire);
  expect(reread.scores).toEqual(oldView.scores);
  const result = (await (await after.app.request(`/api/v1/assessments/${created.code}/result`)).json()) as any;
  expect(result.scores).toEqual(oldView.scores);

  // New assessments are taken on the new version.
  const fresh = (await (await after.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as any;
  const freshView = (await (await after.app.request(`/api/v1/assessments/${fresh.code}`)).json()) as any;
  expect(freshView.questionnaire.hash).toBe(changed.current.hash);
});

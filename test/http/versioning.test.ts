// An assessment always re-renders and re-scores with the version it was taken on.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { score } from "../../src/domain/scoring.ts";
import { answerAll, pickMixed } from "../answering.ts";
import { CONTENT_DIR, consents, copyContent, json, makeTestApp, profile, tempDir } from "../helpers.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

it("publishing 1.1 leaves 1.0 assessments on 1.0, scored as before, and takes new assessments on 1.1", async () => {
  const contentCopy = copyContent();
  const dbDir = tempDir();
  cleanups.push(contentCopy.cleanup, dbDir.cleanup);
  const dbPath = join(dbDir.dir, "shared.sqlite");
  const v11Dir = join(contentCopy.dir, "dx-readiness", "1.1");

  // 1. Before 1.1 is published: it is a draft (takes no assessments) and 1.0 is in force.
  const draft = readFileSync(join(v11Dir, "meta.yaml"), "utf8").replace(/^status: in_force$/m, "status: draft");
  writeFileSync(join(v11Dir, "meta.yaml"), draft);
  const before = makeTestApp({ contentDir: contentCopy.dir, dbPath });
  expect(before.content.current.version).toBe("1.0");
  const created = (await (await before.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as any;
  const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
  const answers = answerAll(before.content.current, facts, pickMixed);
  await before.app.request(`/api/v1/assessments/${created.code}/answers`, json({ answers }, "PUT"));
  expect((await before.app.request(`/api/v1/assessments/${created.code}/submit`, { method: "POST" })).status).toBe(200);
  const oldView = (await (await before.app.request(`/api/v1/assessments/${created.code}`)).json()) as any;
  const oldResult = (await (await before.app.request(`/api/v1/assessments/${created.code}/result`)).json()) as any;
  const v10Hash = before.content.current.hash;
  before.db.$client.close();

  // 2. 1.1 is published (as shipped), the service restarts on the same database.
  rmSync(v11Dir, { recursive: true });
  cpSync(join(CONTENT_DIR, "dx-readiness", "1.1"), v11Dir, { recursive: true });
  const after = makeTestApp({ contentDir: contentCopy.dir, dbPath });
  cleanups.push(() => after.db.$client.close());
  expect(after.content.current.version).toBe("1.1");
  // 1.0 is still on disk, byte for byte, so its hash is the one the old assessment carries.
  expect(after.content.questionnaires.find((q) => q.version === "1.0")!.hash).toBe(v10Hash);
  const reread = (await (await after.app.request(`/api/v1/assessments/${created.code}`)).json()) as any;
  expect(reread.questionnaire).toEqual(oldView.questionnaire);
  expect(reread.questionnaire.version).toBe("1.0");
  expect(reread.scores).toEqual(oldView.scores);
  const result = (await (await after.app.request(`/api/v1/assessments/${created.code}/result`)).json()) as any;
  expect(result.scores).toEqual(oldResult.scores);
  expect(result.level).toEqual(oldResult.level);
  expect(result.pillars).toEqual(oldResult.pillars);
  // The change matters: the same 1.0 answers mean something else on 1.1 (questions split, renamed).
  expect(score(after.content.current, facts, answers).overall).not.toBe(oldView.scores.overall);

  // New assessments are taken on 1.1.
  const fresh = (await (await after.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as any;
  const freshView = (await (await after.app.request(`/api/v1/assessments/${fresh.code}`)).json()) as any;
  expect(freshView.questionnaire.version).toBe("1.1");
  expect(freshView.questionnaire.hash).toBe(after.content.current.hash);
  // A 1.0 answer id is refused on a 1.1 assessment.
  const wrong = await after.app.request(`/api/v1/assessments/${fresh.code}/answers`, json({ answers: { sec_accounts: "pw_2fa" } }, "PUT"));
  expect(wrong.status).toBe(422);
  // Both say what the score is (the province's, not the national index) and band the EU way of their version.
  expect(result.framing.statement).toMatch(/Quyết định 2158\/QĐ-BTTTT[\s\S]*không phải/);
  expect(result.framing.weightsSource).toMatch(/tỉnh chọn/);
  expect(result.euBand).toMatchObject({ basis: "overall", score: oldView.scores.overall, reference: true });
  await after.app.request(`/api/v1/assessments/${fresh.code}/answers`, json({ answers: answerAll(after.content.current, facts, pickMixed) }, "PUT"));
  expect((await after.app.request(`/api/v1/assessments/${fresh.code}/submit`, { method: "POST" })).status).toBe(200);
  const freshResult = (await (await after.app.request(`/api/v1/assessments/${fresh.code}/result`)).json()) as any;
  expect(freshResult.euBand).toMatchObject({ basis: "pillar_mean", reference: true });
  expect(freshResult.level.gloss).toEqual(expect.any(String));
  const page = await (await after.app.request(`/a/${fresh.code}/result`)).text();
  expect(page).toContain(freshResult.framing.statement);
  expect(page).toContain("không phải chỉ số đánh giá chính thức cấp quốc gia");
  expect(page).toContain(`(${freshResult.level.gloss})`);
  expect(page).toContain("Dải tham khảo theo cách xếp của châu Âu");
});

it("changing the version in force in place leaves its old assessments' questionnaire and scores as they were", async () => {
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
  const meta = join(contentCopy.dir, "dx-readiness", "1.1", "meta.yaml");
  writeFileSync(meta, readFileSync(meta, "utf8").replace(/(id: strategy[\s\S]*?weight: )1\b/, "$15"));
  const common = join(contentCopy.dir, "dx-readiness", "1.1", "common.yaml");
  writeFileSync(common, readFileSync(common, "utf8").replace("Tôi chưa nghĩ tới việc này", "Chưa hề nghĩ tới"));
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

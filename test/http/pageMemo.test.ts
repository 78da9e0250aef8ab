// Owner pages are kept rendered (src/http/pageMemo.ts) under a key made of what they show. These
// tests check what an owner and an advisor would notice if that key missed an input: a saved
// answer not shown, a page that differs gzipped and plain, a staff form without its token.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consents, json, makeTestApp, profile, startedCode, type TestApp } from "../helpers.ts";
import { addStaff, form, signInAs } from "../staffHelpers.ts";
import { answerAll, pickWorst } from "../answering.ts";
import { askedQuestions } from "../../src/domain/scoring.ts";

let t: TestApp;
let code = "";
beforeAll(async () => {
  t = makeTestApp();
  code = await startedCode(t);
});
afterAll(() => t.cleanup());

const gz = { headers: { "accept-encoding": "gzip" } };
const page = async (path: string, init: RequestInit = {}) => {
  const res = await t.app.request(path, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  return res.headers.get("content-encoding") === "gzip" ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
};
const checked = (html: string, option: string) => new RegExp(`value="${option}"[^>]*checked|checked[^>]*value="${option}"`).test(html);

describe("kept owner pages", () => {
  it("show an answer as soon as it is saved, by form or by the API, gzipped or not", async () => {
    const before = await page(`/a/${code}/p/1`, gz);
    expect(checked(before, "aw_want")).toBe(false);
    const post = await t.app.request(`/a/${code}/p/1`, { method: "POST", body: new URLSearchParams({ "q.str_awareness": "aw_want", shown: "str_awareness" }) });
    expect(post.status).toBe(303);
    expect(checked(await page(`/a/${code}/p/1`, gz), "aw_want")).toBe(true);
    expect(checked(await page(`/a/${code}/p/1`), "aw_want")).toBe(true);
    const put = await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: { str_awareness: "aw_benefits" } }, "PUT"));
    expect(put.status).toBe(200);
    const after = await page(`/a/${code}/p/1`, gz);
    expect(checked(after, "aw_benefits")).toBe(true);
    expect(checked(after, "aw_want")).toBe(false);
    expect(await page(`/a/${code}/p/1`)).toBe(after);
  });

  it("a staff member opening an owner's page gets the session's token in its forms, even when the page was kept", async () => {
    await page(`/a/${code}/p/1`, gz); // kept for owners
    const cookie = await signInAs(t, await addStaff(t.db, "advisor"));
    const html = await page(`/a/${code}/p/1`, { headers: { cookie, "accept-encoding": "gzip" } });
    expect(html).toMatch(/name="_csrf" value="[^"]{32}"/);
    expect(await page(`/a/${code}/p/1`, gz)).not.toContain('name="_csrf"');
  });

  it("a kept result page shows an advisor's correction and validation at once", async () => {
    const created = (await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as { code: string };
    const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
    const answers = answerAll(t.content.current, facts, pickWorst);
    await t.app.request(`/api/v1/assessments/${created.code}/answers`, json({ answers }, "PUT"));
    expect((await t.app.request(`/api/v1/assessments/${created.code}/submit`, { method: "POST" })).status).toBe(200);
    const id = (t.db.$client.prepare("select max(id) id from assessments").get() as { id: number }).id;
    const before = await page(`/a/${created.code}/result`, gz); // kept
    expect(await page(`/a/${created.code}/result`, gz)).toBe(before);

    const cookie = await signInAs(t, await addStaff(t.db, "advisor", "Lò Văn Hùng"));
    await t.app.request("/staff/find", form({ code: created.code }, cookie));
    const q = t.content.current;
    const target = q.questions.find((x) => x.type === "single" && askedQuestions(q, facts, answers).some((y) => y.id === x.id))!;
    const best = target.options.reduce((a, b) => (b.points > a.points ? b : a)).id;
    const changed = await t.app.request(`/staff/assessments/${id}/answers`, form({ questionId: target.id, [`q.${target.id}`]: best, reason: "Xem sổ sách" }, cookie));
    expect(changed.status).toBe(303);
    const view = (await (await t.app.request(`/api/v1/assessments/${created.code}`)).json()) as { scores: { overall: number } };
    const corrected = await page(`/a/${created.code}/result`, gz);
    expect(corrected).not.toBe(before);
    expect(corrected).toContain(view.scores.overall.toFixed(1).replace(".", ","));

    expect((await t.app.request(`/staff/assessments/${id}/validate`, form({ note: "Đã xem cùng chủ cơ sở" }, cookie))).status).toBe(303);
    expect(await page(`/a/${created.code}/result`, gz)).toContain("tư vấn viên Lò Văn Hùng");
  });

  it("an erased assessment's kept page is gone at once", async () => {
    const erased = await startedCode(t);
    expect((await t.app.request(`/a/${erased}/p/1`, gz)).status).toBe(200); // kept
    const res = await t.app.request(`/a/${erased}/data/erase`, { method: "POST", body: new URLSearchParams({ confirm: "yes" }) });
    expect(res.status).toBe(200);
    expect((await t.app.request(`/a/${erased}/p/1`, gz)).status).toBe(404);
  });
});

// After submitting, an owner reads their answers back, corrects one (re-scored, audited, the
// revision and the figures version move, an advisor's validation waits for a re-check) or starts
// again from a copy, with plain forms (303) and with htmx (HX-Redirect, refused form swapped).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consents, json, makeTestApp, profile, type TestApp } from "../helpers.ts";
import { addStaff, form, get, signInAs } from "../staffHelpers.ts";
import { answerAll, pickMixed, pickWorst, type Picker } from "../answering.ts";
import { partsOf, askedInPart } from "../../src/domain/parts.ts";
import { score, type AnswerValue, type ProfileFacts } from "../../src/domain/scoring.ts";
import type { Questionnaire } from "../../src/domain/questionnaire.ts";

let t: TestApp;
beforeAll(() => {
  t = makeTestApp();
});
afterAll(() => t.cleanup());

const facts: ProfileFacts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" };
const q = (): Questionnaire => t.content.current;
const sql = (s: string, ...p: unknown[]) => t.db.$client.prepare(s).all(...p) as Record<string, any>[];
const one = (s: string, ...p: unknown[]) => sql(s, ...p)[0]!;

/** An owner's self-assessment, answered with `pick` and submitted; its code and id. */
async function submitted(pick: Picker, overrides: Record<string, unknown> = {}) {
  const res = await t.app.request("/api/v1/assessments", json({ profile: profile(overrides), consents }));
  const { code } = (await res.json()) as { code: string };
  const answers = answerAll(q(), facts, pick);
  expect((await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers }, "PUT"))).status).toBe(200);
  expect((await t.app.request(`/api/v1/assessments/${code}/submit`, { method: "POST" })).status).toBe(200);
  const { id } = one("select id from assessments order by id desc limit 1") as { id: number };
  return { code, id, answers };
}

/** A change of one single-choice answer, and the part it is on: `opens` says whether it must open an unanswered question. */
function findChange(answers: Record<string, AnswerValue>, opens: boolean) {
  const before = score(q(), facts, answers).overall;
  for (const part of partsOf(q(), facts))
    for (const id of askedInPart(q(), facts, answers, part)) {
      const question = q().questions.find((x) => x.id === id)!;
      for (const o of question.options) {
        const value = question.type === "single" ? o.id : [o.id];
        if (JSON.stringify(value) === JSON.stringify(answers[id])) continue;
        const after = score(q(), facts, { ...answers, [id]: value });
        if (opens ? after.unanswered.length > 0 : after.unanswered.length === 0 && after.overall !== before) return { part: part.number, id, option: o.id, value, after };
      }
    }
  throw new Error("no such change in the questionnaire");
}

/** The correction form as a browser sees it: the questions shown and what is ticked. */
async function correctForm(code: string, n: number) {
  const res = await t.app.request(`/a/${code}/correct/${n}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const shown = /name="shown" value="([^"]*)"/.exec(html)![1]!.split(",");
  const ticked = new Map<string, string[]>(shown.map((id) => [id, []]));
  for (const m of html.matchAll(/name="q\.([^"]+)" value="([^"]+)" checked/g)) ticked.get(m[1]!)!.push(m[2]!);
  return { html, shown, ticked };
}

function postCorrect(code: string, n: number, page: Awaited<ReturnType<typeof correctForm>>, changes: Record<string, string[]>, htmx: boolean, reason = "") {
  const body: Record<string, string | string[]> = { shown: page.shown.join(","), reason };
  for (const id of page.shown) body[`q.${id}`] = changes[id] ?? page.ticked.get(id)!;
  const init = form(body);
  if (htmx) (init.headers as Record<string, string>)["HX-Request"] = "true";
  return t.app.request(`/a/${code}/correct/${n}`, init);
}

const revision = (id: number) => (one("select n from assessment_revisions where assessment_id = ?", id).n as number) ?? 0;
const figuresVersion = () => one("select v from figures_version").v as number;

describe("an owner corrects answers after submitting", () => {
  for (const htmx of [false, true]) {
    it(`a corrected answer is re-scored, audited, moves the revision and the figures version, and is read back (${htmx ? "htmx" : "no JavaScript"})`, async () => {
      const own = await submitted(pickMixed);
      const result = await (await t.app.request(`/a/${own.code}/result`)).text();
      expect(result).toContain(`href="/a/${own.code}/answers"`);
      const listed = await (await t.app.request(`/a/${own.code}/answers`)).text();
      expect(listed).toContain(`href="/a/${own.code}/correct/1"`);

      const change = findChange(own.answers, false);
      const [rev0, fig0] = [revision(own.id), figuresVersion()];
      const page = await correctForm(own.code, change.part);
      expect(page.ticked.get(change.id)).toEqual([own.answers[change.id]].flat());
      const res = await postCorrect(own.code, change.part, page, { [change.id]: [change.option] }, htmx, "Bấm nhầm");
      if (htmx) {
        expect(res.status).toBe(204);
        expect(res.headers.get("HX-Redirect")).toBe(`/a/${own.code}/answers?saved=1`);
      } else {
        expect(res.status).toBe(303);
        expect(res.headers.get("location")).toBe(`/a/${own.code}/answers?saved=1`);
      }
      // Stored, re-scored on its version, and the figures' fact follows.
      expect(one("select value from answers where assessment_id = ? and question_id = ?", own.id, change.id).value).toBe(JSON.stringify(change.value));
      expect(one("select overall_score, national_level from assessments where id = ?", own.id)).toEqual({ overall_score: change.after.overall, national_level: change.after.nationalLevel });
      expect(one("select overall from stat_facts where assessment_id = ?", own.id).overall).toBe(change.after.overall);
      // Audited as the owner's (no staff member), with the old and the new answer and the reason.
      expect(sql("select staff_id, question_id, old_value, new_value, reason from audit_log where assessment_id = ? and action = 'owner_corrected'", own.id)).toEqual([
        { staff_id: null, question_id: change.id, old_value: JSON.stringify(own.answers[change.id]), new_value: JSON.stringify(change.value), reason: "Bấm nhầm" },
      ]);
      // The kept pages and the kept PDF are keyed by the revision; the published figures by their version.
      expect(revision(own.id)).toBeGreaterThan(rev0);
      expect(figuresVersion()).toBeGreaterThan(fig0);
      // The answers page says what changed; the result shows the new score.
      const after = await (await t.app.request(`/a/${own.code}/answers?saved=1`)).text();
      expect(after).toContain(`Điểm mới: ${change.after.overall.toLocaleString("vi-VN")}/100`);
      const label = q().questions.find((x) => x.id === change.id)!.options.find((o) => o.id === change.option)!.label;
      expect(after).toContain(label);
      const api = (await (await t.app.request(`/api/v1/assessments/${own.code}/result`)).json()) as { scores: { overall: number } };
      expect(api.scores.overall).toBe(change.after.overall);
    });

    it(`a change that opens an unanswered question saves nothing and shows that question on the form (${htmx ? "htmx" : "no JavaScript"})`, async () => {
      const own = await submitted(pickWorst);
      const change = findChange(own.answers, true);
      const page = await correctForm(own.code, change.part);
      const res = await postCorrect(own.code, change.part, page, { [change.id]: [change.option] }, htmx);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('id="correct"');
      expect(html).toContain("Chưa có gì thay đổi");
      for (const opened of change.after.unanswered) expect(html).toContain(`id="q-${opened}"`);
      // The owner's change is shown as they left it, unsaved.
      expect(html).toMatch(new RegExp(`name="q\\.${change.id}" value="${change.option}" checked`));
      expect(one("select value from answers where assessment_id = ? and question_id = ?", own.id, change.id).value).toBe(JSON.stringify(own.answers[change.id]));
      expect(sql("select 1 from audit_log where assessment_id = ? and action = 'owner_corrected'", own.id)).toEqual([]);
    });
  }

  it("a draft is corrected on the questionnaire's own pages; a submitted one is never reopened by them", async () => {
    const res = await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }));
    const { code } = (await res.json()) as { code: string };
    expect((await t.app.request(`/a/${code}/correct/1`)).headers.get("location")).toBe(`/a/${code}/p/1`);
    expect((await t.app.request(`/a/${code}/answers`)).headers.get("location")).toBe(`/a/${code}/review`);
    expect((await t.app.request(`/a/${code}/restart`, form({}))).headers.get("location")).toBe(`/a/${code}`);
    expect(one("select count(*) n from assessments where restarted_from_id is not null").n).toBe(0);
  });

  it("correcting a validated assessment withdraws the validation until the advisor checks it again", async () => {
    const advisor = await addStaff(t.db, "advisor", "Lò Văn Thắng");
    const cookie = await signInAs(t, advisor);
    const own = await submitted(pickMixed, { name: "Hộ chè Sín Chải" });
    await t.app.request("/staff/find", form({ code: own.code }, cookie));
    expect((await t.app.request(`/staff/assessments/${own.id}/validate`, form({ note: "Đã xem cùng chủ hộ" }, cookie))).status).toBe(303);
    expect(one("select validated = 1 v from stat_facts where assessment_id = ?", own.id).v).toBe(1);

    const change = findChange(own.answers, false);
    const page = await correctForm(own.code, change.part);
    expect(page.html).toContain("Lò Văn Thắng xác nhận");
    const res = await postCorrect(own.code, change.part, page, { [change.id]: [change.option] }, false);
    expect(res.headers.get("location")).toBe(`/a/${own.code}/answers?saved=1&recheck=1`);
    expect(one("select validated_at, validated_by_staff_id, recheck_of_staff_id, recheck_since is not null r from assessments where id = ?", own.id)).toEqual({
      validated_at: null,
      validated_by_staff_id: null,
      recheck_of_staff_id: advisor.id,
      r: 1,
    });
    // No longer counted as validated; the withdrawal is in the audit trail.
    expect(one("select validated from stat_facts where assessment_id = ?", own.id).validated).toBe(0);
    expect(sql("select staff_id, new_value from audit_log where assessment_id = ? and action = 'validation_withdrawn'", own.id)).toEqual([{ staff_id: null, new_value: JSON.stringify({ validatedBy: advisor.id }) }]);
    // The owner's result says it waits for the advisor; the advisor finds it in their list and on its page.
    expect(await (await t.app.request(`/a/${own.code}/result`)).text()).toContain('id="recheck"');
    const worklist = await (await t.app.request("/staff/advisor", get(cookie))).text();
    expect(worklist.slice(worklist.indexOf('id="mine"'))).toContain("Cần xác nhận lại");
    const review = await (await t.app.request(`/staff/assessments/${own.id}`, get(cookie))).text();
    expect(review).toContain("Cần xác nhận lại");
    expect(review).toContain("Chủ cơ sở sửa câu trả lời sau khi nộp");
    // The advisor checks again: validated, the re-check cleared.
    expect((await t.app.request(`/staff/assessments/${own.id}/validate`, form({ note: "Đã xem lại" }, cookie))).status).toBe(303);
    expect(one("select validated_by_staff_id, recheck_since, recheck_of_staff_id from assessments where id = ?", own.id)).toEqual({ validated_by_staff_id: advisor.id, recheck_since: null, recheck_of_staff_id: null });
    expect(one("select validated from stat_facts where assessment_id = ?", own.id).validated).toBe(1);
  });
});

describe("the JSON API's correction", () => {
  it("POST /api/v1/assessments/{code}/corrections re-scores and audits; refuses a draft, a bad answer and a gap, storing nothing", async () => {
    const draft = (await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as { code: string };
    const onDraft = await t.app.request(`/api/v1/assessments/${draft.code}/corrections`, json({ answers: {} }));
    expect(onDraft.status).toBe(409);
    expect(((await onDraft.json()) as any).error.code).toBe("not_submitted");

    const own = await submitted(pickWorst);
    const change = findChange(own.answers, false);
    const bad = await t.app.request(`/api/v1/assessments/${own.code}/corrections`, json({ answers: { [change.id]: "no_such_option" } }));
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as any).error.fields)).toEqual([`answers.${change.id}`]);
    const gap = findChange(own.answers, true);
    const opens = await t.app.request(`/api/v1/assessments/${own.code}/corrections`, json({ answers: { [gap.id]: gap.value } }));
    expect(opens.status).toBe(422);
    const refused = ((await opens.json()) as any).error;
    expect(refused.code).toBe("incomplete");
    expect(Object.keys(refused.fields).sort()).toEqual(gap.after.unanswered.map((id) => `answers.${id}`).sort());
    expect(sql("select 1 from audit_log where assessment_id = ? and action = 'owner_corrected'", own.id)).toEqual([]);

    const ok = await t.app.request(`/api/v1/assessments/${own.code}/corrections`, json({ answers: { [change.id]: change.value }, reason: "Bấm nhầm" }));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as any;
    expect(body).toMatchObject({ changed: 1, validationWithdrawn: false, scores: { overall: change.after.overall, nationalLevel: change.after.nationalLevel } });
    expect(one("select overall_score from assessments where id = ?", own.id).overall_score).toBe(change.after.overall);
    expect(sql("select reason from audit_log where assessment_id = ? and action = 'owner_corrected'", own.id)).toEqual([{ reason: "Bấm nhầm" }]);
  });
});

describe("an owner starts again from a copy", () => {
  for (const htmx of [false, true]) {
    it(`the copy is a new draft under a new code with the answers filled in; submitted, it replaces the old one in the figures (${htmx ? "htmx" : "no JavaScript"})`, async () => {
      const own = await submitted(pickMixed, { name: htmx ? "Hộ chè Pú Nhung" : "Hộ chè Tả Phìn" });
      // Seen once before (a kept page), the result must still learn of the copy.
      expect(await (await t.app.request(`/a/${own.code}/result`)).text()).not.toContain('id="copied"');
      const init = form({});
      if (htmx) (init.headers as Record<string, string>)["HX-Request"] = "true";
      const res = await t.app.request(`/a/${own.code}/restart`, init);
      const to = htmx ? res.headers.get("HX-Redirect") : res.headers.get("location");
      expect(res.status).toBe(htmx ? 204 : 303);
      const newCode = /^\/a\/([A-Z0-9-]+)\/code\?copy=1$/.exec(to ?? "")![1]!;
      expect(newCode).not.toBe(own.code);
      expect(await (await t.app.request(to!)).text()).toContain("bản sao của bài trước");

      const copy = one("select * from assessments where restarted_from_id = ?", own.id);
      expect(copy).toMatchObject({ status: "draft", lineage_id: own.id, business_name: htmx ? "Hộ chè Pú Nhung" : "Hộ chè Tả Phìn", questionnaire_hash: q().hash });
      const copied = Object.fromEntries(sql("select question_id, value from answers where assessment_id = ?", copy.id).map((r) => [r.question_id, JSON.parse(r.value)]));
      expect(copied).toEqual(own.answers);
      expect(sql("select purpose, granted from consents where assessment_id = ? order by purpose", copy.id)).toEqual([
        { purpose: "contact", granted: 0 },
        { purpose: "report", granted: 1 },
        { purpose: "statistics", granted: 1 },
      ]);
      // Every answer is there: the new code opens the review page with the answers read back.
      expect((await t.app.request(`/a/${newCode}`)).headers.get("location")).toBe(`/a/${newCode}/review`);
      const review = await (await t.app.request(`/a/${newCode}/review`)).text();
      expect(review).toContain(`href="/a/${newCode}/p/1"`);
      // The old assessment stays, and says a copy was started.
      expect(await (await t.app.request(`/a/${own.code}/result`)).text()).toContain('id="copied"');

      // Until the copy is submitted the old one counts; then only the copy.
      expect(one("select current from stat_facts where assessment_id = ?", own.id).current).toBe(1);
      expect((await t.app.request(`/a/${newCode}/submit`, form({}))).status).toBe(303);
      expect(sql("select assessment_id, current from stat_facts where assessment_id in (?, ?) order by assessment_id", own.id, copy.id)).toEqual([
        { assessment_id: own.id, current: 0 },
        { assessment_id: copy.id, current: 1 },
      ]);
    });
  }
});

describe("the review page before submitting", () => {
  it("reads back every answer given, part by part, with a link to change each part, and names what is unanswered", async () => {
    const res = await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }));
    const { code } = (await res.json()) as { code: string };
    const answers = answerAll(q(), facts, pickMixed);
    const [left, ...rest] = Object.keys(answers);
    const given = Object.fromEntries(rest.map((id) => [id, answers[id]!]));
    expect((await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: given }, "PUT"))).status).toBe(200);
    const html = await (await t.app.request(`/a/${code}/review`)).text();
    for (const part of partsOf(q(), facts)) expect(html).toContain(`href="/a/${code}/p/${part.number}"`);
    for (const id of rest.slice(0, 10)) {
      const question = q().questions.find((x) => x.id === id)!;
      const labels = question.options.filter((o) => [given[id]].flat().includes(o.id)).map((o) => o.label).join("; ");
      const dd = html.slice(html.indexOf(`id="a-${id}"`)).split("</dd>")[0]!;
      expect(dd).toContain(labels.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"));
    }
    const missing = html.slice(html.indexOf(`id="a-${left}"`)).split("</dd>")[0]!;
    expect(missing).toContain("Chưa trả lời");
  });
});

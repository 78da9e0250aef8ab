// The questionnaire form as owners really use it: two tabs or two devices on one code, an old tab
// after the assessment was submitted, and pages that must not stay on a shared phone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consents, json, makeTestApp, profile, startedCode, type TestApp } from "../helpers.ts";
import { answerAll, pickMixed } from "../answering.ts";

let t: TestApp;
beforeAll(() => {
  t = makeTestApp();
});
afterAll(() => t.cleanup());

/** The questions of a part page as a browser sees them: type, options and what the page shows. */
async function partForm(code: string, n: number) {
  const html = await (await t.app.request(`/a/${code}/p/${n}`)).text();
  const questions = new Map<string, { type: string; options: string[]; was: string }>();
  for (const m of html.matchAll(/<input type="(radio|checkbox)" id="[^"]*" name="q\.([^"]+)" value="([^"]+)"/g)) {
    const q = questions.get(m[2]!) ?? { type: m[1]!, options: [], was: "" };
    q.options.push(m[3]!);
    questions.set(m[2]!, q);
  }
  for (const m of html.matchAll(/name="was\.([^"]+)" value="([^"]*)"/g)) questions.get(m[1]!)!.was = m[2]!;
  return questions;
}

/** Posts the whole part as the page showed it, with `changes` made by the owner on it. */
function postPart(code: string, n: number, page: Awaited<ReturnType<typeof partForm>>, changes: Record<string, string[]>, htmx = false) {
  const body = new URLSearchParams({ shown: [...page.keys()].join(",") });
  for (const [id, q] of page) {
    body.set(`was.${id}`, q.was);
    const ticked = changes[id] ?? (q.was ? q.was.split(",") : []);
    for (const o of ticked) body.append(`q.${id}`, o);
  }
  return t.app.request(`/a/${code}/p/${n}`, { method: "POST", body, headers: htmx ? { "HX-Request": "true" } : {} });
}

const selected = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const stored = async (code: string) => ((await (await t.app.request(`/api/v1/assessments/${code}`)).json()) as { answers: Record<string, unknown> }).answers;

describe("the questionnaire form", () => {
  it("an old tab saves only what was changed on it, and never undoes an answer saved from another tab", async () => {
    const code = await startedCode(t);
    // A part with a multiple-choice question (unticked boxes send nothing) and two single-choice ones.
    let n = 1;
    let page = await partForm(code, n);
    while (![...page.values()].some((q) => q.type === "checkbox") || [...page.values()].filter((q) => q.type === "radio").length < 2) page = await partForm(code, ++n);
    const [single, other] = [...page].filter(([, q]) => q.type === "radio").map(([id]) => id) as [string, string];
    const multi = [...page].find(([, q]) => q.type === "checkbox")![0];
    const option = (id: string, i: number) => page.get(id)!.options[i]!;
    // Answered earlier; then the owner opens the part in two tabs.
    expect((await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: { [single]: option(single, 0), [multi]: [option(multi, 0)] } }, "PUT"))).status).toBe(200);
    const tabA = await partForm(code, n);
    const tabB = await partForm(code, n);
    expect(tabA.get(single)!.was).toBe(option(single, 0));

    // Tab B changes both answers.
    expect((await postPart(code, n, tabB, { [single]: [option(single, 1)], [multi]: [option(multi, 1)] }, true)).status).toBe(200);
    // Tab A, still showing the old answers, answers another question, by autosave and by the button.
    expect((await postPart(code, n, tabA, { [other]: [option(other, 0)] }, true)).status).toBe(200);
    expect((await postPart(code, n, tabA, { [other]: [option(other, 1)] })).status).toBe(303);
    let answers = await stored(code);
    expect(answers[single]).toBe(option(single, 1));
    expect(answers[multi]).toEqual([option(multi, 1)]);
    expect(answers[other]).toBe(option(other, 1));

    // What the owner does change on an old tab is saved: the last change made wins.
    expect((await postPart(code, n, tabA, { [single]: [option(single, 2)] }, true)).status).toBe(200);
    answers = await stored(code);
    expect(answers[single]).toBe(option(single, 2));
    expect(answers[multi]).toEqual([option(multi, 1)]);
    // Unticking every box of a multiple-choice question on the page in front of you clears it.
    const fresh = await partForm(code, n);
    expect(fresh.get(multi)!.was).toBe(option(multi, 1));
    expect((await postPart(code, n, fresh, { [multi]: [] }, true)).status).toBe(200);
    expect((await stored(code))[multi]).toBeUndefined();
  });

  for (const htmx of [false, true]) {
    it(`a page with one refused answer keeps every other answer on it, and shows the refused one as ticked with the reason (${htmx ? "autosave" : "no JavaScript"})`, async () => {
      const code = await startedCode(t);
      // The first part holding a multiple-choice question with an "only this" option.
      const exclusiveOf = new Map(t.content.current.questions.filter((q) => q.type === "multi").flatMap((q) => q.options.filter((o) => o.exclusive).map((o) => [q.id, o.id] as const)));
      let n = 1;
      let page = await partForm(code, n);
      while (![...page.keys()].some((id) => exclusiveOf.has(id))) page = await partForm(code, ++n);
      const multi = [...page.keys()].find((id) => exclusiveOf.has(id))!;
      const only = exclusiveOf.get(multi)!;
      const another = page.get(multi)!.options.find((o) => o !== only)!;
      // Every question of the page answered, the multiple-choice one with "only this" plus another box.
      const changes: Record<string, string[]> = {};
      for (const [id, q] of page) changes[id] = id === multi ? [only, another] : [q.options[q.options.length - 1]!];
      const res = await postPart(code, n, page, changes, htmx);
      // Something was kept, so not a 4xx (a 4xx means nothing was stored).
      expect(res.status).toBe(200);
      const html = await res.text();

      const answers = await stored(code);
      const others = [...page.keys()].filter((id) => id !== multi);
      expect(others.length).toBeGreaterThan(0);
      for (const id of others) expect(selected(answers[id])).toEqual(changes[id]);
      expect(answers[multi]).toBeUndefined();

      // The refused question: marked, the reason named, both boxes still ticked as the owner left them.
      const block = html.slice(html.indexOf(`id="q-${multi}"`), html.indexOf("</fieldset>", html.indexOf(`id="q-${multi}"`)));
      expect(block).toContain('class="field-error"');
      expect(block).toMatch(/không chọn cùng các đáp án khác/);
      for (const o of [only, another]) expect(block).toMatch(new RegExp(`value="${o}" checked`));
      // The answers saved show as saved (ticked), and the page says the rest were kept.
      for (const id of others) expect(html).toMatch(new RegExp(`name="q\\.${id}" value="${changes[id]![0]}" checked`));
      expect(html).toContain(htmx ? "Các câu khác đã được lưu" : "Các câu trả lời khác đã được lưu");

      // Sending only the refused answer again stores nothing: 422.
      const alone = await partForm(code, n);
      const onlyRefused = new Map([[multi, alone.get(multi)!]]);
      expect((await postPart(code, n, onlyRefused, { [multi]: [only, another] }, htmx)).status).toBe(422);
      expect((await stored(code))[multi]).toBeUndefined();

      // Correcting the refused answer on that page saves it.
      const again = await partForm(code, n);
      expect(again.get(multi)!.was).toBe("");
      const fixed = await postPart(code, n, again, { [multi]: [another] }, htmx);
      expect(fixed.status).toBe(htmx ? 200 : 303);
      expect((await stored(code))[multi]).toEqual([another]);
    });
  }

  it("an autosave from a tab left open after submitting takes the whole page to the result", async () => {
    const created = (await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as { code: string };
    const page = await partForm(created.code, 1);
    const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
    await t.app.request(`/api/v1/assessments/${created.code}/answers`, json({ answers: answerAll(t.content.current, facts, pickMixed) }, "PUT"));
    expect((await t.app.request(`/api/v1/assessments/${created.code}/submit`, { method: "POST" })).status).toBe(200);
    const [id, q] = [...page][0]!;
    const res = await postPart(created.code, 1, page, { [id]: [q.options[0]!] }, true);
    expect(res.status).toBe(204);
    expect(res.headers.get("hx-redirect")).toBe(`/a/${created.code}/result`);
  });

  it("pages and API replies about a business are never stored by the browser; public pages may be", async () => {
    const code = await startedCode(t);
    for (const path of [`/a/${code}/p/1`, `/a/${code}/p/1`, `/a/${code}/data`, `/a/${code}/data.json`, `/api/v1/assessments/${code}`]) {
      expect((await t.app.request(path)).headers.get("cache-control"), path).toBe("no-store");
    }
    expect((await t.app.request("/")).headers.get("cache-control")).not.toBe("no-store");
    expect((await t.app.request("/privacy")).headers.get("cache-control")).not.toBe("no-store");
  });

  it("an address that does not exist gets a page in Vietnamese with the way home; the API gets JSON", async () => {
    const page = await t.app.request("/khong-co-trang-nay");
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("Không tìm thấy trang.");
    expect(html).toContain('href="/"');
    const api = await t.app.request("/api/v1/khong-co");
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});

// Keying a filled paper form in at /staff/paper-entry: the codes typed become exactly the options
// ticked, the result is the same submitted assessment and score as any other, marked as entered
// from paper with the form's date, audited, recorded once however often the page is saved, and a
// refused page keeps everything typed on it.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answersOf } from "../../db/assessments.ts";
import { codesOf, paperFormOf, paperQuestions, type PaperForm } from "../../src/domain/paperForm.ts";
import { SECTORS, type Sector } from "../../src/domain/questionnaire.ts";
import { score, type AnswerValue, type ProfileFacts } from "../../src/domain/scoring.ts";
import { sizeClass } from "../../src/domain/sizeClass.ts";
import { vi } from "../../views/messages.ts";
import { answerAll, pickMixed } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, form, get, signInAs } from "../staffHelpers.ts";

let t: TestApp;
let cookie: string;
let advisorId: number;
beforeAll(async () => {
  t = makeTestApp();
  const advisor = await addStaff(t.db, "advisor", "Quàng Văn Minh");
  advisorId = advisor.id;
  cookie = await signInAs(t, advisor);
});
afterAll(() => t.cleanup());

const sql = (query: string, ...args: unknown[]) => t.db.$client.prepare(query).all(...args) as Record<string, any>[];
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const q = () => t.content.current;

const household = { name: "Hộ kinh doanh Lò Văn Páo", legalForm: "household", taxCode: "", communeId: "muong_ang", activityGroup: "agriculture", staff: "2", revenueBnVnd: "", capitalBnVnd: "" };
const company = { name: "Công ty TNHH Nậm Rốm", legalForm: "company", taxCode: "5600234567", communeId: "muong_ang", activityGroup: "trade_services", staff: "25", revenueBnVnd: "10", capitalBnVnd: "" };

function factsOf(p: Record<string, string>, sector: Sector): ProfileFacts {
  const size = sizeClass({ activityGroup: p.activityGroup as never, staff: Number(p.staff), revenueBnVnd: p.revenueBnVnd ? Number(p.revenueBnVnd) : null, capitalBnVnd: null }, t.content.sizeThresholds).sizeClass;
  return { legalForm: p.legalForm as never, sizeClass: size, sector, activityGroup: p.activityGroup as never };
}

/** The page's fields for a paper form with these answers, as typed codes. */
function filled(paper: PaperForm, p: Record<string, string>, answers: Record<string, AnswerValue>, clientId: string, extra: Record<string, string> = {}) {
  const codes = Object.fromEntries(paperQuestions(paper).map((x) => [`c.${x.id}`, codesOf(x, answers[x.id])]));
  return {
    clientId,
    version: paper.version,
    formSector: paper.sector,
    capturedOn: today(),
    signed: "yes",
    ...p,
    sector: paper.sector,
    "consent.report": "yes",
    "consent.statistics": "yes",
    ...codes,
    ...extra,
  };
}

async function openForm(sector: Sector) {
  const res = await t.app.request(`/staff/paper-entry?sector=${sector}&version=${q().version}`, get(cookie));
  expect(res.status).toBe(200);
  const html = await res.text();
  const clientId = /name="clientId" value="([^"]+)"/.exec(html)![1]!;
  return { html, clientId };
}

const post = (fields: Record<string, string>) => t.app.request("/staff/paper-entry", form(fields, cookie));
const idOf = (res: Response) => Number(/\/staff\/assessments\/(\d+)\?done=paper$/.exec(res.headers.get("location") ?? "")![1]);

describe("choosing the form", () => {
  it("offers the four sectors and versions on disk, and links each blank form to print", async () => {
    const res = await t.app.request("/staff/paper-entry", get(cookie));
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const s of SECTORS) {
      expect(html).toContain(`value="${s}"`);
      expect(html).toContain(`href="/paper-form.pdf?sector=${s}"`);
    }
    expect(html).toContain(`value="${q().version}"`);
    expect((await t.app.request("/staff/paper-entry?sector=fishing&version=1.1", get(cookie))).status).toBe(400);
    expect((await t.app.request("/staff/paper-entry?sector=ocop&version=9.9", get(cookie))).status).toBe(400);
  });

  it("the entry page has one box per question of the sector's form, in the form's order and numbers, and its first response is small", async () => {
    const sizes: Record<string, number> = {};
    for (const s of SECTORS) {
      const { html } = await openForm(s);
      const ids = [...html.matchAll(/name="c\.([a-z0-9_]+)"/g)].map((m) => m[1]);
      expect(ids).toEqual(paperQuestions(paperFormOf(q(), s)).map((x) => x.id));
      sizes[s] = gzipSync(html).byteLength;
      expect(sizes[s], s).toBeLessThanOrEqual(14 * 1024);
    }
    console.log("paper entry page, compressed first response (bytes):", sizes);
  });
});

describe("a filled form keyed in", () => {
  it("becomes the same submitted assessment and score as any other, marked as from paper with the form's date, audited, code kept for the advisor", async () => {
    const paper = paperFormOf(q(), "ocop");
    const facts = factsOf(household, "ocop");
    const answers = answerAll(q(), facts, pickMixed);
    const { clientId } = await openForm("ocop");
    const res = await post(filled(paper, household, answers, clientId));
    expect(res.status).toBe(303);
    const id = idOf(res);
    const [row] = sql("select * from assessments where id = ?", id);
    expect(row).toMatchObject({ status: "submitted", capture: "paper", client_id: clientId, captured_at: `${today()}T00:00:00+07:00`, method: "guided", created_by_staff_id: advisorId });
    expect(answersOf(t.db, id)).toEqual(answers);
    const expected = score(q(), facts, answers);
    expect(row!.overall_score).toBe(expected.overall);
    expect(row!.national_level).toBe(expected.nationalLevel);
    expect(sql("select action from audit_log where assessment_id = ?", id).map((a) => a.action)).toContain("entered_from_paper");

    const page = await t.app.request(res.headers.get("location")!, get(cookie));
    const html = await page.text();
    expect(html).toContain(vi.offline.paperEntry.done);
    expect(html).toContain(vi.offline.capture.paper);
    // The owner's resume code is on the page for the advisor to pass on.
    expect(html).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);

    // Saved twice (Back and save again, a double click): still one assessment.
    const again = await post(filled(paper, household, answers, clientId));
    expect(again.status).toBe(303);
    expect(idOf(again)).toBe(id);
    expect(sql("select count(*) n from assessments where client_id = ?", clientId)[0]!.n).toBe(1);
  });

  it("keeps no answer to a question that does not apply to the business (as the form says), and asks for every one that does", async () => {
    const paper = paperFormOf(q(), "ocop");
    const facts = factsOf(company, "ocop");
    const answers = answerAll(q(), facts, pickMixed);
    const householdOnly = paperQuestions(paper).find((x) => x.whoFor && "legalForm" in x.whoFor && x.whoFor.legalForm.every((f) => f === "household"))!;
    const { clientId } = await openForm("ocop");
    const res = await post(filled(paper, company, answers, clientId, { [`c.${householdOnly.id}`]: householdOnly.options[0]!.code }));
    expect(res.status).toBe(303);
    expect(answersOf(t.db, idOf(res))[householdOnly.id]).toBeUndefined();

    const asked = Object.keys(answers)[3]!;
    const missing = await post(filled(paper, company, answers, (await openForm("ocop")).clientId, { [`c.${asked}`]: "" }));
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain(vi.offline.paperEntry.unanswered);
  });

  it("a refused page names each problem and keeps everything typed; nothing is stored", async () => {
    const paper = paperFormOf(q(), "tourism");
    const questions = paperQuestions(paper);
    const facts = factsOf(household, "tourism");
    const answers = answerAll(q(), facts, pickMixed);
    const single = questions.find((x) => x.type === "single" && x.options.length < 9)!;
    const multi = questions.find((x) => x.type === "multi" && x.options.some((o) => o.exclusive))!;
    const alone = multi.options.find((o) => o.exclusive)!;
    const other = multi.options.find((o) => !o.exclusive)!;
    const { clientId } = await openForm("tourism");
    const before = sql("select count(*) n from assessments")[0]!.n;
    const res = await post(
      filled(paper, household, answers, clientId, {
        [`c.${single.id}`]: "9",
        [`c.${multi.id}`]: `${other.code}${alone.code}`,
        signed: "",
        capturedOn: "2099-01-01",
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`không có mã 9 (câu ${single.number}`);
    expect(html).toContain(`mã ${alone.code}`);
    expect(html).toContain(vi.offline.paperEntry.notSigned);
    expect(html).toContain(vi.offline.paperEntry.dateFuture);
    // Everything typed is still there, the same page id too (saving it fixed records it once).
    expect(html).toContain(`value="${clientId}"`);
    expect(html).toContain(`value="${household.name}"`);
    const typedElsewhere = questions.find((x) => x.id !== single.id && x.id !== multi.id && answers[x.id] !== undefined)!;
    expect(html).toContain(`name="c.${typedElsewhere.id}" value="${codesOf(typedElsewhere, answers[typedElsewhere.id])}"`);
    expect(sql("select count(*) n from assessments")[0]!.n).toBe(before);

    const wrongDay = await post(filled(paper, household, answers, clientId, { capturedOn: "2026-01-05" }));
    expect(wrongDay.status).toBe(422);
    expect(await wrongDay.text()).toContain(`không thể ghi trước ngày`);
    const fixed = await post(filled(paper, household, answers, clientId));
    expect(fixed.status).toBe(303);
  });

  it("says what a box's codes mean as they are typed", async () => {
    const paper = paperFormOf(q(), "ocop");
    const x = paperQuestions(paper).find((y) => y.type === "multi" && y.options.length >= 3)!;
    const res = await t.app.request(`/staff/paper-entry/check?version=${q().version}&sector=ocop&c.${x.id}=13`, get(cookie));
    const html = await res.text();
    expect(html).toContain(`1 ${x.options[0]!.label}`);
    expect(html).toContain(`3 ${x.options[2]!.label}`);
    expect(html).not.toContain(`2 ${x.options[1]!.label}`);
    const bad = await (await t.app.request(`/staff/paper-entry/check?version=${q().version}&sector=ocop&c.${x.id}=7${x.options.length > 7 ? "0" : ""}`, get(cookie))).text();
    expect(bad).toContain("field-error");
  });
});

describe("every option of every sector's form, typed as its code, is stored as exactly that option", () => {
  it.each(SECTORS)("%s", async (sector) => {
    const paper = paperFormOf(q(), sector);
    const questions = paperQuestions(paper);
    // Earlier answers that open each follow-up (the gate's first option; a multi gate takes all that open it).
    const openers: Record<string, AnswerValue> = {};
    for (const x of questions) {
      const cond = x.onlyIf;
      if (cond && "answer" in cond) {
        const gate = questions.find((g) => g.id === cond.answer.question)!;
        openers[gate.id] = gate.type === "multi" ? gate.options.filter((o) => cond.answer.anyOf.includes(o.id) && !o.exclusive).map((o) => o.id) : cond.answer.anyOf[0]!;
      }
    }
    const seen = new Set<string>();
    let n = 0;
    for (const p of [household, company]) {
      const facts = factsOf(p, sector);
      for (const openGates of [false, true]) {
        for (let k = 0; k < 9; k++) {
          const answers: Record<string, AnswerValue> = {};
          for (const x of questions) {
            const o = x.options[Math.min(k, x.options.length - 1)]!;
            answers[x.id] = openGates && openers[x.id] ? openers[x.id]! : x.type === "multi" ? [o.id] : o.id;
          }
          const { clientId } = await openForm(sector);
          const res = await post(filled(paper, { ...p, name: `${p.name} ${++n}`, taxCode: p.taxCode ? `56009${String(n).padStart(5, "0")}` : "" }, answers, clientId));
          expect(res.status, await res.clone().text().then((h) => /role="alert"[\s\S]{0,600}/.exec(h)?.[0] ?? "")).toBe(303);
          const stored = answersOf(t.db, idOf(res));
          const asked = new Set(Object.keys(answerAll(q(), facts, (x) => answers[x.id]!)).filter((id) => answers[id] !== undefined));
          for (const [id, value] of Object.entries(stored)) {
            expect(value, id).toEqual(answers[id]);
            for (const o of Array.isArray(value) ? value : [value]) seen.add(`${id}/${o}`);
          }
          expect(Object.keys(stored).sort()).toEqual([...asked].filter((id) => questions.some((x) => x.id === id)).sort());
        }
      }
    }
    const every = questions.flatMap((x) => x.options.map((o) => `${x.id}/${o.id}`));
    expect([...every].filter((pair) => !seen.has(pair))).toEqual([]);
  }, 120_000);
});

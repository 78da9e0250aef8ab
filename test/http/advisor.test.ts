// The advisor workspace through HTTP, as advisors, the department and admins use it: sessions,
// guided sessions, review and validation of an owner's self-assessment found by code, support with
// the Decree 80 cap warning, re-assessment and the T0 → T1 comparison, the history API, lists.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../db/connection.ts";
import { createApp } from "../../src/http/app.ts";
import { DEFAULT_LIMITS, RateLimiter } from "../../src/http/rateLimit.ts";
import { partsOf } from "../../src/domain/parts.ts";
import { askedQuestions, score, type AnswerValue, type ProfileFacts } from "../../src/domain/scoring.ts";
import type { Questionnaire } from "../../src/domain/questionnaire.ts";
import { loadContent } from "../../src/content/load.ts";
import { answerAll, pickBest, pickMixed, pickWorst, type Picker } from "../answering.ts";
import { consents, content, copyContent, json, makeTestApp, profile, tempDir, type TestApp } from "../helpers.ts";
import { addStaff, form, get, profileForm, signInAs } from "../staffHelpers.ts";

const q1 = () => content().current;
const idFrom = (res: Response, re = /\/staff\/assessments\/(\d+)/) => Number(re.exec(res.headers.get("location") ?? "")?.[1]);
const sql = (t: TestApp, query: string, ...args: unknown[]) => t.db.$client.prepare(query).all(...args) as Record<string, any>[];
const html = async (res: Response) => res.text();

/** Fill every part of a guided session as the advisor would, page by page. */
async function fillGuided(t: TestApp, cookie: string, id: number, facts: ProfileFacts, pick: Picker, q: Questionnaire = q1(), notes: Record<string, string> = {}) {
  const answers = answerAll(q, facts, pick);
  for (const part of partsOf(q, facts)) {
    const fields: Record<string, string | string[]> = { shown: part.questionIds.join(",") };
    for (const qid of part.questionIds) {
      const v = answers[qid];
      if (v !== undefined) fields[`q.${qid}`] = v;
      if (notes[qid]) {
        fields[`note.${qid}`] = notes[qid]!;
        fields[`evidence.${qid}`] = "yes";
      }
    }
    const res = await t.app.request(`/staff/assessments/${id}/p/${part.number}`, form(fields, cookie));
    expect(res.status).toBe(303);
  }
  return answers;
}

async function ownerSelfAssessment(t: TestApp, overrides: Record<string, unknown> = {}, pick: Picker = pickMixed) {
  const p = profile(overrides);
  const created = (await (await t.app.request("/api/v1/assessments", json({ profile: p, consents: { ...consents, contact: true } }))).json()) as { code: string; sizeClass: string };
  const view = (await (await t.app.request(`/api/v1/assessments/${created.code}`)).json()) as any;
  const facts = { legalForm: view.profile.legalForm, sizeClass: view.profile.sizeClass, sector: view.profile.sector, activityGroup: view.profile.activityGroup } as ProfileFacts;
  const answers = answerAll(t.content.current, facts, pick);
  await t.app.request(`/api/v1/assessments/${created.code}/answers`, json({ answers }, "PUT"));
  expect((await t.app.request(`/api/v1/assessments/${created.code}/submit`, { method: "POST" })).status).toBe(200);
  const id = sql(t, "select id from assessments order by id desc limit 1")[0]!.id as number;
  return { code: created.code, id, facts, answers };
}

const COOP_FACTS: ProfileFacts = { legalForm: "cooperative", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" };

describe("sign-in, sessions and the first admin", () => {
  let t: TestApp;
  beforeAll(() => (t = makeTestApp()));
  afterAll(() => t.cleanup());

  it("a wrong password and an unknown address get the same answer, and no cookie", async () => {
    const a = await addStaff(t.db, "advisor");
    const wrong = await t.app.request("/staff/login", form({ email: a.email, password: "không đúng mật khẩu" }));
    const unknown = await t.app.request("/staff/login", form({ email: "ai@dienbien.gov.vn", password: "không đúng mật khẩu" }));
    expect([wrong.status, unknown.status]).toEqual([422, 422]);
    const [w, u] = [await html(wrong), await html(unknown)];
    expect(w).toContain("Thư điện tử hoặc mật khẩu không đúng");
    expect(u).toContain("Thư điện tử hoặc mật khẩu không đúng");
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("the session cookie is httpOnly, SameSite=Lax, and Secure in production; only a hash is stored", async () => {
    const a = await addStaff(t.db, "department");
    const res = await t.app.request("/staff/login", form({ email: a.email, password: a.password }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/department");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const token = /dx_staff=([^;]+)/.exec(cookie)![1]!;
    expect(sql(t, "select token_hash from staff_sessions").map((r) => r.token_hash)).not.toContain(token);

    const dir = tempDir();
    const db = openDatabase(join(dir.dir, "p.sqlite"));
    try {
      const prod = createApp({ db, content: content(), secureCookies: true });
      const b = await addStaff(db, "advisor");
      const r = await prod.request("/staff/login", form({ email: b.email, password: b.password }));
      expect(r.headers.get("set-cookie")).toMatch(/Secure/);
    } finally {
      db.$client.close();
      dir.cleanup();
    }
  });

  it("after login the page asked for opens; an outside address is never a redirect target", async () => {
    const a = await addStaff(t.db, "advisor");
    const asked = await t.app.request("/staff/find");
    expect(asked.headers.get("location")).toBe("/staff/login?next=%2Fstaff%2Ffind");
    const r = await t.app.request("/staff/login?next=%2Fstaff%2Ffind", form({ email: a.email, password: a.password }));
    expect(r.headers.get("location")).toBe("/staff/find");
    const evil = await t.app.request("/staff/login?next=https%3A%2F%2Fevil.example%2F", form({ email: a.email, password: a.password }));
    expect(evil.headers.get("location")).toBe("/staff/advisor");
  });

  it("logout, two idle hours, the end of the day, or a locked account end a session", async () => {
    const a = await addStaff(t.db, "advisor");
    const opened = async () => (await t.app.request("/staff/advisor", get(cookie))).status;
    let cookie = await signInAs(t, a);
    expect(await opened()).toBe(200);
    expect((await t.app.request("/staff/logout", form({}, cookie))).headers.get("location")).toBe("/staff/login?out=1");
    expect(await opened()).toBe(303);

    cookie = await signInAs(t, a);
    const threeHoursAgo = new Date(Date.now() - 3 * 3600_000).toISOString();
    t.db.$client.prepare("update staff_sessions set last_seen_at = ? where staff_id = ?").run(threeHoursAgo, a.id);
    expect(await opened()).toBe(303);
    expect(sql(t, "select * from staff_sessions where staff_id = ?", a.id)).toEqual([]);

    cookie = await signInAs(t, a);
    t.db.$client.prepare("update staff_sessions set expires_at = ? where staff_id = ?").run(new Date(Date.now() - 1000).toISOString(), a.id);
    expect(await opened()).toBe(303);

    cookie = await signInAs(t, a);
    t.db.$client.prepare("update staff set active = 0 where id = ?").run(a.id);
    expect(await opened()).toBe(303);
    expect((await t.app.request("/staff/login", form({ email: a.email, password: a.password }))).status).toBe(422);
  });

  it("a new password ends the account's other sessions, keeps this one, and works at the next login", async () => {
    const a = await addStaff(t.db, "advisor");
    const here = await signInAs(t, a);
    const phone = await signInAs(t, a);
    const weak = await t.app.request("/staff/password", form({ current: a.password, next: "ngắn" }, here));
    expect(weak.status).toBe(422);
    const bad = await t.app.request("/staff/password", form({ current: "sai mật khẩu rồi", next: "một mật khẩu mới rất dài" }, here));
    expect(bad.status).toBe(422);
    const ok = await t.app.request("/staff/password", form({ current: a.password, next: "một mật khẩu mới rất dài" }, here));
    expect(ok.status).toBe(303);
    expect((await t.app.request("/staff/advisor", get(here))).status).toBe(200);
    expect((await t.app.request("/staff/advisor", get(phone))).status).toBe(303);
    await signInAs(t, { email: a.email, password: "một mật khẩu mới rất dài" });
  });

  it("login is limited per account (whatever the address) and per address (whatever the account)", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.dir, "r.sqlite"));
    try {
      const limiter = new RateLimiter({ ...DEFAULT_LIMITS, login: { max: 3, windowMs: 60_000 } });
      const app = createApp({ db, content: content(), limiter, proxyTrust: { hops: 1 } });
      const victim = await addStaff(db, "advisor");
      const other = await addStaff(db, "advisor");
      const from = (ip: string, email: string, password: string) =>
        app.request("/staff/login", { ...form({ email, password }), headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip } });
      for (let i = 0; i < 3; i++) expect((await from(`10.0.0.${i}`, victim.email, "đoán sai mật khẩu")).status).toBe(422);
      // A fourth address with the right password: the account is still held for a while.
      const held = await from("10.0.0.99", victim.email, victim.password);
      expect(held.status).toBe(429);
      expect(held.headers.get("retry-after")).toMatch(/^\d+$/);
      // Another account from a fresh address is unaffected…
      expect((await from("10.0.1.1", other.email, other.password)).status).toBe(303);
      // …but one address guessing across accounts is stopped too.
      for (let i = 0; i < 3; i++) await from("10.0.2.2", `khac${i}@dienbien.gov.vn`, "đoán sai mật khẩu");
      expect((await from("10.0.2.2", other.email, other.password)).status).toBe(429);
    } finally {
      db.$client.close();
      dir.cleanup();
    }
  });

  it("the first admin is created with the documented command, password from the environment, never a default", () => {
    const dir = tempDir();
    try {
      const dbPath = join(dir.dir, "cli.sqlite");
      const run = (args: string[], env: Record<string, string>) => {
        try {
          // The command the README documents.
          return { code: 0, out: execFileSync("npm", ["run", "--silent", "user:add", "--", ...args], { env: { ...process.env, DATABASE_PATH: dbPath, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
        } catch (e: any) {
          return { code: e.status as number, out: String(e.stderr) };
        }
      };
      const args = ["--role", "admin", "--email", "quantri@dienbien.gov.vn", "--name", "Quản trị Sở"];
      const noPassword = run(args, { STAFF_PASSWORD: "" });
      expect(noPassword.code).not.toBe(0);
      const short = run(args, { STAFF_PASSWORD: "ngắn" });
      expect(short.code).not.toBe(0);
      expect(short.out).toContain("ít nhất 12 ký tự");
      const ok = run(args, { STAFF_PASSWORD: "mật khẩu quản trị đủ dài" });
      expect(ok.code).toBe(0);
      const db = openDatabase(dbPath);
      const rows = db.$client.prepare("select email, role, password_hash from staff").all() as any[];
      db.$client.close();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ email: "quantri@dienbien.gov.vn", role: "admin" });
      expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
      expect(rows[0].password_hash).not.toContain("mật khẩu");
    } finally {
      dir.cleanup();
    }
  }, 60_000);
});

describe("a guided session", () => {
  let t: TestApp;
  let advisor: Awaited<ReturnType<typeof addStaff>>;
  let cookie: string;
  beforeAll(async () => {
    t = makeTestApp();
    advisor = await addStaff(t.db, "advisor", "Lò Văn Tư");
    cookie = await signInAs(t, advisor);
  });
  afterAll(() => t.cleanup());

  it("creates the business and T0, records consent as given in person by this advisor, shows the owner's code", async () => {
    const res = await t.app.request("/staff/businesses", form(profileForm(), cookie));
    expect(res.status).toBe(303);
    const id = idFrom(res);
    const [a] = sql(t, "select * from assessments where id = ?", id);
    expect(a).toMatchObject({ method: "guided", created_by_staff_id: advisor.id, round: 1, status: "draft" });
    expect(a!.business_id).toBeGreaterThan(0);
    expect(sql(t, "select name, tax_code from businesses where id = ?", a!.business_id)).toEqual([{ name: "HTX Chè Shan Tuyết Tủa Chùa", tax_code: "5600123456" }]);
    const given = sql(t, "select purpose, granted, method, recorded_by_staff_id from consents where assessment_id = ? order by purpose", id);
    expect(given).toEqual([
      { purpose: "contact", granted: 0, method: "in_person", recorded_by_staff_id: advisor.id },
      { purpose: "report", granted: 1, method: "in_person", recorded_by_staff_id: advisor.id },
      { purpose: "statistics", granted: 1, method: "in_person", recorded_by_staff_id: advisor.id },
    ]);
    // The code is a grant kept on the server for this sign-in: no cookie carries it.
    expect(res.headers.get("set-cookie") ?? "").not.toMatch(/dx_code/);
    const page = await html(await t.app.request(res.headers.get("location")!, get(cookie)));
    expect(page).toMatch(/Mã tiếp tục của chủ cơ sở: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    // The code shown opens the owner's own pages.
    const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(page)![1]!;
    expect((await t.app.request(`/api/v1/assessments/${code}`)).status).toBe(200);
    // Another sign-in of the same advisor (another phone) does not see the code: only its hash is stored.
    const otherPhone = await signInAs(t, advisor);
    expect(await html(await t.app.request(`/staff/assessments/${id}/p/1`, get(otherPhone)))).not.toContain(code);
    // Nor does the next person signing in on this phone.
    const nextSession = await signInAs(t, await addStaff(t.db, "department"));
    expect(await html(await t.app.request(`/staff/assessments/${id}`, get(nextSession)))).not.toContain(code);
  });

  it("consent to store answers is required, and the same tax code twice points to the existing business", async () => {
    const before = sql(t, "select count(*) n from businesses")[0]!.n;
    const noConsent = await t.app.request("/staff/businesses", form(profileForm({ taxCode: "5600999999", "consent.report": "" }), cookie));
    expect(noConsent.status).toBe(422);
    expect(await html(noConsent)).toContain("cần đồng ý lưu câu trả lời");
    const dup = await t.app.request("/staff/businesses", form(profileForm(), cookie));
    expect(dup.status).toBe(409);
    expect(await html(dup)).toMatch(/href="\/staff\/businesses\/\d+"/);
    expect(sql(t, "select count(*) n from businesses")[0]!.n).toBe(before);
  });

  it("answers with per-question notes and evidence marks, then submits; the review page shows them", async () => {
    const res = await t.app.request("/staff/businesses", form(profileForm({ taxCode: "5600222222", name: "HTX Mật ong Mường Phăng" }), cookie));
    const id = idFrom(res);
    const einvoice = q1().questions.find((x) => x.businessFunction === "invoicing") ?? q1().questions[0]!;
    const answers = await fillGuided(t, cookie, id, COOP_FACTS, pickMixed, q1(), { [einvoice.id]: "Chủ HTX cho xem hóa đơn điện tử trên điện thoại" });
    const stored = sql(t, "select question_id, value from answers where assessment_id = ?", id);
    const asked = askedQuestions(q1(), COOP_FACTS, answers).map((x) => x.id);
    for (const qid of asked) expect(JSON.parse(stored.find((r) => r.question_id === qid)!.value)).toEqual(answers[qid]);
    expect(sql(t, "select note, evidence_seen, staff_id from answer_notes where assessment_id = ?", id)).toEqual([
      { note: "Chủ HTX cho xem hóa đơn điện tử trên điện thoại", evidence_seen: 1, staff_id: advisor.id },
    ]);
    const sub = await t.app.request(`/staff/assessments/${id}/submit`, form({}, cookie));
    expect(sub.status).toBe(303);
    const [a] = sql(t, "select status, overall_score from assessments where id = ?", id);
    expect(a!.status).toBe("submitted");
    expect(a!.overall_score).toBe(score(q1(), COOP_FACTS, answers).overall);
    const page = await html(await t.app.request(`/staff/assessments/${id}`, get(cookie)));
    expect(page).toContain("Chủ HTX cho xem hóa đơn điện tử trên điện thoại");
    expect(page).toContain("đã xem bằng chứng");
    expect(page).toContain("Đánh giá cùng tư vấn viên, chưa xác nhận");
  });

  it("a refused answer on a guided page keeps the other answers and the notes, and shows the refused one with its reason", async () => {
    const id = idFrom(await t.app.request("/staff/businesses", form(profileForm({ taxCode: "5600333333" }), cookie)));
    const part = partsOf(q1(), COOP_FACTS)[0]!;
    const [first, second] = part.questionIds;
    const res = await t.app.request(
      `/staff/assessments/${id}/p/1`,
      form({ shown: part.questionIds.join(","), [`q.${first}`]: q1().questions.find((x) => x.id === first)!.options[0]!.id, [`q.${second}`]: "khong_co", [`note.${first}`]: "ghi chú" }, cookie),
    );
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(sql(t, "select question_id from answers where assessment_id = ?", id)).toEqual([{ question_id: first }]);
    expect(sql(t, "select question_id, note from answer_notes where assessment_id = ?", id)).toEqual([{ question_id: first, note: "ghi chú" }]);
    const block = page.slice(page.indexOf(`id="q-${second}"`), page.indexOf("</fieldset>", page.indexOf(`id="q-${second}"`)));
    expect(block).toContain('class="field-error"');
    expect(block).toContain("Không có lựa chọn");
    expect(page).toContain("Các câu trả lời khác đã được lưu");
  });
});

describe("an owner's self-assessment, reviewed and validated with the owner's code", () => {
  let t: TestApp;
  let advisor: Awaited<ReturnType<typeof addStaff>>;
  let cookie: string;
  let dept: string;
  beforeAll(async () => {
    t = makeTestApp();
    advisor = await addStaff(t.db, "advisor", "Quàng Thị Mai");
    cookie = await signInAs(t, advisor);
    dept = await signInAs(t, await addStaff(t.db, "department"));
  });
  afterAll(() => t.cleanup());

  it("is closed to staff until the owner's code is typed; a wrong code opens nothing", async () => {
    const own = await ownerSelfAssessment(t);
    expect((await t.app.request(`/staff/assessments/${own.id}`, get(cookie))).status).toBe(403);
    expect((await t.app.request(`/staff/assessments/${own.id}`, get(dept))).status).toBe(403);
    const wrong = await t.app.request("/staff/find", form({ code: "0000-0000-0000" }, cookie));
    expect(wrong.status).toBe(404);
    const right = await t.app.request("/staff/find", form({ code: own.code.toLowerCase().replace(/-/g, " ") }, cookie));
    expect(right.headers.get("location")).toBe(`/staff/assessments/${own.id}`);
    expect((await t.app.request(`/staff/assessments/${own.id}`, get(cookie))).status).toBe(200);
    expect(sql(t, "select action, staff_id from audit_log where assessment_id = ?", own.id)).toEqual([{ action: "opened_by_code", staff_id: advisor.id }]);
    // Another advisor still needs the code; the department still sees it only in counts.
    const other = await signInAs(t, await addStaff(t.db, "advisor"));
    expect((await t.app.request(`/staff/assessments/${own.id}`, get(other))).status).toBe(403);
    expect((await t.app.request(`/staff/assessments/${own.id}`, get(dept))).status).toBe(403);
  });

  it("changing an answer needs a reason, is audited (who, when, old, new, why) and re-scores the submitted assessment", async () => {
    const own = await ownerSelfAssessment(t, {}, pickWorst);
    await t.app.request("/staff/find", form({ code: own.code }, cookie));
    const q = q1();
    const target = q.questions.find((x) => x.type === "single" && askedQuestions(q, own.facts, own.answers).some((y) => y.id === x.id))!;
    const better = target.options.reduce((a, b) => (b.points > a.points ? b : a)).id;
    const before = (await (await t.app.request(`/api/v1/assessments/${own.code}`)).json()) as any;

    const noReason = await t.app.request(`/staff/assessments/${own.id}/answers`, form({ questionId: target.id, [`q.${target.id}`]: better, reason: " " }, cookie));
    expect(noReason.status).toBe(422);
    const refusedPage = await html(noReason);
    expect(refusedPage).toContain("Cần ghi lý do thay đổi");
    // The refused page keeps the advisor's new choice (only the reason is left to add), not the stored one.
    const checked = (id: string) => new RegExp(`<input(?=[^>]*value="${id}")(?=[^>]*checked)[^>]*>`).test(refusedPage);
    expect(checked(better)).toBe(true);
    expect(checked(own.answers[target.id] as string)).toBe(false);
    expect(sql(t, "select value from answers where assessment_id = ? and question_id = ?", own.id, target.id)[0]!.value).toBe(JSON.stringify(own.answers[target.id]));

    const reason = "Chủ cơ sở cho xem sổ sách trên điện thoại";
    const ok = await t.app.request(`/staff/assessments/${own.id}/answers`, form({ questionId: target.id, [`q.${target.id}`]: better, reason }, cookie));
    expect(ok.status).toBe(303);
    const audit = sql(t, "select staff_id, at, question_id, old_value, new_value, reason from audit_log where assessment_id = ? and action = 'answer_changed'", own.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ staff_id: advisor.id, question_id: target.id, old_value: JSON.stringify(own.answers[target.id]), new_value: JSON.stringify(better), reason });
    expect(Date.now() - Date.parse(audit[0]!.at)).toBeLessThan(60_000);
    const after = (await (await t.app.request(`/api/v1/assessments/${own.code}`)).json()) as any;
    const expected = score(q, own.facts, { ...own.answers, [target.id]: better }).overall;
    expect(after.scores.overall).toBe(expected);
    expect(after.scores.overall).toBeGreaterThan(before.scores.overall);
    const page = await html(await t.app.request(`/staff/assessments/${own.id}`, get(cookie)));
    expect(page).toContain(reason);
    expect(page).toContain("Quàng Thị Mai");
    // A question this business is not asked (another sector's module) cannot be changed.
    const otherSector = q.questions.find((x) => x.showIf && !askedQuestions(q, own.facts, own.answers).some((y) => y.id === x.id))!;
    const refused = await t.app.request(`/staff/assessments/${own.id}/answers`, form({ questionId: otherSector.id, [`q.${otherSector.id}`]: otherSector.options[0]!.id, reason }, cookie));
    expect(refused.status).toBe(422);
    expect(sql(t, "select * from answers where assessment_id = ? and question_id = ?", own.id, otherSector.id)).toEqual([]);
    // Saving the same answer again changes nothing and logs nothing.
    await t.app.request(`/staff/assessments/${own.id}/answers`, form({ questionId: target.id, [`q.${target.id}`]: better, reason: "lại" }, cookie));
    expect(sql(t, "select count(*) n from audit_log where assessment_id = ? and action = 'answer_changed'", own.id)[0]!.n).toBe(1);
  });

  it("validation links the business, shows on the result, the API and the counts, and freezes the assessment", async () => {
    const countsBefore = await html(await t.app.request("/staff/counts", get(dept)));
    const self = Number(/id="count-self">(\d+)</.exec(countsBefore)![1]);
    const validated = Number(/id="count-validated">(\d+)</.exec(countsBefore)![1]);
    const own = await ownerSelfAssessment(t, { taxCode: "5600444444", legalForm: "company", name: "Công ty TNHH Cà phê Mường Ảng" });
    const mid = await html(await t.app.request("/staff/counts", get(dept)));
    expect(Number(/id="count-self">(\d+)</.exec(mid)![1])).toBe(self + 1);

    await t.app.request("/staff/find", form({ code: own.code }, cookie));
    const res = await t.app.request(`/staff/assessments/${own.id}/validate`, form({ note: "Đã xem cùng chủ cơ sở" }, cookie));
    expect(res.status).toBe(303);
    const [row] = sql(t, "select validated_by_staff_id, validated_at, business_id, round from assessments where id = ?", own.id);
    expect(row).toMatchObject({ validated_by_staff_id: advisor.id, round: 1 });
    expect(sql(t, "select tax_code from businesses where id = ?", row!.business_id)).toEqual([{ tax_code: "5600444444" }]);

    const view = (await (await t.app.request(`/api/v1/assessments/${own.code}`)).json()) as any;
    expect(view.validation).toMatchObject({ method: "self", validated: true, validatedBy: "Quàng Thị Mai" });
    const result = (await (await t.app.request(`/api/v1/assessments/${own.code}/result`)).json()) as any;
    expect(result.validation.validated).toBe(true);
    const page = await html(await t.app.request(`/a/${own.code}/result`));
    expect(page).toContain("Kết quả đã được tư vấn viên Quàng Thị Mai cùng chủ cơ sở kiểm tra và xác nhận");

    const after = await html(await t.app.request("/staff/counts", get(dept)));
    expect(Number(/id="count-self">(\d+)</.exec(after)![1])).toBe(self);
    expect(Number(/id="count-validated">(\d+)</.exec(after)![1])).toBe(validated + 1);
    // Linked to a business now: the department can read it.
    expect((await t.app.request(`/staff/assessments/${own.id}`, get(dept))).status).toBe(200);

    const q = q1();
    const anyQ = askedQuestions(q, own.facts, own.answers)[0]!;
    const frozen = await t.app.request(`/staff/assessments/${own.id}/answers`, form({ questionId: anyQ.id, [`q.${anyQ.id}`]: anyQ.options[0]!.id, reason: "thử sửa" }, cookie));
    expect(frozen.status).toBe(409);
    expect((await t.app.request(`/staff/assessments/${own.id}/validate`, form({}, cookie))).status).toBe(409);
  });

  it("an incomplete draft cannot be validated, and the department can never change anything", async () => {
    const created = (await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as { code: string };
    const id = sql(t, "select id from assessments order by id desc limit 1")[0]!.id as number;
    await t.app.request("/staff/find", form({ code: created.code }, cookie));
    const res = await t.app.request(`/staff/assessments/${id}/validate`, form({}, cookie));
    expect(res.status).toBe(422);
    expect(await html(res)).toContain("chưa trả lời");
    expect(sql(t, "select validated_at, status from assessments where id = ?", id)).toEqual([{ validated_at: null, status: "draft" }]);
    expect((await t.app.request(`/staff/assessments/${id}/validate`, form({}, dept))).status).toBe(403);
  });
});

describe("support, re-assessment and the T0 → T1 comparison", () => {
  let t: TestApp;
  let cookie: string;
  let businessId: number;
  let t0: number;
  beforeAll(async () => {
    t = makeTestApp();
    cookie = await signInAs(t, await addStaff(t.db, "advisor", "Lò Văn Tư"));
    // A small trade company (Decree 80 cap for "small").
    const res = await t.app.request(
      "/staff/businesses",
      form(profileForm({ name: "Công ty TNHH Thương mại Tây Trang", legalForm: "company", taxCode: "5600555555", sector: "border_trade", activityGroup: "trade_services", staff: "20", revenueBnVnd: "20" }), cookie),
    );
    t0 = idFrom(res);
    businessId = sql(t, "select business_id from assessments where id = ?", t0)[0]!.business_id;
    await fillGuided(t, cookie, t0, { legalForm: "company", sizeClass: "small", sector: "border_trade", activityGroup: "trade_services" }, pickWorst);
    await t.app.request(`/staff/assessments/${t0}/submit`, form({}, cookie));
  });
  afterAll(() => t.cleanup());

  const cap = () => content().schemes.find((s) => s.id === "decree80_dx_support")!.coverage.capsVndPerYear!.small!;
  const supportCount = () => sql(t, "select count(*) n from support_records")[0]!.n as number;
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

  it("refuses bad support input without storing anything", async () => {
    const before = supportCount();
    const bads: Record<string, string>[] = [
      { type: "platform_subsidy", date: today, amountVnd: "20tr" },
      { type: "platform_subsidy", date: today, amountVnd: "" },
      { type: "training", date: "2999-01-01", amountVnd: "" },
      { type: "gift", date: today, amountVnd: "" },
      { type: "training", date: today, amountVnd: "", platformId: "khong_co" },
    ];
    for (const bad of bads) {
      const res = await t.app.request(`/staff/businesses/${businessId}/support`, form(bad, cookie));
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
    expect(supportCount()).toBe(before);
  });

  it("records a subsidy over the Decree 80 cap of the size class with a warning, not a block", async () => {
    const platformId = content().platforms[0]!.id;
    const within = await t.app.request(`/staff/businesses/${businessId}/support`, form({ type: "platform_subsidy", date: today, amountVnd: String(cap() - 1_000_000), platformId, note: "Thuê phần mềm hóa đơn" }, cookie));
    expect(within.status).toBe(303);
    let page = await html(await t.app.request(within.headers.get("location")!, get(cookie)));
    expect(page).not.toContain("Vượt trần Nghị định 80");
    const over = await t.app.request(`/staff/businesses/${businessId}/support`, form({ type: "platform_subsidy", date: today, amountVnd: "2.000.000" }, cookie));
    expect(over.status).toBe(303);
    page = await html(await t.app.request(over.headers.get("location")!, get(cookie)));
    expect(page).toContain("Vượt trần Nghị định 80");
    expect(page).toContain(`trần là ${new Intl.NumberFormat("vi-VN").format(cap())} đồng`);
    expect(sql(t, "select amount_vnd from support_records where business_id = ? order by id", businessId).map((r) => r.amount_vnd)).toEqual([cap() - 1_000_000, 2_000_000]);
    await t.app.request(`/staff/businesses/${businessId}/support`, form({ type: "training", date: today, amountVnd: "" }, cookie));
  });

  it("re-assessment starts T1 on the version in force with the profile and answers carried over for review", async () => {
    const form0 = await html(await t.app.request(`/staff/businesses/${businessId}/reassess`, get(cookie)));
    expect(form0).toContain('value="Công ty TNHH Thương mại Tây Trang"');
    expect(form0).toMatch(/<option value="border_trade" selected/);
    const res = await t.app.request(
      `/staff/businesses/${businessId}/reassess`,
      form(profileForm({ name: "Công ty TNHH Thương mại Tây Trang", legalForm: "company", taxCode: "5600555555", sector: "border_trade", activityGroup: "trade_services", staff: "20", revenueBnVnd: "20" }), cookie),
    );
    expect(res.status).toBe(303);
    const t1 = idFrom(res);
    expect(sql(t, "select round, previous_assessment_id, method, questionnaire_hash from assessments where id = ?", t1)).toEqual([
      { round: 2, previous_assessment_id: t0, method: "guided", questionnaire_hash: q1().hash },
    ]);
    const carried = sql(t, "select question_id, value from answers where assessment_id = ? order by question_id", t1);
    expect(carried).toEqual(sql(t, "select question_id, value from answers where assessment_id = ? order by question_id", t0));
    expect(await html(await t.app.request(res.headers.get("location")!, get(cookie)))).toContain("đã được điền sẵn");
    // One re-assessment at a time: asking again leads to the one in progress.
    const again = await t.app.request(`/staff/businesses/${businessId}/reassess`, form(profileForm({ taxCode: "5600555555" }), cookie));
    expect(again.headers.get("location")).toBe(`/staff/assessments/${t1}`);

    // The owner's situation improved: answer everything better, submit, compare.
    await fillGuided(t, cookie, t1, { legalForm: "company", sizeClass: "small", sector: "border_trade", activityGroup: "trade_services" }, pickBest);
    await t.app.request(`/staff/assessments/${t1}/submit`, form({}, cookie));
    const page = await html(await t.app.request(`/staff/businesses/${businessId}/compare`, get(cookie)));
    expect(page).toContain("So sánh T0 → T1");
    expect(page).toContain(`cùng dùng bộ câu hỏi phiên bản ${q1().version}`);
    const [r0, r1] = sql(t, "select overall_score, national_level, pillar_scores from assessments where id in (?, ?) order by round", t0, t1);
    expect(page).toContain(`Mức: ${r0!.national_level}`);
    expect(page).toContain(`→ ${r1!.national_level}`);
    for (const p of q1().pillars) expect(page).toContain(`id="cmp-${p.id}"`);
    expect(page).toContain("Thuê phần mềm hóa đơn"); // the support between T0 and T1
    expect(page).toContain("Tập huấn, đào tạo");
  });

  it("GET /api/v1/businesses/{id}/history: staff only, with stages, scores, validation and support", async () => {
    expect((await t.app.request(`/api/v1/businesses/${businessId}/history`)).status).toBe(401);
    const admin = await signInAs(t, await addStaff(t.db, "admin"));
    expect((await t.app.request(`/api/v1/businesses/${businessId}/history`, get(admin))).status).toBe(403);
    const dept = await signInAs(t, await addStaff(t.db, "department"));
    const missing = await t.app.request("/api/v1/businesses/99999/history", get(dept));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe("not_found");
    expect((await t.app.request("/api/v1/businesses/abc/history", get(dept))).status).toBe(400);
    const res = await t.app.request(`/api/v1/businesses/${businessId}/history`, get(dept));
    expect(res.status).toBe(200);
    const h = (await res.json()) as any;
    expect(h.business).toMatchObject({ id: businessId, taxCode: "5600555555", sector: "border_trade" });
    expect(h.assessments.map((a: any) => [a.stage, a.status, a.method])).toEqual([
      ["T0", "submitted", "guided"],
      ["T1", "submitted", "guided"],
    ]);
    expect(h.assessments[1].scores.overall).toBeGreaterThan(h.assessments[0].scores.overall);
    expect(h.assessments[0].validation).toEqual({ validated: false, validatedAt: null, validatedBy: null });
    expect(h.assessments[0].runBy.name).toBe("Lò Văn Tư");
    expect(h.support.map((s: any) => s.type)).toEqual(["platform_subsidy", "platform_subsidy", "training"]);
    expect(h.support[1].warnings).toEqual([{ kind: "over_cap", year: Number(today.slice(0, 4)), cap: cap(), total: cap() + 1_000_000 }]);
    const doc = (await (await t.app.request("/api/v1/openapi.json")).json()) as any;
    expect(doc.paths["/businesses/{id}/history"].get.security).toEqual([{ staffSession: [] }]);
  });
});

describe("a re-assessment on a newer questionnaire version", () => {
  it("compares only the pillars present in both versions and says the versions differ", async () => {
    const copy = copyContent();
    const dbDir = tempDir();
    const dbPath = join(dbDir.dir, "v.sqlite");
    try {
      const before = makeTestApp({ contentDir: copy.dir, dbPath });
      const cookie = await signInAs(before, await addStaff(before.db, "advisor"));
      const id = idFrom(await before.app.request("/staff/businesses", form(profileForm(), cookie)));
      await fillGuided(before, cookie, id, COOP_FACTS, pickMixed, before.content.current);
      await before.app.request(`/staff/assessments/${id}/submit`, form({}, cookie));
      const businessId = sql(before, "select business_id from assessments where id = ?", id)[0]!.business_id;
      before.db.$client.close();

      // Version 1.2 replaces 1.1 (whose files stay as they were): the "infrastructure" pillar becomes "connectivity".
      const v11 = join(copy.dir, "dx-readiness", "1.1");
      const v12 = join(copy.dir, "dx-readiness", "1.2");
      cpSync(v11, v12, { recursive: true });
      for (const f of ["meta.yaml", "common.yaml", "sector-ocop.yaml", "sector-tourism.yaml", "sector-border-trade.yaml"]) {
        let text = readFileSync(join(v12, f), "utf8").replace(/\binfrastructure\b/g, "connectivity");
        if (f === "meta.yaml") text = text.replace('version: "1.1"', 'version: "1.2"').replace('replaces: "1.0"', 'replaces: "1.1"');
        writeFileSync(join(v12, f), text);
      }
      // The legal duties name the versions whose questions they read: the content editor extends them to 1.2.
      const duties = join(copy.dir, "legal-duties.yaml");
      writeFileSync(duties, readFileSync(duties, "utf8").replace(/versions: \["1\.1"\]/g, 'versions: ["1.1", "1.2"]'));
      expect(loadContent(copy.dir).current.version).toBe("1.2");

      const after = makeTestApp({ contentDir: copy.dir, dbPath });
      try {
        const c2 = await signInAs(after, await addStaff(after.db, "advisor"));
        const res = await after.app.request(`/staff/businesses/${businessId}/reassess`, form(profileForm(), c2));
        const t1 = idFrom(res);
        expect(sql(after, "select questionnaire_version from assessments where id = ?", t1)[0]!.questionnaire_version).toBe("1.2");
        await fillGuided(after, c2, t1, COOP_FACTS, pickMixed, after.content.current);
        await after.app.request(`/staff/assessments/${t1}/submit`, form({}, c2));
        const page = await html(await after.app.request(`/staff/businesses/${businessId}/compare`, get(c2)));
        expect(page).toContain("hai phiên bản bộ câu hỏi khác nhau (1.1 và 1.2)");
        expect(page).not.toContain('id="cmp-infrastructure"');
        expect(page).not.toContain('id="cmp-connectivity"');
        expect(page).toContain('id="cmp-strategy"');
        expect(page).toMatch(/Hạ tầng và kết nối số \(chỉ có ở lượt sau\)/);
        // T0 keeps its own version and scores.
        const h = (await (await after.app.request(`/api/v1/businesses/${businessId}/history`, get(c2))).json()) as any;
        expect(h.assessments.map((a: any) => a.questionnaire.version)).toEqual(["1.1", "1.2"]);
      } finally {
        after.cleanup();
      }
    } finally {
      copy.cleanup();
      dbDir.cleanup();
    }
  });
});

describe("the advisor's list", () => {
  let t: TestApp;
  let me: Awaited<ReturnType<typeof addStaff>>;
  let cookie: string;
  beforeAll(async () => {
    t = makeTestApp();
    me = await addStaff(t.db, "advisor");
    cookie = await signInAs(t, me);
  });
  afterAll(() => t.cleanup());

  it("shows what I ran or validated, requests waiting, re-assessments due; filters by commune and sector", async () => {
    const mine = idFrom(await t.app.request("/staff/businesses", form(profileForm({ taxCode: "5600666666", name: "HTX Lúa Thanh Nưa", communeId: "thanh_nua" }), cookie)));
    const otherAdvisor = await signInAs(t, await addStaff(t.db, "advisor"));
    await t.app.request("/staff/businesses", form(profileForm({ taxCode: "5600777777", name: "HTX Của Người Khác" }), otherAdvisor));
    // An owner asks for advice.
    const own = await ownerSelfAssessment(t, { name: "Homestay Bản Mển", sector: "tourism", activityGroup: "trade_services", communeId: "thanh_nua" });
    const plan = (await (await t.app.request(`/api/v1/assessments/${own.code}/plan`)).json()) as any;
    const actionId = plan.horizons.flatMap((h: any) => h.actions)[0].id;
    const asked = await t.app.request(`/api/v1/assessments/${own.code}/advice-requests`, json({ actionId, channel: "zalo", contact: "0912345678" }));
    expect(asked.status).toBeLessThan(300);
    // A business assessed five months ago that received support four months ago.
    const due = idFrom(await t.app.request("/staff/businesses", form(profileForm({ taxCode: "5600888888", name: "HTX Mật ong Tủa Chùa" }), cookie)));
    await fillGuided(t, cookie, due, COOP_FACTS, pickMixed);
    await t.app.request(`/staff/assessments/${due}/submit`, form({}, cookie));
    const dueBusiness = sql(t, "select business_id from assessments where id = ?", due)[0]!.business_id;
    const fiveMonths = new Date(Date.now() - 150 * 86400_000).toISOString();
    t.db.$client.prepare("update assessments set submitted_at = ? where id = ?").run(fiveMonths, due);
    const fourMonths = new Date(Date.now() - 120 * 86400_000).toISOString().slice(0, 10);
    expect((await t.app.request(`/staff/businesses/${dueBusiness}/support`, form({ type: "training", date: fourMonths, amountVnd: "" }, cookie))).status).toBe(303);

    const page = await html(await t.app.request("/staff/advisor", get(cookie)));
    const section = (id: string) => page.slice(page.indexOf(`id="${id}"`), page.indexOf("</section>", page.indexOf(`id="${id}"`)));
    expect(section("mine")).toContain("HTX Lúa Thanh Nưa");
    expect(section("mine")).not.toContain("HTX Của Người Khác");
    expect(section("requests")).toContain("Homestay Bản Mển");
    expect(section("requests")).toContain("0912345678");
    expect(section("due")).toContain("HTX Mật ong Tủa Chùa");
    expect(section("due")).toContain("đã nhận hỗ trợ từ 3 tháng trước");
    // The advisor may open the request's self-assessment (the owner asked to be contacted).
    expect((await t.app.request(`/staff/assessments/${own.id}`, get(cookie))).status).toBe(200);

    const filtered = await html(await t.app.request("/staff/advisor?communeId=thanh_nua&sector=ocop", get(cookie)));
    expect(filtered).toContain("HTX Lúa Thanh Nưa");
    expect(filtered).not.toContain("HTX Mật ong Tủa Chùa");
    expect(filtered).not.toContain("Homestay Bản Mển"); // tourism
    const bySector = await html(await t.app.request("/staff/advisor?sector=tourism", get(cookie)));
    expect(bySector).toContain("Homestay Bản Mển");
    expect(bySector).not.toContain("HTX Lúa Thanh Nưa");
    // Unknown filter values are ignored, not errors.
    expect((await t.app.request("/staff/advisor?communeId=nowhere&sector=x", get(cookie))).status).toBe(200);
    expect(mine).toBeGreaterThan(0);

    // The advisor takes the request, then closes it: it leaves the waiting list.
    const requestId = sql(t, "select id from advice_requests")[0]!.id as number;
    expect((await t.app.request(`/staff/advice/${requestId}`, form({ status: "sent_flowers" }, cookie))).status).toBe(422);
    const dept = await signInAs(t, await addStaff(t.db, "department"));
    expect((await t.app.request(`/staff/advice/${requestId}`, form({ status: "done" }, dept))).status).toBe(403);
    expect((await t.app.request(`/staff/advice/${requestId}`, form({ status: "in_progress" }, cookie))).status).toBe(303);
    expect(sql(t, "select status, handled_by from advice_requests")).toEqual([{ status: "in_progress", handled_by: me.id }]);
    expect(await html(await t.app.request("/staff/advisor", get(cookie)))).toContain(`Đang xử lý: ${me.name}`);
    expect((await t.app.request(`/staff/advice/${requestId}`, form({ status: "done" }, cookie))).status).toBe(303);
    expect(await html(await t.app.request("/staff/advisor", get(cookie)))).not.toContain("Homestay Bản Mển");
  });

  it("staff pages fit the first round trip (≤ 14 KB compressed), even the full review page", async () => {
    const id = idFrom(await t.app.request("/staff/businesses", form(profileForm({ taxCode: "5600999111", sector: "border_trade", activityGroup: "trade_services" }), cookie)));
    await fillGuided(t, cookie, id, { ...COOP_FACTS, sector: "border_trade", activityGroup: "trade_services" }, pickMixed);
    for (const path of ["/staff/advisor", `/staff/assessments/${id}`, `/staff/assessments/${id}/p/1`, "/staff/businesses/new"]) {
      const res = await t.app.request(path, { headers: { cookie, "accept-encoding": "gzip" } });
      expect(res.status).toBe(200);
      const body = new Uint8Array(await res.arrayBuffer());
      const size = res.headers.get("content-encoding") === "gzip" ? body.byteLength : gzipSync(body).byteLength;
      expect(size, path).toBeLessThanOrEqual(14 * 1024);
    }
  });
});

describe("accounts and content versions (admin)", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof addStaff>>;
  let cookie: string;
  beforeAll(async () => {
    t = makeTestApp();
    admin = await addStaff(t.db, "admin", "Quản trị viên");
    cookie = await signInAs(t, admin);
  });
  afterAll(() => t.cleanup());

  it("creates an advisor who can then sign in; refuses duplicates and short passwords without storing", async () => {
    const fields = { name: "Lò Thị Lan", email: "Lan@DienBien.gov.vn", role: "advisor", password: "mật khẩu ban đầu dài" };
    const res = await t.app.request("/staff/admin/users", form(fields, cookie));
    expect(res.status).toBe(303);
    expect(await html(await t.app.request(res.headers.get("location")!, get(cookie)))).toContain("Lò Thị Lan");
    await signInAs(t, { email: "lan@dienbien.gov.vn", password: fields.password });
    expect((await t.app.request("/staff/admin/users", form(fields, cookie))).status).toBe(409);
    expect((await t.app.request("/staff/admin/users", form({ ...fields, email: "khac@dienbien.gov.vn", password: "ngắn" }, cookie))).status).toBe(422);
    expect((await t.app.request("/staff/admin/users", form({ ...fields, email: "khac@dienbien.gov.vn", role: "owner" }, cookie))).status).toBe(422);
    expect(sql(t, "select count(*) n from staff where email = 'khac@dienbien.gov.vn'")[0]!.n).toBe(0);
  });

  it("locking an account ends its sessions; an admin cannot lock themself", async () => {
    const a = await addStaff(t.db, "advisor");
    const theirs = await signInAs(t, a);
    expect((await t.app.request(`/staff/admin/users/${a.id}/active`, form({ active: "no" }, cookie))).status).toBe(303);
    expect((await t.app.request("/staff/advisor", get(theirs))).status).toBe(303);
    expect((await t.app.request(`/staff/admin/users/${admin.id}/active`, form({ active: "no" }, cookie))).status).toBe(409);
    expect((await t.app.request("/staff/admin/users/99999/active", form({ active: "no" }, cookie))).status).toBe(404);
    expect((await t.app.request(`/staff/admin/users/${a.id}/active`, form({ active: "yes" }, cookie))).status).toBe(303);
    await signInAs(t, a);
  });

  it("resets a forgotten password: the old one and every session stop working", async () => {
    const a = await addStaff(t.db, "department");
    const theirs = await signInAs(t, a);
    expect((await t.app.request(`/staff/admin/users/${a.id}/password`, form({ password: "ngắn" }, cookie))).status).toBe(422);
    expect((await t.app.request(`/staff/admin/users/${a.id}/password`, form({ password: "mật khẩu mới do quản trị đặt" }, cookie))).status).toBe(303);
    expect((await t.app.request("/staff/counts", get(theirs))).status).toBe(303);
    expect((await t.app.request("/staff/login", form({ email: a.email, password: a.password }))).status).toBe(422);
    await signInAs(t, { email: a.email, password: "mật khẩu mới do quản trị đặt" });
  });

  it("lists the questionnaire versions with how many assessments each carries", async () => {
    await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }));
    const page = await html(await t.app.request("/staff/admin/content", get(cookie)));
    expect(page).toContain(q1().hash);
    expect(page).toMatch(/<td>1<\/td><td><code>/);
  });
});

// Instants are stored in UTC; support dates are days in Điện Biên. From 17:00 to 24:00 UTC the two
// calendars name different days, and support given "today" must still fall between T0 and T1.
describe("just after midnight in Điện Biên (00:30 on 4 December is 17:30 UTC on 3 December)", () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-03T17:30:00.000Z"), shouldAdvanceTime: true });
    t = makeTestApp();
  });
  afterAll(() => {
    vi.useRealTimers();
    t.cleanup();
  });

  it("offers today's Vietnam date for support and counts that support between a T0 and T1 made the same night", async () => {
    cookie = await signInAs(t, await addStaff(t.db, "advisor", "Quàng Thị Lan"));
    const facts: ProfileFacts = { legalForm: "company", sizeClass: "small", sector: "border_trade", activityGroup: "trade_services" };
    const profileFields = profileForm({ name: "Công ty TNHH Nửa Đêm", legalForm: "company", taxCode: "5600777777", sector: "border_trade", activityGroup: "trade_services", staff: "20", revenueBnVnd: "20" });
    const t0 = idFrom(await t.app.request("/staff/businesses", form(profileFields, cookie)));
    const businessId = sql(t, "select business_id from assessments where id = ?", t0)[0]!.business_id as number;
    await fillGuided(t, cookie, t0, facts, pickWorst);
    await t.app.request(`/staff/assessments/${t0}/submit`, form({}, cookie));
    expect(sql(t, "select submitted_at from assessments where id = ?", t0)[0]!.submitted_at).toMatch(/^2026-12-03T17:/);

    expect(await html(await t.app.request(`/staff/businesses/${businessId}/support/new`, get(cookie)))).toContain('value="2026-12-04"');
    const given = await t.app.request(`/staff/businesses/${businessId}/support`, form({ type: "training", date: "2026-12-04", amountVnd: "", note: "Tập huấn bán hàng qua mạng lúc nửa đêm" }, cookie));
    expect(given.status).toBe(303);

    const t1 = idFrom(await t.app.request(`/staff/businesses/${businessId}/reassess`, form(profileFields, cookie)));
    await fillGuided(t, cookie, t1, facts, pickBest);
    await t.app.request(`/staff/assessments/${t1}/submit`, form({}, cookie));
    const page = await html(await t.app.request(`/staff/businesses/${businessId}/compare`, get(cookie)));
    expect(page).toContain("Tập huấn bán hàng qua mạng lúc nửa đêm");
    expect(page).not.toContain("Không ghi nhận hỗ trợ nào giữa hai lượt");
  });
});

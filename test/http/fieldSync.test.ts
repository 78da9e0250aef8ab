// The advisor's offline app as the server sees it: the package downloaded before a trip, and
// assessments captured without signal arriving later — once each, however often they are sent.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatResumeCode, newResumeCode } from "../../src/domain/resumeCode.ts";
import { score, type ProfileFacts } from "../../src/domain/scoring.ts";
import { sizeClass } from "../../src/domain/sizeClass.ts";
import { answerAll, pickMixed, type Picker } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, get, signInAs } from "../staffHelpers.ts";

let t: TestApp;
let advisor: Awaited<ReturnType<typeof addStaff>>;
let cookie: string;
let other: string;
let dept: string;
beforeAll(async () => {
  t = makeTestApp();
  advisor = await addStaff(t.db, "advisor", "Lò Thị Hoa");
  cookie = await signInAs(t, advisor);
  other = await signInAs(t, await addStaff(t.db, "advisor"));
  dept = await signInAs(t, await addStaff(t.db, "department"));
});
afterAll(() => t.cleanup());

const sql = (query: string, ...args: unknown[]) => t.db.$client.prepare(query).all(...args) as Record<string, any>[];

const put = (clientId: string, body: unknown, who = cookie) =>
  t.app.request(`/api/v1/field/assessments/${clientId}`, {
    method: "PUT",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", cookie: who },
    body: JSON.stringify(body),
  });

/** A complete capture as the device sends it, answered on `q` for this profile. */
function capture(profile: Record<string, unknown> = {}, opts: { pick?: Picker; hash?: string } = {}) {
  const p = { name: "Hộ kinh doanh Mận Hậu Mường Ảng", legalForm: "household", taxCode: null, communeId: "muong_ang", activityGroup: "agriculture", sector: "ocop", staff: 2, revenueBnVnd: 0.5, capitalBnVnd: null, ...profile };
  const q = opts.hash ? t.content.questionnaires.find((x) => x.hash === opts.hash)! : t.content.current;
  const facts = { legalForm: p.legalForm, sector: p.sector, activityGroup: p.activityGroup, sizeClass: sizeClass(p as never, t.content.sizeThresholds).sizeClass } as ProfileFacts;
  const answers = answerAll(q, facts, opts.pick ?? pickMixed);
  const first = Object.keys(answers)[0]!;
  const detail = score(q, facts, answers);
  return {
    questionnaireHash: q.hash,
    policyVersion: t.content.consent.policyVersion,
    profile: p,
    consents: { report: true, statistics: true, contact: false },
    answers,
    notes: { [first]: { note: "Xem sổ ghi chép bán hàng", evidenceSeen: true } },
    code: formatResumeCode(newResumeCode()),
    capturedAt: "2026-12-01T03:15:00.000Z",
    capturedBy: advisor.id,
    shown: { overall: detail.overall, nationalLevel: detail.nationalLevel },
  };
}

describe("the package downloaded before a trip", () => {
  it("carries the questionnaire in force and the content the advice reads; advisors only", async () => {
    const res = await t.app.request("/api/v1/field/package", get(cookie));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const pkg = (await res.json()) as any;
    expect(pkg.questionnaire.hash).toBe(t.content.current.hash);
    expect(pkg.staff).toEqual({ id: advisor.id, name: "Lò Thị Hoa" });
    expect(pkg.communes.length).toBe(t.content.communes.length);
    expect(pkg.advice.actions.actions.length).toBe(t.content.actions.actions.length);
    expect((await t.app.request("/api/v1/field/package")).status).toBe(401);
    expect((await t.app.request("/api/v1/field/package", get(dept))).status).toBe(403);
  });
});

describe("an assessment captured without signal, synced later", () => {
  it("arrives as a submitted guided assessment with consent in person, notes, evidence, its capture and sync times; the owner's code from the device works", async () => {
    const body = capture();
    const id = randomUUID();
    const res = await put(id, body);
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as any;
    expect(receipt).toMatchObject({ created: true, code: body.code, capturedAt: body.capturedAt, conflicts: [], scores: body.shown });
    const [a] = sql("select * from assessments where id = ?", receipt.assessmentId);
    expect(a).toMatchObject({ status: "submitted", method: "guided", capture: "offline", client_id: id, captured_at: body.capturedAt, created_by_staff_id: advisor.id, overall_score: body.shown.overall });
    expect(Date.parse(a!.synced_at)).toBeGreaterThan(Date.parse(body.capturedAt));
    expect(sql("select purpose, granted, method, recorded_by_staff_id, recorded_at from consents where assessment_id = ? order by purpose", a!.id)).toEqual([
      { purpose: "contact", granted: 0, method: "in_person", recorded_by_staff_id: advisor.id, recorded_at: body.capturedAt },
      { purpose: "report", granted: 1, method: "in_person", recorded_by_staff_id: advisor.id, recorded_at: body.capturedAt },
      { purpose: "statistics", granted: 1, method: "in_person", recorded_by_staff_id: advisor.id, recorded_at: body.capturedAt },
    ]);
    expect(sql("select note, evidence_seen from answer_notes where assessment_id = ?", a!.id)).toEqual([{ note: "Xem sổ ghi chép bán hàng", evidence_seen: 1 }]);
    const owner = (await (await t.app.request(`/api/v1/assessments/${body.code}`)).json()) as any;
    expect(owner.status).toBe("submitted");
    expect(owner.scores.overall).toBe(body.shown.overall);

    // The review page shows when it was captured and when it reached the server.
    const page = await (await t.app.request(`/staff/assessments/${a!.id}`, get(cookie))).text();
    expect(page).toContain("Ghi khi không có mạng");
    expect(page).toContain("01/12/2026");
  });

  it("sent again (the answer was lost on the way), it is found, not doubled — even twice at once", async () => {
    const body = capture({ name: "Hộ kinh doanh Chè Tả Sìn Thàng" });
    const id = randomUUID();
    const first = (await (await put(id, body)).json()) as any;
    const count = () => sql("select count(*) as n from assessments where client_id = ?", id)[0]!.n;
    const again = await put(id, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false, assessmentId: first.assessmentId, code: body.code });
    expect(count()).toBe(1);

    const twin = randomUUID();
    const both = await Promise.all([put(twin, capture({ name: "Hộ kinh doanh Gạo Mường Thanh" })), put(twin, capture({ name: "Hộ kinh doanh Gạo Mường Thanh" }))]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(sql("select count(*) as n from assessments where client_id = ?", twin)[0]!.n).toBe(1);
    expect(sql("select count(*) as n from businesses where name = 'Hộ kinh doanh Gạo Mường Thanh'")[0]!.n).toBe(1);
  });

  it("the same business assessed twice is explained: it joins the business already known, as its next round", async () => {
    const company = { name: "Công ty TNHH Cà phê Điện Biên", legalForm: "company", taxCode: "5600777001", activityGroup: "trade_services", sector: "other", staff: 12, revenueBnVnd: 5 };
    const a = (await (await put(randomUUID(), capture(company))).json()) as any;
    const b = (await (await put(randomUUID(), capture({ ...company, name: "Cty Cà phê ĐB" }))).json()) as any;
    expect(a.conflicts).toEqual([]);
    expect(b.businessId).toBe(a.businessId);
    expect(b.conflicts).toEqual([{ kind: "business_known", businessId: a.businessId, round: 2, previous: { assessmentId: a.assessmentId, at: expect.any(String), by: "Lò Thị Hoa" } }]);
    expect(sql("select round, previous_assessment_id from assessments where id = ?", b.assessmentId)).toEqual([{ round: 2, previous_assessment_id: a.assessmentId }]);
    // A household without a tax code is known by its name (any case, any accents) in its commune.
    const h1 = (await (await put(randomUUID(), capture({ name: "Hộ Lò Văn Pánh", communeId: "tua_chua" }))).json()) as any;
    const h2 = (await (await put(randomUUID(), capture({ name: "ho lo van panh", communeId: "tua_chua" }))).json()) as any;
    const h3 = (await (await put(randomUUID(), capture({ name: "Hộ Lò Văn Pánh", communeId: "muong_ang" }))).json()) as any;
    expect(h2.businessId).toBe(h1.businessId);
    expect(h2.conflicts[0].kind).toBe("business_known");
    expect(h3.businessId).not.toBe(h1.businessId);
  });

  it("captured on a version replaced while the device was away: kept on that version, and said so", async () => {
    const old = t.content.questionnaires.find((q) => q.hash !== t.content.current.hash);
    if (!old) return; // only one version on disk
    const r = (await (await put(randomUUID(), capture({ name: "HTX Dệt thổ cẩm Noong Luống" }, { hash: old.hash }))).json()) as any;
    expect(r.conflicts).toContainEqual({ kind: "version_replaced", capturedOn: old.version, inForce: t.content.current.version });
    expect(sql("select questionnaire_hash, questionnaire_version from assessments where id = ?", r.assessmentId)).toEqual([{ questionnaire_hash: old.hash, questionnaire_version: old.version }]);
  });

  it("a resume code already taken is replaced, and the receipt gives the new one", async () => {
    const first = capture({ name: "Hộ Quàng Văn Ún" });
    await put(randomUUID(), first);
    const second = { ...capture({ name: "Hộ Quàng Thị Xuân" }), code: first.code };
    const r = (await (await put(randomUUID(), second)).json()) as any;
    expect(r.code).not.toBe(first.code);
    expect(r.conflicts).toContainEqual({ kind: "code_taken", code: r.code });
    expect((await t.app.request(`/api/v1/assessments/${r.code}`)).status).toBe(200);
  });

  it("refuses an incomplete or wrong capture without storing anything; another advisor cannot replay it; no session asks for sign-in", async () => {
    const before = sql("select count(*) as n from assessments")[0]!.n;
    const incomplete = capture({ name: "Hộ chưa xong" });
    delete (incomplete.answers as Record<string, unknown>)[Object.keys(incomplete.answers).at(-1)!];
    const r1 = await put(randomUUID(), incomplete);
    expect(r1.status).toBe(422);
    expect(((await r1.json()) as any).error.code).toBe("incomplete");
    const r2 = await put(randomUUID(), capture({ staff: -1 }));
    expect(r2.status).toBe(422);
    expect(((await r2.json()) as any).error.fields).toHaveProperty("profile.staff");
    expect((await put("not-a-uuid", capture())).status).toBe(400);
    expect(sql("select count(*) as n from assessments")[0]!.n).toBe(before);
    expect(sql("select count(*) as n from businesses where name = 'Hộ chưa xong'")[0]!.n).toBe(0);

    const id = randomUUID();
    expect((await put(id, capture({ name: "Hộ Cầm Văn Hặc" }))).status).toBe(201);
    const replay = await put(id, capture({ name: "Hộ Cầm Văn Hặc" }), other);
    expect(replay.status).toBe(409);
    // Captured by one advisor, sent from another's session (a shared phone): refused, nothing stored.
    const foreignId = randomUUID();
    const foreign = await put(foreignId, capture({ name: "Hộ Lường Văn Khay" }), other);
    expect(foreign.status).toBe(409);
    expect(((await foreign.json()) as any).error.code).toBe("captured_by_another");
    expect(sql("select count(*) as n from assessments where client_id = ?", foreignId)[0]!.n).toBe(0);
    const anon = await t.app.request(`/api/v1/field/assessments/${randomUUID()}`, { method: "PUT", headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" }, body: JSON.stringify(capture()) });
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as any).error.code).toBe("unauthenticated");
  });
});

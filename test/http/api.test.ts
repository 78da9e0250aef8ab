// The JSON API journey and every bad-input case, through app.request on a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { score } from "../../src/domain/scoring.ts";
import { answerAll, pickBest, pickMixed, pickWorst } from "../answering.ts";
import { consents, json, makeTestApp, profile, type TestApp } from "../helpers.ts";

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.cleanup());

const req = (path: string, init?: RequestInit) => t.app.request(path, init);
async function create(p: Record<string, unknown> = profile(), c: Record<string, unknown> = consents) {
  const res = await req("/api/v1/assessments", json({ profile: p, consents: c }));
  expect(res.status).toBe(201);
  return (await res.json()) as { code: string; sizeClass: string };
}
const get = async (code: string) => (await req(`/api/v1/assessments/${code}`)).json() as Promise<any>;
const put = (code: string, answers: unknown) => req(`/api/v1/assessments/${code}/answers`, json({ answers }, "PUT"));

describe("health and reference data", () => {
  it("GET /healthz answers ok when the database answers", async () => {
    const res = await req("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("GET /api/v1/questionnaires/current gives the version in force with its hash", async () => {
    const body = (await (await req("/api/v1/questionnaires/current")).json()) as any;
    expect(body.id).toBe(t.content.current.id);
    expect(body.version).toBe(t.content.current.version);
    expect(body.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(body.pillars).toHaveLength(7);
    expect(body.pillars.filter((p: any) => p.status === "confirmed")).toHaveLength(5);
    expect(body.questions.length).toBeGreaterThan(25);
  });

  it("GET /api/v1/communes lists the 45 units", async () => {
    const body = (await (await req("/api/v1/communes")).json()) as any[];
    expect(body).toHaveLength(45);
    expect(body.filter((u) => u.kind === "ward").map((u) => u.name)).toEqual(["Điện Biên Phủ", "Mường Lay", "Mường Thanh"]);
    expect(body.find((u) => u.id === "muong_phang")).toEqual({ id: "muong_phang", code: "03325", name: "Mường Phăng", kind: "commune", difficultArea: "unknown" });
  });
});

describe("the whole journey, for each sector", () => {
  const cases = [
    { sector: "ocop", legalForm: "household", activityGroup: "agriculture", pick: pickMixed },
    { sector: "tourism", legalForm: "household", activityGroup: "trade_services", pick: pickBest },
    { sector: "border_trade", legalForm: "company", activityGroup: "trade_services", taxCode: "5600123456", pick: pickMixed },
    { sector: "other", legalForm: "cooperative", activityGroup: "industry", taxCode: "5600123456-001", pick: pickWorst },
  ] as const;

  for (const cse of cases) {
    it(`${cse.sector}: create, answer in several calls, submit, read scores`, async () => {
      const { pick, ...over } = cse;
      const created = await create(profile({ ...over, staff: 4 }));
      expect(created.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(created.sizeClass).toBe("micro");

      const first = await get(created.code);
      expect(first.status).toBe("draft");
      expect(first.profile.sizeClass).toBe("micro");
      expect(first.questionnaire).toEqual({ id: t.content.current.id, version: t.content.current.version, hash: t.content.current.hash });

      const facts = { legalForm: cse.legalForm, sizeClass: "micro", sector: cse.sector, activityGroup: cse.activityGroup } as const;
      const answers = answerAll(t.content.current, facts, pick);
      const ids = Object.keys(answers);
      const thirds = [ids.slice(0, 10), ids.slice(10, 25), ids.slice(25)];
      for (const part of thirds) {
        const res = await put(created.code, Object.fromEntries(part.map((id) => [id, answers[id]])));
        expect(res.status).toBe(200);
      }
      // Saving the same answers again is harmless.
      expect((await put(created.code, Object.fromEntries(thirds[0]!.map((id) => [id, answers[id]])))).status).toBe(200);

      const mid = await get(created.code);
      expect(mid.progress.answered).toBe(mid.progress.total);
      expect(mid.answers).toEqual(answers);

      const sub = await req(`/api/v1/assessments/${created.code}/submit`, { method: "POST" });
      expect(sub.status).toBe(200);
      const expected = score(t.content.current, facts, answers);
      const read = await get(created.code);
      expect(read.status).toBe("submitted");
      expect(read.scores).toEqual({
        overall: expected.overall,
        pillars: expected.pillars.map((p) => ({ id: p.id, score: p.score })),
        nationalLevel: expected.nationalLevel,
        euBand: expected.euBand,
        usesDigitalPlatforms: expected.usesDigitalPlatforms,
      });
      if (pick === pickBest) expect(read.scores.nationalLevel).toBe(5);
      if (pick === pickWorst) expect(read.scores).toMatchObject({ overall: 0, nationalLevel: 0, usesDigitalPlatforms: false });

      const result = (await (await req(`/api/v1/assessments/${created.code}/result`)).json()) as any;
      expect(result.level.name).toBe(t.content.current.levels[read.scores.nationalLevel]!.name);
      expect(result.pillars).toHaveLength(7);
      if (read.scores.nationalLevel < 5 && pick === pickWorst) expect(result.liftOneLevel.steps.length).toBeGreaterThan(0);

      // One computation: the plan's steps that carry "helps reach" are exactly the result's lift steps, in order.
      const plan = (await (await req(`/api/v1/assessments/${created.code}/plan`)).json()) as any;
      const planSteps = plan.horizons.flatMap((h: any) => h.actions);
      const marked = planSteps.filter((a: any) => a.helpsReachLevel !== null);
      expect(marked.map((a: any) => a.id)).toEqual((result.liftOneLevel?.steps ?? []).map((st: any) => st.actionId));
      expect(plan.liftOneLevel?.actionIds ?? []).toEqual(marked.map((a: any) => a.id));
      if (result.liftOneLevel) {
        expect(marked.every((a: any) => a.helpsReachLevel === result.liftOneLevel.targetLevel)).toBe(true);
        expect(result.liftOneLevel.steps.map((st: any) => st.gain)).toEqual(marked.map((a: any) => a.gain));
      }
      expect(result.scoreAfterPlan).toBe(plan.scoreAfterPlan);
    });
  }

  it("sector modules are shown only to their sector", async () => {
    const seen: Record<string, number> = {};
    for (const sector of ["ocop", "tourism", "border_trade", "other"]) {
      const { code } = await create(profile({ sector }));
      seen[sector] = (await get(code)).progress.total;
    }
    expect(seen.ocop).toBeGreaterThan(seen.other!);
    expect(seen.tourism).toBeGreaterThan(seen.other!);
    expect(seen.border_trade).toBeGreaterThan(seen.other!);
  });

  it("the code is read forgivingly: lower case, spaces, O for 0", async () => {
    const { code } = await create();
    const typed = code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o");
    const res = await req(`/api/v1/assessments/${encodeURIComponent(typed)}`);
    expect(res.status).toBe(200);
  });
});

describe("bad input gets a clear structured error and changes nothing", () => {
  async function expectError(res: Response, status: number, code: string, field?: string) {
    expect(res.status).toBe(status);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe("string");
    expect(body.error.message.length).toBeGreaterThan(5);
    if (field) expect(Object.keys(body.error.fields ?? {})).toContain(field);
    return body;
  }
  const count = () => (t.db.$client.prepare("select count(*) n from assessments").get() as { n: number }).n;

  it("malformed JSON is a 400, not a 500", async () => {
    const res = await req("/api/v1/assessments", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    await expectError(res, 400, "malformed_body");
    expect(count()).toBe(0);
  });

  const badProfiles: [string, Record<string, unknown>, string][] = [
    ["missing name", { name: undefined }, "profile.name"],
    ["one-letter name", { name: "A" }, "profile.name"],
    ["unknown legal form", { legalForm: "ngo" }, "profile.legalForm"],
    ["tax code of 9 digits", { legalForm: "company", taxCode: "560012345" }, "profile.taxCode"],
    ["tax code with letters", { legalForm: "company", taxCode: "56001234AB" }, "profile.taxCode"],
    ["branch suffix of 2 digits", { legalForm: "company", taxCode: "5600123456-01" }, "profile.taxCode"],
    ["company without tax code", { legalForm: "company", taxCode: undefined }, "profile.taxCode"],
    ["unknown activity group", { activityGroup: "mining" }, "profile.activityGroup"],
    ["unknown sector", { sector: "fishing" }, "profile.sector"],
    ["negative staff", { staff: -1 }, "profile.staff"],
    ["staff as text", { staff: "năm" }, "profile.staff"],
    ["fractional staff", { staff: 2.5 }, "profile.staff"],
    ["negative revenue", { revenueBnVnd: -3 }, "profile.revenueBnVnd"],
    ["an extra field (ID number)", { idNumber: "001234567890" }, "profile"],
  ];
  for (const [label, over, field] of badProfiles) {
    it(`profile: ${label}`, async () => {
      await expectError(await req("/api/v1/assessments", json({ profile: profile(over), consents })), 400, "invalid_input", field);
      expect(count()).toBe(0);
    });
  }

  it("profile: unknown commune is a 422 naming the field", async () => {
    await expectError(await req("/api/v1/assessments", json({ profile: profile({ communeId: "ha_noi" }), consents })), 422, "unknown_commune", "profile.communeId");
    expect(count()).toBe(0);
  });

  it("consent to keep the answers is required; the others must be stated, not assumed", async () => {
    await expectError(await req("/api/v1/assessments", json({ profile: profile(), consents: { ...consents, report: false } })), 400, "invalid_input", "consents.report");
    await expectError(await req("/api/v1/assessments", json({ profile: profile(), consents: { report: true } })), 400, "invalid_input", "consents.statistics");
    expect(count()).toBe(0);
  });

  it("consents are recorded with the policy version", async () => {
    const { code } = await create(profile(), { report: true, statistics: false, contact: true });
    const body = await get(code);
    expect(body.consents).toEqual({ report: true, statistics: false, contact: true, policyVersion: t.content.consent.policyVersion });
  });

  it("codes: malformed is 400, unknown is 404", async () => {
    await expectError(await req("/api/v1/assessments/abc"), 400, "invalid_code");
    await expectError(await req("/api/v1/assessments/ABCD-EFGH-JKMN"), 404, "not_found");
    await expectError(await put("ABCD-EFGH-JKMN", {}), 404, "not_found");
  });

  it("answers: any invalid entry rejects the whole change", async () => {
    const { code } = await create();
    const q = t.content.current;
    const single = q.questions.find((x) => x.type === "single")!;
    const multi = q.questions.find((x) => x.type === "multi" && x.options.some((o) => o.exclusive))!;
    const excl = multi.options.find((o) => o.exclusive)!;
    const other = multi.options.find((o) => !o.exclusive)!;
    const good = { [single.id]: single.options[0]!.id };
    expect((await put(code, good)).status).toBe(200);
    const cases: [unknown, string][] = [
      [{ no_such_question: "x", [single.id]: single.options[1]!.id }, "answers.no_such_question"],
      [{ [single.id]: "no_such_option" }, `answers.${single.id}`],
      [{ [single.id]: [single.options[0]!.id, single.options[1]!.id] }, `answers.${single.id}`],
      [{ [multi.id]: [excl.id, other.id] }, `answers.${multi.id}`],
    ];
    for (const [answers, field] of cases) await expectError(await put(code, answers), 422, "invalid_answers", field);
    await expectError(await put(code, { [single.id]: 42 }), 400, "invalid_input");
    await expectError(await req(`/api/v1/assessments/${code}/answers`, json({ answers: good, extra: 1 }, "PUT")), 400, "invalid_input");
    expect((await get(code)).answers).toEqual(good);
  });

  it("answers: null clears one answer", async () => {
    const { code } = await create();
    const single = t.content.current.questions.find((x) => x.type === "single")!;
    await put(code, { [single.id]: single.options[0]!.id });
    expect((await put(code, { [single.id]: null })).status).toBe(200);
    expect((await get(code)).answers).toEqual({});
  });

  it("submit: incomplete is a 422 listing what is missing; nothing is submitted", async () => {
    const { code } = await create();
    const body = await expectError(await req(`/api/v1/assessments/${code}/submit`, { method: "POST" }), 422, "incomplete");
    expect(Object.keys(body.error.fields).length).toBe((await get(code)).progress.total);
    expect((await get(code)).status).toBe("draft");
  });

  it("after submit: answering or submitting again is a 409 and the scores stay", async () => {
    const { code } = await create();
    const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
    const answers = answerAll(t.content.current, facts, pickMixed);
    await put(code, answers);
    expect((await req(`/api/v1/assessments/${code}/submit`, { method: "POST" })).status).toBe(200);
    const before = await get(code);
    const first = t.content.current.questions[0]!;
    await expectError(await put(code, { [first.id]: pickBest(first, 0) }), 409, "already_submitted");
    await expectError(await req(`/api/v1/assessments/${code}/submit`, { method: "POST" }), 409, "already_submitted");
    expect(await get(code)).toEqual(before);
  });

  it("result before submit is a 409", async () => {
    const { code } = await create();
    await expectError(await req(`/api/v1/assessments/${code}/result`), 409, "not_submitted");
  });

  it("an unknown API address is a JSON 404", async () => {
    await expectError(await req("/api/v1/nothing-here"), 404, "not_found");
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and describes every /api/v1 route", async () => {
    const doc = (await (await req("/api/v1/openapi.json")).json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>))
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ":$1")}`);
    const routes = t.app.routes
      .filter((r) => r.path.startsWith("/api/v1/") && r.method !== "ALL" && r.path !== "/api/v1/openapi.json")
      .map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThanOrEqual(7);
    for (const r of routes) expect(documented, `${r} is missing from openapi.json`).toContain(r);
  });

  it("documents the request schemas that are enforced", async () => {
    const doc = (await (await req("/api/v1/openapi.json")).json()) as any;
    const create = doc.paths["/assessments"].post.requestBody.content["application/json"].schema;
    const resolved = create.$ref ? doc.components.schemas[create.$ref.split("/").pop()] : create;
    expect(resolved.properties.profile.properties.legalForm.enum).toEqual(["company", "cooperative", "household"]);
    expect(resolved.properties.consents.required).toEqual(["report", "statistics", "contact"]);
  });
});

describe("guessing codes is stopped", () => {
  it("after the allowance of codes that find nothing, the address gets 429 with Retry-After, even for pages", async () => {
    const { newResumeCode } = await import("../../src/domain/resumeCode.ts");
    const { DEFAULT_LIMITS } = await import("../../src/http/rateLimit.ts");
    const { max, windowMs } = DEFAULT_LIMITS.lookup;
    const { code } = await create();
    // This browser opened its own page before the guessing began.
    const opened = await req(`/a/${code}/p/1`);
    expect(opened.status).toBe(200);
    const cookie = /dx_codes=[^;]+/.exec(opened.headers.get("set-cookie") ?? "")![0];
    expect(cookie).not.toContain(code.replace(/-/g, "")); // a keyed tag, not the code
    let tried = 0;
    let blockedAt = -1;
    for (let i = 0; i < max + 20; i++) {
      tried++;
      const res = await req(`/api/v1/assessments/${newResumeCode()}`);
      if (res.status === 429) {
        blockedAt = tried;
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        break;
      }
      expect(res.status).toBe(404);
    }
    expect(blockedAt).toBe(max + 1);
    // `max` guesses per window per address, for a year, against the 2^55 codes: far below 1 %.
    const perYear = (max * (365 * 24 * 3600_000 / windowMs)) / 2 ** 55;
    console.log(`resume-code guessing: blocked after ${blockedAt - 1} misses; one address for a year tries ${perYear.toExponential(1)} of the code space`);
    expect(perYear).toBeLessThan(0.01);
    // The block holds on every door that takes a code, including a real one this browser never opened,
    // so a guesser learns nothing from it; the page says why in Vietnamese.
    expect((await req(`/api/v1/assessments/${code}`)).status).toBe(429);
    const page = await req(`/a/${code}`);
    expect(page.status).toBe(429);
    expect(await page.text()).toContain("nhập sai mã tiếp tục quá nhiều lần");
    const form = await req("/resume", { method: "POST", body: new URLSearchParams({ code }) });
    expect(form.status).toBe(429);
    // The owner who opened the page keeps working on it from the same address.
    expect((await req(`/a/${code}/p/1`, { headers: { cookie } })).status).toBe(200);
    expect((await req(`/api/v1/assessments/${code}`, { headers: { cookie } })).status).toBe(200);
    // A tag is for its own code only.
    expect((await req(`/api/v1/assessments/${newResumeCode()}`, { headers: { cookie } })).status).toBe(429);
    const other = await create();
    expect((await req(`/a/${other.code}/p/1`, { headers: { cookie } })).status).toBe(429);
  });
});

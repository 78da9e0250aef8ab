// The API document as other systems' tools read it: linted by Redocly CLI (offline, redocly.yaml),
// an operationId on every operation, security schemes with public operations marked public, a
// licence, and every status an operation actually answers documented for that operation.
import { serve, type ServerType } from "@hono/node-server";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintOpenApi, openApiDocument } from "../../src/cli/lintOpenApi.ts";
import { createApiToken } from "../../src/services/apiTokens.ts";
import { consents, json, makeTestApp, profile, startedCode, type TestApp } from "../helpers.ts";
import { addStaff, signInAs } from "../staffHelpers.ts";

type Op = { operationId?: string; security?: Record<string, string[]>[]; requestBody?: unknown; responses: Record<string, unknown> };
type Doc = { info: { license?: { name: string; identifier?: string } }; paths: Record<string, Record<string, Op>>; components: { securitySchemes: Record<string, Record<string, string>> } };

let doc: Doc;
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

beforeAll(async () => {
  doc = (await openApiDocument()) as Doc;
});

describe("the document", () => {
  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const r = await lintOpenApi(doc);
    expect(r.problems.map((p) => `${p.ruleId} ${p.pointer}`)).toEqual([]);
    expect(r.errors + r.warnings).toBe(0);
  }, 120_000);

  it("the lint run would catch a missing operationId or security (it can fail)", async () => {
    const broken = structuredClone(doc);
    delete broken.paths["/communes"]!.get!.operationId;
    delete broken.paths["/communes"]!.get!.security;
    const r = await lintOpenApi(broken);
    expect(r.problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining(["operation-operationId", "security-defined"]));
  }, 120_000);

  it("every operation has an operationId, each one different", () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("declares the staff session cookie and the bearer token, and a licence", () => {
    expect(doc.components.securitySchemes.staffSession).toMatchObject({ type: "apiKey", in: "cookie", name: "dx_staff" });
    expect(doc.components.securitySchemes.statsToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.info.license?.identifier).toBe("CC-BY-4.0");
  });
});

describe("what the document says matches what the server does", () => {
  let t: TestApp;
  let blocked: TestApp;
  let code: string;
  let submittedCode: string;
  let staffCookie: string;
  let token: string;
  beforeAll(async () => {
    t = makeTestApp();
    // The same app with every allowance spent, to see which operations answer 429.
    blocked = makeTestApp({ limits: { create: { max: 0, windowMs: 60_000 }, lookup: { max: 0, windowMs: 60_000 }, advice: { max: 0, windowMs: 60_000 } } });
    code = await startedCode(t);
    submittedCode = await startedCode(t);
    staffCookie = await signInAs(t, await addStaff(t.db, "department"));
    token = createApiToken(t.db, "thử nghiệm").token;
  });
  afterAll(() => {
    t.cleanup();
    blocked.cleanup();
  });

  const urlOf = (path: string, c = code) => `/api/v1${path.replace("{code}", c).replace("{id}", "1")}`;
  const bodyOf = (path: string) =>
    path === "/assessments" ? { profile: profile(), consents } : path.endsWith("/answers") ? { answers: { str_awareness: "aw_doing" } } : path.endsWith("/advice-requests") ? { actionId: "x", channel: "phone", contact: "0912345678" } : undefined;

  /** Status codes each operation answered, gathered over the requests below. */
  const seen = new Map<string, Set<number>>();
  const note = (key: string, status: number) => (seen.get(key) ?? seen.set(key, new Set()).get(key)!).add(status);

  it("public operations (security: []) answer without credentials; the others ask for theirs", async () => {
    for (const { path, method, op } of operations()) {
      const res = await t.app.request(urlOf(path), { method, ...(bodyOf(path) ? json(bodyOf(path), method) : {}) });
      note(`${method} ${path}`, res.status);
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      if (schemes.length === 0) expect(res.status, `${method} ${path}`).not.toBe(401);
      else expect(res.status, `${method} ${path}`).toBe(401);
      if (schemes.includes("staffSession")) {
        const ok = await t.app.request(urlOf(path), { method, headers: { cookie: staffCookie } });
        note(`${method} ${path}`, ok.status);
        expect(ok.status).not.toBe(401);
      }
      if (schemes.includes("statsToken")) {
        const ok = await t.app.request(urlOf(path), { method, headers: { authorization: `Bearer ${token}` } });
        note(`${method} ${path}`, ok.status);
        expect(ok.status).not.toBe(401);
      }
    }
  });

  it("every status an operation answers is documented for it: misses, wrong input, limits, edge refusals", async () => {
    for (const { path, method } of operations()) {
      const key = `${method} ${path}`;
      const hit = async (init: RequestInit, app = t.app, c = code) => note(key, (await app.request(urlOf(path, c), { method, ...init })).status);
      await hit({}, t.app, "0000-0000-0000"); // a code that finds nothing (or a check symbol that fails)
      await hit({}, t.app, "ZZZZ"); // a code of the wrong shape
      await hit({}, t.app, submittedCode);
      await hit({}, blocked.app); // allowance spent
      await hit({ headers: { authorization: `Bearer ${token}`, cookie: staffCookie } });
      await hit({ headers: { authorization: `Bearer ${token}` } });
      if (method === "GET") note(key, (await t.app.request(`${urlOf(path)}?sector=nonsense`, { headers: { authorization: `Bearer ${token}` } })).status);
      if (method !== "GET") {
        await hit({ headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" }, body: "{}" });
        await hit({ headers: { "content-type": "application/json", "content-length": String(100 * 1024) }, body: "x".repeat(100 * 1024) });
        await hit({ headers: { "content-type": "text/plain" }, body: "{}" });
        await hit({ headers: { "content-type": "application/json" }, body: "{not json" });
        await hit({ headers: { "content-type": "application/json" }, body: JSON.stringify({ surprise: 1 }) });
      }
    }
    const undocumented: string[] = [];
    for (const { path, method, op } of operations())
      for (const status of seen.get(`${method} ${path}`) ?? []) if (!(String(status) in op.responses)) undocumented.push(`${method} ${path} → ${status}`);
    expect(undocumented).toEqual([]);
    // The refusals this walk provoked include each edge status the issue names.
    const all = new Set([...seen.values()].flatMap((s) => [...s]));
    for (const s of [400, 401, 403, 404, 413, 415, 429]) expect(all.has(s), String(s)).toBe(true);
  });

  it("operations that say they may answer 429 do, once the allowance is spent", async () => {
    for (const { path, method, op } of operations()) {
      if (!("429" in op.responses)) continue;
      const res = await blocked.app.request(urlOf(path), { method, ...(bodyOf(path) ? json(bodyOf(path), method) : {}) });
      expect(res.status, `${method} ${path}`).toBe(429);
    }
  });

  it("headers too large get 431 from the server itself, as documented on every operation", async () => {
    for (const { op } of operations()) expect(op.responses).toHaveProperty("431");
    let server: ServerType | undefined;
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
    });
    try {
      const status = await new Promise<number>((resolve, reject) =>
        request({ host: "127.0.0.1", port, path: "/api/v1/communes", headers: { "x-filler": "a".repeat(32 * 1024) } }, (res) => (res.resume(), resolve(res.statusCode ?? 0)))
          .on("error", reject)
          .end(),
      );
      expect(status).toBe(431);
    } finally {
      await new Promise((r) => server!.close(r));
    }
  });
});

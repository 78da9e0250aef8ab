// Random and malformed input to every route of the app (forms, JSON, path and query parameters):
// never a 5xx, every rejection a clear 4xx, and a rejected request never changes stored data.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import fc from "fast-check";
import { answerAll, pickMixed } from "../answering.ts";
import { consents, json, makeTestApp, profile, type TestApp } from "../helpers.ts";
import { addStaff, form, profileForm, signInAs } from "../staffHelpers.ts";

const SAMPLES_PER_ROUTE = 24;
// Tables that legitimately change on a refused request: sessions (last seen), token use.
const VOLATILE = new Set(["staff_sessions", "api_tokens", "__drizzle_migrations", "sqlite_sequence"]);

let t: TestApp;
let cookies: Record<"advisor" | "department" | "admin", string>;
let fixtures: { code: string; draftCode: string; businessId: number; assessmentId: number };

function snapshot(): string {
  const h = createHash("sha256");
  const tables = t.db.$client.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[];
  for (const { name } of tables) {
    if (VOLATILE.has(name)) continue;
    h.update(name);
    h.update(JSON.stringify(t.db.$client.prepare(`select * from "${name}"`).raw().all()));
  }
  return h.digest("hex");
}

/** Strings that break naive code: control characters, lone surrogates, RTL, huge, SQL/HTML-ish. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", " ", "\u0000", "\ud800", "\u202e", "☕️🇻🇳", "Ł̴̡̛̫̈́", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "-1", "1e309", "NaN", "null", "[]", "{}"),
  fc.string({ minLength: 5000, maxLength: 70_000 }),
  fc.integer().map(String),
  fc.double().map(String),
);

const FIELDS = [
  "name", "legalForm", "taxCode", "communeId", "sector", "activityGroup", "staff", "revenueBnVnd", "capitalBnVnd",
  "consent.report", "consent.statistics", "consent.contact", "code", "shown", "q.str_awareness", "q.inv_payment",
  "actionId", "platformId", "channel", "contact", "message", "granted", "purpose", "confirm", "email", "password",
  "role", "active", "type", "date", "amountVnd", "note", "reason", "questionId", "value", "evidenceSeen", "next",
];

// Every known field at once, each nasty (long ones kept short enough that the whole body stays under
// the 64 KB limit and reaches the handler): a few samples per route then cover every field.
const everyField = fc
  .record(Object.fromEntries(FIELDS.map((f) => [f, fc.oneof(nasty.filter((v) => v.length < 300), fc.string({ minLength: 300, maxLength: 1500 }))])))
  .map((r) => Object.entries(r) as [string, string][]);

const formBody = fc.oneof(
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), nasty), { maxLength: 12 }),
  everyField,
  // The same field several times (a browser sends that for checkboxes; a forger for anything).
  fc
    .subarray(FIELDS, { minLength: 3 })
    .chain((keys) =>
      fc.tuple(...keys.map((k) => fc.array(nasty.filter((v) => v.length < 200), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => [k, v] as [string, string])))),
    )
    .map((groups) => groups.flat()),
);
const jsonBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.anything().map((v) => {
    try {
      return JSON.stringify(v) ?? "null";
    } catch {
      return "{";
    }
  }),
  fc.record({ profile: fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue()), consents: fc.jsonValue(), answers: fc.jsonValue() }).map((v) => JSON.stringify(v)),
  fc.constantFrom("{", "{\"answers\":", "[1,2", "{\"a\":1,\"a\":2}", "\u0000", "{\"answers\":{\"str_awareness\":\"aw_doing\",\"str_awareness\":[1]}}"),
  nasty,
);
const pathParam = fc.oneof(nasty.filter((s) => s.length < 300), fc.constantFrom("0", "-1", "999999999", "1.5", "ABCD-EFGH-JKMN", "%00", "%E0%A4%A"));

/** A lone surrogate cannot be URI-encoded; send the raw bytes a broken client would. */
function safeEncode(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return "%ED%A0%80";
  }
}

beforeAll(async () => {
  const high = { max: 1_000_000, windowMs: 60_000 };
  t = makeTestApp({ limits: { login: high, lookup: high, create: high, advice: high } });
  const [advisor, department, admin] = [await addStaff(t.db, "advisor"), await addStaff(t.db, "department"), await addStaff(t.db, "admin")];
  cookies = { advisor: await signInAs(t, advisor!), department: await signInAs(t, department!), admin: await signInAs(t, admin!) };
  const created = (await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents: { ...consents, contact: true } }))).json()) as { code: string };
  const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
  await t.app.request(`/api/v1/assessments/${created.code}/answers`, json({ answers: answerAll(t.content.current, facts, pickMixed) }, "PUT"));
  await t.app.request(`/api/v1/assessments/${created.code}/submit`, { method: "POST" });
  // A draft that can never be submitted (half answered), so draft-only handlers stay reachable.
  const draft = (await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as { code: string };
  await t.app.request(`/api/v1/assessments/${draft.code}/answers`, json({ answers: { str_awareness: "aw_want" } }, "PUT"));
  const res = await t.app.request("/staff/businesses", form(profileForm(), cookies.advisor));
  const assessmentId = Number(/\/staff\/assessments\/(\d+)\//.exec(res.headers.get("location") ?? "")![1]);
  const businessId = (t.db.$client.prepare("select business_id as b from assessments where id = ?").get(assessmentId) as { b: number }).b;
  fixtures = { code: created.code, draftCode: draft.code, businessId, assessmentId };
});
afterAll(() => t?.cleanup());

it("random and malformed requests to every route: no 5xx, clear 4xx, nothing stored on rejection", async () => {
  const routes = [...new Set(t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))]
    // Signing out and erasing would end the fixtures the other routes need; they are fuzzed last.
    .sort((a, b) => Number(/logout|erase/.test(a)) - Number(/logout|erase/.test(b)));
  let tried = 0;
  const failures: string[] = [];
  for (const key of routes) {
    const method = key.slice(0, key.indexOf(" "));
    const template = key.slice(key.indexOf(" ") + 1);
    const api = template.startsWith("/api/");
    const cases = fc.sample(fc.record({ form: formBody, json: jsonBody, param: pathParam, fixture: fc.boolean(), query: fc.dictionary(fc.constantFrom("sector", "category", "commune", "q", "next", "year", "format"), nasty.filter((s) => s.length < 500)) }), {
      numRuns: SAMPLES_PER_ROUTE,
      seed: 20261123 + tried,
    });
    for (const [i, c] of cases.entries()) {
      // Every identity in turn: nobody, and each staff role (authorisation paths get fuzzed too).
      const cookie = [undefined, cookies.advisor, cookies.department, cookies.admin][i % 4];
      const fill = (name: string) =>
        c.fixture
          ? name === "code"
            ? /\/(p|submit|answers|code|review)\b|\/a\/:code$/.test(template)
              ? fixtures.draftCode
              : fixtures.code
            : name === "id"
              ? String(template.includes("/businesses/") ? fixtures.businessId : fixtures.assessmentId)
              : name === "n"
                ? "1"
                : "str_awareness"
          : safeEncode(c.param);
      const path = template.replace(/:(\w+)/g, (_, name: string) => fill(name)) + (Object.keys(c.query).length ? `?${new URLSearchParams(c.query)}` : "");
      // As our own pages would send it, so that the fuzz reaches the handlers behind the CSRF guard.
      const headers: Record<string, string> = { "sec-fetch-site": "same-origin", ...(cookie ? { cookie } : {}) };
      let init: RequestInit = { method, headers };
      if (method !== "GET") {
        if (api) init = { method, headers: { ...headers, "content-type": "application/json" }, body: c.json };
        else {
          const body = new URLSearchParams();
          for (const [k, v] of c.form) body.append(k, v);
          init = { method, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body };
        }
      }
      const before = snapshot();
      let res: Response;
      try {
        res = await t.app.request(path.startsWith("/") ? path : `/${path}`, init);
      } catch (e) {
        failures.push(`${key} threw ${String(e)}`);
        continue;
      }
      tried++;
      const text = await res.text();
      if (res.status >= 500) failures.push(`${key} → ${res.status} for ${path.slice(0, 80)}`);
      if (res.status >= 400 && res.status < 500) {
        if (snapshot() !== before) failures.push(`${key} → ${res.status} but stored data changed`);
        if (api && res.headers.get("content-type")?.includes("json")) {
          const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
          if (!body.error?.code || !body.error.message) failures.push(`${key} → ${res.status} without {error:{code,message}}`);
        } else if (text.trim().length < 5) failures.push(`${key} → ${res.status} with an empty message`);
      }
    }
  }
  console.log(`fuzz: ${tried} requests over ${routes.length} routes, ${failures.length} failures`);
  expect(failures.slice(0, 20)).toEqual([]);
  expect(tried).toBeGreaterThan(routes.length * SAMPLES_PER_ROUTE * 0.9);
}, 300_000);

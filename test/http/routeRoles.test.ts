// Every route of the app, walked with every role, no session, and an owner carrying their resume
// code where a session cookie would go. Each route needs an entry in ROUTES: adding a route without
// one fails this test, so nobody adds a page without deciding who may open it.
//
// Outcomes: "ok" = let through (any status below 500 except 401/403 and a redirect to the login
// page); "login" = no session (pages: 303 to /staff/login, API: 401); "forbidden" = 403.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asset } from "../../src/http/assets.ts";
import { consents, json, makeTestApp, profile, type TestApp } from "../helpers.ts";
import { answerAll, pickMixed } from "../answering.ts";
import { addStaff, form, get, profileForm, signInAs } from "../staffHelpers.ts";

type Outcome = "ok" | "login" | "forbidden";
const ACTORS = ["anon", "owner", "advisor", "department", "admin"] as const;
type Actor = (typeof ACTORS)[number];
type Expect = Record<Actor, Outcome>;
interface Entry {
  expect: Expect;
  /** A concrete path, when the parameters cannot be filled in from the fixtures by name. */
  path?: string;
}

const PUBLIC: Expect = { anon: "ok", owner: "ok", advisor: "ok", department: "ok", admin: "ok" };
/** Any signed-in staff member (own password, sign-out). */
const STAFF: Expect = { anon: "login", owner: "login", advisor: "ok", department: "ok", admin: "ok" };
/** Read businesses and assessments: advisors and the department (read-only), not admins. */
const READ: Expect = { anon: "login", owner: "login", advisor: "ok", department: "ok", admin: "forbidden" };
/** Change anything about a business: advisors only. */
const ADVISE: Expect = { anon: "login", owner: "login", advisor: "ok", department: "forbidden", admin: "forbidden" };
/** Accounts and content versions: admins only. */
const ADMIN: Expect = { anon: "login", owner: "login", advisor: "forbidden", department: "forbidden", admin: "ok" };

/** The province's register: the department only. */
const REGISTRY: Expect = { anon: "login", owner: "login", advisor: "forbidden", department: "ok", admin: "forbidden" };
/** The statistics API takes an API token, never a session: without one everybody gets 401. */
const TOKEN: Expect = { anon: "login", owner: "login", advisor: "login", department: "login", admin: "login" };

const e = (expect: Expect, path?: string): Entry => ({ expect, path });

export const ROUTES: Record<string, Entry> = {
  // Operations and static files.
  "GET /healthz": e(PUBLIC),
  "GET /static/:file": e(PUBLIC),
  "GET /sw.js": e(PUBLIC),
  "GET /staff/field/sw.js": e(PUBLIC),
  "GET /staff/field/manifest.webmanifest": e(PUBLIC),
  // Public JSON API (the owner's code is the key).
  "GET /api/v1/questionnaires/current": e(PUBLIC),
  "GET /api/v1/communes": e(PUBLIC),
  "GET /api/v1/platforms": e(PUBLIC),
  "GET /api/v1/openapi.json": e(PUBLIC),
  "POST /api/v1/assessments": e(PUBLIC),
  "GET /api/v1/assessments/:code": e(PUBLIC),
  "PUT /api/v1/assessments/:code/answers": e(PUBLIC),
  "POST /api/v1/assessments/:code/submit": e(PUBLIC),
  "POST /api/v1/assessments/:code/corrections": e(PUBLIC),
  "GET /api/v1/assessments/:code/result": e(PUBLIC),
  "GET /api/v1/assessments/:code/plan": e(PUBLIC),
  "POST /api/v1/assessments/:code/advice-requests": e(PUBLIC),
  // Staff-only JSON.
  "GET /api/v1/businesses/:id/history": e(READ),
  "GET /api/v1/field/package": e(ADVISE),
  "PUT /api/v1/field/assessments/:clientId": e(ADVISE, "/api/v1/field/assessments/0b6f3c1e-8d2a-4f7b-9c55-3e1a2b4c5d6e"),
  // The advisor's offline app (its page; everything else happens on the device).
  "GET /staff/field": e(PUBLIC),
  "GET /staff/field/": e(ADVISE),
  // Keying in a filled paper form.
  "GET /staff/paper-entry": e(ADVISE),
  "GET /staff/paper-entry/check": e(ADVISE, "/staff/paper-entry/check?version=1.1&sector=ocop&c.str_plan=2"),
  "POST /staff/paper-entry": e(ADVISE),
  // Owner pages.
  "GET /": e(PUBLIC),
  "GET /privacy": e(PUBLIC),
  "GET /help": e(PUBLIC),
  "GET /platforms": e(PUBLIC),
  "POST /assessments": e(PUBLIC),
  "POST /resume": e(PUBLIC),
  "GET /a/:code": e(PUBLIC),
  "GET /a/:code/code": e(PUBLIC),
  "GET /a/:code/p/:n": e(PUBLIC),
  "POST /a/:code/p/:n": e(PUBLIC),
  "GET /a/:code/review": e(PUBLIC),
  "POST /a/:code/submit": e(PUBLIC),
  "GET /a/:code/result": e(PUBLIC),
  "GET /a/:code/answers": e(PUBLIC),
  "GET /a/:code/correct/:n": e(PUBLIC),
  "POST /a/:code/correct/:n": e(PUBLIC),
  "POST /a/:code/restart": e(PUBLIC),
  "GET /a/:code/plan": e(PUBLIC),
  "GET /a/:code/report.pdf": e(PUBLIC),
  // The blank paper form of a sector (a bad sector answers 400 here, so the walk renders nothing).
  "GET /paper-form.pdf": e(PUBLIC, "/paper-form.pdf?sector=none"),
  "POST /a/:code/advice": e(PUBLIC),
  "POST /a/:code/consent/contact": e(PUBLIC),
  "GET /a/:code/data": e(PUBLIC),
  "GET /a/:code/data.json": e(PUBLIC),
  "GET /a/:code/data.csv": e(PUBLIC),
  "POST /a/:code/data/profile": e(PUBLIC),
  "POST /a/:code/data/consent": e(PUBLIC),
  "POST /a/:code/data/erase": e(PUBLIC),
  // Staff: sign-in and self.
  "GET /staff/login": e(PUBLIC),
  "POST /staff/login": e(PUBLIC),
  "POST /staff/logout": e(STAFF),
  "GET /staff": e(STAFF),
  "GET /staff/password": e(STAFF),
  "POST /staff/password": e(STAFF),
  // Staff: lists and counts.
  "GET /staff/advisor": e(ADVISE),
  "POST /staff/advice/:id": e(ADVISE),
  "GET /staff/counts": e(READ),
  "GET /staff/businesses": e(READ),
  // Staff: businesses, guided sessions, support, re-assessment, comparison.
  "GET /staff/businesses/new": e(ADVISE),
  "POST /staff/businesses": e(ADVISE),
  "GET /staff/businesses/:id": e(READ),
  "GET /staff/businesses/:id/support/new": e(ADVISE),
  "POST /staff/businesses/:id/support": e(ADVISE),
  "GET /staff/businesses/:id/support/:supportId/edit": e(ADVISE),
  "POST /staff/businesses/:id/support/:supportId": e(ADVISE),
  "POST /staff/businesses/:id/support/:supportId/withdraw": e(ADVISE),
  "GET /staff/businesses/:id/reassess": e(ADVISE),
  "POST /staff/businesses/:id/reassess": e(ADVISE),
  "GET /staff/businesses/:id/compare": e(READ),
  // Two records of one business merged, and undone: advisors and the department.
  "GET /staff/businesses/:id/merge": e(READ),
  "POST /staff/businesses/:id/merge": e(READ),
  "POST /staff/merges/:id/undo": e(READ, "/staff/merges/999/undo"),
  "GET /staff/find": e(ADVISE),
  "POST /staff/find": e(ADVISE),
  "GET /staff/assessments/:id": e(READ),
  "GET /staff/assessments/:id/p/:n": e(ADVISE),
  "GET /staff/assessments/:id/q/:questionId": e(ADVISE),
  "POST /staff/assessments/:id/p/:n": e(ADVISE),
  "POST /staff/assessments/:id/submit": e(ADVISE),
  "POST /staff/assessments/:id/answers": e(ADVISE),
  "POST /staff/assessments/:id/validate": e(ADVISE),
  // Staff: administration.
  "GET /staff/admin/users": e(ADMIN),
  "POST /staff/admin/users": e(ADMIN),
  "POST /staff/admin/users/:id/active": e(ADMIN),
  "POST /staff/admin/users/:id/password": e(ADMIN),
  "GET /staff/admin/content": e(ADMIN),
  // Department: dashboard, lists behind its numbers, registry, exports, yearly report.
  "GET /staff/department": e(READ),
  "GET /staff/department/list": e(READ, "/staff/department/list?kind=assessed"),
  "GET /staff/department/registry/list": e(READ),
  "GET /staff/department/advice": e(READ),
  "GET /staff/department/registry": e(REGISTRY),
  "POST /staff/department/registry/preview": e(REGISTRY),
  "POST /staff/department/registry/commit": e(REGISTRY),
  "GET /staff/department/registry/template.csv": e(REGISTRY),
  "GET /staff/department/registry/template.xlsx": e(REGISTRY),
  "GET /staff/department/registry/imports": e(REGISTRY),
  "GET /staff/department/registry/imports/:id": e(REGISTRY, "/staff/department/registry/imports/999"),
  "GET /staff/department/registry/imports/:id/missing": e(REGISTRY, "/staff/department/registry/imports/999/missing"),
  "POST /staff/department/registry/imports/:id/missing/close": e(REGISTRY, "/staff/department/registry/imports/999/missing/close"),
  "POST /staff/department/registry/rows/:id/close": e(REGISTRY, "/staff/department/registry/rows/999/close"),
  "POST /staff/department/registry/rows/:id/delete": e(REGISTRY, "/staff/department/registry/rows/999/delete"),
  "GET /staff/department/registry/link": e(REGISTRY),
  "POST /staff/department/registry/link": e(REGISTRY),
  "POST /staff/department/registry/unlink": e(REGISTRY),
  "GET /staff/department/exports": e(READ),
  "GET /staff/department/exports/tables.xlsx": e(READ),
  "GET /staff/department/exports/tables/:file": e(READ, "/staff/department/exports/tables/levels.csv"),
  "GET /staff/department/exports/:file": e(READ, "/staff/department/exports/assessments.csv"),
  "GET /staff/department/report-761.xlsx": e(READ, "/staff/department/report-761.xlsx?year=1999"),
  // Public open data.
  "GET /open-data": e(PUBLIC),
  "GET /open-data/readiness.json": e(PUBLIC),
  "GET /open-data/readiness.csv": e(PUBLIC),
  "GET /open-data/tables/:file": e(PUBLIC, "/open-data/tables/by_commune.csv"),
  // The centre's activity: advisors and the department.
  "GET /staff/activity": e(READ),
  "GET /staff/activity/tables/:file": e(READ, "/staff/activity/tables/advice.csv"),
  "GET /staff/activity/export.xlsx": e(READ),
  // Statistics API for other systems.
  "GET /api/v1/stats/summary": e(TOKEN),
  "GET /api/v1/stats/tables": e(TOKEN),
  "GET /api/v1/stats/tables/:id": e(TOKEN, "/api/v1/stats/tables/levels"),
};

let t: TestApp;
let fixtures: { code: string; businessId: number; assessmentId: number; spareStaffId: number; questionId: string };
let accounts: Record<"advisor" | "department" | "admin", { email: string; password: string }>;

/** Every (method, path) the app answers; `use` middleware is registered as ALL and is not a route. */
function appRoutes(): string[] {
  return [...new Set(t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))].sort();
}

function concretePath(key: string, entry: Entry): string {
  if (entry.path) return entry.path;
  const path = key.slice(key.indexOf(" ") + 1);
  return path
    .replace(":code", fixtures.code)
    .replace(":n", "1")
    .replace(":questionId", fixtures.questionId)
    .replace(":file", asset("app.css").slice("/static/".length))
    .replace(/\/admin\/users\/:id/, `/admin/users/${fixtures.spareStaffId}`)
    .replace(/\/businesses\/:id/, `/businesses/${fixtures.businessId}`)
    .replace(/\/assessments\/:id/, `/assessments/${fixtures.assessmentId}`);
}

async function request(actor: Actor, method: string, path: string): Promise<Response> {
  // A fresh session per request: sign-out and password changes must not leak into other checks.
  const cookie =
    actor === "anon" ? undefined : actor === "owner" ? `dx_staff=${fixtures.code}` : await signInAs(t, accounts[actor]);
  if (method === "GET") return t.app.request(path, get(cookie));
  if (path.startsWith("/api/"))
    return t.app.request(path, { method, headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", ...(cookie ? { cookie } : {}) }, body: "{}" });
  return t.app.request(path, { ...form({}, cookie), method });
}

function outcomeOf(path: string, res: Response): Outcome | "error" {
  if (res.status >= 500) return "error";
  if (res.status === 403) return "forbidden";
  if (path.startsWith("/api/") && res.status === 401) return "login";
  // The login redirect of the role check ("?next=" on GETs); sign-out's own "?out=1" is not it.
  if (res.status === 303 && /^\/staff\/login(\?next=|$)/.test(res.headers.get("location") ?? "")) return "login";
  if (res.status === 401) return "error"; // a page must never answer 401 without a login redirect
  return "ok";
}

beforeAll(async () => {
  const high = { max: 100_000, windowMs: 60_000 };
  t = makeTestApp({ limits: { login: high, lookup: high, create: high, advice: high } });
  const [advisor, department, admin, spare] = [
    await addStaff(t.db, "advisor"),
    await addStaff(t.db, "department"),
    await addStaff(t.db, "admin"),
    await addStaff(t.db, "advisor"),
  ];
  accounts = { advisor: advisor!, department: department!, admin: admin! };
  // An owner's submitted self-assessment (contact consent on: advice requests work).
  const created = (await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents: { ...consents, contact: true } }))).json()) as { code: string };
  const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
  await t.app.request(`/api/v1/assessments/${created.code}/answers`, json({ answers: answerAll(t.content.current, facts, pickMixed) }, "PUT"));
  await t.app.request(`/api/v1/assessments/${created.code}/submit`, { method: "POST" });
  // A business with a guided assessment (readable by the department too).
  const cookie = await signInAs(t, advisor!);
  const res = await t.app.request("/staff/businesses", form(profileForm(), cookie));
  const assessmentId = Number(/\/staff\/assessments\/(\d+)\//.exec(res.headers.get("location") ?? "")![1]);
  const businessId = (t.db.$client.prepare("select business_id as b from assessments where id = ?").get(assessmentId) as { b: number }).b;
  fixtures = { code: created.code, businessId, assessmentId, spareStaffId: spare!.id, questionId: t.content.current.questions[0]!.id };
});
afterAll(() => t?.cleanup());

describe("route × role matrix", () => {
  it("every route of the app has an entry, and every entry is a route", () => {
    const routes = appRoutes();
    const missing = routes.filter((r) => !(r in ROUTES));
    const stale = Object.keys(ROUTES).filter((k) => !routes.includes(k));
    expect(missing, `routes without an entry in test/http/routeRoles.test.ts: ${missing.join(", ")}`).toEqual([]);
    expect(stale, `entries for routes that no longer exist: ${stale.join(", ")}`).toEqual([]);
  });

  it("each role gets exactly what its entry says, on every route (no 5xx anywhere)", async () => {
    const routes = appRoutes().filter((r) => r in ROUTES);
    // Sign-out and destructive routes last, so the fixtures stay intact for the others.
    const last = (k: string) => (/logout|erase|\/active$/.test(k) ? 1 : 0);
    routes.sort((a, b) => last(a) - last(b));
    const wrong: string[] = [];
    let checked = 0;
    for (const key of routes) {
      const entry = ROUTES[key]!;
      const method = key.slice(0, key.indexOf(" "));
      const path = concretePath(key, entry);
      for (const actor of ACTORS) {
        const res = await request(actor, method, path);
        const got = outcomeOf(path, res);
        checked++;
        if (got !== entry.expect[actor]) wrong.push(`${key} as ${actor}: expected ${entry.expect[actor]}, got ${got} (${res.status} ${res.headers.get("location") ?? ""})`);
      }
    }
    expect(wrong).toEqual([]);
    // The closing note of the advisor-workspace issue quotes this size.
    expect(checked).toBe(routes.length * ACTORS.length);
    console.info(`route × role matrix: ${routes.length} routes × ${ACTORS.length} actors = ${checked} checks`);
  }, 300_000);
});

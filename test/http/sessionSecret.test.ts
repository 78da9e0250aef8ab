// SESSION_SECRET is what the README says it is: the key of the staff form tokens, of the tags in
// an owner's browser, and of an advisor's code grant, which lives on the server (never in a
// cookie), tied to the advisor's sign-in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/connection.ts";
import { createApp } from "../../src/http/app.ts";
import { DEFAULT_LIMITS, RateLimiter } from "../../src/http/rateLimit.ts";
import { consents, content, json, profile, tempDir } from "../helpers.ts";
import { addStaff, form, get, profileForm } from "../staffHelpers.ts";

const SECRET = "s".repeat(40);
let dir: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(`${dir.dir}/t.sqlite`);
});
afterEach(() => {
  db.$client.close();
  dir.cleanup();
});

/** The server as started with `secret` (a restart is a new app on the same database). */
const server = (secret: string, limiter?: RateLimiter) => createApp({ db, content: content(), sessionSecret: secret, limiter });

async function signIn(app: ReturnType<typeof server>, account: { email: string; password: string }) {
  const res = await app.request("/staff/login", form({ email: account.email, password: account.password }));
  expect(res.status).toBe(303);
  return /dx_staff=[^;]+/.exec(res.headers.get("set-cookie")!)![0];
}

/** An advisor starts a guided session; returns what the browser was sent and where it went. */
async function startGuided(app: ReturnType<typeof server>, cookie: string) {
  const res = await app.request("/staff/businesses", form(profileForm({ taxCode: "" , legalForm: "household"}), cookie));
  expect(res.status).toBe(303);
  const id = Number(/\/staff\/assessments\/(\d+)\//.exec(res.headers.get("location")!)![1]);
  return { id, setCookie: res.headers.get("set-cookie") ?? "" };
}

const CODE_SHOWN = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/;
const codeOn = async (app: ReturnType<typeof server>, path: string, cookie: string) => {
  const res = await app.request(path, get(cookie));
  expect(res.status).toBe(200);
  return CODE_SHOWN.exec(await res.text())?.[0] ?? null;
};

describe("an advisor's code grant", () => {
  it("is kept on the server: no cookie carries the code, the database holds it only sealed", async () => {
    const app = server(SECRET);
    const cookie = await signIn(app, await addStaff(db, "advisor"));
    const { id, setCookie } = await startGuided(app, cookie);
    const code = await codeOn(app, `/staff/assessments/${id}/p/1`, cookie);
    expect(code).not.toBeNull();
    const bare = code!.replace(/-/g, "");
    expect(setCookie).not.toContain(bare);
    expect(setCookie).not.toMatch(/dx_code_/);
    const sealed = db.$client.prepare("select sealed_code from staff_code_grants where assessment_id = ?").pluck().all(id) as string[];
    expect(sealed).toHaveLength(1);
    expect(sealed[0]).not.toContain(bare);
    // The code shown is the assessment's own.
    expect((await app.request(`/api/v1/assessments/${code}`)).status).toBe(200);
    // On every page of the session, and on the review page.
    expect(await codeOn(app, `/staff/assessments/${id}`, cookie)).toBe(code);
  });

  it("ends with the sign-in: after sign-out, the same phone signed in again, or another advisor, does not see it", async () => {
    const app = server(SECRET);
    const account = await addStaff(db, "advisor");
    const cookie = await signIn(app, account);
    const { id } = await startGuided(app, cookie);
    expect(await codeOn(app, `/staff/assessments/${id}/p/1`, cookie)).not.toBeNull();
    const other = await signIn(app, await addStaff(db, "advisor"));
    expect(await codeOn(app, `/staff/assessments/${id}`, other)).toBeNull();
    expect((await app.request("/staff/logout", form({}, cookie))).status).toBe(303);
    expect(db.$client.prepare("select count(*) from staff_code_grants").pluck().get()).toBe(0);
    const again = await signIn(app, account);
    expect(await codeOn(app, `/staff/assessments/${id}/p/1`, again)).toBeNull();
  });

  it("outlives a restart with the same SESSION_SECRET, and is unreadable (not an error) with another", async () => {
    const cookie = await signIn(server(SECRET), await addStaff(db, "advisor"));
    const { id } = await startGuided(server(SECRET), cookie);
    const before = await codeOn(server(SECRET), `/staff/assessments/${id}/p/1`, cookie);
    expect(before).not.toBeNull();
    expect(await codeOn(server(SECRET), `/staff/assessments/${id}/p/1`, cookie)).toBe(before);
    expect(await codeOn(server("t".repeat(40)), `/staff/assessments/${id}/p/1`, cookie)).toBeNull();
  });

  it("goes with the assessment when the owner erases it", async () => {
    const app = server(SECRET);
    const cookie = await signIn(app, await addStaff(db, "advisor"));
    const { id } = await startGuided(app, cookie);
    const code = (await codeOn(app, `/staff/assessments/${id}/p/1`, cookie))!;
    expect((await app.request(`/a/${code}/data/erase`, { method: "POST", body: new URLSearchParams({ confirm: "yes" }) })).status).toBeLessThan(400);
    expect(db.$client.prepare("select count(*) from assessments where id = ?").pluck().get(id)).toBe(0);
    expect(db.$client.prepare("select count(*) from staff_code_grants").pluck().get()).toBe(0);
  });
});

describe("the owner's known-code tags", () => {
  it("a browser that opened its code keeps it working through a guessing block after a restart with the same secret", async () => {
    const first = server(SECRET);
    const res = await first.request("/api/v1/assessments", json({ profile: profile(), consents }));
    const { code } = (await res.json()) as { code: string };
    const opened = await first.request(`/a/${code}/code`);
    const tags = /dx_codes=[^;]+/.exec(opened.headers.get("set-cookie")!)![0];
    // The restarted server, its guessing allowance spent at this address.
    const blocked = new RateLimiter({ ...DEFAULT_LIMITS, lookup: { max: 0, windowMs: 60_000 } });
    expect((await server(SECRET, blocked).request(`/a/${code}/code`, get(tags))).status).toBe(200);
    expect((await server("t".repeat(40), blocked).request(`/a/${code}/code`, get(tags))).status).toBe(429);
    expect((await server(SECRET, blocked).request(`/a/${code}/code`)).status).toBe(429);
  });
});

describe("staff form tokens", () => {
  it("are keyed by the secret: a token from another secret is refused where a browser sends no Origin", async () => {
    const account = await addStaff(db, "advisor");
    const app = server(SECRET);
    const cookie = await signIn(app, account);
    const page = await (await app.request("/staff/password", get(cookie))).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const post = (a: ReturnType<typeof server>, t: string) =>
      a.request("/staff/logout", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie }, body: new URLSearchParams({ _csrf: t }) });
    expect((await post(server("t".repeat(40)), token)).status).toBe(403);
    expect((await post(server(SECRET), token)).status).toBe(303);
  });
});

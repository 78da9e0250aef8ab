// Secure headers on every response, a strict CSP, and cross-site state changes refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, makeTestApp, startedCode, type TestApp } from "../helpers.ts";

let t: TestApp;
let code = "";
beforeAll(async () => {
  t = makeTestApp();
  code = await startedCode(t);
});
afterAll(() => t.cleanup());

describe("secure headers", () => {
  const paths = () => ["/", `/a/${code}/p/1`, `/a/${code}/code`, "/platforms", "/privacy", "/api/v1/communes", "/api/v1/openapi.json", "/healthz", "/nothing-here", "/api/v1/nothing"];
  it("every response, page or API, found or not, carries them", async () => {
    for (const path of paths()) {
      const res = await t.app.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("unsafe-inline");
      expect(csp, path).not.toContain("unsafe-eval");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("strict-transport-security"), path).toContain("max-age=");
    }
  });
  it("pages have no inline script or style that would need unsafe-inline", async () => {
    for (const path of ["/", `/a/${code}/p/1`, `/a/${code}/code`, "/platforms", "/privacy"]) {
      const html = await (await t.app.request(path)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/\sstyle="/);
      expect(html, path).not.toMatch(/\son[a-z]+="/);
      expect(html, path).not.toMatch(/<style[\s>]/);
    }
  });
  it("htmx is served from our own origin with a long-lived immutable name", async () => {
    const html = await (await t.app.request(`/a/${code}/p/1`)).text();
    const src = html.match(/<script src="(\/static\/htmx\.[0-9a-f]+\.js)"/)![1]!;
    const res = await t.app.request(src);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toContain("htmx");
  });
});

describe("cross-site requests are refused", () => {
  const form = () => new URLSearchParams({ "q.str_awareness": "aw_benefits", shown: "str_awareness" });
  const count = () => (t.db.$client.prepare("select count(*) n from answers").get() as { n: number }).n;
  it("a form posted from another site (Sec-Fetch-Site: cross-site) changes nothing", async () => {
    const before = count();
    const res = await t.app.request(`/a/${code}/p/1`, { method: "POST", body: form(), headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(count()).toBe(before);
  });
  it("an older browser that sends only Origin from another site is refused too", async () => {
    const res = await t.app.request(`/a/${code}/p/1`, { method: "POST", body: form(), headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
  });
  it("JSON from another site gets a structured 403", async () => {
    const res = await t.app.request(`/api/v1/assessments/${code}/answers`, {
      ...json({ answers: { str_awareness: "aw_benefits" } }, "PUT"),
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe("cross_site");
  });
  it("the same site is allowed", async () => {
    const res = await t.app.request(`/a/${code}/p/1`, { method: "POST", body: form(), headers: { "sec-fetch-site": "same-origin" } });
    expect(res.status).toBe(303);
  });
});

describe("where a browser sends neither Origin nor Sec-Fetch-Site", async () => {
  const { addStaff, signInAs } = await import("../staffHelpers.ts");
  it("a staff form post needs the session's token, which our pages put in every form", async () => {
    const account = await addStaff(t.db, "advisor");
    const cookie = await signInAs(t, account);
    // No token: refused (an old browser tricked by another site would send exactly this).
    const bare = await t.app.request("/staff/find", { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ code }) });
    expect(bare.status).toBe(403);
    // The page we serve carries the token; posting it back works.
    const page = await (await t.app.request("/staff/find", { headers: { cookie } })).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    expect(token).toBeTruthy();
    const ok = await t.app.request("/staff/find", { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ code, _csrf: token! }) });
    expect(ok.status).not.toBe(403);
    const wrong = await t.app.request("/staff/find", { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ code, _csrf: "x".repeat(32) }) });
    expect(wrong.status).toBe(403);
  });
  it("owners (no cookie, the code is in the address) and API scripts are not asked for a token", async () => {
    const res = await t.app.request(`/a/${code}/p/1`, { method: "POST", body: new URLSearchParams({ "q.str_awareness": "aw_want", shown: "str_awareness" }) });
    expect(res.status).toBe(303);
  });
});

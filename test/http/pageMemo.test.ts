// Owner pages are kept rendered (src/http/pageMemo.ts) under a key made of what they show. These
// tests check what an owner and an advisor would notice if that key missed an input: a saved
// answer not shown, a page that differs gzipped and plain, a staff form without its token.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, makeTestApp, startedCode, type TestApp } from "../helpers.ts";
import { addStaff, signInAs } from "../staffHelpers.ts";

let t: TestApp;
let code = "";
beforeAll(async () => {
  t = makeTestApp();
  code = await startedCode(t);
});
afterAll(() => t.cleanup());

const gz = { headers: { "accept-encoding": "gzip" } };
const page = async (path: string, init: RequestInit = {}) => {
  const res = await t.app.request(path, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  return res.headers.get("content-encoding") === "gzip" ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
};
const checked = (html: string, option: string) => new RegExp(`value="${option}"[^>]*checked|checked[^>]*value="${option}"`).test(html);

describe("kept owner pages", () => {
  it("show an answer as soon as it is saved, by form or by the API, gzipped or not", async () => {
    const before = await page(`/a/${code}/p/1`, gz);
    expect(checked(before, "aw_want")).toBe(false);
    const post = await t.app.request(`/a/${code}/p/1`, { method: "POST", body: new URLSearchParams({ "q.str_awareness": "aw_want", shown: "str_awareness" }) });
    expect(post.status).toBe(303);
    expect(checked(await page(`/a/${code}/p/1`, gz), "aw_want")).toBe(true);
    expect(checked(await page(`/a/${code}/p/1`), "aw_want")).toBe(true);
    const put = await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: { str_awareness: "aw_doing" } }, "PUT"));
    expect(put.status).toBe(200);
    const after = await page(`/a/${code}/p/1`, gz);
    expect(checked(after, "aw_doing")).toBe(true);
    expect(checked(after, "aw_want")).toBe(false);
    expect(await page(`/a/${code}/p/1`)).toBe(after);
  });

  it("a staff member opening an owner's page gets the session's token in its forms, even when the page was kept", async () => {
    await page(`/a/${code}/p/1`, gz); // kept for owners
    const cookie = await signInAs(t, await addStaff(t.db, "advisor"));
    const html = await page(`/a/${code}/p/1`, { headers: { cookie, "accept-encoding": "gzip" } });
    expect(html).toMatch(/name="_csrf" value="[^"]{32}"/);
    expect(await page(`/a/${code}/p/1`, gz)).not.toContain('name="_csrf"');
  });
});

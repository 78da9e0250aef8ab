// What an advisor's phone downloads to work without signal: the app's page and every file its
// service worker keeps must stay ≤ 150 KB compressed (the field app runs on cheap phones over slow
// links); the page itself, like every page, ≤ 14 KB. The questionnaire package is data, measured
// and reported beside it.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD_MANIFEST, fieldAssets } from "../../src/http/assets.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, get, signInAs } from "../staffHelpers.ts";

let t: TestApp;
let cookie: string;
const sizes: Record<string, number> = {};
beforeAll(async () => {
  t = makeTestApp();
  cookie = await signInAs(t, await addStaff(t.db, "advisor"));
});
afterAll(() => {
  console.log("offline app, compressed bytes:", sizes);
  t.cleanup();
});

async function compressed(path: string, cookieHeader?: string): Promise<{ bytes: number; text: string }> {
  const res = await t.app.request(path, { headers: { "accept-encoding": "gzip", ...(cookieHeader ? { cookie: cookieHeader } : {}) } });
  expect(res.status, path).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  const gz = res.headers.get("content-encoding") === "gzip";
  const plain = gz ? (await import("node:zlib")).gunzipSync(body) : body;
  return { bytes: gz ? body.byteLength : gzipSync(body).byteLength, text: plain.toString("utf8") };
}

describe("the advisor's offline app", () => {
  it("page, worker, manifest and the files kept on the device: ≤ 150 KB compressed in all", async () => {
    const page = await compressed("/staff/field/", cookie);
    sizes.page = page.bytes;
    expect(page.bytes).toBeLessThanOrEqual(14 * 1024);
    const { kept } = await fieldAssets();
    // The page names the script and manifest it needs; the worker keeps the script and the styles.
    const script = /<script src="(\/static\/field\.[0-9a-f]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    expect(kept).toContain(script);
    expect(page.text).toContain(`<link rel="manifest" href="${FIELD_MANIFEST}"`);
    let total = page.bytes;
    for (const url of [...kept, "/staff/field/sw.js", FIELD_MANIFEST]) {
      const r = await compressed(url);
      sizes[url.replace(/\.[0-9a-f]{10}\./, ".")] = r.bytes;
      total += r.bytes;
    }
    sizes.total = total;
    expect(total).toBeLessThanOrEqual(150 * 1024);
  });

  it("the worker keeps exactly what the page uses, and knows the page's address", async () => {
    const worker = (await compressed("/staff/field/sw.js")).text;
    for (const url of (await fieldAssets()).kept) expect(worker).toContain(url);
    expect(worker).toContain('"/staff/field/"');
    const manifest = JSON.parse((await compressed(FIELD_MANIFEST)).text);
    expect(manifest).toMatchObject({ start_url: "/staff/field/", scope: "/staff/field/", display: "standalone" });
    expect(manifest.icons.length).toBeGreaterThan(0);
  });

  it("the package the app downloads before a trip (measured; data, not code)", async () => {
    const r = await compressed("/api/v1/field/package", cookie);
    sizes.package = r.bytes;
    expect(JSON.parse(r.text).questionnaire.hash).toBe(t.content.current.hash);
  });
});

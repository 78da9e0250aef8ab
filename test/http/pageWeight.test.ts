// A page's first response must fit one round trip on a slow link: ≤ 14 KB compressed.
import { gunzipSync, gzipSync } from "node:zlib";

function gunzipIfNeeded(res: Response, body: Uint8Array): Uint8Array {
  return res.headers.get("content-encoding") === "gzip" ? new Uint8Array(gunzipSync(body)) : body;
}
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partsOf } from "../../src/domain/parts.ts";
import { answerAll, pickMixed } from "../answering.ts";
import { consents, json, makeTestApp, profile, type TestApp } from "../helpers.ts";

let t: TestApp;
let code = "";
const sizes: Record<string, number> = {};
const LIMIT = 14 * 1024;

beforeAll(async () => {
  t = makeTestApp();
  // The heaviest case: a border-trade company sees the most questions per part.
  const over = { sector: "border_trade", legalForm: "company", taxCode: "5600123456", activityGroup: "trade_services", staff: 20 };
  code = ((await (await t.app.request("/api/v1/assessments", json({ profile: profile(over), consents }))).json()) as any).code;
});
afterAll(() => {
  console.log("compressed first response (bytes):", sizes);
  t.cleanup();
});

async function compressed(path: string): Promise<number> {
  const res = await t.app.request(path, { headers: { "accept-encoding": "gzip" } });
  expect(res.status).toBe(200);
  const body = new Uint8Array(await res.arrayBuffer());
  // The server compresses; measure what it sent (or gzip it ourselves if it did not).
  return res.headers.get("content-encoding") === "gzip" ? body.byteLength : gzipSync(body).byteLength;
}

describe("page weight", () => {
  it("landing page", async () => {
    sizes.landing = await compressed("/");
    expect(sizes.landing).toBeLessThanOrEqual(LIMIT);
  });

  it("every questionnaire part, the heaviest included", async () => {
    const q = t.content.current;
    const parts = partsOf(q, { legalForm: "company", sizeClass: "small", sector: "border_trade", activityGroup: "trade_services" });
    let heaviest = 0;
    for (const p of parts) heaviest = Math.max(heaviest, await compressed(`/a/${code}/p/${p.number}`));
    sizes.heaviestPart = heaviest;
    expect(heaviest).toBeLessThanOrEqual(LIMIT);
  });

  it("result and plan pages", async () => {
    const facts = { legalForm: "company", sizeClass: "small", sector: "border_trade", activityGroup: "trade_services" } as const;
    await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: answerAll(t.content.current, facts, pickMixed) }, "PUT"));
    expect((await t.app.request(`/api/v1/assessments/${code}/submit`, { method: "POST" })).status).toBe(200);
    sizes.result = await compressed(`/a/${code}/result`);
    sizes.plan = await compressed(`/a/${code}/plan`);
    expect(sizes.result).toBeLessThanOrEqual(LIMIT);
    expect(sizes.plan).toBeLessThanOrEqual(LIMIT);
  });

  it("every page type with its scripts and styles stays within 60 KB compressed", async () => {
    const { addStaff, signInAs } = await import("../staffHelpers.ts");
    const draft = ((await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as any).code;
    const advisor = await signInAs(t, await addStaff(t.db, "advisor"));
    const department = await signInAs(t, await addStaff(t.db, "department"));
    const pages: [string, string, string | undefined][] = [
      ["landing", "/", undefined],
      ["questionnaire", `/a/${draft}/p/1`, undefined],
      ["result", `/a/${code}/result`, undefined],
      ["plan", `/a/${code}/plan`, undefined],
      ["staff list", "/staff/businesses", advisor],
      ["dashboard", "/staff/department", department],
    ];
    const totals: Record<string, number> = {};
    for (const [name, path, cookie] of pages) {
      const res = await t.app.request(path, { headers: { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) } });
      expect(res.status, path).toBe(200);
      const html = gunzipIfNeeded(res, new Uint8Array(await res.arrayBuffer()));
      let bytes = gzipSync(html).byteLength;
      const text = new TextDecoder().decode(html);
      const assets = [...text.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)].map((m) => m[1]!);
      for (const a of new Set(assets)) {
        const r = await t.app.request(a, { headers: { "accept-encoding": "gzip" } });
        const body = new Uint8Array(await r.arrayBuffer());
        bytes += r.headers.get("content-encoding") === "gzip" ? body.byteLength : gzipSync(body).byteLength;
      }
      totals[name] = bytes;
      expect(bytes, name).toBeLessThanOrEqual(60 * 1024);
    }
    console.log("page + scripts + styles, compressed (bytes):", totals);
  });

  it("responses are actually compressed when the browser accepts it", async () => {
    const res = await t.app.request("/", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });
});

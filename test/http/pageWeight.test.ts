// A page's first response must fit one round trip on a slow link: ≤ 14 KB compressed.
import { gzipSync } from "node:zlib";
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

  it("responses are actually compressed when the browser accepts it", async () => {
    const res = await t.app.request("/", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });
});

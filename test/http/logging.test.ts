import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, expect, it } from "vitest";
import { loggablePath } from "../../src/http/logging.ts";
import { openDatabase } from "../../db/connection.ts";
import { createApp } from "../../src/http/app.ts";
import { consents, content, json, profile, tempDir } from "../helpers.ts";
import { join } from "node:path";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

it("request logs are JSON with latency, and never carry a resume code or contact details", async () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
  const t = tempDir();
  const db = openDatabase(join(t.dir, "log.sqlite"));
  cleanups.push(() => (db.$client.close(), t.cleanup()));
  const app = createApp({ db, content: content(), logger: pino({ base: undefined }, sink) });
  const { code } = (await (await app.request("/api/v1/assessments", json({ profile: profile(), consents: { ...consents, contact: true } }))).json()) as any;
  await app.request(`/a/${code}/p/1`);
  await app.request(`/api/v1/assessments/${code.toLowerCase()}`);
  await app.request(`/a/${code}/advice`, { method: "POST", body: new URLSearchParams({ actionId: "vietqr_payments", channel: "phone", contact: "0912345678" }) });
  const entries = lines.map((l) => JSON.parse(l));
  expect(entries.length).toBeGreaterThanOrEqual(4);
  for (const e of entries) {
    expect(typeof e.ms).toBe("number");
    expect(e.status).toBeGreaterThanOrEqual(200);
  }
  const all = lines.join("\n");
  for (const secret of [code, code.replace(/-/g, ""), code.toLowerCase(), "0912345678"]) expect(all).not.toContain(secret);
  expect(entries.map((e) => e.path)).toContain("/a/:code/p/1");
});

it("loggablePath hides codes on every door that takes one", () => {
  expect(loggablePath("/a/7K2M-9QXA-4TBZ/result")).toBe("/a/:code/result");
  expect(loggablePath("/api/v1/assessments/7k2m9qxa4tbz/plan")).toBe("/api/v1/assessments/:code/plan");
  expect(loggablePath("/api/v1/assessments")).toBe("/api/v1/assessments");
});

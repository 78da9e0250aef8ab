// How a refused or failed request is answered when no page or operation answers it itself: the
// API with `{"error":{code,message}}`, people with a Vietnamese page (never bare text), and every
// server error written to the app's logger with what went wrong.
import { Writable } from "node:stream";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.ts";
import { createApp } from "../../src/http/app.ts";
import { consents, content, profile, tempDir } from "../helpers.ts";

const lines: Record<string, any>[] = [];
const sink = new Writable({ write: (line, _e, done) => (lines.push(JSON.parse(String(line))), done()) });
const t = tempDir();
const db = openDatabase(join(t.dir, "e.sqlite"));
const app = createApp({ db, content: content(), logger: pino({ base: undefined }, sink) });
// Routes that fail as an unforeseen bug would, on both sides of the API boundary.
app.get("/boom/:code", () => {
  throw new Error("disk on fire");
});
app.get("/api/v1/boom", () => {
  throw new Error("disk on fire");
});
afterAll(() => (db.$client.close(), t.cleanup()));

const isPage = (res: Response) => expect(res.headers.get("content-type")).toMatch(/^text\/html/);

describe("a server error", () => {
  it("gives a person a page in Vietnamese and logs the error through the app's logger", async () => {
    const before = lines.length;
    const res = await app.request("/boom/7K2M-9QXA-4TBZ");
    expect(res.status).toBe(500);
    isPage(res);
    const html = await res.text();
    expect(html).toContain('<html lang="vi"');
    expect(html).toContain("Có lỗi xảy ra phía máy chủ");
    expect(html).not.toContain("disk on fire");
    const failed = lines.slice(before).find((l) => l.msg === "request failed");
    expect(failed?.level).toBe(50);
    expect(failed?.err?.message).toBe("disk on fire");
    expect(failed?.err?.stack).toContain("errorAnswers.test.ts");
    expect(failed?.path).toBe("/boom/7K2M-9QXA-4TBZ");
  });
  it("gives the API its structured error", async () => {
    const res = await app.request("/api/v1/boom");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal", message: "Có lỗi xảy ra phía máy chủ. Vui lòng thử lại." } });
  });
});

describe("a refusal before any page answers", () => {
  it("a form over the size limit: a 413 page, not bare text", async () => {
    const body = "a=" + "x".repeat(70 * 1024);
    const res = await app.request("/assessments", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) }, body });
    expect(res.status).toBe(413);
    isPage(res);
    expect(await res.text()).toContain("Dữ liệu gửi lên quá lớn.");
  });
  it("JSON over the size limit: too_large with the limit", async () => {
    const body = JSON.stringify({ profile: profile(), consents, pad: "x".repeat(70 * 1024) });
    const res = await app.request("/api/v1/assessments", { method: "POST", headers: { "content-type": "application/json", "content-length": String(body.length) }, body });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: "too_large", message: "Dữ liệu gửi lên quá lớn (tối đa 64 KB)." } });
  });
  it("a form from another site: a 403 page, not bare text", async () => {
    const res = await app.request("/assessments", { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(res.status).toBe(403);
    isPage(res);
    expect(await res.text()).toContain("không gửi từ trang của dịch vụ");
  });
  it("an unknown address: a page for people, not_found for the API", async () => {
    const page = await app.request("/no/such/page");
    expect(page.status).toBe(404);
    isPage(page);
    const api = await app.request("/api/v1/no-such");
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: "not_found", message: "Không có địa chỉ này." } });
  });
  it("refusals are not logged as errors", () => {
    expect(lines.filter((l) => l.msg === "request failed")).toHaveLength(2);
  });
});

// What a person who typed a resume code that finds nothing is told, on the owner's home page and
// on the advisor's "open by code" page: badly formed, typed wrong (its check symbol fails), or
// well formed but given to nobody. Each reads a different message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatResumeCode, newResumeCode } from "../../src/domain/resumeCode.ts";
import { vi } from "../../views/messages.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, signInAs } from "../staffHelpers.ts";

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = makeTestApp();
  cookie = await signInAs(t, await addStaff(t.db, "advisor"));
});
afterAll(() => t.cleanup());

const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
const form = (code: string) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" }, body: new URLSearchParams({ code }) });

const cases = [
  { typed: "12AB", status: 400, says: vi.errors.badCode },
  { typed: "ABCD-EFGH-JKMN", status: 404, says: vi.errors.mistyped },
  { typed: formatResumeCode(newResumeCode()), status: 404, says: vi.errors.notFound },
];

describe("a typed resume code that finds nothing", () => {
  for (const k of cases) {
    it(`${k.typed} on the owner's home page`, async () => {
      const res = await t.app.request("/resume", form(k.typed));
      expect(res.status).toBe(k.status);
      const html = await res.text();
      expect(html).toContain(escaped(k.says));
      for (const other of cases.filter((x) => x !== k)) expect(html).not.toContain(escaped(other.says));
    });
    it(`${k.typed} on the advisor's page`, async () => {
      const res = await t.app.request("/staff/find", { ...form(k.typed), headers: { ...form(k.typed).headers, cookie } });
      expect(res.status).toBe(k.status);
      const html = await res.text();
      expect(html).toContain(escaped(k.says));
      for (const other of cases.filter((x) => x !== k)) expect(html).not.toContain(escaped(other.says));
    });
  }
});

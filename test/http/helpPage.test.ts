// A person to ask and a page that says how it works: /help, linked from the home page itself (not
// only the footer), says how it works, how long it takes (the questionnaire's own estimate), what
// is kept, and who to call (from contact.yaml).
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { vi } from "../../views/messages.ts";

let t: TestApp;
beforeAll(() => {
  t = makeTestApp();
});
afterAll(() => t.cleanup());

it("the home page links to /help, which says how it works, how long, what is kept and who to call", async () => {
  const home = await (await t.app.request("/")).text();
  const main = home.slice(home.indexOf("<main"), home.indexOf("</main>"));
  expect(main).toContain('href="/help"');
  const res = await t.app.request("/help");
  expect(res.status).toBe(200);
  const help = await res.text();
  for (const id of ["how", "time", "keep", "call"]) expect(help).toContain(`id="${id}"`);
  expect(help).toContain(`Khoảng ${t.content.current.estimatedMinutes} phút`);
  expect(help).toContain(t.content.contact.organisation);
  expect(help).toContain(t.content.contact.address);
  // Corrections after submitting are explained where a first-time owner looks for help.
  expect(help).toContain(vi.answers.resultLink);
});

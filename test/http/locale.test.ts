// The language of a page: `?lang=en` switches to English and is remembered in a cookie, the cookie
// alone keeps it, anything else is ignored, and Vietnamese is what a newcomer gets. Every page
// links to itself in the other language, keeping its address and query.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, startedCode, type TestApp } from "../helpers.ts";
import { en, } from "../../views/messages/en.ts";
import { vi, msg, currentLocale } from "../../views/messages.ts";

let t: TestApp;
beforeAll(() => {
  t = makeTestApp();
});
afterAll(() => t.cleanup());

const htmlLang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];
const languageLink = (html: string) => /<a class="language" href="([^"]+)" hreflang="([^"]+)"[^>]*>([^<]+)<\/a>/.exec(html);
const unescape = (s: string) => s.replaceAll("&amp;", "&");

describe("the request's language", () => {
  it("is Vietnamese by default, with a link to the same page in English", async () => {
    const res = await t.app.request("/help");
    const html = await res.text();
    expect(htmlLang(html)).toBe("vi");
    expect(html).toContain(vi.help.heading);
    expect(res.headers.get("set-cookie")).toBeNull();
    const link = languageLink(html)!;
    expect(unescape(link[1]!)).toBe("?lang=en");
    expect(link[2]).toBe("en");
    expect(link[3]).toBe("English");
  });

  it("?lang=en serves English and remembers it in a year-long cookie for the whole site", async () => {
    const res = await t.app.request("/?lang=en");
    const html = await res.text();
    expect(htmlLang(html)).toBe("en");
    expect(html).toContain(en.landing.heading);
    expect(html).not.toContain(vi.landing.heading);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^lang=en;/);
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain(`Max-Age=${365 * 24 * 3600}`);
    const link = languageLink(html)!;
    expect(unescape(link[1]!)).toBe("?lang=vi");
    expect(link[3]).toBe("Tiếng Việt");
  });

  it("the cookie alone keeps English on the next page, and ?lang=vi switches back", async () => {
    const res = await t.app.request("/help", { headers: { cookie: "lang=en" } });
    const html = await res.text();
    expect(htmlLang(html)).toBe("en");
    expect(html).toContain(en.help.heading);
    expect(res.headers.get("set-cookie")).toBeNull();
    const back = await t.app.request("/help?lang=vi", { headers: { cookie: "lang=en" } });
    expect(htmlLang(await back.text())).toBe("vi");
    expect(back.headers.get("set-cookie")).toMatch(/^lang=vi;/);
  });

  it("ignores a language it does not have, in the query or the cookie", async () => {
    for (const init of [{ path: "/?lang=fr" }, { path: "/?lang=EN" }, { path: "/", cookie: "lang=xx" }, { path: "/?lang=", cookie: "lang=<b>" }]) {
      const res = await t.app.request(init.path, init.cookie ? { headers: { cookie: init.cookie } } : {});
      expect(res.status).toBe(200);
      expect(htmlLang(await res.text())).toBe("vi");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    // An unknown value does not undo a language chosen before.
    const kept = await t.app.request("/?lang=fr", { headers: { cookie: "lang=en" } });
    expect(htmlLang(await kept.text())).toBe("en");
  });

  it("the language link keeps the page's query", async () => {
    const code = await startedCode(t);
    const html = await (await t.app.request(`/a/${code}/p/1?more=1`)).text();
    expect(unescape(languageLink(html)![1]!)).toBe("?more=1&lang=en");
  });

  it("a page answering a sent form links to the page the form was on", async () => {
    const res = await t.app.request("/resume", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost", referer: "http://localhost/?x=1" },
      body: "code=nothing",
    });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(unescape(languageLink(html)![1]!)).toBe("/?x=1&lang=en");
  });

  it("a kept page is kept per language", async () => {
    const code = await startedCode(t);
    const first = await (await t.app.request(`/a/${code}/p/1`)).text();
    const english = await (await t.app.request(`/a/${code}/p/1`, { headers: { cookie: "lang=en" } })).text();
    const again = await (await t.app.request(`/a/${code}/p/1`)).text();
    expect(htmlLang(first)).toBe("vi");
    expect(htmlLang(english)).toBe("en");
    expect(english).toContain(en.part.save);
    expect(again).toBe(first);
  });

  it("outside a request the catalogue is Vietnamese", () => {
    expect(currentLocale()).toBe("vi");
    expect(msg()).toBe(vi);
  });
});

describe("the owner's pages in English", () => {
  it("show the content (questions, the centre's contact) and commune names in English", async () => {
    const code = await startedCode(t);
    const h = { headers: { cookie: "lang=en" } };
    const part = await (await t.app.request(`/a/${code}/p/1`, h)).text();
    const first = t.content.current.questions[0]!;
    expect(part).not.toContain(first.text);
    expect(part).toContain(en.part.save);
    const home = await (await t.app.request("/", h)).text();
    const commune = t.content.communes.find((c) => c.kind === "commune")!;
    expect(home).toContain(`${commune.name} commune`);
    expect(home).not.toContain(`Xã ${commune.name}`);
    expect(home).not.toContain(t.content.contact.address);
    const vietnamese = await (await t.app.request("/")).text();
    expect(vietnamese).toContain(`Xã ${commune.name}`);
    expect(vietnamese).toContain(t.content.contact.address);
  });
});

describe("staff pages in English", () => {
  it("the sign-in page follows the language cookie, and stays Vietnamese without it", async () => {
    const english = await (await t.app.request("/staff/login", { headers: { cookie: "lang=en" } })).text();
    expect(htmlLang(english)).toBe("en");
    expect(english).toContain(en.staff.login.heading);
    const vietnamese = await (await t.app.request("/staff/login")).text();
    expect(vietnamese).toContain(vi.staff.login.heading);
    expect(vietnamese).not.toContain(en.staff.login.heading);
  });
});

// The language of each request: `?lang=en` or `?lang=vi` chooses it and is remembered in a cookie;
// otherwise the cookie; otherwise Vietnamese. Any other value is ignored. Views read it through
// hono's context storage (msg() and currentLocale() in views/messages.ts), so no page passes it on.
import type { MiddlewareHandler } from "hono";
import { tryGetContext } from "hono/context-storage";
import { getCookie, setCookie } from "hono/cookie";
import { LOCALES, type Locale } from "../domain/vocabularies.ts";
import { catalogues, readLocaleFrom } from "../../views/messages.ts";
import type { AppEnv } from "./env.ts";

export const LOCALE_COOKIE = "lang";
/** The query parameter that switches the language (the language link on every page sets it). */
export const LOCALE_PARAM = "lang";
const A_YEAR_IN_SECONDS = 365 * 24 * 3600;

export const isLocale = (v: unknown): v is Locale => typeof v === "string" && (LOCALES as readonly string[]).includes(v);

// Outside a request (tests rendering a view, scripts) tryGetContext() is empty: Vietnamese.
readLocaleFrom(() => tryGetContext<AppEnv>()?.var.locale);

/** Sets `locale` and `t` (its catalogue) for the request; must run inside contextStorage(). */
export function chooseLocale(opts: { secureCookies: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const asked = c.req.query(LOCALE_PARAM);
    const kept = getCookie(c, LOCALE_COOKIE);
    const locale = isLocale(asked) ? asked : isLocale(kept) ? kept : "vi";
    if (isLocale(asked) && asked !== kept) {
      setCookie(c, LOCALE_COOKIE, asked, { path: "/", sameSite: "Lax", maxAge: A_YEAR_IN_SECONDS, secure: opts.secureCookies, httpOnly: true });
    }
    c.set("locale", locale);
    c.set("t", catalogues[locale]);
    await next();
  };
}

/** The address of the page being served in another language: same path and query, `lang` set. */
export function inLocale(pathAndQuery: string, locale: Locale): string {
  const url = new URL(pathAndQuery, "http://x");
  url.searchParams.set(LOCALE_PARAM, locale);
  return url.pathname + url.search;
}

/** The link to the page being served in the other language, or none outside a request. */
export function otherLanguageLink(): { href: string; locale: Locale } | undefined {
  const c = tryGetContext<AppEnv>();
  if (!c) return undefined;
  const locale = LOCALES.find((l) => l !== c.var.locale) ?? "vi";
  return { href: inLocale(pageAddress(c.req.method, c.req.url, c.req.header("referer")), locale), locale };
}

/**
 * The page a person is looking at: a GET's own address; after a form was sent (a refused form comes
 * back without a redirect) the page the form was on, which a GET can open again, else the home page.
 */
function pageAddress(method: string, requestUrl: string, referer: string | undefined): string {
  const url = new URL(requestUrl);
  if (method === "GET" || method === "HEAD") return url.pathname + url.search;
  try {
    const from = new URL(referer ?? "");
    if (from.origin === url.origin) return from.pathname + from.search;
  } catch {
    // no or unreadable Referer
  }
  return "/";
}

// The language of each request: `?lang=en` or `?lang=vi` chooses it and is remembered in a cookie;
// otherwise the cookie; otherwise Vietnamese. Any other value is ignored. Views read it through
// hono's context storage (msg() and currentLocale() in views/messages.ts), so no page passes it on.
import type { MiddlewareHandler } from "hono";
import { tryGetContext } from "hono/context-storage";
import { getCookie, setCookie } from "hono/cookie";
import { LOCALES, type Locale } from "../domain/vocabularies.ts";
import { catalogues, currentLocale, readLocaleFrom } from "../../views/messages.ts";
import { localizeContent, localizeQuestionnaire } from "../content/translations.ts";
import type { Services } from "../services/assessments.ts";
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

/** The link to the page being served in the other language, or none outside a request. */
export function otherLanguageLink(): { href: string; locale: Locale } | undefined {
  const c = tryGetContext<AppEnv>();
  if (!c) return undefined;
  const locale = LOCALES.find((l) => l !== c.var.locale) ?? "vi";
  return { href: languageHref(c.req.method, c.req.url, c.req.header("referer"), locale), locale };
}

/**
 * The same page with `lang` set. A page a GET can open again is linked by its query alone ("?lang=en",
 * "?more=1&lang=en"): the browser keeps the path, and pages that must not differ by address (every
 * 404 is the same page) do not. A page answering a sent form (a refused form comes back without a
 * redirect) links to the page the form was on, else the home page.
 */
export function languageHref(method: string, requestUrl: string, referer: string | undefined, locale: Locale): string {
  const url = new URL(requestUrl);
  if (method === "GET" || method === "HEAD") return withLocale(url.search, locale);
  try {
    const from = new URL(referer ?? "");
    if (from.origin === url.origin) return from.pathname + withLocale(from.search, locale);
  } catch {
    // no or unreadable Referer
  }
  return "/" + withLocale("", locale);
}

const withLocale = (search: string, locale: Locale) => {
  const query = new URLSearchParams(search);
  query.set(LOCALE_PARAM, locale);
  return `?${query}`;
};

/**
 * The services with the content (questions, pillars, levels, actions, platforms, schemes) in the
 * language of the request being served, for pages that show it. Ids, points and hashes are the
 * same in every language, so what is scored and stored does not change.
 */
export function inRequestLanguage(s: Services): Services {
  return {
    ...s,
    get content() {
      return localizeContent(s.content, currentLocale());
    },
    questionnaireByHash: (hash) => localizeQuestionnaire(s.content, s.questionnaireByHash(hash), currentLocale()),
  };
}

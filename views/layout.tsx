import type { Child } from "hono/jsx";
import { asset } from "../src/http/assets.ts";
import { centreContact, ContactLines } from "./contact.tsx";
import { catalogues, currentLocale, msg } from "./messages.ts";
import { otherLanguageLink } from "../src/http/locale.ts";

export function Layout(props: {
  title: string;
  children: Child;
  narrow?: boolean;
  htmx?: boolean;
  /** An installable app's manifest and its script (the advisor's offline app). */
  app?: { manifest: string; script: string };
}) {
  const t = msg();
  const other = otherLanguageLink();
  return (
    <html lang={currentLocale()}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t.site.title}`}</title>
        {/* 422 is swapped: a page with a refused answer comes back showing it, the rest saved. */}
        <meta
          name="htmx-config"
          content='{"includeIndicatorStyles":false,"allowEval":false,"historyCacheSize":0,"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},{"code":"422","swap":true},{"code":"[45]..","swap":false,"error":true}]}'
        />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={asset("app.css")} />
        {props.htmx ? <script src={asset("htmx.js")} defer></script> : null}
        {props.htmx ? <script src={asset("app.js")} defer></script> : null}
        {props.app ? <link rel="manifest" href={props.app.manifest} /> : null}
        {props.app ? <script src={props.app.script} defer></script> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.site.skip}
        </a>
        <header class="site">
          <a href="/" class="brand">
            <span class="mark" aria-hidden="true">
              ĐB
            </span>
            <span>
              <strong>{t.site.title}</strong>
              <small>{t.site.owner}</small>
            </span>
          </a>
          {other ? (
            <a class="language" href={other.href} hreflang={other.locale} lang={other.locale}>
              {catalogues[other.locale].site.languageName}
            </a>
          ) : null}
        </header>
        <main id="main" class={props.narrow ? "narrow" : undefined}>
          {props.children}
        </main>
        <footer class="site">
          <p>
            {t.site.runBy}. {t.site.footer}
          </p>
          {centreContact() ? (
            <p id="footer-contact">
              {t.site.ask} <ContactLines contact={centreContact()!} compact />
            </p>
          ) : null}
          <p>
            <a href="/help">{t.site.help}</a> · <a href="/privacy">{t.site.privacy}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

// Kept here for the pages that import it from the layout; it lives with the form pieces (browser-safe).
export { ErrorList } from "./form.tsx";

import type { Child } from "hono/jsx";
import { asset } from "../src/http/assets.ts";
import { centreContact, ContactLines } from "./contact.tsx";
import { vi } from "./messages.ts";

export function Layout(props: {
  title: string;
  children: Child;
  narrow?: boolean;
  htmx?: boolean;
  /** An installable app's manifest and its script (the advisor's offline app). */
  app?: { manifest: string; script: string };
}) {
  return (
    <html lang={vi.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${vi.site.title}`}</title>
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
          {vi.site.skip}
        </a>
        <header class="site">
          <a href="/" class="brand">
            <span class="mark" aria-hidden="true">
              ĐB
            </span>
            <span>
              <strong>{vi.site.title}</strong>
              <small>{vi.site.owner}</small>
            </span>
          </a>
        </header>
        <main id="main" class={props.narrow ? "narrow" : undefined}>
          {props.children}
        </main>
        <footer class="site">
          <p>
            {vi.site.runBy}. {vi.site.footer}
          </p>
          {centreContact() ? (
            <p id="footer-contact">
              {vi.site.ask} <ContactLines contact={centreContact()!} compact />
            </p>
          ) : null}
          <p>
            <a href="/help">{vi.site.help}</a> · <a href="/privacy">{vi.site.privacy}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

// Kept here for the pages that import it from the layout; it lives with the form pieces (browser-safe).
export { ErrorList } from "./form.tsx";

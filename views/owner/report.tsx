// Pages shown instead of the PDF report when it cannot be made now: clear words and a way on.
import { Layout } from "../layout.tsx";
import { currentLocale } from "../messages.ts";

/**
 * The report's address from a page: in the page's language, said in the address when it is not the
 * default, so the PDF matches the page even where the language cookie was not kept.
 */
export function reportHref(code: string): string {
  const locale = currentLocale();
  return `/a/${code}/report.pdf${locale === "vi" ? "" : `?lang=${locale}`}`;
}

export function ReportProblemPage(props: { title: string; message: string; links: { href: string; label: string }[] }) {
  return (
    <Layout title={props.title} narrow>
      <h1>{props.title}</h1>
      <p class="alert" role="alert">
        {props.message}
      </p>
      <div class="actions">
        {props.links.map((l, i) => (
          <a class={i === 0 ? "button" : "button secondary"} href={l.href}>
            {l.label}
          </a>
        ))}
      </div>
    </Layout>
  );
}

// Pages shown instead of the PDF report when it cannot be made now: clear words and a way on.
import { Layout } from "../layout.tsx";

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

// The help page: how the assessment works, how long it takes, what is kept, who to call.
import type { CentreContact } from "../../src/content/load.ts";
import { ContactLines } from "../contact.tsx";
import { Layout } from "../layout.tsx";
import { fmt, msg } from "../messages.ts";

export function HelpPage(props: { minutes: number; contact: CentreContact }) {
  const h = msg().help;
  return (
    <Layout title={h.heading} narrow>
      <h1>{h.heading}</h1>
      <section class="card" id="how">
        <h2>{h.howHeading}</h2>
        <ol>
          {h.how.map((x) => (
            <li>{x}</li>
          ))}
        </ol>
      </section>
      <section class="card" id="time">
        <h2>{h.timeHeading}</h2>
        <p>{fmt(h.time, { minutes: props.minutes })}</p>
      </section>
      <section class="card" id="keep">
        <h2>{h.keepHeading}</h2>
        <p>{h.keep}</p>
        <p>
          <a href="/privacy">{h.privacyLink}</a>
        </p>
      </section>
      <section class="card" id="call">
        <h2>{h.callHeading}</h2>
        <p>{msg().contact.lead}</p>
        <p>
          <ContactLines contact={props.contact} />
        </p>
      </section>
      <div class="actions">
        <a class="button" href="/#start">
          {h.start}
        </a>
      </div>
    </Layout>
  );
}

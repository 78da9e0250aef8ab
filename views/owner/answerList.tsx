// The owner's answers read back, part by part, each part with a link to change it: on the review
// page before submitting and on the answers page after.
import { msg } from "../messages.ts";


export interface AnsweredPart {
  number: number;
  title: string;
  items: { id: string; index: number; text: string; answer: string | null }[];
}

/** Each part's questions and the answers given, with a link to change that part. */
export function AnswerList(props: { parts: AnsweredPart[]; editHref: (part: number) => string }) {
  const m = msg().answers;
  return (
    <div id="answers">
      {props.parts.map((p) => (
        <section class="card answers-part" id={`part-${p.number}`}>
          <h2>{p.title}</h2>
          <dl class="answers">
            {p.items.map((x) => (
              <>
                <dt id={`a-${x.id}`}>
                  {x.index}. {x.text}
                </dt>
                <dd class={x.answer === null ? "muted" : undefined}>{x.answer ?? m.notAnswered}</dd>
              </>
            ))}
          </dl>
          <p>
            <a class="button secondary" href={props.editHref(p.number)}>
              {m.partEdit}
            </a>
          </p>
        </section>
      ))}
    </div>
  );
}


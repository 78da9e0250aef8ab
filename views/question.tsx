import type { Question } from "../src/domain/questionnaire.ts";
import { selectedOptions, type AnswerValue } from "../src/domain/scoring.ts";
import { vi } from "./messages.ts";

/** One question as a fieldset of large radio buttons or checkboxes; help one tap away. */
export function QuestionBlock(props: { question: Question; value: AnswerValue | undefined; index: number }) {
  const { question: q } = props;
  const picked = new Set(selectedOptions(props.value));
  const type = q.type === "single" ? "radio" : "checkbox";
  return (
    <fieldset class="q" id={`q-${q.id}`}>
      <legend>
        {props.index}. {q.text}
      </legend>
      <p class="how">{q.type === "single" ? vi.part.chooseOne : vi.part.chooseMany}</p>
      {/* What this page showed: a save applies only what the owner changed here (src/http/owner). */}
      <input type="hidden" name={`was.${q.id}`} value={[...picked].sort().join(",")} />
      <details class="help">
        <summary>{vi.part.help}</summary>
        <p>{q.help}</p>
      </details>
      {q.options.map((o) => (
        <label class="opt" for={`o-${q.id}-${o.id}`}>
          <input
            type={type}
            id={`o-${q.id}-${o.id}`}
            name={`q.${q.id}`}
            value={o.id}
            checked={picked.has(o.id)}
            data-exclusive={q.type === "multi" && o.exclusive ? "" : undefined}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

import type { Question } from "../src/domain/questionnaire.ts";
import { selectedOptions, type AnswerValue } from "../src/domain/scoring.ts";
import { fmt, msg } from "./messages.ts";

/** One question as a fieldset of large radio buttons or checkboxes; help one tap away. */
export function QuestionBlock(props: {
  question: Question;
  value: AnswerValue | undefined;
  index: number;
  /** An answer the server refused: shown as the person ticked it, with the reason; not saved. */
  refused?: { value: AnswerValue | null; message: string };
}) {
  const { question: q, refused } = props;
  const stored = selectedOptions(props.value);
  const picked = new Set(refused ? selectedOptions(refused.value ?? undefined) : stored);
  const type = q.type === "single" ? "radio" : "checkbox";
  return (
    <fieldset class={refused ? "q refused" : "q"} id={`q-${q.id}`} aria-describedby={refused ? `err-${q.id}` : undefined}>
      <legend>
        {props.index}. {q.text}
      </legend>
      {refused ? (
        <p class="field-error" id={`err-${q.id}`}>
          {refused.message}
        </p>
      ) : null}
      <p class="how">{q.type === "single" ? msg().part.chooseOne : msg().part.chooseMany}</p>
      {/* What this page showed: a save applies only what the owner changed here (src/http/owner).
          For a refused answer it stays the stored one, so the corrected answer is saved. */}
      <input type="hidden" name={`was.${q.id}`} value={[...stored].sort().join(",")} />
      <details class="help">
        <summary>{msg().part.help}</summary>
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

/** Answers refused on a save, by question id: what was ticked and why it was refused. */
export type Refused = Record<string, { value: AnswerValue | null; message: string }>;

/** The refused answers of a save as a page shows them: as ticked, with the reason and what to do. */
export function refusedAnswers(reasons: Record<string, string>, sent: Record<string, AnswerValue | null | undefined>): Refused {
  return Object.fromEntries(
    Object.entries(reasons).map(([id, reason]) => [id, { value: sent[id] ?? null, message: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}. ${msg().part.refusedOne}` }]),
  );
}

/** The top of a page on which some answers were refused: which ones (links), and that the rest were saved. */
export function RefusedAlert(props: { refused: Refused; questions: Question[]; firstIndex: number; unknown?: string }) {
  const shown = props.questions.map((q, i) => ({ q, n: props.firstIndex + i })).filter(({ q }) => props.refused[q.id]);
  return (
    <div class="alert" role="alert" id="errors" tabindex={-1}>
      <p>
        <strong>{fmt(msg().part.refusedSaved, { n: shown.length || 1 })}</strong>
      </p>
      <ul>
        {shown.map(({ q, n }) => (
          <li>
            <a href={`#q-${q.id}`}>
              {n}. {q.text}
            </a>
            : {props.refused[q.id]!.message}
          </li>
        ))}
        {props.unknown ? <li>{props.unknown}</li> : null}
      </ul>
    </div>
  );
}

/** An advisor's note and "evidence seen" mark for one question (guided sessions, the offline app). */
export function NoteFields(props: { questionId: string; note: { note: string | null; evidenceSeen: boolean } | undefined; open?: boolean }) {
  const id = props.questionId;
  return (
    <details class="notes" open={props.open || Boolean(props.note)}>
      <summary>{msg().staff.guided.notesSummary}</summary>
      <label class="opt" for={`f-evidence-${id}`}>
        <input type="checkbox" id={`f-evidence-${id}`} name={`evidence.${id}`} value="yes" checked={props.note?.evidenceSeen ?? false} />
        <span>{msg().staff.guided.evidence}</span>
      </label>
      <label class="field" for={`f-note-${id}`}>
        {msg().staff.guided.note}
      </label>
      <textarea id={`f-note-${id}`} name={`note.${id}`} rows={2} maxLength={1000}>
        {props.note?.note ?? ""}
      </textarea>
    </details>
  );
}

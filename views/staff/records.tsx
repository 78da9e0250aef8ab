// One business, one record, on the business page: the register rows it counts for (with "unlink"
// where the link was made by hand), records merged into it (with "undo"), and a form to merge a
// duplicate record; the confirmation page of a merge.
import type { AssessmentRow } from "../../db/assessments.ts";
import type { BusinessRow } from "../../db/businesses.ts";
import type { Commune } from "../../src/content/load.ts";
import type { recordIdentity } from "../../src/services/businessRecords.ts";
import { fmt, msg } from "../messages.ts";
import { Field } from "../form.tsx";
import { communeName, day, StaffPage, type Me } from "./common.tsx";


export type Identity = ReturnType<typeof recordIdentity>;

export function RecordIdentity(props: { business: BusinessRow; identity: Identity; canUnlink: boolean; canMerge: boolean; mergeError?: string; otherValue?: string }) {
  const r = msg().records;
  const b = props.business;
  const id = props.identity;
  return (
    <>
      <section class="card" id="registry">
        <h2>{r.registryLink}</h2>
        {id.registry.length ? (
          <ul class="list">
            {id.registry.map((x) => (
              <li>
                <strong>{x.name}</strong>
                {x.taxCode ? ` (${x.taxCode})` : ""} · {x.linkedFrom !== null ? fmt(r.registryLinkByHand, { date: day(x.linkedAt) }) : r.registryLinkByTax}
                {props.canUnlink && x.linkedFrom !== null ? (
                  <form method="post" action="/staff/department/registry/unlink" class="inline">
                    <input type="hidden" name="assessmentId" value={String(x.linkedFrom)} />
                    <input type="hidden" name="back" value={`/staff/businesses/${b.id}`} />{" "}
                    <button type="submit" class="link">
                      {r.unlink}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{r.noRegistryLink}</p>
        )}
      </section>
      {id.merges.length ? (
        <section class="card" id="merges">
          <h2>{r.merge.mergedHere}</h2>
          <ul class="list">
            {id.merges.map((m) => (
              <li>
                {fmt(r.merge.mergedLine, { name: m.mergedName + (m.mergedTaxCode ? ` (${m.mergedTaxCode})` : ""), date: day(m.merge.at), staff: m.staffName, reason: m.merge.reason })}
                {props.canMerge ? (
                  <form method="post" action={`/staff/merges/${m.merge.id}/undo`} class="inline-form">
                    <Field id={`undo-${m.merge.id}`} label={r.merge.undoReason}>
                      <input type="text" id={`f-undo-${m.merge.id}`} name="reason" required minLength={3} maxLength={500} />
                    </Field>
                    <button type="submit" class="secondary">
                      {r.merge.undo}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.canMerge ? (
        <section class="card" id="merge">
          <h2>{r.merge.heading}</h2>
          <p class="muted">{r.merge.lead}</p>
          {props.mergeError ? (
            <p class="alert" role="alert">
              {props.mergeError}
            </p>
          ) : null}
          {id.suggestions.length ? (
            <p>
              {r.merge.suggestions}:{" "}
              {id.suggestions.map((x, i) => (
                <>
                  {i ? " · " : ""}
                  <a href={`/staff/businesses/${b.id}/merge?other=${x.id}`}>
                    {x.name}
                    {x.taxCode ? ` (${x.taxCode})` : ""}
                  </a>
                </>
              ))}
            </p>
          ) : null}
          <form method="get" action={`/staff/businesses/${b.id}/merge`} class="inline-form">
            <Field id="other" label={r.merge.other}>
              <input type="text" id="f-other" name="other" required maxLength={20} value={props.otherValue ?? ""} inputmode="numeric" />
            </Field>
            <button type="submit" class="secondary">
              {r.merge.check}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}

export function MergeConfirmPage(props: {
  me: Me;
  kept: BusinessRow;
  merged: BusinessRow;
  rounds: { record: BusinessRow; rows: AssessmentRow[] }[];
  communes: Map<string, Commune>;
  reason?: string;
  error?: string;
}) {
  const r = msg().records;
  const { kept, merged } = props;
  return (
    <StaffPage me={props.me} title={fmt(r.merge.confirmHeading, { merged: merged.name, kept: kept.name })} error={props.error}>
      <p>{fmt(r.merge.confirmLead, { merged: merged.name })}</p>
      {props.rounds.map((x) => (
        <section class="card">
          <h2>
            {x.record.name}
            {x.record.taxCode ? ` (${x.record.taxCode})` : ""}
          </h2>
          <p class="muted">
            {msg().legalForms[x.record.legalForm]} · {communeName(props.communes, x.record.communeId)}
          </p>
          <ul>
            {x.rows.map((a) => (
              <li>
                T{a.round - 1} · {msg().staff.methods[a.method]} · {day(a.submittedAt ?? a.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <form method="post" action={`/staff/businesses/${kept.id}/merge`} class="card">
        <input type="hidden" name="other" value={String(merged.id)} />
        <Field id="reason" label={r.merge.reason} hint={r.merge.reasonHint} error={props.error && !props.reason ? r.merge.reasonMissing : undefined}>
          <input type="text" id="f-reason" name="reason" required minLength={3} maxLength={500} value={props.reason ?? ""} />
        </Field>
        <div class="actions">
          <button type="submit">{r.merge.confirm}</button>
          <a href={`/staff/businesses/${kept.id}`}>{msg().department.registry.cancel}</a>
        </div>
      </form>
    </StaffPage>
  );
}

// The register's pages: upload (with the template), a preview and what became of it (errors a page
// at a time, what saving changes, the rows the file lacks), the import history, and the missing
// rows to close or delete. Plain forms; every POST answers 303.
import type { Commune } from "../../src/content/load.ts";
import type { ImportHistoryRow } from "../../db/registry.ts";
import type { RegistryField, RegistryRow, RowError } from "../../src/domain/registry.ts";
import { fmt, msg } from "../messages.ts";
import { day, StaffPage, when, type Me } from "../staff/common.tsx";
import { legalFormName, qs, RowsTable, sectorName, sizeName } from "./pages.tsx";

const BASE = "/staff/department/registry";
const nf = new Intl.NumberFormat("vi-VN");
const n = (x: number | null | undefined) => nf.format(x ?? 0);
/** What became of an import, in one line. */
export function outcomeText(h: ImportHistoryRow): string {
  const r = msg().department.registry;
  if (h.committedAt) {
    const inserted = h.inserted ?? 0;
    const changed = h.updated ?? 0;
    const reopened = h.reopened ?? 0;
    const valid = h.rowCount - (h.skipped ?? 0);
    let s = fmt(r.outcomeSaved, { who: h.committedByName ?? "—", inserted: n(inserted), changed: n(changed), unchanged: n(Math.max(0, valid - inserted - changed - reopened)) });
    if (h.skipped) s += fmt(r.outcomeSkipped, { n: n(h.skipped) });
    if (reopened) s += fmt(r.outcomeReopened, { n: n(reopened) });
    return s;
  }
  if (h.supersededBy) return fmt(r.outcomeSuperseded, { id: h.supersededBy });
  if (!h.preparedAt) return r.outcomePreparing;
  if (h.errorCount) return fmt(r.outcomeErrors, { n: n(h.errorCount) });
  return r.outcomeNotSaved;
}

function HistoryTable(props: { rows: ImportHistoryRow[] }) {
  const r = msg().department.registry;
  return (
    <RowsTable
      class="imports"
      rows={props.rows}
      columns={[
        { heading: r.historyWhen, cell: (h) => when(h.createdAt) },
        { heading: r.historyWho, cell: (h) => h.staffName ?? "—" },
        { heading: r.historyFile, cell: (h) => h.fileName },
        { heading: r.historyRows, cell: (h) => n(h.rowCount) },
        { heading: r.historyOutcome, cell: (h) => outcomeText(h) },
        { heading: "", cell: (h) => <a href={`${BASE}/imports/${h.id}`}>{r.open}</a> },
      ]}
    />
  );
}

export function RegistryPage(props: { me: Me; count: number; history: ImportHistoryRow[]; moreHistory: boolean; notice?: string; error?: string }) {
  const r = msg().department.registry;
  return (
    <StaffPage me={props.me} title={r.title} notice={props.notice} error={props.error}>
      <p class="lead">{r.lead}</p>
      <p>{fmt(r.count, { n: n(props.count) })}</p>
      <form method="post" action={`${BASE}/preview`} enctype="multipart/form-data" class="card" id="upload">
        <h2>{r.uploadHeading}</h2>
        <p id="template">
          {fmt(r.template, { csv: "\u0000csv", xlsx: "\u0000xlsx" })
            .split(/(\u0000csv|\u0000xlsx)/)
            .map((part) =>
              part === "\u0000csv" ? <a href={`${BASE}/template.csv`}>{r.templateCsv}</a> : part === "\u0000xlsx" ? <a href={`${BASE}/template.xlsx`}>{r.templateXlsx}</a> : part,
            )}
        </p>
        <label class="field" for="f-file">
          {r.file}
          <span class="hint">{r.fileHint}</span>
        </label>
        <input type="file" id="f-file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <label class="check" for="f-fullRegister">
          <input type="checkbox" id="f-fullRegister" name="fullRegister" value="1" /> {r.fullRegister}
          <span class="hint">{r.fullRegisterHint}</span>
        </label>
        <div class="actions">
          <button type="submit">{r.preview}</button>
        </div>
      </form>
      <p>
        <a href={`${BASE}/link`}>{r.link}</a>
      </p>
      {props.history.length ? (
        <section class="card" id="history">
          <h2>{r.history}</h2>
          <HistoryTable rows={props.history} />
          {props.moreHistory ? (
            <p>
              <a href={`${BASE}/imports`}>{r.historyAll}</a>
            </p>
          ) : null}
        </section>
      ) : null}
    </StaffPage>
  );
}

export function ImportHistoryPage(props: { me: Me; rows: ImportHistoryRow[]; page: number; hasNext: boolean }) {
  const r = msg().department.registry;
  const d = msg().department;
  return (
    <StaffPage me={props.me} title={r.historyTitle}>
      <p>
        <a href={BASE}>← {r.title}</a>
      </p>
      {props.rows.length ? <HistoryTable rows={props.rows} /> : <p>{d.list.empty}</p>}
      <Pager href={(p) => `${BASE}/imports${qs({ page: p })}`} page={props.page} hasNext={props.hasNext} />
    </StaffPage>
  );
}

function Pager(props: { href: (page: number) => string; page: number; hasNext: boolean; label?: string }) {
  const r = msg().department.registry;
  if (props.page <= 1 && !props.hasNext) return null;
  return (
    <nav class="pager" aria-label={props.label ?? r.historyTitle}>
      {props.page > 1 ? <a href={props.href(props.page - 1)}>{r.prevPage}</a> : null}
      {props.label ? <span> {props.label} </span> : " "}
      {props.hasNext ? <a href={props.href(props.page + 1)}>{r.nextPage}</a> : null}
    </nav>
  );
}

/** A registry field's value as the department reads it (commune, sector… by name). */
function fieldValue(field: RegistryField, value: string | null, communes: Map<string, Commune>): string {
  const d = msg().department;
  if (value === null) return field === "sizeClass" ? d.sizeUnknown : "—";
  if (field === "legalForm") return legalFormName(value) ?? value;
  if (field === "communeId") return communes.get(value)?.name ?? value;
  if (field === "sector") return sectorName(value) ?? value;
  if (field === "sizeClass") return sizeName(value) ?? value;
  return value;
}

export interface ImportView {
  imp: ImportHistoryRow;
  /** The page of bad rows shown, and how many pages there are. */
  errorRows: { row: number; name: string; errors: RowError[] }[];
  page: number;
  pages: number;
  changes: { line: number; row: RegistryRow; changes: { field: RegistryField; from: string | null; to: string | null }[] }[];
  sample: RegistryRow[];
  fileLevel: boolean;
  missingOpen: number;
}

export function ImportPage(props: { me: Me; view: ImportView; communes: Map<string, Commune>; notice?: string; error?: string }) {
  const r = msg().department.registry;
  const { imp, errorRows, page, pages, changes, sample, fileLevel } = props.view;
  const valid = imp.rowCount - imp.errorRows;
  const unchanged = Math.max(0, valid - (imp.fresh ?? 0) - (imp.changed ?? 0) - (imp.toReopen ?? 0));
  const counts = { fresh: n(imp.fresh), changed: n(imp.changed), unchanged: n(unchanged) };
  const savable = !imp.committedAt && !imp.supersededBy && imp.preparedAt !== null && valid > 0 && !fileLevel;
  return (
    <StaffPage me={props.me} title={fmt(r.previewHeading, { file: imp.fileName })} notice={props.notice} error={props.error}>
      <p>
        <a href={BASE}>← {r.title}</a> · {when(imp.createdAt)} · {imp.staffName ?? "—"}
      </p>
      <section class="card" id="preview" aria-labelledby="preview-h">
        <h2 id="preview-h">{outcomeText(imp)}</h2>
        {!imp.preparedAt ? <p role="status">{r.preparing}</p> : null}
        {imp.supersededBy ? (
          <p class="alert" id="superseded">
            {fmt(r.supersededBy, { link: "\u0000" })
              .split("\u0000")
              .flatMap((part, i) => (i === 0 ? [part] : [<a href={`${BASE}/imports/${imp.supersededBy}`}>{r.supersededLink}</a>, part]))}
          </p>
        ) : null}
        {imp.committedAt ? (
          <p class="notice" role="status" id="committed">
            {fmt(r.committedAt, { at: when(imp.committedAt), who: imp.committedByName ?? "—", inserted: n(imp.inserted), changed: n(imp.updated), unchanged: n(Math.max(0, valid - (imp.inserted ?? 0) - (imp.updated ?? 0) - (imp.reopened ?? 0))) })}
            {imp.skipped ? ` ${fmt(r.committedSkipped, { n: n(imp.skipped) })}` : ""}
            {imp.reopened ? ` ${fmt(r.committedReopened, { n: n(imp.reopened) })}` : ""}
          </p>
        ) : null}
        {imp.committedAt && imp.missing ? (
          <p id="missing-link">
            <a href={`${BASE}/imports/${imp.id}/missing`}>{fmt(r.missingLink, { n: n(imp.missing) })}</a> ({props.view.missingOpen ? fmt(r.missingOpen, { n: n(props.view.missingOpen) }) : r.missingNone})
          </p>
        ) : null}
        {!imp.committedAt && imp.preparedAt && !imp.errorCount ? (
          <p class="notice" role="status" id="preview-ok">
            {fmt(r.previewOk, { rows: n(imp.rowCount), ...counts })}
          </p>
        ) : null}
        {imp.errorCount ? (
          <p class={imp.committedAt ? "muted" : "alert"} role={imp.committedAt ? undefined : "alert"} id="preview-errors">
            {fileLevel
              ? r.previewFileError
              : fmt(valid > 0 ? r.previewErrors : r.previewErrorsNoneValid, { n: n(imp.errorCount), errorRows: n(imp.errorRows), rows: n(imp.rowCount), valid: n(valid) })}
          </p>
        ) : null}
        {!imp.committedAt && imp.toReopen ? <p id="reopen">{fmt(r.reopenNote, { n: n(imp.toReopen) })}</p> : null}
        {!imp.committedAt && imp.missing ? <p id="missing">{fmt(r.missingNote, { n: n(imp.missing) })}</p> : null}
        {errorRows.length ? (
          <section id="errors" aria-label={r.errorMessage}>
            <RowsTable
              class="errors"
              rows={errorRows}
              columns={[
                { heading: r.errorRow, cell: (x) => x.row },
                { heading: r.errorName, cell: (x) => x.name || (fileLevel ? "" : r.noName) },
                {
                  heading: r.errorMessage,
                  // Every message names what it is about ("mã số thuế …", "thiếu xã/phường").
                  cell: (x) =>
                    x.errors.length === 1 ? (
                      x.errors[0]!.message
                    ) : (
                      <ul>
                        {x.errors.map((e) => (
                          <li>{e.message}</li>
                        ))}
                      </ul>
                    ),
                },
              ]}
            />
            <Pager href={(p) => `${BASE}/imports/${imp.id}${qs({ page: p })}#errors`} page={page} hasNext={page < pages} label={fmt(r.errorsPage, { page, pages })} />
          </section>
        ) : null}
        {changes.length && !imp.committedAt ? (
          <>
            <h3>{r.changesHeading}</h3>
            <RowsTable
              class="changes"
              rows={changes}
              columns={[
                { heading: r.errorRow, cell: (c) => c.line },
                {
                  heading: r.errorName,
                  cell: (c) => (
                    <>
                      {c.row.name}
                      {c.row.taxCode ? <span class="muted"> · {c.row.taxCode}</span> : null}
                    </>
                  ),
                },
                {
                  heading: r.change,
                  cell: (c) => (
                    <ul>
                      {c.changes.map((ch) => (
                        <li>
                          {r.fields[ch.field]}: {fieldValue(ch.field, ch.from, props.communes)} → {fieldValue(ch.field, ch.to, props.communes)}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
            {(imp.changed ?? 0) > changes.length ? <p>{fmt(r.changesMore, { shown: n(changes.length), n: n(imp.changed) })}</p> : null}
          </>
        ) : null}
        {sample.length && !imp.committedAt ? (
          <>
            <h3>{r.sample}</h3>
            <RowsTable
              rows={sample}
              columns={[
                { heading: r.fields.taxCode, cell: (x) => x.taxCode ?? "—" },
                { heading: r.fields.name, cell: (x) => x.name },
                { heading: r.fields.legalForm, cell: (x) => legalFormName(x.legalForm) },
                { heading: r.fields.communeId, cell: (x) => props.communes.get(x.communeId)?.name ?? x.communeId },
                { heading: r.fields.sector, cell: (x) => sectorName(x.sector) },
                { heading: r.fields.sizeClass, cell: (x) => sizeName(x.sizeClass) },
              ]}
            />
          </>
        ) : null}
        {savable ? (
          <form method="post" action={`${BASE}/commit`} class="actions" id="commit">
            <input type="hidden" name="importId" value={String(imp.id)} />
            {imp.errorCount ? (
              <>
                <p>{fmt(r.validOnlyLead, { ...counts, errorRows: n(imp.errorRows) })}</p>
                <input type="hidden" name="skipErrors" value="1" />
                <button type="submit" class="secondary">
                  {fmt(r.commitValidOnly, { valid: n(valid), errorRows: n(imp.errorRows) })}
                </button>
              </>
            ) : (
              <button type="submit">{r.commit}</button>
            )}
            <a href={BASE}>{r.cancel}</a>
          </form>
        ) : null}
      </section>
    </StaffPage>
  );
}

export function MissingPage(props: {
  me: Me;
  imp: ImportHistoryRow;
  rows: { id: number; name: string; taxCode: string | null; legalForm: string; communeId: string; sector: string; closedOn: string | null; reached: number }[];
  page: number;
  pages: number;
  openCount: number;
  today: string;
  communes: Map<string, Commune>;
  notice?: string;
  error?: string;
}) {
  const r = msg().department.registry;
  const d = msg().department;
  const back = `${BASE}/imports/${props.imp.id}/missing${qs({ page: props.page > 1 ? props.page : undefined })}`;
  return (
    <StaffPage me={props.me} title={fmt(r.missingTitle, { file: props.imp.fileName })} notice={props.notice} error={props.error}>
      <p>
        <a href={`${BASE}/imports/${props.imp.id}`}>← {fmt(r.previewHeading, { file: props.imp.fileName })}</a>
      </p>
      <p class="lead">{fmt(r.missingLead, { at: when(props.imp.createdAt) })}</p>
      <p id="missing-open">{props.openCount ? fmt(r.missingOpen, { n: n(props.openCount) }) : r.missingNone}</p>
      {props.openCount ? (
        <form method="post" action={`${BASE}/imports/${props.imp.id}/missing/close`} class="card actions" id="close-all">
          <label for="f-closeAll">{fmt(r.closeAll, { n: n(props.openCount) })}</label>
          <input type="date" id="f-closeAll" name="closedOn" max={props.today} value={props.today} required />
          <button type="submit">{r.close}</button>
        </form>
      ) : null}
      <RowsTable
        class="missing"
        rows={props.rows}
        columns={[
          { heading: d.list.name, cell: (x) => x.name },
          { heading: d.list.taxCode, cell: (x) => x.taxCode ?? "—" },
          { heading: msg().profile.legalForm, cell: (x) => legalFormName(x.legalForm) },
          { heading: d.list.commune, cell: (x) => props.communes.get(x.communeId)?.name ?? x.communeId },
          { heading: d.columns.reached, cell: (x) => (x.reached ? d.list.yes : d.list.no) },
          {
            heading: "",
            cell: (x) =>
              x.closedOn ? (
                fmt(r.closedOn, { day: day(x.closedOn) })
              ) : (
                <div class="row-actions">
                  <form method="post" action={`${BASE}/rows/${x.id}/close`}>
                    <input type="hidden" name="back" value={back} />
                    <label for={`close-${x.id}`}>{r.closeOn}</label> <input type="date" id={`close-${x.id}`} name="closedOn" max={props.today} value={props.today} required />{" "}
                    <button type="submit" class="secondary">
                      {r.close}
                    </button>
                  </form>
                  <form method="post" action={`${BASE}/rows/${x.id}/delete`}>
                    <input type="hidden" name="back" value={back} />
                    <label for={`delete-${x.id}`}>{r.deleteReason}</label> <input type="text" id={`delete-${x.id}`} name="reason" maxLength={500} required />{" "}
                    <button type="submit" class="secondary">
                      {r.delete}
                    </button>
                  </form>
                </div>
              ),
          },
        ]}
      />
      <Pager href={(p) => `${BASE}/imports/${props.imp.id}/missing${qs({ page: p })}`} page={props.page} hasNext={props.page < props.pages} label={`${props.page}/${props.pages}`} />
    </StaffPage>
  );
}

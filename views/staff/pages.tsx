// Staff pages: sign-in, password, the advisor's worklist, business list, counts, open by code.
import type { Commune } from "../../src/content/load.ts";
import type { AssessmentRow } from "../../db/assessments.ts";
import type { BusinessRow, DirectoryRow } from "../../db/businesses.ts";
import { fmt, msg } from "../messages.ts";
import { communeOptions, entries, Field, Select } from "../form.tsx";
import { communeName, day, Errors, PlaceFilter, StaffPage, ValidationBadge, type Me } from "./common.tsx";

const nf = new Intl.NumberFormat("vi-VN");

export function LoginPage(props: { email?: string; next?: string | null; error?: string; notice?: string }) {
  const m = msg().staff;
  return (
    <StaffPage me={null} title={m.login.heading} error={props.error} notice={props.notice}>
      <p>{m.login.lead}</p>
      <form method="post" action={`/staff/login${props.next ? `?next=${encodeURIComponent(props.next)}` : ""}`} class="card">
        <Field id="email" label={m.login.email}>
          <input type="email" id="f-email" name="email" autocomplete="username" required maxLength={200} value={props.email ?? ""} />
        </Field>
        <Field id="password" label={m.login.password}>
          <input type="password" id="f-password" name="password" autocomplete="current-password" required maxLength={200} />
        </Field>
        <div class="actions">
          <button type="submit">{m.login.submit}</button>
        </div>
      </form>
    </StaffPage>
  );
}

export function PasswordPage(props: { me: Me; errors?: Record<string, string>; notice?: string }) {
  const m = msg().staff;
  return (
    <StaffPage me={props.me} title={m.password.heading} notice={props.notice}>
      <form method="post" action="/staff/password" class="card">
        <Errors errors={props.errors} labels={{ current: m.password.current, next: m.password.next }} />
        <Field id="current" label={m.password.current} error={props.errors?.current}>
          <input type="password" id="f-current" name="current" autocomplete="current-password" required maxLength={200} />
        </Field>
        <Field id="next" label={m.password.next} hint={m.password.nextHint} error={props.errors?.next}>
          <input type="password" id="f-next" name="next" autocomplete="new-password" required minLength={12} maxLength={200} />
        </Field>
        <div class="actions">
          <button type="submit">{m.password.submit}</button>
        </div>
      </form>
    </StaffPage>
  );
}

export function ForbiddenPage(props: { me: Me | null; message?: string }) {
  const m = msg().staff;
  return (
    <StaffPage me={props.me} title={m.forbidden.title}>
      <p class="alert">{props.message ?? m.forbidden.message}</p>
    </StaffPage>
  );
}

export function NotFoundPage(props: { me: Me | null; message?: string }) {
  const m = msg().staff;
  return (
    <StaffPage me={props.me} title={msg().errors.pageNotFound}>
      <p class="alert">{props.message ?? m.errors.notFound}</p>
    </StaffPage>
  );
}

function AssessmentLine(props: { a: AssessmentRow; communes: Map<string, Commune> }) {
  const m = msg().staff;
  const a = props.a;
  return (
    <li>
      <a href={`/staff/assessments/${a.id}`}>{a.businessName}</a> · {communeName(props.communes, a.communeId)} · {msg().sectors[a.sector]}
      <br />
      <span class="muted">
        T{a.round - 1} · {m.methods[a.method]} · {a.status === "draft" ? m.status.draft : m.status.submitted} · {day(a.updatedAt)}
      </span>{" "}
      {a.status === "submitted" ? <ValidationBadge method={a.method} validatedAt={a.validatedAt} recheckSince={a.recheckSince} /> : null}
    </li>
  );
}

export interface WorklistData {
  mine: AssessmentRow[];
  requests: {
    request: { id: number; channel: "phone" | "zalo" | "email"; contact: string; message: string | null; createdAt: string; actionId: string; status: string };
    assessment: AssessmentRow;
    handlerName: string | null;
  }[];
  due: { business: BusinessRow; lastSubmittedAt: string; lastRound: number; reason: "after_support" | "yearly" }[];
}

export function WorklistPage(props: { me: Me; data: WorklistData; communes: Commune[]; filter: { communeId?: string; sector?: string } }) {
  const m = msg().staff;
  const byId = new Map(props.communes.map((c) => [c.id, c]));
  const channels = { phone: "điện thoại", zalo: "Zalo", email: "thư điện tử" } as const;
  return (
    <StaffPage me={props.me} title={m.worklist.heading}>
      <PlaceFilter action="/staff/advisor" communes={props.communes} {...props.filter} />
      <section class="card" id="requests">
        <h2>
          {m.worklist.requests} ({props.data.requests.length})
        </h2>
        {props.data.requests.length ? (
          <ul class="list">
            {props.data.requests.map(({ request, assessment, handlerName }) => (
              <li id={`request-${request.id}`}>
                <a href={`/staff/assessments/${assessment.id}`}>{assessment.businessName}</a> · {communeName(byId, assessment.communeId)} ·{" "}
                {msg().sectors[assessment.sector]}
                <br />
                <span class="muted">
                  {fmt(m.worklist.requestedOn, { date: day(request.createdAt) })} · {fmt(m.worklist.via, { channel: channels[request.channel], contact: request.contact })}
                </span>
                {request.message ? <p class="quote">{request.message}</p> : null}
                {request.status === "in_progress" ? <span class="badge">{fmt(m.worklist.inProgress, { name: handlerName ?? "" })}</span> : null}
                <form method="post" action={`/staff/advice/${request.id}`} class="inline request-actions">
                  {request.status === "new" ? (
                    <button type="submit" name="status" value="in_progress" class="link">
                      {m.worklist.take}
                    </button>
                  ) : null}{" "}
                  <button type="submit" name="status" value="done" class="link">
                    {m.worklist.done}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{m.worklist.requestsEmpty}</p>
        )}
      </section>
      <section class="card" id="due">
        <h2>
          {m.worklist.due} ({props.data.due.length})
        </h2>
        {props.data.due.length ? (
          <ul class="list">
            {props.data.due.map((d) => (
              <li>
                <a href={`/staff/businesses/${d.business.id}`}>{d.business.name}</a> · {communeName(byId, d.business.communeId)} · {msg().sectors[d.business.sector]}
                <br />
                <span class="muted">
                  {fmt(m.worklist.lastAssessed, { date: day(d.lastSubmittedAt) })} · {d.reason === "after_support" ? m.worklist.dueAfterSupport : m.worklist.dueYearly}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{m.worklist.dueEmpty}</p>
        )}
      </section>
      <section class="card" id="mine">
        <h2>
          {m.worklist.mine} ({props.data.mine.length})
        </h2>
        {props.data.mine.length ? (
          <ul class="list">
            {props.data.mine.map((a) => (
              <AssessmentLine a={a} communes={byId} />
            ))}
          </ul>
        ) : (
          <p class="muted">{m.worklist.mineEmpty}</p>
        )}
      </section>
    </StaffPage>
  );
}

export function BusinessListPage(props: {
  me: Me;
  rows: DirectoryRow[];
  total: number;
  page: number;
  perPage: number;
  communes: Commune[];
  filter: { communeId?: string; sector?: string; q?: string };
  canAdvise: boolean;
}) {
  const m = msg().staff;
  const byId = new Map(props.communes.map((c) => [c.id, c]));
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  const href = (page: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(props.filter)) if (v) q.set(k, v);
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return `/staff/businesses${s ? `?${s}` : ""}`;
  };
  return (
    <StaffPage me={props.me} title={m.business.listHeading}>
      <p class="lead">{m.business.listLead}</p>
      <form method="get" action="/staff/businesses" class="card place-filter" role="search">
        <Field id="q" label={m.business.search}>
          <input type="text" id="f-q" name="q" value={props.filter.q ?? ""} maxLength={100} />
        </Field>
        <Field id="communeId" label={m.filters.commune}>
          <Select id="communeId" value={props.filter.communeId} options={communeOptions(props.communes)} placeholder={m.filters.all} />
        </Field>
        <Field id="sector" label={m.filters.sector}>
          <Select id="sector" value={props.filter.sector} options={entries(msg().sectors)} placeholder={m.filters.all} />
        </Field>
        <div class="actions">
          <button type="submit" class="secondary">
            {m.business.searchButton}
          </button>
        </div>
      </form>
      <p id="directory-count">{fmt(m.business.listCount, { n: nf.format(props.total) })}</p>
      {props.rows.length ? (
        <ul class="list card" id="directory">
          {props.rows.map((b) => (
            <li>
              {b.kind === "business" ? <a href={`/staff/businesses/${b.id}`}>{b.name}</a> : <span>{b.name}</span>}
              {b.taxCode ? <span class="muted"> · {b.taxCode}</span> : null} · {communeName(byId, b.communeId)} · {msg().sectors[b.sector]}{" "}
              {b.kind === "business" ? (
                <span class="badge ok">{m.business.assessed}</span>
              ) : (
                <span class="badge">{m.business.registryOnly}</span>
              )}
              {b.kind === "business" && b.inRegistry ? <span class="badge">{m.business.inRegistry}</span> : null}
              {b.kind === "registry" && props.canAdvise ? (
                <>
                  {" "}
                  <a href={`/staff/businesses/new?registryId=${b.id}`}>{m.business.startFromRegistry}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{props.total || props.filter.q || props.filter.communeId || props.filter.sector ? m.business.listNone : m.business.listEmpty}</p>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label={fmt(m.business.pageOf, { page: props.page, pages })}>
          {props.page > 1 ? <a href={href(props.page - 1)}>{m.business.prevPage}</a> : null}
          <span> {fmt(m.business.pageOf, { page: props.page, pages })} </span>
          {props.page < pages ? <a href={href(props.page + 1)}>{m.business.nextPage}</a> : null}
        </nav>
      ) : null}
    </StaffPage>
  );
}

export function CountsPage(props: {
  me: Me;
  counts: { total: number; selfAssessed: number; guidedNotValidated: number; validated: number };
  communes: Commune[];
  filter: { communeId?: string; sector?: string };
}) {
  const m = msg().staff;
  const c = props.counts;
  return (
    <StaffPage me={props.me} title={m.counts.heading}>
      <p>{m.counts.lead}</p>
      <PlaceFilter action="/staff/counts" communes={props.communes} {...props.filter} />
      <table class="card counts">
        <tbody>
          <tr>
            <th scope="row">{m.counts.selfAssessed}</th>
            <td id="count-self">{c.selfAssessed}</td>
          </tr>
          <tr>
            <th scope="row">{m.counts.guidedNotValidated}</th>
            <td id="count-guided">{c.guidedNotValidated}</td>
          </tr>
          <tr>
            <th scope="row">{m.counts.validated}</th>
            <td id="count-validated">{c.validated}</td>
          </tr>
          <tr>
            <th scope="row">{m.counts.total}</th>
            <td id="count-total">
              <strong>{c.total}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </StaffPage>
  );
}

export function FindPage(props: { me: Me; value?: string; error?: string }) {
  const m = msg().staff;
  return (
    <StaffPage me={props.me} title={m.find.heading} error={props.error}>
      <p>{m.find.lead}</p>
      <form method="post" action="/staff/find" class="card">
        <Field id="code" label={m.find.code} hint={msg().landing.resumeHint}>
          <input type="text" id="f-code" name="code" autocomplete="off" autocapitalize="characters" spellcheck={false} required maxLength={40} value={props.value ?? ""} />
        </Field>
        <div class="actions">
          <button type="submit">{m.find.submit}</button>
        </div>
      </form>
    </StaffPage>
  );
}

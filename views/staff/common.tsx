// Building blocks of the staff pages: the page frame with the role's navigation, form fields,
// filters, dates and money as Vietnamese staff read them.
import type { Child } from "hono/jsx";
import { communeLabel, communeOptions, entries, Field, Select } from "../form.tsx";
import type { Commune } from "../../src/content/load.ts";
import type { Role } from "../../src/domain/staff.ts";
import { ErrorList, Layout } from "../layout.tsx";
import { fmt, msg } from "../messages.ts";


export interface Me {
  name: string;
  role: Role;
}

const dateFmt = new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
const dateTimeFmt = new Intl.DateTimeFormat("vi-VN", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Asia/Ho_Chi_Minh",
});
const vnd = new Intl.NumberFormat("vi-VN");

/** "23/11/2026" from an ISO date or timestamp. */
export const day = (iso: string | null | undefined) => (iso ? dateFmt.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)) : "—");
export const when = (iso: string) => dateTimeFmt.format(new Date(iso));
export const money = (amount: number | null | undefined) => (amount === null || amount === undefined ? "—" : `${vnd.format(amount)} đồng`);
export const score1 = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toLocaleString("vi-VN", { maximumFractionDigits: 1 }));

function Nav(props: { me: Me }) {
  const m = msg().staff;
  const links: [string, string][] =
    props.me.role === "advisor"
      ? [
          ["/staff/advisor", m.nav.worklist],
          ["/staff/businesses/new", m.nav.newBusiness],
          ["/staff/field/", msg().offline.field.navLink],
          ["/staff/paper-entry", msg().offline.paperEntry.navLink],
          ["/staff/find", m.nav.find],
          ["/staff/businesses", m.nav.businesses],
          ["/staff/counts", m.nav.counts],
          ["/staff/activity", msg().department.nav.activity],
        ]
      : props.me.role === "department"
        ? [
            ["/staff/department", msg().department.nav.dashboard],
            ["/staff/department/registry", msg().department.nav.registry],
            ["/staff/department/exports", msg().department.nav.exports],
            ["/staff/activity", msg().department.nav.activity],
            ["/staff/counts", m.nav.counts],
            ["/staff/businesses", m.nav.businesses],
          ]
        : [
            ["/staff/admin/users", m.nav.users],
            ["/staff/admin/content", m.nav.content],
          ];
  return (
    <nav class="staff-nav" aria-label={m.area}>
      <p class="muted">{fmt(m.nav.signedInAs, { name: props.me.name, role: m.roles[props.me.role] })}</p>
      <ul>
        {links.map(([href, label]) => (
          <li>
            <a href={href}>{label}</a>
          </li>
        ))}
        <li>
          <a href="/staff/password">{m.nav.password}</a>
        </li>
        <li>
          <form method="post" action="/staff/logout" class="inline">
            <button type="submit" class="link">
              {m.nav.logout}
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

export function StaffPage(props: {
  me: Me | null;
  title: string;
  children: Child;
  notice?: string;
  error?: string;
  app?: { manifest: string; script: string };
  /** The page uses htmx attributes (it works without them too). */
  htmx?: boolean;
}) {
  return (
    <Layout title={props.title} app={props.app} htmx={props.htmx}>
      {props.me ? <Nav me={props.me} /> : null}
      <h1>{props.title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.error ? (
        <p class="alert" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.children}
    </Layout>
  );
}

export function communeName(communes: Map<string, Commune>, id: string): string {
  const c = communes.get(id);
  return c ? communeLabel(c) : id;
}

/** Commune and sector filter as a plain GET form. */
export function PlaceFilter(props: { action: string; communes: Commune[]; communeId?: string; sector?: string }) {
  const m = msg().staff;
  return (
    <form method="get" action={props.action} class="card place-filter">
      <Field id="communeId" label={m.filters.commune}>
        <Select id="communeId" value={props.communeId} options={communeOptions(props.communes)} placeholder={m.filters.all} />
      </Field>
      <Field id="sector" label={m.filters.sector}>
        <Select id="sector" value={props.sector} options={entries(msg().sectors)} placeholder={m.filters.all} />
      </Field>
      <div class="actions">
        <button type="submit" class="secondary">
          {m.filters.apply}
        </button>
      </div>
    </form>
  );
}

export function Errors(props: { errors?: Record<string, string>; labels?: Record<string, string> }) {
  return props.errors && Object.keys(props.errors).length ? <ErrorList errors={props.errors} labels={props.labels} /> : null;
}

/** The validation state as the department reads it. */
export function ValidationBadge(props: { method: "self" | "guided"; validatedAt: string | null; validatedBy?: string | null; recheckSince?: string | null; recheckOf?: string | null }) {
  const m = msg().staff;
  if (!props.validatedAt && props.recheckSince)
    return <span class="badge warn">{fmt(m.status.recheck, { date: day(props.recheckSince), name: props.recheckOf ?? "—" })}</span>;
  if (props.validatedAt)
    return (
      <span class="badge ok">
        {props.validatedBy ? fmt(m.status.validatedBy, { name: props.validatedBy, date: day(props.validatedAt) }) : m.status.validated}
      </span>
    );
  return <span class="badge">{props.method === "guided" ? m.status.guided : m.status.selfAssessed}</span>;
}

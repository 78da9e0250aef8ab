// Administration: staff accounts and the questionnaire versions in use.
import type { StaffRow } from "../../db/staff.ts";
import { ROLES } from "../../src/domain/staff.ts";
import { msg } from "../messages.ts";
import { Field, Select } from "../form.tsx";
import { day, Errors, StaffPage, type Me } from "./common.tsx";


export function UsersPage(props: { me: Me; users: StaffRow[]; values?: Record<string, string | undefined>; errors?: Record<string, string>; notice?: string; error?: string }) {
  const a = msg().staff.admin;
  const m = msg().staff;
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <StaffPage me={props.me} title={a.usersHeading} notice={props.notice} error={props.error}>
      <ul class="list card" id="users">
        {props.users.map((u) => (
          <li>
            <strong>{u.name}</strong> · {m.roles[u.role]}
            <br />
            <span class="muted">{u.email}</span>
            <br />
            {u.active ? a.active : <span class="badge">{a.inactive}</span>}{" "}
            <form method="post" action={`/staff/admin/users/${u.id}/active`} class="inline">
              <input type="hidden" name="active" value={u.active ? "no" : "yes"} />
              <button type="submit" class="link">
                {u.active ? a.deactivate : a.activate}
              </button>
            </form>
            <details class="edit">
              <summary>{a.reset}</summary>
              <form method="post" action={`/staff/admin/users/${u.id}/password`}>
                <Field id={`reset-${u.id}`} label={a.password} hint={a.resetHint}>
                  <input type="password" id={`f-reset-${u.id}`} name="password" required minLength={12} maxLength={200} autocomplete="new-password" />
                </Field>
                <div class="actions">
                  <button type="submit" class="secondary">
                    {a.reset}
                  </button>
                </div>
              </form>
            </details>
          </li>
        ))}
      </ul>
      <form method="post" action="/staff/admin/users" class="card" id="new-user" novalidate>
        <h2>{a.newUser}</h2>
        <Errors errors={e} labels={{ name: a.name, email: a.email, role: a.role, password: a.password }} />
        <Field id="name" label={a.name} error={e.name}>
          <input type="text" id="f-name" name="name" required maxLength={120} value={v.name ?? ""} />
        </Field>
        <Field id="email" label={a.email} error={e.email}>
          <input type="email" id="f-email" name="email" required maxLength={200} value={v.email ?? ""} autocomplete="off" />
        </Field>
        <Field id="role" label={a.role} error={e.role}>
          <Select id="role" value={v.role} options={ROLES.map((r) => ({ value: r, label: m.roles[r] }))} placeholder="" required />
        </Field>
        <Field id="password" label={a.password} hint={a.passwordHint} error={e.password}>
          <input type="password" id="f-password" name="password" required minLength={12} maxLength={200} autocomplete="new-password" />
        </Field>
        <div class="actions">
          <button type="submit">{a.create}</button>
        </div>
      </form>
    </StaffPage>
  );
}

export function ContentPage(props: {
  me: Me;
  versions: { id: string; version: string; status: "in_force" | "retired" | "draft"; publishedOn: string; questions: number; hash: string; used: number; onDisk: boolean }[];
}) {
  const a = msg().staff.admin;
  const c = a.versionCols;
  return (
    <StaffPage me={props.me} title={a.contentHeading}>
      <p>{a.contentLead}</p>
      <div class="table-wrap card">
        <table id="versions">
          <thead>
            <tr>
              <th scope="col">{c.version}</th>
              <th scope="col">{c.status}</th>
              <th scope="col">{c.published}</th>
              <th scope="col">{c.questions}</th>
              <th scope="col">{c.used}</th>
              <th scope="col">{c.hash}</th>
            </tr>
          </thead>
          <tbody>
            {props.versions.map((v) => (
              <tr>
                <td>
                  {v.id} {v.version}
                </td>
                <td>{a.statuses[v.status]}</td>
                <td>{day(v.publishedOn)}</td>
                <td>{v.questions}</td>
                <td>{v.used}</td>
                <td>
                  <code>{v.hash}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffPage>
  );
}


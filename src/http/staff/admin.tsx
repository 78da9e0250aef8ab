// Administration: staff accounts (created, switched on or off, password reset) and the
// questionnaire versions on disk and in use.
import { listStaff } from "../../../db/staff.ts";
import { versionsInUse } from "../../../db/versions.ts";
import { createStaffAccount, resetPassword, setActive } from "../../services/staffAccounts.ts";
import { fmt, msg } from "../../../views/messages.ts";
import { ContentPage, UsersPage } from "../../../views/staff/admin.tsx";
import { wordAccountRefusal } from "../../../views/staff/accountRefusal.ts";
import { flat, formValues, idParam, single } from "../forms.ts";
import { need, notFound, staffOf, type StaffApp, type StaffDeps } from "./common.tsx";

export function registerAdmin(app: StaffApp, { s }: StaffDeps) {
  app.get("/admin/users", need("manageAccounts"), (c) => {
    const created = c.req.query("created");
    const notice = created ? fmt(msg().staff.admin.created, { email: created.slice(0, 200) }) : c.req.query("reset") ? msg().staff.admin.resetDone : undefined;
    return c.html(<UsersPage me={staffOf(c)} users={listStaff(s.db)} notice={notice} />);
  });

  app.post("/admin/users", need("manageAccounts"), async (c) => {
    const values = flat(await formValues(c));
    const r = await createStaffAccount(s.db, { email: values.email ?? "", name: values.name ?? "", role: values.role || undefined, password: values.password ?? "" });
    if (!r.ok) {
      const { message, fields } = wordAccountRefusal(r.error);
      return c.html(<UsersPage me={staffOf(c)} users={listStaff(s.db)} values={{ ...values, password: undefined }} errors={fields} error={message} />, r.error.status === 409 ? 409 : 422);
    }
    return c.redirect(`/staff/admin/users?created=${encodeURIComponent(r.value.email)}`, 303);
  });

  app.post("/admin/users/:id/active", need("manageAccounts"), async (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return notFound(c);
    const active = single((await formValues(c)).active) === "yes";
    const r = setActive(s.db, staffOf(c).id, id, active);
    if (!r.ok) return c.html(<UsersPage me={staffOf(c)} users={listStaff(s.db)} error={wordAccountRefusal(r.error).message} />, r.error.status === 404 ? 404 : 409);
    return c.redirect("/staff/admin/users", 303);
  });

  app.post("/admin/users/:id/password", need("manageAccounts"), async (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return notFound(c);
    const r = await resetPassword(s.db, id, single((await formValues(c)).password) ?? "");
    if (!r.ok) {
      const { message, fields } = wordAccountRefusal(r.error);
      return c.html(<UsersPage me={staffOf(c)} users={listStaff(s.db)} error={`${message} ${Object.values(fields).join(" ")}`} />, r.error.status === 404 ? 404 : 422);
    }
    return c.redirect(`/staff/admin/users?reset=${id}`, 303);
  });

  app.get("/admin/content", need("manageAccounts"), (c) => {
    const used = new Map(versionsInUse(s.db).map((v) => [v.hash, v.used]));
    const onDisk = new Set(s.content.questionnaires.map((q) => q.hash));
    const frozen = versionsInUse(s.db);
    const versions = [
      ...s.content.questionnaires.map((q) => ({
        id: q.id,
        version: q.version,
        // A version replaced by a newer one keeps "in_force" in its frozen files: it takes no new assessments.
        status: q.hash === s.content.current.hash ? q.status : q.status === "in_force" ? ("retired" as const) : q.status,
        publishedOn: q.publishedOn,
        questions: q.questions.length,
        hash: q.hash,
        used: used.get(q.hash) ?? 0,
        onDisk: true,
      })),
      // Versions no longer on disk but still carried by assessments (edited in place, or removed).
      ...frozen
        .filter((v) => !onDisk.has(v.hash))
        .map((v) => {
          const q = s.questionnaireByHash(v.hash);
          return { id: q.id, version: q.version, status: "retired" as const, publishedOn: q.publishedOn, questions: q.questions.length, hash: q.hash, used: v.used, onDisk: false };
        }),
    ];
    return c.html(<ContentPage me={staffOf(c)} versions={versions} />);
  });
}

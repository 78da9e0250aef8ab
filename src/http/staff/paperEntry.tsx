// /staff/paper-entry: an advisor keys in a filled paper form (advisors only). Plain GET/POST
// forms; htmx only adds the meaning of the codes beside each box as they are typed.
import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { paperFormOf, paperQuestions } from "../../domain/paperForm.ts";
import { SECTORS, type Questionnaire, type Sector } from "../../domain/questionnaire.ts";
import { clientIdSchema } from "../../domain/captured.ts";
import type { Services } from "../../services/assessments.ts";
import { grantCode } from "../../services/codeGrants.ts";
import { codeField, enterPaperForm } from "../../services/paperEntry.ts";
import { msg } from "../../../views/messages.ts";
import { CodesEcho, PaperEntryPage, PaperEntryStartPage, type VersionChoice } from "../../../views/staff/paperEntry.tsx";
import { ForbiddenPage } from "../../../views/staff/pages.tsx";
import { flat, formValues, profileFromForm } from "../forms.ts";
import { loadStaff, requires, type StaffEnv } from "./session.ts";
import { todayInVietnam } from "../../domain/vietnamTime.ts";

type Ctx = Context<StaffEnv>;

/** The date in Điện Biên (UTC+7). */

export function paperEntryPages(s: Services, opts: { codeGrantsKey: Buffer }) {
  const app = new Hono<StaffEnv>();
  app.use("*", loadStaff());
  app.use("*", requires("advise", (c) => c.html(<ForbiddenPage me={c.get("staff")} />, 403)));

  /** Versions a paper form may have been printed on: the one in force and those it replaced. */
  const versions = (): VersionChoice[] =>
    s.content.questionnaires
      .filter((q) => q.status !== "draft")
      .map((q) => ({
        version: q.version,
        inForce: q.hash === s.content.current.hash,
        until: s.content.questionnaires.find((x) => x.replaces === q.version)?.publishedOn.split("-").reverse().join("/"),
      }))
      .sort((a, b) => Number(b.inForce) - Number(a.inForce) || b.version.localeCompare(a.version, undefined, { numeric: true }));

  /** The form asked for, or null when the sector or version is not one of ours. */
  const formOf = (version: string | undefined, sector: string | undefined): { q: Questionnaire; sector: Sector } | null => {
    if (!sector || !(SECTORS as readonly string[]).includes(sector)) return null;
    const q = s.content.questionnaires.find((x) => x.version === version && x.status !== "draft");
    return q ? { q, sector: sector as Sector } : null;
  };

  const me = (c: Ctx) => c.get("staff")!;

  app.get("/", (c) => {
    const { sector, version } = c.req.query();
    if (sector === undefined && version === undefined) return c.html(<PaperEntryStartPage me={me(c)} versions={versions()} />);
    const f = formOf(version ?? s.content.current.version, sector);
    if (!f) return c.html(<PaperEntryStartPage me={me(c)} versions={versions()} error={msg().offline.paperEntry.badForm} />, 400);
    return c.html(
      <PaperEntryPage me={me(c)} form={paperFormOf(f.q, f.sector)} sector={f.sector} clientId={randomUUID()} communes={s.content.communes} consent={s.content.consent} values={{}} />,
    );
  });

  // What one box's codes mean, as it is typed (htmx). Reads nothing stored.
  app.get("/check", (c) => {
    const query = c.req.query();
    const f = formOf(query.version, query.sector);
    const field = Object.keys(query).find((k) => k.startsWith("c."));
    const question = f && field ? paperQuestions(paperFormOf(f.q, f.sector)).find((x) => codeField(x.id) === field) : undefined;
    if (!question) return c.body(null, 204);
    return c.html(<CodesEcho question={question} typed={query[field!] ?? ""} />);
  });

  app.post("/", async (c) => {
    const values = flat(await formValues(c));
    const f = formOf(values.version, values.formSector);
    const clientId = clientIdSchema.safeParse(values.clientId);
    if (!f || !clientId.success) return c.html(<PaperEntryStartPage me={me(c)} versions={versions()} error={msg().offline.paperEntry.badForm} />, 400);
    const form = paperFormOf(f.q, f.sector);
    const { profile, consents } = profileFromForm(values);
    const typed = Object.fromEntries(paperQuestions(form).map((x) => [x.id, values[codeField(x.id)] ?? ""]));
    const staff = me(c);
    const r = enterPaperForm(
      s,
      { id: staff.id, name: staff.name, role: staff.role },
      { clientId: clientId.data, questionnaire: f.q, sector: f.sector, capturedOn: values.capturedOn ?? "", signed: values.signed === "yes", profile, consents, typed },
      todayInVietnam(),
    );
    if (!r.ok)
      return c.html(
        <PaperEntryPage
          me={staff}
          form={form}
          sector={f.sector}
          clientId={clientId.data}
          communes={s.content.communes}
          consent={s.content.consent}
          values={values}
          errors={r.error.fields ?? { capturedOn: r.error.message }}
        />,
        r.error.status === 409 ? 409 : 422,
      );
    // The advisor passes the code on to the owner (by phone or message): kept for this sign-in, as in a guided session.
    if (r.value.code) grantCode(s.db, opts.codeGrantsKey, c.get("sessionToken")!, r.value.assessmentId, r.value.code);
    return c.redirect(`/staff/assessments/${r.value.assessmentId}?done=paper`, 303);
  });

  return app;
}

// The owner's data rights with their code, and the privacy and help pages. Mounted by ownerPages.
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Services } from "../../services/assessments.ts";
import { correctMyProfile, currentConsents, eraseMyAssessment, myData, myDataCsv, withdrawConsent } from "../../services/dataRights.ts";
import { msg } from "../../../views/messages.ts";
import { DataPage, PrivacyPage } from "../../../views/owner/data.tsx";
import { MessagePage } from "../../../views/owner/pages.tsx";
import { fieldsOf } from "../errors.ts";
import { oneLineText } from "../../domain/text.ts";
import { formValues } from "../forms.ts";
import type { OwnerEnv } from "./common.tsx";
import { HelpPage } from "../../../views/owner/help.tsx";

const correction = z.strictObject({
  name: oneLineText().min(2, "tên cơ sở cần ít nhất 2 ký tự").max(200, "tối đa 200 ký tự"),
  taxCode: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s/g, ""))
    .pipe(z.string().regex(/^(\d{10}(-\d{3})?)?$/, "mã số thuế gồm 10 chữ số, chi nhánh thêm dấu - và 3 chữ số"))
    .transform((s) => (s ? s : null)),
  communeId: z.string().min(1, "chọn xã/phường").max(64),
});

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function dataPages(s: Services) {
  const app = new Hono<OwnerEnv>();

  const render = (c: Context<OwnerEnv>, extra: Partial<Parameters<typeof DataPage>[0]> = {}, status: 200 | 422 = 200) => {
    const row = c.get("assessment");
    return c.html(
      <DataPage
        code={c.get("code")}
        data={myData(s, row)}
        communes={s.content.communes}
        consents={currentConsents(s, row)}
        actionTitles={Object.fromEntries(s.content.actions.actions.map((a) => [a.id, a.title]))}
        {...extra}
      />,
      status,
    );
  };

  app.get("/a/:code/data", (c) => render(c, { notice: c.req.query("saved") ? msg().data.saved : undefined }));

  app.get("/a/:code/data.json", (c) => {
    c.header("Content-Disposition", `attachment; filename="du-lieu-cua-toi.json"`);
    return c.json(myData(s, c.get("assessment")));
  });

  app.get("/a/:code/data.csv", (c) => {
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="du-lieu-cua-toi.csv"`);
    return c.body(myDataCsv(myData(s, c.get("assessment"))));
  });

  app.post("/a/:code/data/profile", async (c) => {
    const form = await formValues(c);
    const typed = { name: one(form.name) ?? "", taxCode: one(form.taxCode) ?? "", communeId: one(form.communeId) ?? "" };
    const parsed = correction.safeParse(typed);
    // A refused correction shows what the owner typed, to fix it rather than type it again.
    if (!parsed.success) return render(c, { errors: fieldsOf(parsed.error), typed }, 422);
    const r = correctMyProfile(s, c.get("assessment"), parsed.data);
    if (!r.ok) return render(c, { errors: r.error.fields ?? {}, typed }, 422);
    return c.redirect(`/a/${c.get("code")}/data?saved=1`, 303);
  });

  app.post("/a/:code/data/consent", async (c) => {
    const form = await formValues(c);
    const purpose = one(form.purpose);
    if (purpose !== "statistics" && purpose !== "contact") return render(c, { notice: msg().part.invalid }, 422);
    withdrawConsent(s, c.get("assessment"), purpose, one(form.granted) === "yes");
    return c.redirect(`/a/${c.get("code")}/data?saved=1#consents`, 303);
  });

  app.post("/a/:code/data/erase", async (c) => {
    const form = await formValues(c);
    if (one(form.confirm) !== "yes") return render(c, { eraseError: msg().data.eraseNeedConfirm }, 422);
    eraseMyAssessment(s, c.get("assessment"));
    return c.html(<MessagePage title={msg().data.erasedTitle} message={msg().data.erased} />);
  });

  app.get("/privacy", (c) => c.html(<PrivacyPage consent={s.content.consent} />));
  app.get("/help", (c) => c.html(<HelpPage minutes={s.content.current.estimatedMinutes} contact={s.content.contact} />));
  return app;
}

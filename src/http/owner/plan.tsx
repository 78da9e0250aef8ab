// The plan page, requests for advice and the public platform catalogue.
import { Hono, type Context } from "hono";
import { adviceRequestsOf } from "../../../db/advice.ts";
import { adviceRequestSchema } from "../../domain/advice.ts";
import { PLATFORM_CATEGORIES, type PlatformCategory } from "../../domain/catalogue.ts";
import { SECTORS, type Sector } from "../../domain/questionnaire.ts";
import { contactConsentGiven, requestAdvice, setContactConsent } from "../../services/advice.ts";
import type { Services } from "../../services/assessments.ts";
import { planOf } from "../../services/plan.ts";
import { msg } from "../../../views/messages.ts";
import { CataloguePage, PlanPage } from "../../../views/owner/plan.tsx";
import { fieldsOf } from "../errors.ts";
import { rateLimited } from "../rateLimit.ts";
import { formValues } from "../forms.ts";
import type { OwnerEnv } from "./common.tsx";

/** Mounted by ownerPages, whose middleware loads the assessment of every /a/:code/* route. */
export function planPages(s: Services) {
  const app = new Hono<OwnerEnv>();

  const render = (c: Context<OwnerEnv>, extra: Partial<Parameters<typeof PlanPage>[0]> = {}, status: 200 | 409 | 422 = 200) => {
    const row = c.get("assessment");
    const q = s.questionnaireByHash(row.questionnaireHash);
    const sent = adviceRequestsOf(s.db, row.id).map((r) => r.actionId);
    return c.html(
      <PlanPage
        code={c.get("code")}
        businessName={row.businessName}
        legalForm={row.legalForm}
        plan={planOf(s, row)}
        canAsk={contactConsentGiven(s, row)}
        sentActionIds={sent}
        levelNames={Object.fromEntries(q.levels.map((l) => [l.level, l.name]))}
        {...extra}
      />,
      status,
    );
  };

  app.get("/a/:code/plan", (c) => {
    const row = c.get("assessment");
    if (row.status !== "submitted") return c.redirect(`/a/${c.get("code")}/review`, 303);
    const notice = c.req.query("sent") ? msg().plan.sentNotice : c.req.query("consent") ? msg().plan.consentSaved : undefined;
    return render(c, { notice });
  });

  app.post("/a/:code/advice", rateLimited("advice"), async (c) => {
    const row = c.get("assessment");
    const code = c.get("code");
    if (row.status !== "submitted") return c.redirect(`/a/${code}/review`, 303);
    const form = await formValues(c);
    const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : v]));
    const parsed = adviceRequestSchema.safeParse(values);
    if (!parsed.success)
      return render(c, { form: { actionId: values.actionId ?? "", values, errors: fieldsOf(parsed.error) }, error: msg().plan.invalid }, 422);
    const r = requestAdvice(s, row, parsed.data);
    if (!r.ok)
      return render(c, { form: { actionId: parsed.data.actionId, values, errors: r.error.fields ?? {} }, error: r.error.message }, r.error.status === 409 ? 409 : 422);
    return c.redirect(`/a/${code}/plan?sent=1#a-${parsed.data.actionId}`, 303);
  });

  app.post("/a/:code/consent/contact", async (c) => {
    const form = await formValues(c);
    const granted = form.granted === "yes";
    setContactConsent(s, c.get("assessment"), granted);
    return c.redirect(`/a/${c.get("code")}/plan?consent=1#consent`, 303);
  });

  app.get("/platforms", (c) => {
    const sector = (SECTORS as readonly string[]).includes(c.req.query("sector") ?? "") ? (c.req.query("sector") as Sector) : undefined;
    const category = (PLATFORM_CATEGORIES as readonly string[]).includes(c.req.query("category") ?? "")
      ? (c.req.query("category") as PlatformCategory)
      : undefined;
    const platforms = s.content.platforms.filter((p) => (!sector || p.sectors.includes(sector)) && (!category || p.category === category));
    return c.html(
      <CataloguePage
        platforms={platforms}
        sector={sector}
        category={category}
        categories={PLATFORM_CATEGORIES}
        updatedOn={s.content.platformCatalogue.updatedOn}
      />,
    );
  });
  return app;
}

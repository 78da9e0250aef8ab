// The home page: starting a self-assessment, and coming back to one with its code.
import type { Context, Hono } from "hono";
import { consentsSchema, profileSchema } from "../../domain/profile.ts";
import { formatResumeCode } from "../../domain/resumeCode.ts";
import { findByCode, startAssessment, type Services } from "../../services/assessments.ts";
import { Landing, type FormValues } from "../../../views/owner/pages.tsx";
import { fieldsOf, resumeCodeProblem } from "../errors.ts";
import { formValues, prefix, profileFromForm, single } from "../forms.ts";
import { rateLimited, recordMiss } from "../rateLimit.ts";
import type { OwnerEnv } from "./common.tsx";

export function registerStart(app: Hono<OwnerEnv>, s: Services) {
  const landing = (c: Context, status: 200 | 400 | 404 | 422 | 429, props: Partial<Parameters<typeof Landing>[0]> = {}) => {
    const content = s.content;
    return c.html(
      <Landing minutes={content.current.estimatedMinutes} communes={content.communes} consent={content.consent} {...props} />,
      status,
    );
  };

  app.get("/", (c) => landing(c, 200));

  app.post("/assessments", rateLimited("create"), async (c) => {
    const form = await formValues(c);
    const values: FormValues = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, single(v)]));
    const input = profileFromForm(values);
    const p = profileSchema.safeParse(input.profile);
    const k = consentsSchema.safeParse(input.consents);
    const errors = {
      ...(p.success ? {} : prefix(fieldsOf(p.error), "profile")),
      ...(k.success ? {} : prefix(fieldsOf(k.error), "consents")),
    };
    if (!p.success || !k.success) return landing(c, 422, { values, errors });
    const r = startAssessment(s, p.data, k.data);
    if (!r.ok) return landing(c, 422, { values, errors: r.error.fields ?? { _: r.error.message } });
    return c.redirect(`/a/${formatResumeCode(r.value.code)}/code`, 303);
  });

  app.post("/resume", rateLimited("lookup"), async (c) => {
    const typed = single((await formValues(c)).code) ?? "";
    const r = findByCode(s, typed);
    if (!r.ok) {
      recordMiss(c);
      return landing(c, r.error.status === 400 ? 400 : 404, { resumeError: resumeCodeProblem(r.error), resumeValue: typed.slice(0, 40) });
    }
    return c.redirect(`/a/${formatResumeCode(r.value.code)}`, 303);
  });
}

// Guided sessions: a new business's first round (T0), a re-assessment (T1, …) that carries
// answers forward, the guided pages part by part, and the submission.
import { answersOf, type AssessmentRow } from "../../../db/assessments.ts";
import type { BusinessRow } from "../../../db/businesses.ts";
import { findRegistry } from "../../../db/registry.ts";
import { consentsSchema, profileSchema } from "../../domain/profile.ts";
import { askedInPart, partsOf, unansweredIn } from "../../domain/parts.ts";
import { reviewData, roundsSeen, saveGuidedPage, startGuided, startReassessment } from "../../services/advisor.ts";
import { profileFacts, submit } from "../../services/assessments.ts";
import { fmt, msg } from "../../../views/messages.ts";
import { refusedAnswers, type Refused } from "../../../views/question.tsx";
import { GuidedPartPage } from "../../../views/staff/assessment.tsx";
import { ProfileFormPage, type FormValues } from "../../../views/staff/business.tsx";
import { fieldsOf } from "../errors.ts";
import { flat, formValues, idParam, prefix, profileFromForm, single } from "../forms.ts";
import { reviewPage } from "./review.tsx";
import {
  actorOf,
  answersAndNotesFromForm,
  assessmentOf,
  businessOf,
  need,
  notFound,
  rememberCode,
  rememberedCode,
  staffOf,
  withAssessment,
  withBusiness,
  type Ctx,
  type StaffApp,
  type StaffDeps,
} from "./common.tsx";

/** Profile + consents from a form, or the errors keyed as the form shows them. */
function readProfile(values: FormValues) {
  const input = profileFromForm(values);
  const p = profileSchema.safeParse(input.profile);
  const k = consentsSchema.safeParse(input.consents);
  if (p.success && k.success) return { ok: true as const, profile: p.data, consents: k.data };
  return {
    ok: false as const,
    errors: { ...(p.success ? {} : prefix(fieldsOf(p.error), "profile")), ...(k.success ? {} : prefix(fieldsOf(k.error), "consents")) },
  };
}

function profilePage(d: StaffDeps, c: Ctx, status: 200 | 409 | 422, props: { values: FormValues; errors?: Record<string, string>; existingBusinessId?: number; error?: string }) {
  return c.html(
    <ProfileFormPage
      me={staffOf(c)}
      title={msg().staff.business.newHeading}
      lead={msg().staff.business.newLead}
      action="/staff/businesses"
      submitLabel={msg().staff.business.start}
      communes={d.s.content.communes}
      consent={d.s.content.consent}
      {...props}
    />,
    status,
  );
}

function reassessPage(d: StaffDeps, c: Ctx, business: BusinessRow, status: 200 | 409 | 422, values: FormValues, errors?: Record<string, string>, error?: string) {
  return c.html(
    <ProfileFormPage
      me={staffOf(c)}
      title={fmt(msg().staff.reassess.heading, { name: business.name })}
      lead={fmt(msg().staff.reassess.lead, { version: d.s.content.current.version })}
      action={`/staff/businesses/${business.id}/reassess`}
      submitLabel={msg().staff.reassess.start}
      communes={d.s.content.communes}
      consent={d.s.content.consent}
      values={values}
      errors={errors}
      error={error}
    />,
    status,
  );
}

function guidedPart(d: StaffDeps, c: Ctx, row: AssessmentRow, n: number, extra: { notice?: string; error?: string; status?: 200 | 422; refused?: Refused } = {}) {
  const { s } = d;
  const q = s.questionnaireByHash(row.questionnaireHash);
  const facts = profileFacts(row);
  const parts = partsOf(q, facts);
  const part = parts[n - 1];
  if (!part) return notFound(c);
  const answers = answersOf(s.db, row.id);
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  const shown = askedInPart(q, facts, answers, part);
  const allAsked = parts.flatMap((p) => askedInPart(q, facts, answers, p));
  return c.html(
    <GuidedPartPage
      me={staffOf(c)}
      row={row}
      partNumber={part.number}
      partCount={parts.length}
      title={part.title}
      questions={shown.map((id) => byId.get(id)!)}
      firstIndex={Math.max(1, allAsked.indexOf(shown[0] ?? "") + 1)}
      answers={answers}
      notes={reviewData(s, row).notes}
      answered={allAsked.filter((id) => answers[id] !== undefined).length}
      total={allAsked.length}
      code={rememberedCode(d, c, row)}
      notice={extra.notice}
      error={extra.error}
      refused={extra.refused}
    />,
    extra.status ?? 200,
  );
}

/** Guided pages are for an advisor's own kind of session, while it is a draft. */
const guidedOnly = (row: AssessmentRow) => row.method === "guided" && row.status === "draft";

export function registerSessions(app: StaffApp, d: StaffDeps) {
  const { s } = d;

  // ── A guided session: new business (T0) ──

  // From a row of the register ("Danh sách cơ sở"): the form starts with what the register says.
  app.get("/businesses/new", need("advise"), (c) => {
    const id = idParam(c.req.query("registryId"));
    const row = id === null ? undefined : findRegistry(s.db, id);
    const values: FormValues = row ? { name: row.name, legalForm: row.legalForm, taxCode: row.taxCode ?? "", communeId: row.communeId, sector: row.sector } : {};
    return profilePage(d, c, 200, { values });
  });

  app.post("/businesses", need("advise"), async (c) => {
    const values = flat(await formValues(c));
    const read = readProfile(values);
    if (!read.ok) return profilePage(d, c, 422, { values, errors: read.errors });
    const r = startGuided(s, actorOf(c), read.profile, read.consents);
    if (!r.ok) return profilePage(d, c, r.error.status === 409 ? 409 : 422, { values, errors: r.error.fields, existingBusinessId: r.existingBusinessId });
    rememberCode(d, c, r.value.row.id, r.value.code);
    return c.redirect(`/staff/assessments/${r.value.row.id}/p/1`, 303);
  });

  // ── Re-assessment (T1, …) ──

  app.get("/businesses/:id/reassess", need("advise"), withBusiness(s), (c) => {
    const business = businessOf(c);
    const rounds = roundsSeen(s, actorOf(c), business.id);
    const draft = rounds.find((r) => r.status === "draft");
    if (draft) return c.redirect(`/staff/assessments/${draft.id}`, 303);
    const last = rounds.filter((r) => r.status === "submitted").pop();
    if (!last) return notFound(c, msg().staff.reassess.noPrevious);
    const str = (x: number | null) => (x === null ? undefined : String(x));
    // Money was asked as ranges: the stored figure is a range's upper bound.
    return reassessPage(d, c, business, 200, {
      name: business.name,
      legalForm: business.legalForm,
      taxCode: business.taxCode ?? "",
      communeId: business.communeId,
      sector: business.sector,
      activityGroup: business.activityGroup,
      staff: String(last.staff),
      revenueBnVnd: str(last.revenueBnVnd),
      capitalBnVnd: str(last.capitalBnVnd),
    });
  });

  app.post("/businesses/:id/reassess", need("advise"), withBusiness(s), async (c) => {
    const business = businessOf(c);
    const values = flat(await formValues(c));
    const read = readProfile(values);
    if (!read.ok) return reassessPage(d, c, business, 422, values, read.errors);
    const r = startReassessment(s, actorOf(c), business, read.profile, read.consents);
    if (!r.ok) {
      if (r.draftId) return c.redirect(`/staff/assessments/${r.draftId}`, 303);
      return reassessPage(d, c, business, r.error.status === 409 ? 409 : 422, values, r.error.fields, r.error.message);
    }
    rememberCode(d, c, r.value.row.id, r.value.code);
    return c.redirect(`/staff/assessments/${r.value.row.id}/p/1?carried=${r.value.carried}&dropped=${r.value.dropped}`, 303);
  });

  // ── The guided pages, part by part ──

  app.get("/assessments/:id/p/:n", need("advise"), withAssessment(s), (c) => {
    const row = assessmentOf(c);
    if (!guidedOnly(row)) return c.redirect(`/staff/assessments/${row.id}`, 303);
    const carried = idParam(c.req.query("carried"));
    const dropped = idParam(c.req.query("dropped"));
    const notice = c.req.query("more")
      ? msg().part.followUpsOpened
      : carried
        ? fmt(msg().staff.guided.carried, { n: carried }) + (dropped ? ` ${fmt(msg().staff.guided.carriedDropped, { n: dropped })}` : "")
        : undefined;
    return guidedPart(d, c, row, Number(c.req.param("n")), { notice });
  });

  app.post("/assessments/:id/p/:n", need("advise"), withAssessment(s), async (c) => {
    const row = assessmentOf(c);
    if (!guidedOnly(row)) return c.redirect(`/staff/assessments/${row.id}`, 303);
    const q = s.questionnaireByHash(row.questionnaireHash);
    const facts = profileFacts(row);
    const parts = partsOf(q, facts);
    const n = Number(c.req.param("n"));
    const part = parts[n - 1];
    if (!part) return notFound(c);
    const form = await formValues(c);
    const shown = (single(form.shown) ?? "").split(",").filter(Boolean).slice(0, 200);
    const { answers, notes } = answersAndNotesFromForm(form, shown, new Map(q.questions.map((x) => [x.id, x])));
    const r = saveGuidedPage(s, actorOf(c), row, answers, notes);
    if (!r.ok) return guidedPart(d, c, row, n, { error: msg().part.invalid, status: 422 });
    // 200 when something was kept: a 4xx means nothing was stored, everywhere in the service.
    if (Object.keys(r.value.refused).length) return guidedPart(d, c, row, n, { refused: refusedAnswers(r.value.refused, answers), status: r.value.saved ? 200 : 422 });
    const now = answersOf(s.db, row.id);
    const opened = unansweredIn(q, facts, now, part).filter((id) => !shown.includes(id));
    if (opened.length) return c.redirect(`/staff/assessments/${row.id}/p/${n}?more=1#q-${opened[0]}`, 303);
    return c.redirect(parts[n] ? `/staff/assessments/${row.id}/p/${n + 1}` : `/staff/assessments/${row.id}`, 303);
  });

  app.post("/assessments/:id/submit", need("advise"), withAssessment(s), (c) => {
    const row = assessmentOf(c);
    if (!guidedOnly(row)) return c.redirect(`/staff/assessments/${row.id}`, 303);
    const r = submit(s, row);
    if (!r.ok) return reviewPage(d, c, row, { status: 422, error: r.error.message });
    return c.redirect(`/staff/assessments/${row.id}`, 303);
  });
}

// Support given to a business: recorded, then corrected or withdrawn with a reason (audited).
import { supportOfBusiness, type BusinessRow } from "../../../db/businesses.ts";
import { parseVnd } from "../../domain/support.ts";
import { todayInVietnam } from "../../domain/vietnamTime.ts";
import { correctSupportRecord, DECREE80_SCHEME_ID, recordSupport, roundsSeen, schemesFor, withdrawSupportRecord } from "../../services/advisor.ts";
import type { Services } from "../../services/assessments.ts";
import { fmt, msg } from "../../../views/messages.ts";
import { SupportFormPage, type FormValues } from "../../../views/staff/business.tsx";
import { money } from "../../../views/staff/common.tsx";
import { flat, formValues, idParam, single } from "../forms.ts";
import { businessPage } from "./businesses.tsx";
import { actorOf, businessOf, need, notFound, staffOf, withBusiness, type Ctx, type StaffApp, type StaffDeps } from "./common.tsx";

/** The support form's fields as the service reads them. */
function supportInput(values: FormValues, amountVnd: number | null) {
  return { type: values.type || undefined, schemeId: values.schemeId || null, date: values.date ?? "", amountVnd, platformId: values.platformId || null, note: values.note?.trim() || null };
}

function supportPage(s: Services, c: Ctx, business: BusinessRow, values: FormValues, errors?: Record<string, string>, correcting?: number) {
  const rounds = roundsSeen(s, actorOf(c), business.id);
  const latest = rounds[rounds.length - 1];
  const cap = latest ? s.content.schemes.find((x) => x.id === DECREE80_SCHEME_ID)?.coverage.capsVndPerYear?.[latest.sizeClass] : undefined;
  return c.html(
    <SupportFormPage
      me={staffOf(c)}
      business={business}
      platforms={s.content.platforms}
      schemes={schemesFor(s, actorOf(c), business)}
      values={values}
      errors={errors}
      correcting={correcting}
      capNote={latest && cap !== undefined ? fmt(msg().staff.support.capNote, { size: msg().sizeClasses[latest.sizeClass], cap: money(cap) }) : undefined}
    />,
    errors ? 422 : 200,
  );
}

export function registerSupport(app: StaffApp, { s }: StaffDeps) {
  app.get("/businesses/:id/support/new", need("advise"), withBusiness(s), (c) => supportPage(s, c, businessOf(c), { date: todayInVietnam() }));

  app.post("/businesses/:id/support", need("advise"), withBusiness(s), async (c) => {
    const business = businessOf(c);
    const values = flat(await formValues(c));
    const amount = parseVnd(values.amountVnd);
    if (amount === "invalid") return supportPage(s, c, business, values, { amountVnd: msg().staff.support.amountInvalid });
    const r = recordSupport(s, actorOf(c), business, supportInput(values, amount), todayInVietnam());
    if (!r.ok) return supportPage(s, c, business, values, r.error.fields);
    return c.redirect(`/staff/businesses/${business.id}?saved=${r.value.id}#support-${r.value.id}`, 303);
  });

  // ── A support record corrected or withdrawn, with a reason (audited) ──

  app.get("/businesses/:id/support/:supportId/edit", need("advise"), withBusiness(s), (c) => {
    const business = businessOf(c);
    const supportId = idParam(c.req.param("supportId"));
    const record = supportId !== null ? supportOfBusiness(s.db, business.id).find((x) => x.record.id === supportId && !x.record.withdrawnAt)?.record : undefined;
    if (!record) return notFound(c);
    const values: FormValues = {
      type: record.type,
      schemeId: record.schemeId ?? "",
      date: record.date,
      amountVnd: record.amountVnd === null ? "" : String(record.amountVnd),
      platformId: record.platformId ?? "",
      note: record.note ?? "",
    };
    return supportPage(s, c, business, values, undefined, record.id);
  });

  app.post("/businesses/:id/support/:supportId", need("advise"), withBusiness(s), async (c) => {
    const business = businessOf(c);
    const supportId = idParam(c.req.param("supportId"));
    if (supportId === null) return notFound(c);
    const values = flat(await formValues(c));
    const amount = parseVnd(values.amountVnd);
    if (amount === "invalid") return supportPage(s, c, business, values, { amountVnd: msg().staff.support.amountInvalid }, supportId);
    const r = correctSupportRecord(s, actorOf(c), business, supportId, supportInput(values, amount), values.reason, todayInVietnam());
    if (!r.ok) return r.error.status === 404 ? notFound(c) : supportPage(s, c, business, values, r.error.fields, supportId);
    return c.redirect(`/staff/businesses/${business.id}?corrected=${supportId}#support-${supportId}`, 303);
  });

  app.post("/businesses/:id/support/:supportId/withdraw", need("advise"), withBusiness(s), async (c) => {
    const business = businessOf(c);
    const supportId = idParam(c.req.param("supportId"));
    if (supportId === null) return notFound(c);
    const r = withdrawSupportRecord(s, actorOf(c), business, supportId, single((await formValues(c)).reason) ?? "");
    if (!r.ok) return r.error.status === 404 ? notFound(c) : businessPage(s, c, business, { status: 422, supportError: r.error.message });
    return c.redirect(`/staff/businesses/${business.id}?withdrawn=${supportId}#support-${supportId}`, 303);
  });
}

// Staff pages (/staff/…): sign-in, the advisor's worklist, guided sessions, review and
// validation, support given, re-assessment and comparison, counts, accounts. Every route states
// the permission it needs; the check runs on the server (see session.ts and the route × role test).
import { Hono, type Context } from "hono";
import { answersOf, consentsOf, type AssessmentRow } from "../../../db/assessments.ts";
import { businessById, businessDirectory, supportOfBusiness, validationCounts, type BusinessRow, type PlaceFilter } from "../../../db/businesses.ts";
import { mergeProblem } from "../../domain/businessRecords.ts";
import { mergeInto, recordFor, recordIdentity, undoMergeOf } from "../../services/businessRecords.ts";
import { MergeConfirmPage, RecordIdentity } from "../../../views/staff/records.tsx";
import { assessmentById } from "../../../db/review.ts";
import { listStaff, staffById, type StaffRow } from "../../../db/staff.ts";
import { versionsInUse } from "../../../db/versions.ts";
import { consentsSchema, profileSchema } from "../../domain/profile.ts";
import { askedInPart, partsOf, unansweredIn } from "../../domain/parts.ts";
import { SECTORS, type Question } from "../../domain/questionnaire.ts";
import { formatResumeCode } from "../../domain/resumeCode.ts";
import type { AnswerValue } from "../../domain/scoring.ts";
import { may, type Permission } from "../../domain/staff.ts";
import { parseVnd, type CapWarning } from "../../domain/support.ts";
import {
  advisorWorklist,
  changeAnswers,
  comparison,
  DECREE80_SCHEME_ID,
  handleAdviceRequest,
  openByCode,
  recordSupport,
  schemesFor,
  correctSupportRecord,
  withdrawSupportRecord,
  reviewData,
  roundsSeen,
  saveGuidedPage,
  seesAssessment,
  saveReviewNotes,
  startGuided,
  startReassessment,
  supportWarnings,
  validate,
  type Actor,
} from "../../services/advisor.ts";
import { answerLabel, profileFacts, submit, type Services } from "../../services/assessments.ts";
import { planOf } from "../../services/plan.ts";
import { grantCode, grantedCode } from "../../services/codeGrants.ts";
import { changePassword, createStaffAccount, normaliseEmail, resetPassword, setActive, signIn, signOut } from "../../services/staffAccounts.ts";
import { fmt, vi } from "../../../views/messages.ts";
import { ContentPage, UsersPage } from "../../../views/staff/admin.tsx";
import { ChangeAnswerPage, GuidedPartPage, ReviewPage, type ReviewQuestion } from "../../../views/staff/assessment.tsx";
import { refusedAnswers, type Refused } from "../../../views/question.tsx";
import { BusinessPage, ComparePage, ProfileFormPage, SupportFormPage, type FormValues } from "../../../views/staff/business.tsx";
import { money } from "../../../views/staff/common.tsx";
import { BusinessListPage, CountsPage, FindPage, ForbiddenPage, LoginPage, NotFoundPage, PasswordPage, WorklistPage } from "../../../views/staff/pages.tsx";
import { fieldsOf, resumeCodeProblem } from "../errors.ts";
import { rateLimited, recordMiss, tooMany } from "../rateLimit.ts";
import { flat, formValues, idParam, prefix, profileFromForm, single } from "../forms.ts";
import { oneLine } from "../../domain/text.ts";
import { findRegistry } from "../../../db/registry.ts";
import { clearSessionCookie, loadStaff, requires, safeNext, setSessionCookie, type StaffEnv } from "./session.ts";
import { todayInVietnam } from "../../domain/vietnamTime.ts";

const m = vi.staff;

export const ROLE_HOME = { advisor: "/staff/advisor", department: "/staff/department", admin: "/staff/admin/users" } as const;

type Ctx = Context<StaffEnv>;

const staffOf = (c: Ctx): StaffRow => c.get("staff")!;
const actorOf = (c: Ctx): Actor => {
  const s = staffOf(c);
  return { id: s.id, name: s.name, role: s.role };
};

function placeFilter(c: Ctx, s: Services): PlaceFilter {
  const communeId = c.req.query("communeId");
  const sector = c.req.query("sector");
  return {
    communeId: communeId && s.content.communeById.has(communeId) ? communeId : undefined,
    sector: (SECTORS as readonly string[]).includes(sector ?? "") ? (sector as PlaceFilter["sector"]) : undefined,
  };
}

export function staffPages(s: Services, opts: { secureCookies: boolean; codeGrantsKey: Buffer }) {
  const app = new Hono<StaffEnv>();
  app.use("*", loadStaff());

  const forbidden = (c: Ctx, message?: string) => c.html(<ForbiddenPage me={c.get("staff")} message={message} />, 403);
  const notFound = (c: Ctx, message?: string) => c.html(<NotFoundPage me={c.get("staff")} message={message} />, 404);
  const need = (p: Permission) => requires(p, (c) => forbidden(c));
  const canAdvise = (c: Ctx) => may(staffOf(c).role, "advise");
  const forbiddenOr422 = (c: Ctx, message: string) => c.html(<NotFoundPage me={c.get("staff")} message={message} />, 422);

  // The code of a guided session is shown to the advisor for the whole session, then handed to
  // the owner: a grant kept on the server for this sign-in only (codeGrants.ts).
  const rememberCode = (c: Ctx, id: number, code: string) => grantCode(s.db, opts.codeGrantsKey, c.get("sessionToken")!, id, code);
  const rememberedCode = (c: Ctx, row: AssessmentRow) => {
    const code = grantedCode(s.db, opts.codeGrantsKey, c.get("sessionToken")!, row);
    return code === null ? null : formatResumeCode(code);
  };

  // ── Sign-in ──

  app.get("/login", (c) => {
    const staff = c.get("staff");
    if (staff) return c.redirect(ROLE_HOME[staff.role], 303);
    return c.html(<LoginPage next={safeNext(c.req.query("next"))} notice={c.req.query("out") ? m.login.loggedOut : undefined} />);
  });

  app.post("/login", rateLimited("login"), async (c) => {
    const form = flat(await formValues(c));
    const email = (form.email ?? "").slice(0, 200);
    const account = normaliseEmail(email) ?? email.trim().toLowerCase();
    const limiter = c.get("limiter");
    // Per account as well as per address: a guesser rotating addresses still meets the account's limit.
    const wait = limiter.blockedFor("login", `account:${account}`);
    if (wait > 0) return tooMany(c, wait);
    const signed = await signIn(s.db, email, form.password ?? "");
    const next = safeNext(c.req.query("next"));
    if (!signed) {
      recordMiss(c, "login");
      limiter.hit("login", `account:${account}`);
      return c.html(<LoginPage email={email} next={next} error={m.login.failed} />, 422);
    }
    setSessionCookie(c, signed.token, opts.secureCookies);
    return c.redirect(next ?? ROLE_HOME[signed.staff.role], 303);
  });

  app.post("/logout", need("self"), (c) => {
    signOut(s.db, c.get("sessionToken")!);
    clearSessionCookie(c, opts.secureCookies);
    return c.redirect("/staff/login?out=1", 303);
  });

  app.get("/", need("self"), (c) => c.redirect(ROLE_HOME[staffOf(c).role], 303));

  app.get("/password", need("self"), (c) => c.html(<PasswordPage me={staffOf(c)} notice={c.req.query("done") ? m.password.done : undefined} />));

  app.post("/password", need("self"), async (c) => {
    const form = flat(await formValues(c));
    const r = await changePassword(s.db, staffOf(c).id, form.current ?? "", form.next ?? "", c.get("sessionToken")!);
    if (!r.ok) return c.html(<PasswordPage me={staffOf(c)} errors={r.error.fields} />, 422);
    return c.redirect("/staff/password?done=1", 303);
  });

  // ── Lists ──

  app.get("/advisor", need("advise"), (c) => {
    const filter = placeFilter(c, s);
    return c.html(<WorklistPage me={staffOf(c)} data={advisorWorklist(s, actorOf(c), filter)} communes={s.content.communes} filter={filter} />);
  });

  app.post("/advice/:id", need("advise"), async (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return notFound(c);
    const r = handleAdviceRequest(s, actorOf(c), id, single((await formValues(c)).status) ?? "");
    if (!r.ok) return r.error.status === 404 ? notFound(c) : forbiddenOr422(c, r.error.message);
    return c.redirect("/staff/advisor#requests", 303);
  });

  app.get("/counts", need("readAggregates"), (c) => {
    const filter = placeFilter(c, s);
    return c.html(<CountsPage me={staffOf(c)} counts={validationCounts(s.db, filter)} communes={s.content.communes} filter={filter} />);
  });

  const DIRECTORY_PAGE = 50;
  app.get("/businesses", need("readBusinesses"), (c) => {
    const filter = { ...placeFilter(c, s), q: oneLine(c.req.query("q") ?? "").trim().slice(0, 100) || undefined };
    const page = Math.min(100_000, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
    const found = businessDirectory(s.db, actorOf(c), filter, page, DIRECTORY_PAGE);
    return c.html(
      <BusinessListPage me={staffOf(c)} rows={found.rows} total={found.total} page={page} perPage={DIRECTORY_PAGE} communes={s.content.communes} filter={filter} canAdvise={canAdvise(c)} />,
    );
  });

  // ── A guided session: new business (T0) ──

  const profilePage = (c: Ctx, status: 200 | 409 | 422, props: { values: FormValues; errors?: Record<string, string>; existingBusinessId?: number; error?: string }) =>
    c.html(
      <ProfileFormPage
        me={staffOf(c)}
        title={m.business.newHeading}
        lead={m.business.newLead}
        action="/staff/businesses"
        submitLabel={m.business.start}
        communes={s.content.communes}
        consent={s.content.consent}
        {...props}
      />,
      status,
    );

  // From a row of the register ("Danh sách cơ sở"): the form starts with what the register says.
  app.get("/businesses/new", need("advise"), (c) => {
    const id = idParam(c.req.query("registryId"));
    const row = id === null ? undefined : findRegistry(s.db, id);
    const values: FormValues = row ? { name: row.name, legalForm: row.legalForm, taxCode: row.taxCode ?? "", communeId: row.communeId, sector: row.sector } : {};
    return profilePage(c, 200, { values });
  });

  /** Profile + consents from a form, or the errors keyed as the form shows them. */
  const readProfile = (values: FormValues) => {
    const input = profileFromForm(values);
    const p = profileSchema.safeParse(input.profile);
    const k = consentsSchema.safeParse(input.consents);
    if (p.success && k.success) return { ok: true as const, profile: p.data, consents: k.data };
    return {
      ok: false as const,
      errors: { ...(p.success ? {} : prefix(fieldsOf(p.error), "profile")), ...(k.success ? {} : prefix(fieldsOf(k.error), "consents")) },
    };
  };

  app.post("/businesses", need("advise"), async (c) => {
    const values = flat(await formValues(c));
    const read = readProfile(values);
    if (!read.ok) return profilePage(c, 422, { values, errors: read.errors });
    const r = startGuided(s, actorOf(c), read.profile, read.consents);
    if (!r.ok) return profilePage(c, r.error.status === 409 ? 409 : 422, { values, errors: r.error.fields, existingBusinessId: r.existingBusinessId });
    rememberCode(c, r.value.row.id, r.value.code);
    return c.redirect(`/staff/assessments/${r.value.row.id}/p/1`, 303);
  });

  // ── A business ──

  /** The business in the path, if this staff member sees it (one of its rounds); a hidden one is not found. */
  const loadBusiness = (c: Ctx) => {
    const id = idParam(c.req.param("id"));
    const business = id === null ? undefined : businessById(s.db, id);
    return business && roundsSeen(s, actorOf(c), business.id).length ? business : undefined;
  };

  const businessPage = (c: Ctx, business: BusinessRow, extra: { status?: 200 | 404 | 409 | 422; notice?: string; mergeError?: string; otherValue?: string; supportError?: string } = {}) => {
    const rounds = roundsSeen(s, actorOf(c), business.id);
    const warnings = supportWarnings(s, business, rounds);
    const saved = idParam(c.req.query("saved"));
    const role = staffOf(c).role;
    const notice = extra.notice ?? (saved ? m.support.saved : c.req.query("corrected") ? m.support.corrected : c.req.query("withdrawn") ? m.support.withdrawn : c.req.query("merged") ? vi.records.merge.done : c.req.query("unmerged") ? vi.records.merge.undone : c.req.query("unlinked") ? vi.department.registry.unlinked : undefined);
    return c.html(
      <BusinessPage
        me={staffOf(c)}
        business={business}
        rounds={rounds}
        support={supportLines(s, business.id, warnings)}
        communes={s.content.communeById}
        platforms={s.content.platformById}
        levelNames={(r) => s.questionnaireByHash(r.questionnaireHash).levels.find((l) => l.level === r.nationalLevel)?.name ?? ""}
        canAdvise={canAdvise(c)}
        notice={notice}
        error={extra.supportError}
        schemes={new Map(s.content.schemes.map((x) => [x.id, x.shortName]))}
        highlight={saved ?? idParam(c.req.query("corrected")) ?? undefined}
        identity={
          <RecordIdentity
            business={business}
            identity={recordIdentity(s, actorOf(c), business)}
            canUnlink={may(role, "manageRegistry")}
            canMerge={may(role, "mergeRecords")}
            mergeError={extra.mergeError}
            otherValue={extra.otherValue}
          />
        }
      />,
      extra.status ?? 200,
    );
  };

  app.get("/businesses/:id", need("readBusinesses"), (c) => {
    // A record merged into another: its rounds live there now.
    const id = idParam(c.req.param("id"));
    const merged = id === null ? undefined : businessById(s.db, id);
    if (merged?.mergedInto) return c.redirect(`/staff/businesses/${merged.mergedInto}`, 303);
    const business = loadBusiness(c);
    if (!business) return notFound(c);
    return businessPage(c, business);
  });

  // ── Two records of one business merged (audited, undoable) ──

  app.get("/businesses/:id/merge", need("mergeRecords"), (c) => {
    const kept = loadBusiness(c);
    if (!kept) return notFound(c);
    const input = (c.req.query("other") ?? "").slice(0, 20);
    const merged = recordFor(s, actorOf(c), input);
    if (!merged) return businessPage(c, kept, { status: 404, mergeError: vi.records.merge.notFound, otherValue: input });
    const problem = mergeProblem(kept, merged);
    if (problem) return businessPage(c, kept, { status: 409, mergeError: vi.records.merge.problems[problem], otherValue: input });
    return mergeConfirm(c, kept, merged, 200);
  });

  const mergeConfirm = (c: Ctx, kept: BusinessRow, merged: BusinessRow, status: 200 | 422, reason?: string, error?: string) =>
    c.html(
      <MergeConfirmPage
        me={staffOf(c)}
        kept={kept}
        merged={merged}
        rounds={[kept, merged].map((record) => ({ record, rows: roundsSeen(s, actorOf(c), record.id) }))}
        communes={s.content.communeById}
        reason={reason}
        error={error}
      />,
      status,
    );

  app.post("/businesses/:id/merge", need("mergeRecords"), async (c) => {
    const kept = loadBusiness(c);
    if (!kept) return notFound(c);
    const form = flat(await formValues(c));
    const otherId = idParam(form.other ?? "");
    const r = mergeInto(s, actorOf(c), kept, otherId ?? 0, form.reason ?? "");
    if (!r.ok) {
      if (r.problem === "not_found") return businessPage(c, kept, { status: 404, mergeError: vi.records.merge.notFound });
      if (r.problem === "reason") return mergeConfirm(c, kept, businessById(s.db, otherId!)!, 422, form.reason, vi.records.merge.reasonMissing);
      return businessPage(c, kept, { status: 409, mergeError: vi.records.merge.problems[r.problem] });
    }
    return c.redirect(`/staff/businesses/${kept.id}?merged=${r.mergeId}#merges`, 303);
  });

  app.post("/merges/:id/undo", need("mergeRecords"), async (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return notFound(c);
    const r = undoMergeOf(s, actorOf(c), id, single((await formValues(c)).reason) ?? "");
    if (r.outcome === "undone") return c.redirect(`/staff/businesses/${r.keptId}?unmerged=1`, 303);
    const kept = r.keptId ? businessById(s.db, r.keptId) : undefined;
    if (!kept || r.outcome === "not_found") return notFound(c, vi.records.merge.undoProblems.not_found);
    const message = r.outcome === "reason" ? vi.records.merge.reasonMissing : vi.records.merge.undoProblems[r.outcome];
    return businessPage(c, kept, { status: r.outcome === "reason" ? 422 : 409, mergeError: message });
  });

  const supportPage = (c: Ctx, business: NonNullable<ReturnType<typeof loadBusiness>>, values: FormValues, errors?: Record<string, string>, correcting?: number) => {
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
        capNote={latest && cap !== undefined ? fmt(m.support.capNote, { size: vi.sizeClasses[latest.sizeClass], cap: money(cap) }) : undefined}
      />,
      errors ? 422 : 200,
    );
  };

  app.get("/businesses/:id/support/new", need("advise"), (c) => {
    const business = loadBusiness(c);
    if (!business) return notFound(c);
    return supportPage(c, business, { date: todayInVietnam() });
  });

  app.post("/businesses/:id/support", need("advise"), async (c) => {
    const business = loadBusiness(c);
    if (!business) return notFound(c);
    const values = flat(await formValues(c));
    const amount = parseVnd(values.amountVnd);
    if (amount === "invalid") return supportPage(c, business, values, { amountVnd: m.support.amountInvalid });
    const r = recordSupport(s, actorOf(c), business, supportInput(values, amount), todayInVietnam());
    if (!r.ok) return supportPage(c, business, values, r.error.fields);
    return c.redirect(`/staff/businesses/${business.id}?saved=${r.value.id}#support-${r.value.id}`, 303);
  });

  // ── A support record corrected or withdrawn, with a reason (audited) ──

  app.get("/businesses/:id/support/:supportId/edit", need("advise"), (c) => {
    const business = loadBusiness(c);
    const supportId = idParam(c.req.param("supportId"));
    const record = business && supportId !== null ? supportOfBusiness(s.db, business.id).find((x) => x.record.id === supportId && !x.record.withdrawnAt)?.record : undefined;
    if (!business || !record) return notFound(c);
    const values: FormValues = {
      type: record.type,
      schemeId: record.schemeId ?? "",
      date: record.date,
      amountVnd: record.amountVnd === null ? "" : String(record.amountVnd),
      platformId: record.platformId ?? "",
      note: record.note ?? "",
    };
    return supportPage(c, business, values, undefined, record.id);
  });

  app.post("/businesses/:id/support/:supportId", need("advise"), async (c) => {
    const business = loadBusiness(c);
    const supportId = idParam(c.req.param("supportId"));
    if (!business || supportId === null) return notFound(c);
    const values = flat(await formValues(c));
    const amount = parseVnd(values.amountVnd);
    if (amount === "invalid") return supportPage(c, business, values, { amountVnd: m.support.amountInvalid }, supportId);
    const r = correctSupportRecord(s, actorOf(c), business, supportId, supportInput(values, amount), values.reason, todayInVietnam());
    if (!r.ok) return r.error.status === 404 ? notFound(c) : supportPage(c, business, values, r.error.fields, supportId);
    return c.redirect(`/staff/businesses/${business.id}?corrected=${supportId}#support-${supportId}`, 303);
  });

  app.post("/businesses/:id/support/:supportId/withdraw", need("advise"), async (c) => {
    const business = loadBusiness(c);
    const supportId = idParam(c.req.param("supportId"));
    if (!business || supportId === null) return notFound(c);
    const r = withdrawSupportRecord(s, actorOf(c), business, supportId, single((await formValues(c)).reason) ?? "");
    if (!r.ok) return r.error.status === 404 ? notFound(c) : businessPage(c, business, { status: 422, supportError: r.error.message });
    return c.redirect(`/staff/businesses/${business.id}?withdrawn=${supportId}#support-${supportId}`, 303);
  });

  // ── Re-assessment (T1, …) ──

  const reassessPage = (c: Ctx, business: NonNullable<ReturnType<typeof loadBusiness>>, status: 200 | 409 | 422, values: FormValues, errors?: Record<string, string>, error?: string) =>
    c.html(
      <ProfileFormPage
        me={staffOf(c)}
        title={fmt(m.reassess.heading, { name: business.name })}
        lead={fmt(m.reassess.lead, { version: s.content.current.version })}
        action={`/staff/businesses/${business.id}/reassess`}
        submitLabel={m.reassess.start}
        communes={s.content.communes}
        consent={s.content.consent}
        values={values}
        errors={errors}
        error={error}
      />,
      status,
    );

  app.get("/businesses/:id/reassess", need("advise"), (c) => {
    const business = loadBusiness(c);
    if (!business) return notFound(c);
    const rounds = roundsSeen(s, actorOf(c), business.id);
    const draft = rounds.find((r) => r.status === "draft");
    if (draft) return c.redirect(`/staff/assessments/${draft.id}`, 303);
    const last = rounds.filter((r) => r.status === "submitted").pop();
    if (!last) return notFound(c, m.reassess.noPrevious);
    const str = (x: number | null) => (x === null ? undefined : String(x));
    // Money was asked as ranges: the stored figure is a range's upper bound.
    return reassessPage(c, business, 200, {
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

  app.post("/businesses/:id/reassess", need("advise"), async (c) => {
    const business = loadBusiness(c);
    if (!business) return notFound(c);
    const values = flat(await formValues(c));
    const read = readProfile(values);
    if (!read.ok) return reassessPage(c, business, 422, values, read.errors);
    const r = startReassessment(s, actorOf(c), business, read.profile, read.consents);
    if (!r.ok) {
      if (r.draftId) return c.redirect(`/staff/assessments/${r.draftId}`, 303);
      return reassessPage(c, business, r.error.status === 409 ? 409 : 422, values, r.error.fields, r.error.message);
    }
    rememberCode(c, r.value.row.id, r.value.code);
    return c.redirect(`/staff/assessments/${r.value.row.id}/p/1?carried=${r.value.carried}&dropped=${r.value.dropped}`, 303);
  });

  app.get("/businesses/:id/compare", need("readBusinesses"), (c) => {
    const business = loadBusiness(c);
    if (!business) return notFound(c);
    const r = comparison(s, actorOf(c), business, idParam(c.req.query("from")) ?? undefined, idParam(c.req.query("to")) ?? undefined);
    if (!r.ok) return notFound(c, m.compare.nothing);
    const warnings = supportWarnings(s, business, roundsSeen(s, actorOf(c), business.id));
    const lines = supportLines(s, business.id, warnings).filter((l) => r.value.support.some((x) => x.id === l.record.id));
    const q = s.questionnaireByHash(r.value.after.questionnaireHash);
    return c.html(
      <ComparePage
        me={staffOf(c)}
        business={business}
        before={r.value.before}
        after={r.value.after}
        comparison={r.value.comparison}
        levelNames={r.value.levelNames}
        support={lines}
        submitted={r.value.submitted}
        platforms={s.content.platformById}
        pillarShortNames={new Map(q.pillars.map((p) => [p.id, p.shortName]))}
      />,
    );
  });

  // ── An owner's self-assessment, opened with the owner's code ──

  app.get("/find", need("advise"), (c) => c.html(<FindPage me={staffOf(c)} />));

  app.post("/find", need("advise"), rateLimited("lookup"), async (c) => {
    const typed = (single((await formValues(c)).code) ?? "").slice(0, 40);
    const r = openByCode(s, actorOf(c), typed);
    if (!r.ok) {
      recordMiss(c);
      return c.html(<FindPage me={staffOf(c)} value={typed} error={resumeCodeProblem(r.error)} />, r.error.status === 400 ? 400 : 404);
    }
    return c.redirect(`/staff/assessments/${r.value.id}`, 303);
  });

  // ── One assessment ──

  /** The assessment in the path, if this staff member may read it; otherwise the response to send. */
  const loadAssessment = (c: Ctx): AssessmentRow | Response | Promise<Response> => {
    const id = idParam(c.req.param("id"));
    const row = id === null ? undefined : assessmentById(s.db, id);
    if (!row) return notFound(c);
    if (!seesAssessment(s, actorOf(c), row)) return forbidden(c, m.errors.assessmentHidden);
    return row;
  };
  const isRow = (x: AssessmentRow | Response | Promise<Response>): x is AssessmentRow => typeof x === "object" && x !== null && "codeHash" in x;

  const review = (c: Ctx, row: AssessmentRow, extra: { status?: 200 | 409 | 422; notice?: string; error?: string } = {}) => {
    const q = s.questionnaireByHash(row.questionnaireHash);
    const facts = profileFacts(row);
    const { answers, notes, audit } = reviewData(s, row);
    const parts = partsOf(q, facts);
    const byId = new Map(q.questions.map((x) => [x.id, x]));
    const questions: ReviewQuestion[] = parts.flatMap((p) =>
      askedInPart(q, facts, answers, p).map((id) => ({ question: byId.get(id)!, part: p.number, value: answers[id], label: answerLabel(q, id, answers[id]) })),
    );
    const missingIds = new Set(parts.flatMap((p) => unansweredIn(q, facts, answers, p)));
    const consents = [...consentsOf(s.db, row.id).values()].map((k) => ({
      purpose: k.purpose,
      granted: k.granted,
      method: k.method,
      recordedBy: k.recordedByStaffId === null ? null : (staffById(s.db, k.recordedByStaffId)?.name ?? null),
    }));
    return c.html(
      <ReviewPage
        me={staffOf(c)}
        row={row}
        communes={s.content.communeById}
        questions={questions}
        missing={questions.filter((x) => missingIds.has(x.question.id))}
        notes={notes}
        audit={audit}
        consents={consents}
        levelName={q.levels.find((l) => l.level === row.nationalLevel)?.name ?? null}
        validatedBy={row.validatedByStaffId === null ? null : (staffById(s.db, row.validatedByStaffId)?.name ?? null)}
        recheckOf={row.recheckOfStaffId === null ? null : (staffById(s.db, row.recheckOfStaffId)?.name ?? null)}
        canAdvise={canAdvise(c)}
        questionText={new Map(q.questions.map((x) => [x.id, x.text]))}
        labelOf={(id, v) => answerLabel(q, id, (v ?? undefined) as AnswerValue | undefined)}
        code={rememberedCode(c, row)}
        plan={row.status === "submitted" ? planOf(s, row) : null}
        {...extra}
      />,
      extra.status ?? 200,
    );
  };

  const notices: Record<string, string> = {
    changed: m.review.changed,
    nochange: m.review.nothingChanged,
    notes: m.review.notesSaved,
    validated: m.review.validatedDone,
    paper: vi.offline.paperEntry.done,
  };

  app.get("/assessments/:id", need("readBusinesses"), (c) => {
    const row = loadAssessment(c);
    if (!isRow(row)) return row;
    const done = c.req.query("done");
    return review(c, row, { notice: done ? notices[done] : undefined });
  });

  const guidedPart = (c: Ctx, row: AssessmentRow, n: number, extra: { notice?: string; error?: string; status?: 200 | 422; refused?: Refused } = {}) => {
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
        code={rememberedCode(c, row)}
        notice={extra.notice}
        error={extra.error}
        refused={extra.refused}
      />,
      extra.status ?? 200,
    );
  };

  /** Guided pages are for an advisor's own kind of session, while it is a draft. */
  const guidedOnly = (row: AssessmentRow) => row.method === "guided" && row.status === "draft";

  app.get("/assessments/:id/p/:n", need("advise"), (c) => {
    const row = loadAssessment(c);
    if (!isRow(row)) return row;
    if (!guidedOnly(row)) return c.redirect(`/staff/assessments/${row.id}`, 303);
    const carried = idParam(c.req.query("carried"));
    const dropped = idParam(c.req.query("dropped"));
    const notice = c.req.query("more")
      ? vi.part.followUpsOpened
      : carried
        ? fmt(m.guided.carried, { n: carried }) + (dropped ? ` ${fmt(m.guided.carriedDropped, { n: dropped })}` : "")
        : undefined;
    return guidedPart(c, row, Number(c.req.param("n")), { notice });
  });

  app.post("/assessments/:id/p/:n", need("advise"), async (c) => {
    const row = loadAssessment(c);
    if (!isRow(row)) return row;
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
    if (!r.ok) return guidedPart(c, row, n, { error: vi.part.invalid, status: 422 });
    // 200 when something was kept: a 4xx means nothing was stored, everywhere in the service.
    if (Object.keys(r.value.refused).length) return guidedPart(c, row, n, { refused: refusedAnswers(r.value.refused, answers), status: r.value.saved ? 200 : 422 });
    const now = answersOf(s.db, row.id);
    const opened = unansweredIn(q, facts, now, part).filter((id) => !shown.includes(id));
    if (opened.length) return c.redirect(`/staff/assessments/${row.id}/p/${n}?more=1#q-${opened[0]}`, 303);
    return c.redirect(parts[n] ? `/staff/assessments/${row.id}/p/${n + 1}` : `/staff/assessments/${row.id}`, 303);
  });

  app.post("/assessments/:id/submit", need("advise"), (c) => {
    const row = loadAssessment(c);
    if (!isRow(row)) return row;
    if (!guidedOnly(row)) return c.redirect(`/staff/assessments/${row.id}`, 303);
    const r = submit(s, row);
    if (!r.ok) return review(c, row, { status: 422, error: r.error.message });
    return c.redirect(`/staff/assessments/${row.id}`, 303);
  });

  /** The page that changes one answer; only questions asked of this business. */
  const changePage = (
    c: Ctx,
    row: AssessmentRow,
    questionId: string,
    extra: { status?: 409 | 422; error?: string; errors?: Record<string, string>; typed?: { value: AnswerValue | null; note: { note: string | null; evidenceSeen: boolean }; reason: string } } = {},
  ) => {
    const q = s.questionnaireByHash(row.questionnaireHash);
    const facts = profileFacts(row);
    const answers = answersOf(s.db, row.id);
    const asked = partsOf(q, facts).flatMap((p) => askedInPart(q, facts, answers, p));
    const index = asked.indexOf(questionId);
    const question = q.questions.find((x) => x.id === questionId);
    if (index < 0 || !question) return notFound(c);
    return c.html(
      <ChangeAnswerPage
        me={staffOf(c)}
        row={row}
        question={question}
        index={index + 1}
        // A refused change keeps what the advisor chose and wrote, so only the reason is left to add.
        value={extra.typed ? (extra.typed.value ?? undefined) : answers[questionId]}
        note={extra.typed ? { ...reviewData(s, row).notes.get(questionId), ...extra.typed.note } : reviewData(s, row).notes.get(questionId)}
        reason={extra.typed?.reason}
        error={extra.error}
        errors={extra.errors}
      />,
      extra.status ?? 200,
    );
  };

  app.get("/assessments/:id/q/:questionId", need("advise"), (c) => {
    const row = loadAssessment(c);
    if (!isRow(row)) return row;
    if (row.validatedAt) return c.redirect(`/staff/assessments/${row.id}`, 303);
    return changePage(c, row, c.req.param("questionId"));
  });

  app.post("/assessments/:id/answers", need("advise"), async (c) => {
    const row = loadAssessment(c);
    if (!isRow(row)) return row;
    const q = s.questionnaireByHash(row.questionnaireHash);
    const form = await formValues(c);
    const questionId = single(form.questionId) ?? "";
    const question = q.questions.find((x) => x.id === questionId);
    if (!question) return review(c, row, { status: 422, error: m.errors.notFound });
    if (row.validatedAt) return review(c, row, { status: 409, error: m.review.frozen });
    const { answers, notes } = answersAndNotesFromForm(form, [questionId], new Map([[questionId, question]]));
    const before = answersOf(s.db, row.id)[questionId];
    const newValue = answers[questionId] ?? null;
    const answerChanged = JSON.stringify(before ?? null) !== JSON.stringify(newValue);
    let changed = 0;
    if (answerChanged) {
      const r = changeAnswers(s, actorOf(c), row, { [questionId]: newValue }, single(form.reason) ?? "");
      if (!r.ok && r.error.code === "not_asked") return review(c, row, { status: 422, error: r.error.message });
      if (!r.ok)
        return changePage(c, row, questionId, {
          status: r.error.status === 409 ? 409 : 422,
          error: r.error.message,
          errors: r.error.fields,
          typed: { value: newValue, note: notes[questionId]!, reason: single(form.reason) ?? "" },
        });
      changed = r.value.changed;
    }
    const existing = reviewData(s, row).notes.get(questionId);
    const wanted = notes[questionId]!;
    const notesChanged = (existing?.note ?? null) !== wanted.note || (existing?.evidenceSeen ?? false) !== wanted.evidenceSeen;
    if (notesChanged) saveReviewNotes(s, actorOf(c), row, notes);
    const done = changed ? "changed" : notesChanged ? "notes" : "nochange";
    return c.redirect(`/staff/assessments/${row.id}?done=${done}#a-${questionId}`, 303);
  });

  app.post("/assessments/:id/validate", need("advise"), async (c) => {
    const row = loadAssessment(c);
    if (!isRow(row)) return row;
    const note = single((await formValues(c)).note) ?? "";
    const r = validate(s, actorOf(c), row, note);
    if (!r.ok) return review(c, row, { status: r.error.status === 409 ? 409 : 422, error: r.error.message });
    return c.redirect(`/staff/assessments/${row.id}?done=validated`, 303);
  });

  // ── Administration ──

  app.get("/admin/users", need("manageAccounts"), (c) => {
    const created = c.req.query("created");
    const notice = created ? fmt(m.admin.created, { email: created.slice(0, 200) }) : c.req.query("reset") ? m.admin.resetDone : undefined;
    return c.html(<UsersPage me={staffOf(c)} users={listStaff(s.db)} notice={notice} />);
  });

  app.post("/admin/users", need("manageAccounts"), async (c) => {
    const values = flat(await formValues(c));
    const r = await createStaffAccount(s.db, { email: values.email ?? "", name: values.name ?? "", role: values.role || undefined, password: values.password ?? "" });
    if (!r.ok)
      return c.html(<UsersPage me={staffOf(c)} users={listStaff(s.db)} values={{ ...values, password: undefined }} errors={r.error.fields} error={r.error.message} />, r.error.status === 409 ? 409 : 422);
    return c.redirect(`/staff/admin/users?created=${encodeURIComponent(r.value.email)}`, 303);
  });

  app.post("/admin/users/:id/active", need("manageAccounts"), async (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return notFound(c);
    const active = single((await formValues(c)).active) === "yes";
    const r = setActive(s.db, staffOf(c).id, id, active);
    if (!r.ok) return c.html(<UsersPage me={staffOf(c)} users={listStaff(s.db)} error={r.error.message} />, r.error.status === 404 ? 404 : 409);
    return c.redirect("/staff/admin/users", 303);
  });

  app.post("/admin/users/:id/password", need("manageAccounts"), async (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return notFound(c);
    const r = await resetPassword(s.db, id, single((await formValues(c)).password) ?? "");
    if (!r.ok) return c.html(<UsersPage me={staffOf(c)} users={listStaff(s.db)} error={`${r.error.message} ${Object.values(r.error.fields ?? {}).join(" ")}`} />, r.error.status === 404 ? 404 : 422);
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

  return app;
}

/** The support form's fields as the service reads them. */
function supportInput(values: FormValues, amountVnd: number | null) {
  return { type: values.type || undefined, schemeId: values.schemeId || null, date: values.date ?? "", amountVnd, platformId: values.platformId || null, note: values.note?.trim() || null };
}

function supportLines(s: Services, businessId: number, warnings: Map<number, CapWarning[]>) {
  return supportOfBusiness(s.db, businessId).map(({ record, staffName }) => ({ record, staffName, warnings: warnings.get(record.id) ?? [] }));
}

/** Answers and notes of the questions shown on a form (unticked checkboxes send nothing). */
function answersAndNotesFromForm(form: Record<string, string | string[]>, shown: string[], byId: Map<string, Question>) {
  const answers: Record<string, AnswerValue | null> = {};
  const notes: Record<string, { note: string | null; evidenceSeen: boolean }> = {};
  for (const id of shown) {
    const question = byId.get(id);
    const v = form[`q.${id}`];
    if (!question) {
      answers[id] = typeof v === "string" ? v : null; // unknown id: the shared check rejects it
      continue;
    }
    if (question.type === "single") {
      const one = single(v);
      if (one !== undefined) answers[id] = one;
    } else {
      const many = v === undefined ? [] : Array.isArray(v) ? v : [v];
      answers[id] = many.length ? many : null;
    }
    const note = (single(form[`note.${id}`]) ?? "").trim().slice(0, 1000);
    notes[id] = { note: note || null, evidenceSeen: single(form[`evidence.${id}`]) === "yes" };
  }
  return { answers, notes };
}

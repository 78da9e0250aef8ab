// What the staff route modules share: who is asking, the refusal pages, the role check, the
// advisor's remembered codes, and the middleware that loads the assessment or business named in
// the path. A loader runs after the role check, so a wrong role is refused before any row is read.
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { AssessmentRow } from "../../../db/assessments.ts";
import { businessById, type BusinessRow, type PlaceFilter } from "../../../db/businesses.ts";
import { assessmentById } from "../../../db/review.ts";
import type { StaffRow } from "../../../db/staff.ts";
import { SECTORS, type Question } from "../../domain/questionnaire.ts";
import { formatResumeCode } from "../../domain/resumeCode.ts";
import type { AnswerValue } from "../../domain/scoring.ts";
import { may, type Permission } from "../../domain/staff.ts";
import { roundsSeen, seesAssessment, type Actor } from "../../services/advisor.ts";
import type { Services } from "../../services/assessments.ts";
import { grantCode, grantedCode } from "../../services/codeGrants.ts";
import { msg } from "../../../views/messages.ts";
import { ForbiddenPage, NotFoundPage } from "../../../views/staff/pages.tsx";
import { idParam, single } from "../forms.ts";
import { requires, type StaffEnv } from "./session.ts";


/** What every staff route module is registered with. */
export interface StaffDeps {
  s: Services;
  secureCookies: boolean;
  codeGrantsKey: Buffer;
}

export type StaffApp = Hono<StaffEnv>;
export type Ctx = Context<StaffEnv>;

export const staffOf = (c: Ctx): StaffRow => c.get("staff")!;
/** The row put there by `withAssessment` / `withBusiness`, in a route that uses it. */
export const assessmentOf = (c: Ctx): AssessmentRow => c.get("assessment")!;
export const businessOf = (c: Ctx): BusinessRow => c.get("business")!;
export const actorOf = (c: Ctx): Actor => {
  const s = staffOf(c);
  return { id: s.id, name: s.name, role: s.role };
};

export const forbidden = (c: Ctx, message?: string) => c.html(<ForbiddenPage me={c.get("staff")} message={message} />, 403);
export const notFound = (c: Ctx, message?: string) => c.html(<NotFoundPage me={c.get("staff")} message={message} />, 404);
export const forbiddenOr422 = (c: Ctx, message: string) => c.html(<NotFoundPage me={c.get("staff")} message={message} />, 422);
export const need = (p: Permission) => requires(p, (c) => forbidden(c));
export const canAdvise = (c: Ctx) => may(staffOf(c).role, "advise");

export function placeFilter(c: Ctx, s: Services): PlaceFilter {
  const communeId = c.req.query("communeId");
  const sector = c.req.query("sector");
  return {
    communeId: communeId && s.content.communeById.has(communeId) ? communeId : undefined,
    sector: (SECTORS as readonly string[]).includes(sector ?? "") ? (sector as PlaceFilter["sector"]) : undefined,
  };
}

// The code of a guided session is shown to the advisor for the whole session, then handed to
// the owner: a grant kept on the server for this sign-in only (codeGrants.ts).
export const rememberCode = (d: StaffDeps, c: Ctx, id: number, code: string) => grantCode(d.s.db, d.codeGrantsKey, c.get("sessionToken")!, id, code);
export const rememberedCode = (d: StaffDeps, c: Ctx, row: AssessmentRow) => {
  const code = grantedCode(d.s.db, d.codeGrantsKey, c.get("sessionToken")!, row);
  return code === null ? null : formatResumeCode(code);
};

/** Puts the assessment in the path in `c.var.assessment` if this staff member may read it; otherwise 404, or 403 when hidden. */
export function withAssessment(s: Services): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const id = idParam(c.req.param("id"));
    const row = id === null ? undefined : assessmentById(s.db, id);
    if (!row) return notFound(c);
    if (!seesAssessment(s, actorOf(c), row)) return forbidden(c, msg().staff.errors.assessmentHidden);
    c.set("assessment", row);
    await next();
  };
}

/**
 * Puts the business in the path in `c.var.business` if this staff member sees it (one of its
 * rounds); a hidden one is not found. With `followMerged`, a record merged into another sends
 * the reader there (its rounds live there now).
 */
export function withBusiness(s: Services, opts: { followMerged?: boolean } = {}): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const id = idParam(c.req.param("id"));
    const business = id === null ? undefined : businessById(s.db, id);
    if (opts.followMerged && business?.mergedInto) return c.redirect(`/staff/businesses/${business.mergedInto}`, 303);
    if (!business || !roundsSeen(s, actorOf(c), business.id).length) return notFound(c);
    c.set("business", business);
    await next();
  };
}

/** Answers and notes of the questions shown on a form (unticked checkboxes send nothing). */
export function answersAndNotesFromForm(form: Record<string, string | string[]>, shown: string[], byId: Map<string, Question>) {
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

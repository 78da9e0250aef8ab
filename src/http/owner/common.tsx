// What the owner's /a/:code routes share: the context they read (the assessment, its code and
// stamp) and the middleware that finds the assessment by its code and then reads its row.
import type { Context } from "hono";
import { findAssessmentById, type AssessmentRow, type AssessmentStamp } from "../../../db/assessments.ts";
import { formatResumeCode } from "../../domain/resumeCode.ts";
import { findStampByCode, type Services } from "../../services/assessments.ts";
import { msg } from "../../../views/messages.ts";
import { MessagePage } from "../../../views/owner/pages.tsx";
import type { AppEnv } from "../env.ts";
import { recordMiss, rememberOpened } from "../rateLimit.ts";

export type OwnerEnv = AppEnv & { Variables: { assessment: AssessmentRow; code: string; stamp: AssessmentStamp } };

/** Finds the assessment of /a/:code by its stamp (404 page and a counted miss when the code finds nothing). */
export function findAssessment(s: Services, secureCookies: boolean) {
  return async (c: Context<OwnerEnv>, next: () => Promise<void>) => {
    const r = findStampByCode(s, c.req.param("code") ?? "");
    if (!r.ok) {
      recordMiss(c);
      const message = r.error.code === "invalid_code" ? msg().errors.badCode : msg().errors.notFound;
      return c.html(<MessagePage title={msg().errors.pageNotFound} message={message} />, 404);
    }
    c.set("stamp", r.value.stamp);
    c.set("code", formatResumeCode(r.value.code));
    rememberOpened(c, r.value.code, secureCookies);
    // One business's data: never kept on a shared phone, nor shown again by Back after erasure.
    // Set before the handler: set after, Hono would rebuild the finished response from its stream.
    c.header("Cache-Control", "no-store");
    await next();
  };
}

/** Reads the row of the assessment found (after the kept pages, which do not need it). */
export function readAssessment(s: Services) {
  return async (c: Context<OwnerEnv>, next: () => Promise<void>) => {
    const row = findAssessmentById(s.db, c.get("stamp").id);
    if (!row) return c.html(<MessagePage title={msg().errors.pageNotFound} message={msg().errors.notFound} />, 404); // erased meanwhile
    c.set("assessment", row);
    await next();
  };
}

/** Finds and reads the assessment of /a/:code, for routes mounted on their own. */
export function loadAssessment(s: Services, secureCookies = false) {
  const find = findAssessment(s, secureCookies);
  const read = readAssessment(s);
  return (c: Context<OwnerEnv>, next: () => Promise<void>) => find(c, () => read(c, next) as Promise<void>);
}

/** The 404 page of a part number the assessment does not have. */
export const partNotFound = (c: Context) => c.html(<MessagePage title={msg().errors.pageNotFound} message={msg().errors.pageNotFound} />, 404);

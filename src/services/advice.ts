// Requests for advice from the plan page or the API: only with the owner's consent to be contacted.
import { consentsOf, recordConsent, type AssessmentRow } from "../../db/assessments.ts";
import { upsertAdviceRequest, type AdviceRequestRow } from "../../db/advice.ts";
import type { AdviceRequest } from "../domain/advice.ts";
import type { Result, Services } from "./assessments.ts";
import { msg } from "../../views/messages.ts";

export function contactConsentGiven(s: Services, row: AssessmentRow): boolean {
  return consentsOf(s.db, row.id).get("contact")?.granted === true;
}

export function setContactConsent(s: Services, row: AssessmentRow, granted: boolean): void {
  recordConsent(s.db, row.id, "contact", granted, s.content.consent.policyVersion, "online");
}

export function requestAdvice(s: Services, row: AssessmentRow, r: AdviceRequest): Result<{ row: AdviceRequestRow; created: boolean }> {
  if (row.status !== "submitted")
    return { ok: false, error: { status: 409, code: "not_submitted", message: msg().plan.refusals.notSubmitted } };
  if (!contactConsentGiven(s, row))
    return {
      ok: false,
      error: {
        status: 409,
        code: "no_contact_consent",
        message: msg().plan.refusals.noContactConsent,
      },
    };
  const fields: Record<string, string> = {};
  if (!s.content.actions.actions.some((a) => a.id === r.actionId)) fields.actionId = msg().plan.refusals.unknownAction;
  if (r.platformId && !s.content.platformById.has(r.platformId)) fields.platformId = msg().plan.refusals.unknownPlatform;
  if (Object.keys(fields).length)
    return { ok: false, error: { status: 422, code: "invalid_request", message: msg().plan.refusals.invalidRequest, fields } };
  return { ok: true, value: upsertAdviceRequest(s.db, { assessmentId: row.id, ...r }) };
}

// Requests for advice from the plan page or the API: only with the owner's consent to be contacted.
import { consentsOf, recordConsent, type AssessmentRow } from "../../db/assessments.ts";
import { upsertAdviceRequest, type AdviceRequestRow } from "../../db/advice.ts";
import type { AdviceRequest } from "../domain/advice.ts";
import type { Result, Services } from "./assessments.ts";

export function contactConsentGiven(s: Services, row: AssessmentRow): boolean {
  return consentsOf(s.db, row.id).get("contact")?.granted === true;
}

export function setContactConsent(s: Services, row: AssessmentRow, granted: boolean): void {
  recordConsent(s.db, row.id, "contact", granted, s.content.consent.policyVersion, "online");
}

export function requestAdvice(s: Services, row: AssessmentRow, r: AdviceRequest): Result<{ row: AdviceRequestRow; created: boolean }> {
  if (row.status !== "submitted")
    return { ok: false, error: { status: 409, code: "not_submitted", message: "Hãy nộp bài đánh giá trước khi xin tư vấn." } };
  if (!contactConsentGiven(s, row))
    return {
      ok: false,
      error: {
        status: 409,
        code: "no_contact_consent",
        message: "Anh/chị chưa đồng ý cho cán bộ tư vấn liên hệ. Hãy bật sự đồng ý này trước khi gửi yêu cầu.",
      },
    };
  const fields: Record<string, string> = {};
  if (!s.content.actions.actions.some((a) => a.id === r.actionId)) fields.actionId = "không có việc này trong lộ trình";
  if (r.platformId && !s.content.platformById.has(r.platformId)) fields.platformId = "không có nền tảng này trong danh mục";
  if (Object.keys(fields).length)
    return { ok: false, error: { status: 422, code: "invalid_request", message: "Yêu cầu không hợp lệ, chưa được gửi.", fields } };
  return { ok: true, value: upsertAdviceRequest(s.db, { assessmentId: row.id, ...r }) };
}

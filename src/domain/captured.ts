// An assessment captured away from the server: on an advisor's phone without signal, or on a
// paper form keyed in later. What the device sends when it syncs, and what the server tells it
// back (including the conflicts it explains to the advisor).
import { z } from "zod";
import "./zodLocale.ts";

const note = z.strictObject({
  note: z.string().max(1000, "ghi chú dài tối đa 1000 ký tự").nullable(),
  evidenceSeen: z.boolean(),
});

/** The id a device makes for each capture (a UUID): sending it twice finds the first. */
export const clientIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "mã bản ghi trên máy không đúng dạng");

export const capturedAssessmentSchema = z.strictObject({
  /** The questionnaire version the answers were given on (its content hash). */
  questionnaireHash: z.string().regex(/^[0-9a-f]{16}$/, "mã phiên bản bộ câu hỏi không đúng dạng"),
  /** The consent text shown to the owner. */
  policyVersion: z.string().min(1).max(64),
  /** Profile and consents as the profile form gives them; checked by the profile rules on arrival. */
  profile: z.record(z.string(), z.unknown()),
  consents: z.record(z.string(), z.unknown()),
  answers: z.record(z.string(), z.unknown()),
  notes: z.record(z.string(), note).default({}),
  /** The resume code the device gave the owner (kept unless another assessment has it). */
  code: z.string().max(40).optional(),
  /** The advisor who captured it (staff id): only they may send it. */
  capturedBy: z.number().int().positive(),
  /** When the capture was finished, by the device's clock. */
  capturedAt: z.iso.datetime({ offset: true, error: "thời điểm ghi không đúng dạng" }),
  /** The level and score the device showed the owner, to check the server agrees. */
  shown: z.strictObject({ overall: z.number(), nationalLevel: z.number().int() }).optional(),
});
export type CapturedAssessment = z.infer<typeof capturedAssessmentSchema>;

/** Why a capture did not arrive as a plain new business: explained to the advisor, never lost. */
export type CaptureConflict =
  /** The business was already known (same tax code; a household of the same name in the same commune). */
  | { kind: "business_known"; businessId: number; round: number; previous: { assessmentId: number; at: string; by: string | null } | null }
  /** Captured on a questionnaire version that was replaced while the device was away. */
  | { kind: "version_replaced"; capturedOn: string; inForce: string }
  /** The resume code the device gave is another assessment's: the owner needs the new one. */
  | { kind: "code_taken"; code: string }
  /** The server's score differs from the one the device showed (should never happen: same code). */
  | { kind: "score_differs"; shown: { overall: number; nationalLevel: number }; server: { overall: number; nationalLevel: number } };

export interface CaptureReceipt {
  assessmentId: number;
  businessId: number;
  /** The resume code the owner uses: the device's, unless it had to change; null on a repeated sync
   * (only the code's hash is stored, so the server cannot say it again). */
  code: string | null;
  /** False when this capture had arrived before (a repeated sync). */
  created: boolean;
  capturedAt: string;
  syncedAt: string;
  conflicts: CaptureConflict[];
  scores: { overall: number; nationalLevel: number };
}

// The resume code of a guided session is shown to the advisor who started it, for the whole
// session, then handed to the owner; only its hash is stored with the assessment. The advisor's
// grant is kept on the server, tied to their sign-in: sealed with a key made from SESSION_SECRET
// and the session token (which the database holds only as a hash), bound to the assessment.
// It ends with the session (sign-out, expiry, a locked account) or with the assessment.
import { findAssessmentById } from "../../db/assessments.ts";
import { putCodeGrant, sealedCodeFor } from "../../db/codeGrants.ts";
import type { Db } from "../../db/connection.ts";
import { parseResumeCode, resumeCodeHash } from "../domain/resumeCode.ts";
import { open, seal } from "./serverKeys.ts";
import { tokenHash } from "./staffAccounts.ts";
import { createHmac } from "node:crypto";

const sealingKey = (grantsKey: Buffer, sessionToken: string) => createHmac("sha256", grantsKey).update(sessionToken).digest();

export function grantCode(db: Db, grantsKey: Buffer, sessionToken: string, assessmentId: number, code: string): void {
  putCodeGrant(db, tokenHash(sessionToken), assessmentId, seal(sealingKey(grantsKey, sessionToken), code, String(assessmentId)));
}

/** The code granted to this session for this assessment (canonical form), if it still matches the assessment. */
export function grantedCode(db: Db, grantsKey: Buffer, sessionToken: string, assessment: { id: number; codeHash: string }): string | null {
  const sealed = sealedCodeFor(db, tokenHash(sessionToken), assessment.id);
  const code = sealed === undefined ? null : open(sealingKey(grantsKey, sessionToken), sealed, String(assessment.id));
  const parsed = code === null ? null : parseResumeCode(code);
  return parsed?.ok && resumeCodeHash(parsed.code) === assessment.codeHash ? parsed.code : null;
}

/** The same, from the assessment's id alone. */
export function grantedCodeById(db: Db, grantsKey: Buffer, sessionToken: string, assessmentId: number): string | null {
  const row = findAssessmentById(db, assessmentId);
  return row ? grantedCode(db, grantsKey, sessionToken, row) : null;
}

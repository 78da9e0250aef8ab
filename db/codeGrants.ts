// Queries of advisors' code grants (see staffCodeGrants in schema.ts).
import { and, eq } from "drizzle-orm";
import type { Db } from "./connection.ts";
import { staffCodeGrants } from "./schema.ts";

export function putCodeGrant(db: Db, tokenHash: string, assessmentId: number, sealedCode: string): void {
  db.insert(staffCodeGrants)
    .values({ tokenHash, assessmentId, sealedCode })
    .onConflictDoUpdate({ target: [staffCodeGrants.tokenHash, staffCodeGrants.assessmentId], set: { sealedCode } })
    .run();
}

export function sealedCodeFor(db: Db, tokenHash: string, assessmentId: number): string | undefined {
  return db
    .select({ sealed: staffCodeGrants.sealedCode })
    .from(staffCodeGrants)
    .where(and(eq(staffCodeGrants.tokenHash, tokenHash), eq(staffCodeGrants.assessmentId, assessmentId)))
    .get()?.sealed;
}

// Queries of requests for advice (Plan 2902 "information and connection").
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "./connection.ts";
import { adviceRequests } from "./schema.ts";

export type AdviceRequestRow = typeof adviceRequests.$inferSelect;

export interface NewAdviceRequest {
  assessmentId: number;
  actionId: string;
  platformId: string | null;
  channel: "phone" | "zalo" | "email";
  contact: string;
  message: string | null;
}

/** One request per assessment + action + platform: a repeated submit updates it, never duplicates. */
export function upsertAdviceRequest(db: Db, r: NewAdviceRequest): { row: AdviceRequestRow; created: boolean } {
  const t = new Date().toISOString();
  const dedupeKey = `${r.assessmentId}:${r.actionId}:${r.platformId ?? ""}`;
  return db.transaction((tx) => {
    const existing = tx.select().from(adviceRequests).where(eq(adviceRequests.dedupeKey, dedupeKey)).get();
    if (existing) {
      const row = tx
        .update(adviceRequests)
        .set({ channel: r.channel, contact: r.contact, message: r.message, updatedAt: t })
        .where(eq(adviceRequests.id, existing.id))
        .returning()
        .get();
      return { row, created: false };
    }
    const row = tx.insert(adviceRequests).values({ ...r, dedupeKey, createdAt: t, updatedAt: t }).returning().get();
    return { row, created: true };
  });
}

export function adviceRequestsOf(db: Db, assessmentId: number): AdviceRequestRow[] {
  return db
    .select()
    .from(adviceRequests)
    .where(and(eq(adviceRequests.assessmentId, assessmentId)))
    .orderBy(desc(adviceRequests.createdAt))
    .all();
}

/** An advisor takes a request (in progress), closes it (done) or drops it (cancelled). */
export function setAdviceStatus(db: Db, id: number, status: "in_progress" | "done" | "cancelled", staffId: number): boolean {
  const t = new Date().toISOString();
  return db.update(adviceRequests).set({ status, handledBy: staffId, updatedAt: t }).where(eq(adviceRequests.id, id)).run().changes === 1;
}

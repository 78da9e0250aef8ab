// Tokens of the province's other systems for the statistics API (/api/v1/stats). Only a sha256 of
// each token is stored; the token itself is shown once, when it is created.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "./connection.ts";
import { apiTokens } from "./schema.ts";

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export function insertApiToken(db: Db, name: string, tokenHash: string): ApiTokenRow {
  return db.insert(apiTokens).values({ name, tokenHash, createdAt: new Date().toISOString() }).returning().get();
}

export function activeTokenByHash(db: Db, tokenHash: string): ApiTokenRow | undefined {
  return db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt))).get();
}

export function touchToken(db: Db, id: number, at: string): void {
  db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id)).run();
}

export function revokeToken(db: Db, id: number): boolean {
  return db.update(apiTokens).set({ revokedAt: new Date().toISOString() }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).run().changes === 1;
}

export function listTokens(db: Db): Omit<ApiTokenRow, "tokenHash">[] {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .all();
}

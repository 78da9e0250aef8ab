// Staff tokens for the statistics API: random 256-bit secrets with a recognisable prefix, stored as
// sha256. Created by an administrator on the server (src/cli/tokenAdd.ts), never through the web.
import { createHash, randomBytes } from "node:crypto";
import { activeTokenByHash, insertApiToken, touchToken, type ApiTokenRow } from "../../db/apiTokens.ts";
import type { Db } from "../../db/connection.ts";

export const TOKEN_PREFIX = "dxs_";
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export function createApiToken(db: Db, name: string): { token: string; row: ApiTokenRow } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, row: insertApiToken(db, name, hash(token)) };
}

/** The token's row when it is valid and not revoked; its last use is noted at most once a minute. */
export function checkApiToken(db: Db, token: string): ApiTokenRow | null {
  if (!token.startsWith(TOKEN_PREFIX) || token.length !== TOKEN_PREFIX.length + 43) return null;
  const row = activeTokenByHash(db, hash(token));
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > 60_000) touchToken(db, row.id, now.toISOString());
  return row;
}

// Keys the server derives from SESSION_SECRET, one per purpose, so a value keyed for one use is
// worthless for another. The same secret after a restart gives the same keys: form tokens, the
// tags in an owner's browser and advisors' sealed codes keep working across a restart.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

export interface ServerKeys {
  /** Form tokens bound to a staff session (csrf.ts). */
  csrf: Buffer;
  /** Tags of the codes a browser has opened (rateLimit.ts, the dx_codes cookie). */
  knownCodes: Buffer;
  /** Sealing of a guided session's code for its advisor (codeGrants.ts). */
  codeGrants: Buffer;
  /** Sealing of kept owner reports, with the owner's code (src/pdf/keptReports.ts). */
  keptReports: Buffer;
}

const derive = (secret: string, purpose: string) => Buffer.from(hkdfSync("sha256", secret, "dienbien-dx-readiness", purpose, 32));

export function serverKeys(secret: string): ServerKeys {
  return {
    csrf: derive(secret, "csrf form token"),
    knownCodes: derive(secret, "known code tag"),
    codeGrants: derive(secret, "staff code grant"),
    keptReports: derive(secret, "kept owner report"),
  };
}

/** Keys for a run without a configured secret (development, tests): nothing keyed survives a restart. */
export const ephemeralKeys = (): ServerKeys => serverKeys(randomBytes(32).toString("hex"));

/** A short keyed tag of `value` (base64url). */
export function tag(key: Buffer, value: string, length = 32): string {
  return createHmac("sha256", key).update(value).digest("base64url").slice(0, length);
}

/** AES-256-GCM: `iv.ciphertext.authTag`, bound to `context` (it must be given again to open). */
export function seal(key: Buffer, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((b) => b.toString("base64url")).join(".");
}

/** The sealed text, or null when the key, the context or the text is not the one it was sealed with. */
export function open(key: Buffer, sealed: string, context: string): string | null {
  const [iv, body, authTag] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  if (!iv || !body || !authTag || iv.length !== 12 || authTag.length !== 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

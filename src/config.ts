// Environment, parsed once at start-up; a bad value stops the service with a one-line reason.
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { z } from "zod";
import { NO_PROXY, trustedAddresses, type ProxyTrust } from "./http/clientAddress.ts";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_PATH: z.string().min(1).default("data/readiness.sqlite"),
  CONTENT_DIR: z.string().min(1).default("questionnaires"),
  /** Public base URL used in QR codes and links in reports. */
  PUBLIC_URL: z.url().optional(),
  /**
   * Keys the staff form tokens, the tags of the codes a browser has opened, and the seal of an
   * advisor's code grant (src/services/serverKeys.ts). Required in production, so they outlive a
   * restart; a random one per run otherwise.
   */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET phải dài ít nhất 32 ký tự").optional(),
  /** How many reverse proxies of ours stand in front (X-Forwarded-For is read from the right, see clientAddress.ts). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Or: the addresses (IPs, CIDR ranges, comma-separated) of our proxies. */
  TRUSTED_PROXIES: z.string().optional(),
  /** Owner reports kept rendered (sealed); default: "reports" beside the database. */
  REPORT_DIR: z.string().min(1).optional(),
  /** At most this many MB of kept reports; 0 keeps none (every tap renders). */
  REPORT_STORE_MB: z.coerce.number().int().min(0).max(1_000_000).default(512),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  databasePath: string;
  contentDir: string;
  publicUrl: string;
  sessionSecret: string;
  proxyTrust: ProxyTrust;
  logLevel: string;
  reportDir: string;
  reportStoreMb: number;
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const r = envSchema.safeParse(env);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`Cấu hình sai: ${i.path.join(".")}: ${i.message}`);
  }
  const e = r.data;
  if (e.NODE_ENV === "production" && !e.SESSION_SECRET)
    throw new Error("Cấu hình sai: SESSION_SECRET là bắt buộc khi NODE_ENV=production");
  if (e.TRUSTED_PROXIES && e.TRUST_PROXY > 0)
    throw new Error("Cấu hình sai: đặt TRUST_PROXY (số proxy) hoặc TRUSTED_PROXIES (địa chỉ proxy), không đặt cả hai");
  let proxyTrust: ProxyTrust = e.TRUST_PROXY > 0 ? { hops: e.TRUST_PROXY } : NO_PROXY;
  if (e.TRUSTED_PROXIES) {
    try {
      proxyTrust = { addresses: trustedAddresses(e.TRUSTED_PROXIES) };
    } catch (err) {
      throw new Error(`Cấu hình sai: TRUSTED_PROXIES: ${(err as Error).message}`);
    }
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    contentDir: e.CONTENT_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    proxyTrust,
    logLevel: e.LOG_LEVEL,
    reportDir: e.REPORT_DIR ?? join(dirname(e.DATABASE_PATH), "reports"),
    reportStoreMb: e.REPORT_STORE_MB,
  };
}

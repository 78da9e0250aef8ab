// Environment, parsed once at start-up; a bad value stops the service with a one-line reason.
import { randomBytes } from "node:crypto";
import { z } from "zod";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_PATH: z.string().min(1).default("data/readiness.sqlite"),
  CONTENT_DIR: z.string().min(1).default("questionnaires"),
  /** Public base URL used in QR codes and links in reports. */
  PUBLIC_URL: z.url().optional(),
  /** Signs session and CSRF cookies. Required in production; a random one per run otherwise. */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET phải dài ít nhất 32 ký tự").optional(),
  /** Trust X-Forwarded-For from a reverse proxy when rate-limiting by address. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
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
  trustProxy: boolean;
  logLevel: string;
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
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    contentDir: e.CONTENT_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    trustProxy: e.TRUST_PROXY === "1",
    logLevel: e.LOG_LEVEL,
  };
}

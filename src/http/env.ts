import type { Services } from "../services/assessments.ts";
import type { RateLimiter } from "./rateLimit.ts";

/** What every request handler can read from the context. */
export interface AppEnv {
  Variables: {
    services: Services;
    limiter: RateLimiter;
    clientIp: string;
  };
}

import type { Services } from "../services/assessments.ts";
import type { Logger } from "pino";
import type { RateLimiter } from "./rateLimit.ts";
import type { Locale } from "../domain/vocabularies.ts";
import type { Messages } from "../../views/messages.ts";

/** What every request handler can read from the context. */
export interface AppEnv {
  Variables: {
    services: Services;
    limiter: RateLimiter;
    clientIp: string;
    /** The language of the request (locale.ts): `?lang=`, else the `lang` cookie, else Vietnamese. */
    locale: Locale;
    /** The message catalogue of that language. */
    t: Messages;
    /** The app's logger: every server error goes through it. */
    log: Logger;
    /** The gzip of the body the handler returned, when it kept one (pageMemo.ts); cleared by anything that rewrites the body. */
    gzippedBody?: Buffer<ArrayBuffer>;
    /** The key a page rendered by this request is kept under (pageMemo.ts). */
    pageKey?: string;
  };
}

// Rendered pages kept by what they show. An owner page is a pure function of the content (fixed
// for the life of the process), its address and the assessment's stamp (db/assessments.ts: a
// revision raised by triggers on every write, the peer group's version, the validating advisor).
// The key is made of those and the request's language and address, so a changed answer is a new
// key and nothing ever needs invalidating.
// A kept page is answered from the stamp alone, before the assessment's row is read: a hit skips
// the row, the JSX render and the gzip, which were most of a page request (decision 009).
import { gzipSync } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";
import { GZIP_LEVEL, MIN_GZIP_BYTES } from "./compression.ts";

type Rendered = { html: string; gz: Buffer<ArrayBuffer> | null; bytes: number };

export class PageMemo {
  readonly #pages = new Map<string, Rendered>();
  #bytes = 0;
  hits = 0;
  misses = 0;

  /** `maxBytes` bounds the HTML plus gzip kept (oldest use dropped first). */
  constructor(readonly maxBytes = 16 * 1024 * 1024) {}

  /**
   * Middleware: answers with the page kept under `keyOf(c)`, or notes the key for `html()`, which
   * keeps what the route renders.
   */
  answer<E extends AppEnv>(keyOf: (c: Context<E>) => string): MiddlewareHandler<E> {
    return async (c, next) => {
      // A page is in the request's language and links to itself in the other one (the layout's
      // language link keeps the address and its query): both are part of what it shows.
      const url = new URL(c.req.url);
      const key = `${(c as unknown as Context<AppEnv>).get("locale")}|${url.pathname}${url.search}|${keyOf(c)}`;
      const page = this.#pages.get(key);
      if (!page) {
        this.misses++;
        (c as unknown as Context<AppEnv>).set("pageKey", key);
        return next();
      }
      this.hits++;
      this.#pages.delete(key); // re-inserted: the Map's order is the order of last use
      this.#pages.set(key, page);
      return this.#send(c, page);
    };
  }

  /** Renders the page, kept under the key noted by `answer()` (not kept when there is none). */
  async html<E extends AppEnv>(c: Context<E>, render: () => string | Promise<string>): Promise<Response> {
    const html = String(await render());
    const gz = Buffer.byteLength(html) >= MIN_GZIP_BYTES ? gzipSync(html, { level: GZIP_LEVEL }) : null;
    const page = { html, gz, bytes: 0 };
    const key = (c as unknown as Context<AppEnv>).get("pageKey");
    if (key !== undefined) {
      page.bytes = html.length * 2 + (gz?.byteLength ?? 0) + key.length * 2;
      const before = this.#pages.get(key); // rendered meanwhile by another request
      if (before) {
        this.#pages.delete(key);
        this.#bytes -= before.bytes;
      }
      this.#pages.set(key, page);
      this.#bytes += page.bytes;
      for (const [k, old] of this.#pages) {
        if (this.#bytes <= this.maxBytes || old === page) break;
        this.#pages.delete(k);
        this.#bytes -= old.bytes;
      }
    }
    return this.#send(c, page);
  }

  #send<E extends AppEnv>(c: Context<E>, page: Rendered): Response {
    if (page.gz) (c as unknown as Context<AppEnv>).set("gzippedBody", page.gz);
    return c.html(page.html);
  }

  get size() {
    return this.#pages.size;
  }
}

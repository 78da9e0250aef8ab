// Rendered pages kept by what they show. An owner page is a pure function of the content (fixed
// for the life of the process), the assessment row, its answers and a few read-only figures; the
// routes read those on every request anyway and build the key from them, so a changed answer is a
// new key and nothing ever needs invalidating. A hit skips the JSX render and the gzip, which were
// most of a page request (profile in bench/RESULTS.md): the page is also kept gzipped.
import { gzipSync } from "node:zlib";
import type { Context } from "hono";
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

  async html<E extends AppEnv>(c: Context<E>, key: string, render: () => string | Promise<string>): Promise<Response> {
    let page = this.#pages.get(key);
    if (page) {
      this.hits++;
      this.#pages.delete(key); // re-inserted below: the Map's order is the order of last use
    } else {
      this.misses++;
      const html = String(await render());
      const gz = Buffer.byteLength(html) >= MIN_GZIP_BYTES ? gzipSync(html, { level: GZIP_LEVEL }) : null;
      page = { html, gz, bytes: html.length * 2 + (gz?.byteLength ?? 0) + key.length * 2 };
      this.#bytes += page.bytes;
    }
    this.#pages.set(key, page);
    for (const [k, old] of this.#pages) {
      if (this.#bytes <= this.maxBytes || old === page) break;
      this.#pages.delete(k);
      this.#bytes -= old.bytes;
    }
    if (page.gz) (c as unknown as Context<AppEnv>).set("gzippedBody", page.gz);
    return c.html(page.html);
  }

  get size() {
    return this.#pages.size;
  }
}

// Compression tuned for small dynamic pages: gzip level 4 on a buffered body is several times
// cheaper than the default stream at level 6, for a few per cent more bytes (pages stay far below
// the 14 KB first round trip). Static files are compressed once at start-up (see assets.ts).
// Streams (exports), PDFs and already-encoded bodies pass through untouched.
import { gzipSync } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";

const COMPRESSIBLE = /^(text\/html|application\/json|text\/plain|image\/svg\+xml)/;
export const MIN_GZIP_BYTES = 1024;
export const GZIP_LEVEL = 4;

export function compressPages(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get("content-type") ?? "";
    if (!COMPRESSIBLE.test(type) || res.headers.has("content-encoding") || c.req.method === "HEAD") return;
    if (!/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      res.headers.append("Vary", "Accept-Encoding");
      return;
    }
    const kept = c.get("gzippedBody");
    const text = kept ? undefined : bodyString(res);
    if (text !== undefined && Buffer.byteLength(text) < MIN_GZIP_BYTES) {
      res.headers.append("Vary", "Accept-Encoding"); // small: sent as it is, never read or rebuilt
      return;
    }
    const body = kept || text !== undefined ? null : new Uint8Array(await res.arrayBuffer());
    const headers = res.headers; // this response is replaced: its headers move over as they are
    headers.append("Vary", "Accept-Encoding");
    if (body && body.byteLength < MIN_GZIP_BYTES) {
      replaceResponse(c, new Response(body, { status: res.status, headers }));
      return;
    }
    const gz = kept ?? gzipSync(text ?? body!, { level: GZIP_LEVEL });
    headers.set("Content-Encoding", "gzip");
    headers.set("Content-Length", String(gz.byteLength));
    replaceResponse(c, new Response(gz, { status: res.status, headers }));
  };
}

/**
 * The body of a response built from a string, read without turning it into a stream. Under
 * @hono/node-server a Response made from a string keeps it (a "lightweight" response, its own
 * symbol "cache": [status, body, headers]); reading it with arrayBuffer() builds the full Response
 * first, which cost half the time of a small JSON reply (bench: /healthz 17,500 -> 8,000 req/s once
 * clients asked for gzip). Anywhere else (tests through app.request) this finds nothing and the
 * body is read the ordinary way.
 */
function bodyString(res: Response): string | undefined {
  for (const key of Object.getOwnPropertySymbols(res)) {
    if (key.description !== "cache") continue;
    const cached = (res as unknown as Record<symbol, unknown[] | undefined>)[key];
    return typeof cached?.[1] === "string" ? cached[1] : undefined;
  }
  return undefined;
}

/**
 * Hono's `c.res = x` rebuilds x from the old response's body stream to merge headers, which turned
 * every gzipped page into a full web-stream Response (a sixth of a page request in the profile).
 * The new response already carries every header, so the old one is dropped first.
 */
function replaceResponse(c: Context, res: Response): void {
  c.res = undefined;
  c.res = res;
}

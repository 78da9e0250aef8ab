// Static files with content-hashed names, served with long-lived immutable caching.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Hono } from "hono";

const require = createRequire(import.meta.url);
const VIEWS_STATIC = join(import.meta.dirname, "..", "..", "views", "static");

interface Asset {
  url: string;
  body: Buffer;
  /** Compressed once at start-up, served to every browser that accepts gzip. */
  gzip: Buffer;
  type: string;
}

const SOURCES: Record<string, { path: string; type: string }> = {
  "app.css": { path: join(VIEWS_STATIC, "app.css"), type: "text/css; charset=utf-8" },
  "app.js": { path: join(VIEWS_STATIC, "app.js"), type: "text/javascript; charset=utf-8" },
  // Self-hosted htmx 2.0.x: no third-party origin in the CSP.
  "htmx.js": { path: require.resolve("htmx.org/dist/htmx.min.js"), type: "text/javascript; charset=utf-8" },
};

function build(): Map<string, Asset> {
  const out = new Map<string, Asset>();
  for (const [name, src] of Object.entries(SOURCES)) {
    const body = readFileSync(src.path);
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
    const [base, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
    out.set(name, { url: `/static/${base}.${hash}${ext}`, body, gzip: gzipSync(body, { level: 9 }), type: src.type });
  }
  return out;
}

const assets = build();

/** The hashed URL of a static file, for links in pages. */
export function asset(name: keyof typeof SOURCES | string): string {
  const a = assets.get(name);
  if (!a) throw new Error(`unknown asset ${name}`);
  return a.url;
}

export function mountAssets(app: Hono<any>): void {
  const byUrl = new Map([...assets.values()].map((a) => [a.url, a]));
  app.get("/static/:file", (c) => {
    const a = byUrl.get(c.req.path);
    if (!a) return c.text("Không tìm thấy tệp.", 404);
    c.header("Content-Type", a.type);
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("Vary", "Accept-Encoding");
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      c.header("Content-Encoding", "gzip");
      return c.body(new Uint8Array(a.gzip));
    }
    return c.body(new Uint8Array(a.body));
  });
}

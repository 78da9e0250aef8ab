// Static files with content-hashed names, served with long-lived immutable caching; and the
// scripts built from src/client at start-up (src/client/build.ts), served the same way, except
// the service workers, which live at fixed addresses and are always revalidated.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Context, Hono } from "hono";
import { vi } from "../../views/messages.ts";
import { buildFieldApp, buildFieldServiceWorker, buildOwnerPageScript, buildOwnerServiceWorker } from "../client/build.ts";

const require = createRequire(import.meta.url);
const VIEWS_STATIC = join(import.meta.dirname, "..", "..", "views", "static");
const JS = "text/javascript; charset=utf-8";

export interface Asset {
  url: string;
  body: Buffer;
  /** Compressed once at start-up, served to every browser that accepts gzip. */
  gzip: Buffer;
  type: string;
}

const SOURCES: Record<string, { path: string; type: string }> = {
  "app.css": { path: join(VIEWS_STATIC, "app.css"), type: "text/css; charset=utf-8" },
  // Self-hosted htmx 2.0.x: no third-party origin in the CSP.
  "htmx.js": { path: require.resolve("htmx.org/dist/htmx.min.js"), type: JS },
  // The advisor's offline app's icon (an installed app needs one).
  "field-icon.svg": { path: join(VIEWS_STATIC, "field-icon.svg"), type: "image/svg+xml" },
};

function hashed(name: string, body: Buffer, type: string): Asset {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
  const [base, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  return { url: `/static/${base}.${hash}${ext}`, body, gzip: gzipSync(body, { level: 9 }), type };
}

const packed = (text: string | Buffer) => {
  const body = Buffer.from(text);
  return { body, gzip: gzipSync(body, { level: 9 }) };
};
const fixed = (url: string, body: Buffer): Asset => ({ url, ...packed(body), type: JS });

const assets = new Map<string, Asset>();
for (const [name, src] of Object.entries(SOURCES)) assets.set(name, hashed(name, readFileSync(src.path), src.type));
// The owner's page script, then the service worker that keeps the page assets it is told of.
assets.set("app.js", hashed("app.js", buildOwnerPageScript().body, JS));
const ownerWorker = fixed(
  "/sw.js",
  buildOwnerServiceWorker({ css: assets.get("app.css")!.url, scripts: [assets.get("htmx.js")!.url, assets.get("app.js")!.url] }).body,
);
const byUrl = new Map([...assets.values()].map((a) => [a.url, a]));

/** The hashed URL of a static file, for links in pages. */
export function asset(name: string): string {
  const a = assets.get(name);
  if (!a) throw new Error(`unknown asset ${name}`);
  return a.url;
}

/** Where the advisor's offline app lives: its page, and the scope of its service worker. */
export const FIELD_SHELL = "/staff/field/";
export const FIELD_MANIFEST = "/staff/field/manifest.webmanifest";
const FIELD_WORKER = "/staff/field/sw.js";

export interface FieldAssets {
  app: Asset;
  worker: Asset;
  manifest: Asset;
  /** What the service worker keeps on the device besides the page itself. */
  kept: string[];
}

let field: Promise<FieldAssets> | undefined;

/**
 * The advisor's offline app: its script, service worker and manifest (built on first use; the
 * server builds them at start-up, see server.ts). The script carries src/domain, so building it
 * takes a moment.
 */
export function fieldAssets(): Promise<FieldAssets> {
  return (field ??= buildFieldApp().then((built) => {
    const app = hashed("field.js", built.body, JS);
    byUrl.set(app.url, app);
    const icon = asset("field-icon.svg");
    const kept = [asset("app.css"), app.url, icon];
    const worker = fixed(FIELD_WORKER, buildFieldServiceWorker({ shell: FIELD_SHELL, files: kept }).body);
    const manifest: Asset = {
      url: FIELD_MANIFEST,
      type: "application/manifest+json",
      ...packed(
        JSON.stringify({
          name: vi.offline.field.title,
          short_name: vi.offline.field.shortName,
          lang: vi.lang,
          start_url: FIELD_SHELL,
          scope: FIELD_SHELL,
          display: "standalone",
          background_color: "#f6f8f7",
          theme_color: "#0b6e4f",
          icons: [{ src: icon, sizes: "any", type: "image/svg+xml", purpose: "any" }],
        }),
      ),
    };
    return { app, worker, manifest, kept };
  }));
}

/** Every asset served, by URL (for measuring what a page or an offline install downloads). */
export function servedAsset(url: string): Asset | undefined {
  return byUrl.get(url) ?? (url === ownerWorker.url ? ownerWorker : undefined);
}

export function sendAsset(c: Context, a: Asset, cacheControl: string) {
  c.header("Content-Type", a.type);
  c.header("Cache-Control", cacheControl);
  c.header("Vary", "Accept-Encoding");
  if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
    c.header("Content-Encoding", "gzip");
    return c.body(new Uint8Array(a.gzip));
  }
  return c.body(new Uint8Array(a.body));
}

export function mountAssets(app: Hono<any>): void {
  app.get("/static/:file", async (c) => {
    if (!byUrl.has(c.req.path) && c.req.path.startsWith("/static/field.")) await fieldAssets();
    const a = byUrl.get(c.req.path);
    if (!a) return c.text("Không tìm thấy tệp.", 404);
    return sendAsset(c, a, "public, max-age=31536000, immutable");
  });
  // A service worker keeps a fixed address (its scope follows from it); browsers check it for a
  // new version at every visit, so it is never cached.
  app.get("/sw.js", (c) => sendAsset(c, ownerWorker, "no-cache"));
  // The offline app's worker and manifest hold no personal data and need no session: a browser
  // checking for a new worker after the session ended must not be sent to the sign-in page.
  app.get(FIELD_WORKER, async (c) => sendAsset(c, (await fieldAssets()).worker, "no-cache"));
  app.get(FIELD_MANIFEST, async (c) => sendAsset(c, (await fieldAssets()).manifest, "no-cache"));
}

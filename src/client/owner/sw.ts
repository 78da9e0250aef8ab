/// <reference lib="webworker" />
// The owner's service worker (served at /sw.js). Online it changes nothing: pages come from the
// server. It keeps the questionnaire pages of an assessment the owner has started on this phone,
// so that without signal they still open, and it keeps the saves made without signal (outbox.ts)
// and sends them, in order, once the server can be reached. "Lưu" without signal leads to the next
// page kept here, never to the browser's error page.
// Only a draft's questionnaire pages are kept: a result, a plan, the data page are never stored,
// and an assessment's pages are forgotten once it is submitted, erased or not found (decision 016).
import { offline } from "../../../views/messages/offline.ts";
import { flush, forget, keep, pending } from "./outbox.ts";

declare const self: ServiceWorkerGlobalScope;
/** The page assets (hashed, immutable), set when this script is built. */
declare const __OWNER_ASSETS__: { css: string; scripts: string[] };

const m = offline.owner;
const PAGES = "dx-owner-pages";
const STATIC = `dx-owner-static-${__OWNER_ASSETS__.css}`;

/** /a/{code}/p/{n} and /a/{code}/review: the pages kept for an owner without signal. */
const KEPT_PAGE = /^\/a\/([^/]+)\/(?:p\/\d+|review)$/;
const PART_POST = /^\/a\/([^/]+)\/p\/(\d+)$/;
const CODE = /^\/a\/([^/]+)(?:\/|$)/;

self.addEventListener("install", (e) => {
  e.waitUntil(
    caches
      .open(STATIC)
      .then((c) => c.addAll([__OWNER_ASSETS__.css, ...__OWNER_ASSETS__.scripts]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith("dx-owner-static-") && name !== STATIC) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (e.request.method === "GET") {
    if (path.startsWith("/static/")) return e.respondWith(fromCacheFirst(e.request));
    if (KEPT_PAGE.test(path)) return e.respondWith(keptPage(e.request, path));
    if (CODE.test(path)) return e.respondWith(otherOwnerPage(e.request, path));
    return;
  }
  if (e.request.method === "POST" && PART_POST.test(path)) return e.respondWith(savePart(e.request, path));
  if (e.request.method === "POST" && CODE.test(path)) return e.respondWith(otherOwnerPost(e.request, path));
});

self.addEventListener("message", (e) => {
  const data = e.data as { type?: string; urls?: unknown } | null;
  if (data?.type === "keep" && Array.isArray(data.urls)) e.waitUntil(keepPages(data.urls.filter((u): u is string => typeof u === "string" && KEPT_PAGE.test(u))));
  if (data?.type === "flush") e.waitUntil(sendKept());
});

// Background Sync, where the browser has it: the kept saves go even if the owner closed the page.
self.addEventListener("sync" as "message", (e) => {
  const ev = e as unknown as ExtendableEvent & { tag?: string };
  if (ev.tag === "dx-owner-outbox") ev.waitUntil(sendKept());
});

async function fromCacheFirst(req: Request): Promise<Response> {
  const hit = await caches.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await (await caches.open(STATIC)).put(req, res.clone());
  return res;
}

/** Pages saved on since they were kept: refreshed when the next page is fetched online. */
const stale = new Set<string>();

async function keptPage(req: Request, path: string): Promise<Response> {
  const code = CODE.exec(path)![1]!;
  try {
    const res = await fetch(req);
    if (res.status === 200) {
      await (await caches.open(PAGES)).put(path, res.clone());
      stale.delete(path);
      void refreshStale();
      void sendKept();
    } else if (res.status === 404) await forgetCode(code);
    return res;
  } catch {
    return (await caches.match(path, { cacheName: PAGES })) ?? offlinePage(m.pageNotKept, await firstKeptPage(code));
  }
}

/** Another owner page (result, plan, data…): never kept; seeing it tells us the draft is over. */
async function otherOwnerPage(req: Request, path: string): Promise<Response> {
  const code = CODE.exec(path)![1]!;
  try {
    const res = await fetch(req);
    if (res.status === 404 || (res.status === 200 && /\/result$/.test(path))) await forgetCode(code);
    return res;
  } catch {
    // The address of the assessment itself leads to its first kept page.
    const first = /^\/a\/[^/]+$/.test(path) ? await firstKeptPage(code) : null;
    const kept = first ? await caches.match(first, { cacheName: PAGES }) : undefined;
    return kept ?? offlinePage(m.pageNotKept, first);
  }
}

async function savePart(req: Request, path: string): Promise<Response> {
  const copy = req.clone();
  const seqBefore = Date.now();
  try {
    const res = await fetch(req);
    if (res.status < 500 && res.status !== 429) {
      // The server has this page's answers now: an older kept save of it must not undo them.
      const older = (await pending()).find((k) => k.url === path && k.seq <= seqBefore);
      if (older) await forget(path);
      stale.add(path);
      stale.add(path.replace(/\/p\/\d+$/, "/review"));
      void sendKept();
    }
    return res;
  } catch {
    await keep(path, await copy.text());
    await (self.registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register("dx-owner-outbox").catch(() => undefined);
    if (req.headers.get("HX-Request") === "true") return new Response(null, { status: 202, headers: { "HX-Reswap": "none", "X-Kept-Offline": "1" } });
    return Response.redirect(new URL(`${await nextKeptPage(path)}?kept=1`, self.location.origin).href, 303);
  }
}

/** Submitting, erasing, asking for advice: these need the server; without signal, say so on a page. */
async function otherOwnerPost(req: Request, path: string): Promise<Response> {
  const code = CODE.exec(path)![1]!;
  try {
    const res = await fetch(req);
    if (/\/data\/erase$/.test(path) || res.status === 404) await forgetCode(code);
    return res;
  } catch {
    return offlinePage(/\/submit$/.test(path) ? m.submitOffline : m.pageNotKept, await firstKeptPage(code));
  }
}

async function keepPages(urls: string[]): Promise<void> {
  const cache = await caches.open(PAGES);
  for (const u of urls) {
    if (await cache.match(u)) continue;
    try {
      const res = await fetch(u, { credentials: "same-origin" });
      if (res.status === 200) await cache.put(u, res);
    } catch {
      return; // no signal: the rest is kept on a later visit
    }
  }
}

async function refreshStale(): Promise<void> {
  const cache = await caches.open(PAGES);
  for (const u of [...stale]) {
    stale.delete(u);
    try {
      const res = await fetch(u, { credentials: "same-origin" });
      if (res.status === 200) await cache.put(u, res);
      else if (res.status === 404) await forgetCode(CODE.exec(u)![1]!);
    } catch {
      stale.add(u);
      return;
    }
  }
}

async function sendKept(): Promise<void> {
  if (!(await pending()).length) return;
  const r = await flush();
  if (!r.sent && !r.refused) return;
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage({ type: "sent", ...r });
}

async function forgetCode(code: string): Promise<void> {
  const cache = await caches.open(PAGES);
  for (const req of await cache.keys()) if (new URL(req.url).pathname.startsWith(`/a/${code}/`)) await cache.delete(req);
}

async function keptPathsOf(code: string): Promise<string[]> {
  const cache = await caches.open(PAGES);
  return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith(`/a/${code}/`));
}

async function firstKeptPage(code: string): Promise<string | null> {
  const paths = await keptPathsOf(code);
  const parts = paths.map((p) => Number(/\/p\/(\d+)$/.exec(p)?.[1])).filter((n) => n > 0).sort((a, b) => a - b);
  return parts.length ? `/a/${code}/p/${parts[0]}` : paths.find((p) => p.endsWith("/review")) ?? null;
}

/** Where "Lưu" leads without signal: the next part kept here, else the review page, else this part again. */
async function nextKeptPage(path: string): Promise<string> {
  const [, code, n] = PART_POST.exec(path)!;
  const paths = new Set(await keptPathsOf(code!));
  const next = `/a/${code}/p/${Number(n) + 1}`;
  if (paths.has(next)) return next;
  const review = `/a/${code}/review`;
  return paths.has(review) ? review : path;
}

function offlinePage(message: string, back: string | null): Response {
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(m.offlineTitle)}</title><link rel="stylesheet" href="${esc(__OWNER_ASSETS__.css)}"></head><body><main id="main" class="narrow"><h1>${esc(m.offlineTitle)}</h1><p class="alert">${esc(message)}</p>${back ? `<p><a class="button" href="${esc(back)}">${esc(m.back)}</a></p>` : ""}</main></body></html>`;
  return new Response(html, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}


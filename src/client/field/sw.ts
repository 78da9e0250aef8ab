/// <reference lib="webworker" />
// The service worker of the advisor's offline app (/staff/field/sw.js, scope /staff/field/): keeps
// the app's page, styles and script on the device so the app opens without signal. The page comes
// from the server whenever it answers (an ended session then leads to sign-in); the device's copy
// only when it does not. The app's data lives in IndexedDB, not here (store.ts).

declare const self: ServiceWorkerGlobalScope;
/** The app page and the files it needs (hashed, immutable), set when this script is built. */
declare const __FIELD_ASSETS__: { shell: string; files: string[] };

const CACHE = `dx-field-${__FIELD_ASSETS__.files.join("|").length}-${__FIELD_ASSETS__.files.map((f) => f.slice(-14)).join("")}`;

self.addEventListener("install", (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll([__FIELD_ASSETS__.shell, ...__FIELD_ASSETS__.files]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith("dx-field-") && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (e) => {
  if (e.request.method !== "GET") return;
  const url = new URL(e.request.url);
  if (url.origin !== self.location.origin) return;
  if (e.request.mode === "navigate" && url.pathname === __FIELD_ASSETS__.shell) return e.respondWith(shell(e.request));
  if (__FIELD_ASSETS__.files.includes(url.pathname)) return e.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(e.request)));
});

async function shell(req: Request): Promise<Response> {
  try {
    const res = await fetch(req);
    if (res.status === 200) await (await caches.open(CACHE)).put(__FIELD_ASSETS__.shell, res.clone());
    return res;
  } catch {
    return (await caches.match(__FIELD_ASSETS__.shell)) ?? Response.error();
  }
}
export {};

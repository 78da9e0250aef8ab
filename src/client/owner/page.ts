// Enhancements of the owner's questionnaire pages on top of htmx; every page works without them.
// - "None of these" and the other boxes of a question exclude each other: untick before saving.
// - Say how a save went (saving, saved, kept on the phone, why it failed).
// - Without signal: saves are kept on the phone and sent in order when the server can be reached
//   (the service worker, sw.ts; where there is none, this page does it), and the page says so.
import { fmt } from "../../../views/messages.ts";
import { offline } from "../../../views/messages/offline.ts";
import { untickExclusive } from "../questionForm.ts";
import { flush, keep, pending, type FlushResult } from "./outbox.ts";

const m = offline.owner;
const form = document.querySelector<HTMLFormElement>("form[data-autosave]");
const timeNow = () => new Date().toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });

function status(text: string, warn: boolean) {
  const el = document.getElementById("save-status");
  if (!el) return;
  el.textContent = text;
  el.className = warn ? "offline" : "";
}

/** A line under the heading while saves wait on the phone, or once they were sent. */
function banner(text: string | null, warn = true) {
  let el = document.getElementById("kept-banner");
  if (!text) return el?.remove();
  if (!el) {
    el = document.createElement("p");
    el.id = "kept-banner";
    el.setAttribute("role", "status");
    document.querySelector("main h1")?.after(el);
  }
  el.className = warn ? "notice offline" : "notice";
  el.textContent = text;
}

async function showWaiting() {
  const n = (await pending().catch(() => [])).length;
  if (n) banner(fmt(m.waiting, { n }));
}

function showSent(r: FlushResult) {
  if (r.refused) banner(fmt(m.sentRefused, { time: timeNow(), n: r.refused }));
  else if (r.sent) banner(fmt(m.sentMore, { time: timeNow() }), false);
  void showWaiting();
}

document.addEventListener("change", (e) => untickExclusive(e.target), true);

document.addEventListener("htmx:beforeRequest", (e) => {
  const f = e.target as Element | null;
  if (f?.matches?.("form[data-autosave]")) status(f.getAttribute("data-saving") ?? "", false);
});

document.addEventListener("htmx:afterRequest", (e) => {
  const xhr = (e as CustomEvent<{ xhr?: XMLHttpRequest }>).detail?.xhr;
  if (xhr?.status === 202 && xhr.getResponseHeader("X-Kept-Offline")) {
    status(m.keptOnPhone, true);
    void showWaiting();
  }
});

// No service worker (an old browser, or a page opened before it was installed): keep the save here.
document.addEventListener("htmx:sendError", (e) => {
  const f = (e.target as Element | null)?.closest?.<HTMLFormElement>("form[data-autosave]");
  if (!f) return;
  const body = new URLSearchParams(new FormData(f) as unknown as Record<string, string>).toString();
  keep(new URL(f.action).pathname, body).then(
    () => {
      status(m.keptOnPhone, true);
      void showWaiting();
    },
    () => status(f.getAttribute("data-offline") ?? "", true),
  );
});

// Say why a save failed: a wrong answer, an assessment gone, too many wrong codes, the server.
document.addEventListener("htmx:responseError", (e) => {
  const f = (e.target as Element | null)?.closest?.("form[data-autosave]");
  if (!f) return;
  const code = (e as CustomEvent<{ xhr?: XMLHttpRequest }>).detail?.xhr?.status ?? 0;
  const why = code === 422 ? "data-invalid" : code === 404 ? "data-gone" : code === 429 ? "data-limited" : "data-failed";
  status(f.getAttribute(why) ?? "", true);
});

/** The answers of this page saved on the phone but not sent yet: shown as the owner left them. */
async function showKeptAnswers(f: HTMLFormElement) {
  const kept = (await pending().catch(() => [])).find((k) => k.url === new URL(f.action).pathname);
  if (!kept) return;
  const sent = new URLSearchParams(kept.body);
  for (const id of (sent.get("shown") ?? "").split(",").filter(Boolean)) {
    const ticked = new Set(sent.getAll(`q.${id}`));
    f.querySelectorAll<HTMLInputElement>(`input[name="q.${CSS.escape(id)}"]`).forEach((input) => (input.checked = ticked.has(input.value)));
  }
}

async function sendKept() {
  const sw = navigator.serviceWorker?.controller;
  if (sw) return sw.postMessage({ type: "flush" });
  if ((await pending().catch(() => [])).length) showSent(await flush());
}

if (form) {
  void showKeptAnswers(form).then(showWaiting);
  if (new URLSearchParams(location.search).has("kept")) {
    banner(m.keptNotice);
    history.replaceState(null, "", location.pathname + location.hash);
  }
  const sw = navigator.serviceWorker;
  if (sw) {
    sw.register("/sw.js").catch(() => undefined);
    sw.addEventListener("message", (e) => {
      const data = e.data as ({ type?: string } & FlushResult) | null;
      if (data?.type === "sent") showSent(data);
    });
    // Keep every page of this questionnaire on the phone, so it opens without signal.
    const parts = Number(form.getAttribute("data-parts") ?? 0);
    const base = new URL(form.action).pathname.replace(/\/p\/\d+$/, "");
    const urls = [...Array.from({ length: parts }, (_, i) => `${base}/p/${i + 1}`), `${base}/review`];
    sw.ready.then((reg) => reg.active?.postMessage({ type: "keep", urls })).catch(() => undefined);
  }
  window.addEventListener("online", () => void sendKept());
  void sendKept();
}

// The advisor's offline app (/staff/field/): capture assessments without signal, show the owner
// the result computed on the device, send them when the network is back. Screens are the views of
// views/field/screens.tsx rendered here; every rule comes from src/domain (see capture.ts).
import { consentsSchema, profileSchema } from "../../domain/profile.ts";
import { formatResumeCode, newResumeCode } from "../../domain/resumeCode.ts";
import type { AnswerValue } from "../../domain/scoring.ts";
import { profileFromForm } from "../../http/forms.ts";
import { fmt, vi } from "../../../views/messages.ts";
import { HomeScreen, PartScreen, ProfileScreen, ResultScreen, ReviewScreen } from "../../../views/field/screens.tsx";
import type { Refused } from "../../../views/question.tsx";
import { refusedAnswers } from "../../../views/question.tsx";
import { untickExclusive } from "../questionForm.ts";
import { applyAnswers, missingOf, partView, resultOf, resumeAt } from "./capture.ts";
import { captureOf, captures, clearSent, currentPackage, packageOf, removeCapture, saveCapture, savePackage, sentList, type Capture, type Package } from "./store.ts";
import { syncAll, waiting, type SyncOutcome } from "./sync.ts";

const m = vi.offline.field;
const root = document.getElementById("field-app")!;
/** The staff member this page was served to; absent when the device's copy of the page was used. */
const servedTo = Number(root.getAttribute("data-staff-id")) || null;
const timeNow = () => new Date().toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

let status: { text: string; warn?: boolean; signIn?: boolean } | undefined;
let refusedNow: Refused | undefined;

function show(html: unknown) {
  root.innerHTML = String(html);
}

const prefix = (fields: Record<string, string>, p: string) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${p}.${k}`, v]));
const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const out: Record<string, string> = {};
  for (const i of e.issues) out[i.path.map(String).join(".") || "_"] ??= i.message;
  return out;
};

async function home() {
  const pkg = await currentPackage();
  const all = await captures();
  // Read after the captures: one sent meanwhile is listed as sent only.
  const sent = await sentList();
  const gone = new Set(sent.map((s) => s.clientId));
  const line = (c: Capture) => ({ clientId: c.clientId, name: c.profile?.name ?? c.form.name ?? "", startedAt: c.startedAt, capturedAt: c.capturedAt, refused: c.refused });
  show(
    <HomeScreen
      online={navigator.onLine}
      pkg={pkg ? { version: pkg.questionnaire.version, downloadedAt: pkg.downloadedAt, staffName: pkg.staff.name } : null}
      status={status}
      drafts={all.filter((c) => !c.capturedAt).map(line)}
      ready={(await waiting()).filter((c) => !gone.has(c.clientId)).map(line)}
      sent={sent.map((s) => ({ ...s, code: s.code ? formatResumeCode(s.code.replace(/-/g, "")) : null }))}
    />,
  );
}

async function route() {
  refusedNow = refusedNow && location.hash.includes("/p/") ? refusedNow : undefined;
  const h = location.hash.replace(/^#/, "") || "/";
  if (h === "/new") return startNew();
  const match = /^\/c\/([0-9a-f-]{36})\/(profile|resume|review|result|p\/(\d+))$/.exec(h);
  if (!match) return home();
  const c = await captureOf(match[1]!);
  const pkg = c && (await packageOf(c.questionnaireHash));
  if (!c || !pkg) {
    status = { text: m.notFound, warn: true };
    location.hash = "#/";
    return home();
  }
  const screen = match[2]!;
  if (screen === "resume") return void (location.hash = resumeAt(c, pkg));
  if (screen === "profile" || !c.profile) return profileScreen(c, pkg);
  if (screen === "review") return reviewScreen(c, pkg);
  if (screen === "result") return c.capturedAt ? resultScreen(c, pkg) : reviewScreen(c, pkg);
  return partScreen(c, pkg, Number(match[3]));
}

async function startNew() {
  const pkg = await currentPackage();
  if (!pkg) return void (location.hash = "#/");
  const now = new Date().toISOString();
  const c: Capture = {
    clientId: crypto.randomUUID(),
    staffId: pkg.staff.id,
    staffName: pkg.staff.name,
    questionnaireHash: pkg.packageOf,
    policyVersion: pkg.consent.policyVersion,
    startedAt: now,
    updatedAt: now,
    capturedAt: null,
    form: {},
    profile: null,
    consents: null,
    answers: {},
    notes: {},
    code: newResumeCode(),
    shown: null,
  };
  await saveCapture(c);
  location.replace(`#/c/${c.clientId}/profile`);
}

function profileScreen(c: Capture, pkg: Package, errors?: Record<string, string>) {
  show(<ProfileScreen clientId={c.clientId} communes={pkg.communes} consent={pkg.consent} values={c.form} errors={errors} staffName={c.staffName} />);
  if (errors) document.getElementById("errors")?.focus();
}

function partScreen(c: Capture, pkg: Package, n: number, savedAt?: string) {
  const v = partView(c, pkg, n);
  if (!v) return void (location.hash = `#/c/${c.clientId}/review`);
  show(
    <PartScreen
      clientId={c.clientId}
      businessName={c.profile!.name}
      partNumber={v.part.number}
      partCount={v.partCount}
      title={v.part.title}
      questions={v.questions}
      firstIndex={v.firstIndex}
      answers={c.answers}
      notes={c.notes}
      answered={v.answered}
      total={v.total}
      refused={refusedNow}
      savedAt={savedAt}
    />,
  );
}

function reviewScreen(c: Capture, pkg: Package) {
  show(<ReviewScreen clientId={c.clientId} businessName={c.profile!.name} missing={missingOf(c, pkg) ?? []} />);
}

function resultScreen(c: Capture, pkg: Package) {
  const r = resultOf(c, pkg);
  show(<ResultScreen clientId={c.clientId} businessName={c.profile!.name} level={r.level} overall={r.overall} pillars={r.pillars} lift={r.lift} steps={r.steps} code={formatResumeCode(c.code)} sent={false} />);
}

/** The answers and notes of the questions on a part's form. */
function readPart(form: HTMLFormElement) {
  const data = new FormData(form);
  const shown = String(data.get("shown") ?? "").split(",").filter(Boolean);
  const answers: Record<string, AnswerValue | null> = {};
  const notes: Capture["notes"] = {};
  for (const id of shown) {
    const inputs = form.querySelectorAll<HTMLInputElement>(`input[name="q.${CSS.escape(id)}"]`);
    const picked = data.getAll(`q.${id}`).map(String);
    if (inputs[0]?.type === "radio") {
      if (picked[0] !== undefined) answers[id] = picked[0];
    } else answers[id] = picked.length ? picked : null;
    const note = String(data.get(`note.${id}`) ?? "").trim().slice(0, 1000);
    const evidenceSeen = data.get(`evidence.${id}`) === "yes";
    notes[id] = { note: note || null, evidenceSeen };
  }
  return { shown, answers, notes };
}

const formState = (form: HTMLFormElement) => new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString();

// Saves run one after another: each reads the whole form, so none can overwrite a later one.
let saving: Promise<unknown> = Promise.resolve();
function savePart(form: HTMLFormElement, rerender: boolean): ReturnType<typeof savePartNow> {
  const run = saving.then(() => savePartNow(form, rerender));
  saving = run.catch(() => undefined);
  return run;
}

async function savePartNow(form: HTMLFormElement, rerender: boolean) {
  if (!form.isConnected) return null;
  const id = form.getAttribute("data-capture")!;
  const n = Number(form.getAttribute("data-part"));
  const c = await captureOf(id);
  const pkg = c && (await packageOf(c.questionnaireHash));
  if (!c || !pkg) return null;
  const state = formState(form);
  const read = readPart(form);
  const applied = applyAnswers(c, pkg, read.answers);
  const notes = { ...c.notes };
  for (const [q, note] of Object.entries(read.notes)) {
    if (note.note || note.evidenceSeen) notes[q] = note;
    else delete notes[q];
  }
  // A capture edited after it was finished must be finished again (its result may have changed).
  const next: Capture = { ...applied.capture, notes, capturedAt: null, shown: null };
  await saveCapture(next);
  refusedNow = Object.keys(applied.refused).length ? refusedAnswers(applied.refused, read.answers) : undefined;
  const before = read.shown.join(",");
  const after = partView(next, pkg, n)?.questions.map((q) => q.id).join(",");
  // Ticked while this save ran: the next save (already queued by its change event) redraws.
  const changedMeanwhile = formState(form) !== state;
  if (!changedMeanwhile && (rerender || refusedNow || before !== after)) {
    const y = window.scrollY;
    partScreen(next, pkg, n, timeNow());
    window.scrollTo(0, y);
  } else {
    const el = document.getElementById("save-status");
    if (el) el.textContent = fmt(m.keptHere, { time: timeNow() });
    const v = partView(next, pkg, n);
    const count = document.getElementById("answered-count");
    const bar = document.getElementById("answered-bar") as HTMLProgressElement | null;
    if (v && count) count.textContent = fmt(vi.part.answered, { answered: v.answered, total: v.total });
    if (v && bar) bar.value = v.answered;
  }
  return { capture: next, pkg, n, opened: before !== after };
}

async function download() {
  status = { text: m.downloading };
  await home();
  try {
    const res = await fetch("/api/v1/field/package", { credentials: "same-origin", headers: { accept: "application/json" } });
    if (res.status === 401) status = { text: m.sessionExpired, warn: true, signIn: true };
    else if (!res.ok) status = { text: m.downloadFailed, warn: true };
    else {
      const pkg = (await res.json()) as Package;
      await savePackage(pkg);
      status = { text: fmt(m.downloaded, { version: pkg.questionnaire.version, at: timeNow() }) };
    }
  } catch {
    status = { text: m.downloadFailed, warn: true };
  }
  await home();
}

function describe(o: SyncOutcome): typeof status {
  switch (o.kind) {
    case "done":
      return o.sent ? { text: fmt(m.sentAll, { n: o.sent, at: timeNow() }) } : undefined;
    case "stopped":
      return { text: fmt(m.stopped, { done: o.sent, n: o.total }), warn: true };
    case "signIn":
      return { text: m.sessionExpired, warn: true, signIn: true };
    case "notAdvisor":
      return { text: m.notAdvisor, warn: true };
    case "otherAdvisor":
      return { text: fmt(m.otherAdvisor, { name: o.name }), warn: true };
    case "busy":
      return { text: m.serverBusy, warn: true };
  }
}

async function sync() {
  if (!(await waiting()).length) return;
  const outcome = await syncAll(servedTo, async (i, n) => {
    status = { text: fmt(m.sending, { i, n }) };
    if (!location.hash || location.hash === "#/") await home();
  });
  status = describe(outcome);
  if (!location.hash || location.hash === "#/") await home();
}

// ── Events ──

root.addEventListener("change", (e) => untickExclusive(e.target), true);

root.addEventListener("change", (e) => {
  const form = (e.target as Element).closest?.<HTMLFormElement>("#part-form");
  if (form) void savePart(form, false);
});

let noteTimer: ReturnType<typeof setTimeout> | undefined;
root.addEventListener("input", (e) => {
  const form = (e.target as Element).closest?.<HTMLFormElement>("#part-form");
  if (!form || (e.target as Element).tagName !== "TEXTAREA") return;
  clearTimeout(noteTimer);
  noteTimer = setTimeout(() => void savePart(form, false), 400);
});

root.addEventListener("submit", (e) => {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  if (form.id === "profile-form") void submitProfile(form);
  if (form.id === "part-form")
    void savePart(form, false).then((r) => {
      if (!r) return;
      if (refusedNow || r.opened) return; // stay: a refused answer to fix, or follow-ups just opened
      const next = partView(r.capture, r.pkg, r.n + 1);
      location.hash = next ? `#/c/${r.capture.clientId}/p/${r.n + 1}` : `#/c/${r.capture.clientId}/review`;
      window.scrollTo(0, 0);
    });
});

async function submitProfile(form: HTMLFormElement) {
  const id = form.getAttribute("data-capture")!;
  const c = await captureOf(id);
  const pkg = c && (await packageOf(c.questionnaireHash));
  if (!c || !pkg) return;
  const values: Record<string, string> = {};
  new FormData(form).forEach((v, k) => (values[k] = String(v)));
  const input = profileFromForm(values);
  const p = profileSchema.safeParse(input.profile);
  const k = consentsSchema.safeParse(input.consents);
  let errors: Record<string, string> = { ...(p.success ? {} : prefix(issues(p.error), "profile")), ...(k.success ? {} : prefix(issues(k.error), "consents")) };
  if (p.success && !pkg.communes.some((x) => x.id === p.data.communeId)) errors = { "profile.communeId": "chọn một xã/phường trong danh sách" };
  if (!p.success || !k.success || Object.keys(errors).length) {
    await saveCapture({ ...c, form: values });
    return profileScreen({ ...c, form: values }, pkg, errors);
  }
  await saveCapture({ ...c, form: values, profile: p.data, consents: k.data, capturedAt: null, shown: null });
  location.hash = `#/c/${c.clientId}/p/1`;
  window.scrollTo(0, 0);
}

root.addEventListener("click", (e) => {
  const el = (e.target as Element).closest?.<HTMLElement>("[data-action]");
  if (!el) return;
  const action = el.getAttribute("data-action");
  if (action === "download") void download();
  if (action === "sync") void sync();
  if (action === "clear-sent") void clearSent().then(home);
  if (action === "remove" && confirm(fmt(m.removeConfirm, { name: el.getAttribute("data-name") ?? "" }))) void removeCapture(el.getAttribute("data-id")!).then(home);
  if (action === "finish") void finish(el.getAttribute("data-id")!);
});

async function finish(id: string) {
  const c = await captureOf(id);
  const pkg = c && (await packageOf(c.questionnaireHash));
  if (!c || !pkg || (missingOf(c, pkg) ?? [1]).length) return;
  const r = resultOf(c, pkg);
  await saveCapture({ ...c, capturedAt: new Date().toISOString(), shown: { overall: r.overall, nationalLevel: r.level.level }, refused: undefined });
  location.hash = `#/c/${id}/result`;
  window.scrollTo(0, 0);
}

window.addEventListener("hashchange", () => void route());
const netChanged = () => {
  if (navigator.onLine) void sync();
  if (!location.hash || location.hash === "#/") void home();
};
window.addEventListener("online", netChanged);
window.addEventListener("offline", netChanged);

navigator.serviceWorker?.register("/staff/field/sw.js", { scope: "/staff/field/" }).catch(() => undefined);
void route().then(() => (navigator.onLine && servedTo ? sync() : undefined));

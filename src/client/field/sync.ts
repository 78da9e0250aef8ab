// Sending finished captures to the server, oldest first, one request each. Each request is
// idempotent (the id made on the device), so a sync cut off at any point is simply run again: a
// capture whose answer was lost on the way is found on the server, not recorded twice.
import type { CaptureReceipt, CapturedAssessment } from "../../domain/captured.ts";
import { captures, markSent, saveCapture, type Capture } from "./store.ts";

export type SyncOutcome =
  | { kind: "done"; sent: number }
  /** The network dropped (or the server failed): what was sent is sent, the rest waits. */
  | { kind: "stopped"; sent: number; total: number }
  /** The staff session ended while the device was away: sign in, then sync again. */
  | { kind: "signIn"; sent: number }
  | { kind: "notAdvisor" }
  /** Captures of another advisor than the one signed in. */
  | { kind: "otherAdvisor"; name: string; sent: number }
  | { kind: "busy"; sent: number };

export function bodyOf(c: Capture): CapturedAssessment {
  return {
    questionnaireHash: c.questionnaireHash,
    policyVersion: c.policyVersion,
    profile: c.profile as unknown as Record<string, unknown>,
    consents: c.consents as unknown as Record<string, unknown>,
    answers: c.answers,
    notes: Object.fromEntries(Object.entries(c.notes).filter(([, n]) => n.note || n.evidenceSeen)),
    code: c.code,
    capturedBy: c.staffId,
    capturedAt: c.capturedAt!,
    shown: c.shown ?? undefined,
  };
}

/** Finished captures waiting for the server, oldest first. */
export async function waiting(): Promise<Capture[]> {
  return (await captures()).filter((c) => c.capturedAt).sort((a, b) => a.capturedAt!.localeCompare(b.capturedAt!));
}

let running: Promise<SyncOutcome> | null = null;

/** `signedIn`: the staff member the page was served to (null when it came from the device's copy). */
export function syncAll(signedIn: number | null, progress: (i: number, n: number) => void): Promise<SyncOutcome> {
  return (running ??= (async () => {
    try {
      const all = await waiting();
      const mine = signedIn === null ? all : all.filter((c) => c.staffId === signedIn);
      let sent = 0;
      for (const [i, c] of mine.entries()) {
        progress(i + 1, mine.length);
        let res: Response;
        try {
          res = await fetch(`/api/v1/field/assessments/${c.clientId}`, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(bodyOf(c)),
            credentials: "same-origin",
          });
        } catch {
          return { kind: "stopped", sent, total: mine.length };
        }
        if (res.status === 401) return { kind: "signIn", sent };
        if (res.status === 403) return { kind: "notAdvisor" };
        if (res.status === 429 || res.status >= 500) return { kind: "busy", sent };
        if (res.ok) {
          const r = (await res.json()) as CaptureReceipt;
          const taken = r.conflicts.find((x) => x.kind === "code_taken");
          await markSent({
            clientId: c.clientId,
            name: c.profile?.name ?? "",
            syncedAt: r.syncedAt,
            assessmentId: r.assessmentId,
            code: taken && taken.kind === "code_taken" ? taken.code : (r.code ?? c.code),
            conflicts: r.conflicts,
            receivedAt: new Date().toISOString(),
          });
          sent++;
          continue;
        }
        // Refused (the capture itself is wrong, or another advisor's): it stays here, with the reason.
        const e = ((await res.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string> } } | null)?.error;
        await saveCapture({ ...c, refused: [e?.message, ...Object.values(e?.fields ?? {})].filter(Boolean).join(" ") || String(res.status) });
      }
      const others = all.filter((c) => !mine.includes(c));
      if (others.length) return { kind: "otherAdvisor", name: others[0]!.staffName, sent };
      return { kind: "done", sent };
    } finally {
      running = null;
    }
  })());
}

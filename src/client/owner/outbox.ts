// Answers an owner saved without signal, kept in IndexedDB until the server has them. One entry
// per questionnaire page (its address): a page's form holds every answer of the page, so a newer
// save of the page replaces the older one, and entries are sent in the order they were last saved.
import { deleteOne, getAll, inTransaction, openDb, putOne } from "../idb.ts";

export interface KeptSave {
  /** The form's address, e.g. /a/ABCD-EFGH-JKMN/p/2. */
  url: string;
  /** The form as the browser would have posted it (application/x-www-form-urlencoded). */
  body: string;
  /** Order of saving; a later save of the same page has a larger one. */
  seq: number;
  at: string;
}

const STORE = "outbox";
let opened: Promise<IDBDatabase> | undefined;
const db = () => (opened ??= openDb("dx-owner", 1, { [STORE]: "url" }));

let last = 0;
/** Keeps a save of a page; a save of the same page kept earlier is replaced. */
export async function keep(url: string, body: string): Promise<void> {
  last = Math.max(last + 1, Date.now());
  await putOne(await db(), STORE, { url, body, seq: last, at: new Date().toISOString() } satisfies KeptSave);
}

export async function pending(): Promise<KeptSave[]> {
  return (await getAll<KeptSave>(await db(), STORE)).sort((a, b) => a.seq - b.seq);
}

/** Drops a kept save once the server has answered it; a newer save of the page kept meanwhile stays. */
export async function drop(url: string, upToSeq: number): Promise<void> {
  const d = await db();
  await inTransaction(d, [STORE], "readwrite", (tx) => {
    const store = tx.objectStore(STORE);
    const req = store.get(url);
    req.onsuccess = () => {
      const kept = req.result as KeptSave | undefined;
      if (kept && kept.seq <= upToSeq) store.delete(url);
    };
  });
}

export const forget = async (url: string) => deleteOne(await db(), STORE, url);

export interface FlushResult {
  sent: number;
  /** Saves the server refused outright (every answer of the page was refused). */
  refused: number;
  /** Some saves could not be sent now (no network, the server busy): they wait for the next try. */
  stopped: boolean;
}

let flushing: Promise<FlushResult> | null = null;

/**
 * Sends the kept saves in order. Stops at the first that cannot be sent now (no network, the
 * server busy or failing) and leaves it and the rest for the next try. Anything the server has
 * decided on (saved, refused, the assessment submitted or erased meanwhile) is dropped.
 */
export function flush(): Promise<FlushResult> {
  return (flushing ??= (async () => {
    const out: FlushResult = { sent: 0, refused: 0, stopped: false };
    try {
      for (const k of await pending()) {
        let res: Response;
        try {
          res = await fetch(k.url, {
            method: "POST",
            body: k.body,
            // As the autosave sends it: the server answers with the part of the page, not a redirect.
            headers: { "content-type": "application/x-www-form-urlencoded", "HX-Request": "true" },
            redirect: "manual",
            credentials: "same-origin",
          });
        } catch {
          out.stopped = true;
          break;
        }
        if (res.status === 429 || res.status >= 500) {
          out.stopped = true;
          break;
        }
        // A page comes back marking an answer it refused (the rest of the page was saved).
        if (res.status === 422 || (res.ok && (await res.text()).includes('class="q refused"'))) out.refused++;
        else out.sent++;
        await drop(k.url, k.seq);
      }
    } finally {
      flushing = null;
    }
    return out;
  })());
}

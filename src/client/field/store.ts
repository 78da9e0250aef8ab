// What the advisor's offline app keeps on the device, in IndexedDB (it outlives a closed browser):
// the downloaded packages (one per questionnaire version still needed), the captures not yet on
// the server, and a short receipt of each capture sent (its answers are deleted once sent).
import type { FieldPackage } from "../../http/api/v1/field.ts";
import type { Consents, Profile } from "../../domain/profile.ts";
import type { AnswerValue } from "../../domain/scoring.ts";
import type { SentLine } from "../../../views/field/screens.tsx";
import { deleteOne, getAll, getOne, inTransaction, openDb, putOne } from "../idb.ts";

export type Package = FieldPackage;

export interface Note {
  note: string | null;
  evidenceSeen: boolean;
}

export interface Capture {
  clientId: string;
  /** The advisor who captured it: only they may send it. */
  staffId: number;
  staffName: string;
  questionnaireHash: string;
  policyVersion: string;
  startedAt: string;
  updatedAt: string;
  /** Set when the advisor finished it (all answered, result shown). */
  capturedAt: string | null;
  /** The profile form as typed, and once valid, as checked. */
  form: Record<string, string>;
  profile: Profile | null;
  consents: Consents | null;
  answers: Record<string, AnswerValue>;
  notes: Record<string, Note>;
  /** The owner's resume code, made on the device (canonical form). */
  code: string;
  /** The result shown to the owner. */
  shown: { overall: number; nationalLevel: number } | null;
  /** Why the server did not take it yet (the capture stays here). */
  refused?: string;
}

/** A receipt the server gave: what the home screen lists as sent, and when this device got it. */
export interface Sent extends SentLine {
  /** When this device got the receipt (receipts are cleared after a week). */
  receivedAt: string;
}

const PACKAGES = "packages";
const CAPTURES = "captures";
const SENT = "sent";
let opened: Promise<IDBDatabase> | undefined;
const db = () => (opened ??= openDb("dx-field", 1, { [PACKAGES]: "packageOf", [CAPTURES]: "clientId", [SENT]: "clientId" }));

export const packages = async () => getAll<Package>(await db(), PACKAGES);
export const packageOf = async (hash: string) => getOne<Package>(await db(), PACKAGES, hash);

/** The package most recently downloaded: new captures are made on it. */
export async function currentPackage(): Promise<Package | undefined> {
  return (await packages()).sort((a, b) => b.downloadedAt.localeCompare(a.downloadedAt))[0];
}

/** Keeps a new package, and drops older ones no capture on the device still needs. */
export async function savePackage(pkg: Package): Promise<void> {
  const d = await db();
  const needed = new Set((await captures()).map((c) => c.questionnaireHash));
  await inTransaction(d, [PACKAGES], "readwrite", (tx) => {
    const store = tx.objectStore(PACKAGES);
    store.put(pkg);
    const req = store.getAllKeys();
    req.onsuccess = () => {
      for (const key of req.result) if (key !== pkg.packageOf && !needed.has(String(key))) store.delete(key);
    };
  });
}

export const captures = async () => getAll<Capture>(await db(), CAPTURES);
export const captureOf = async (id: string) => getOne<Capture>(await db(), CAPTURES, id);
export const saveCapture = async (c: Capture) => putOne(await db(), CAPTURES, { ...c, updatedAt: new Date().toISOString() });
export const removeCapture = async (id: string) => deleteOne(await db(), CAPTURES, id);

export async function sentList(): Promise<Sent[]> {
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const all = await getAll<Sent>(await db(), SENT);
  for (const s of all.filter((x) => x.receivedAt < weekAgo)) await deleteOne(await db(), SENT, s.clientId);
  return all.filter((x) => x.receivedAt >= weekAgo).sort((a, b) => b.syncedAt.localeCompare(a.syncedAt));
}

/** The server has the capture: keep its receipt and delete the capture, in one transaction. */
export async function markSent(sent: Sent): Promise<void> {
  await inTransaction(await db(), [CAPTURES, SENT], "readwrite", (tx) => {
    tx.objectStore(SENT).put(sent);
    tx.objectStore(CAPTURES).delete(sent.clientId);
  });
}

export async function clearSent(): Promise<void> {
  await inTransaction(await db(), [SENT], "readwrite", (tx) => void tx.objectStore(SENT).clear());
}

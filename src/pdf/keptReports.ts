// Owner reports kept rendered on disk, so the PDF is ready when the owner taps. A report changes
// only when what it shows changes, so each file is keyed by what it is made from: the assessment
// (id and code hash), its revision (raised by the database on every write to the assessment, its
// answers or consents: see docs/decisions/009), the validating advisor's name, the address printed
// in its QR code, its language, and the build that renders it (content files and the renderer's sources). A
// change of any of these is a new key; nothing is invalidated. Peer figures are those of the day
// the report was made (its cover says that day); a file older than `maxAgeMs` is made again.
//
// A report holds the owner's resume code (printed, and in its QR code), and the database keeps
// only the code's hash; so each file is sealed (AES-256-GCM) with a key made from SESSION_SECRET
// and the code itself. Only a request that carries the code can open it: a copied data folder
// gives nothing. One file per assessment and language (the latest); all of them together at most `maxBytes`,
// the least recently used going first; the assessment's folder goes when it is erased.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { LOCALES, type Locale } from "../domain/vocabularies.ts";

/** What a kept report is made from (see above). */
export interface ReportRef {
  id: number;
  codeHash: string;
  revision: number;
  validatedBy: string | null;
  publicUrl: string;
  locale: Locale;
}

export interface KeptReportsOptions {
  dir: string;
  /** Keys the seal (derived from SESSION_SECRET). */
  sealKey: Buffer;
  /** The build that renders reports (rendererFingerprint). */
  fingerprint: string;
  maxBytes?: number;
  maxAgeMs?: number;
}

interface Entry {
  id: number;
  locale: Locale;
  key: string;
  revision: number;
  file: string;
  size: number;
  madeAt: number;
  lastUsed: number;
}

/** Where an assessment's report in one language is kept: one file each. */
const slotOf = (id: number, locale: Locale) => `${id}|${locale}`;

const IV = 12;
const TAG = 16;

export class KeptReports {
  readonly dir: string;
  readonly maxBytes: number;
  readonly maxAgeMs: number;
  private readonly sealKey: Buffer;
  private readonly fingerprint: string;
  /** The one kept file per assessment and language (slotOf). */
  private entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(opts: KeptReportsOptions) {
    this.dir = opts.dir;
    this.sealKey = opts.sealKey;
    this.fingerprint = opts.fingerprint;
    this.maxBytes = opts.maxBytes ?? 512 * 2 ** 20;
    this.maxAgeMs = opts.maxAgeMs ?? 7 * 24 * 3600_000;
    mkdirSync(this.dir, { recursive: true });
  }

  /**
   * Indexes the files already on disk (at start-up). Folders of assessments that no longer exist
   * (`exists` says no) are removed; so are files a crash left half written.
   */
  load(exists: (id: number) => boolean): void {
    for (const name of readdirSync(this.dir)) {
      const id = Number(name);
      const folder = join(this.dir, name);
      if (!/^\d+$/.test(name) || !exists(id)) {
        rmSync(folder, { recursive: true, force: true });
        continue;
      }
      for (const file of readdirSync(folder)) {
        const m = /^([0-9a-f]{40})-(\d+)-(\w+)\.pdf\.sealed$/.exec(file);
        const path = join(folder, file);
        if (!m || !(LOCALES as readonly string[]).includes(m[3]!)) {
          rmSync(path, { force: true });
          continue;
        }
        const st = statSync(path);
        const locale = m[3] as Locale;
        const known = this.entries.get(slotOf(id, locale));
        const entry: Entry = { id, locale, key: m[1]!, revision: Number(m[2]), file: path, size: st.size, madeAt: st.mtimeMs, lastUsed: st.mtimeMs };
        if (known && known.revision >= entry.revision) rmSync(path, { force: true });
        else {
          if (known) this.drop(slotOf(id, locale));
          this.add(entry);
        }
      }
    }
    this.evict();
  }

  keyOf(ref: ReportRef): string {
    return createHash("sha256")
      .update(JSON.stringify([this.fingerprint, ref.id, ref.codeHash, ref.revision, ref.validatedBy, ref.publicUrl, ref.locale]))
      .digest("hex")
      .slice(0, 40);
  }

  /** Whether a fresh report for `ref` is kept (no disk read). */
  has(ref: ReportRef, now = Date.now()): boolean {
    const e = this.entries.get(slotOf(ref.id, ref.locale));
    return !!e && e.key === this.keyOf(ref) && now - e.madeAt < this.maxAgeMs;
  }

  /** The kept report for `ref`, opened with the owner's `code`; null when none is kept (or it cannot be opened). */
  async read(ref: ReportRef, code: string, now = Date.now()): Promise<Uint8Array | null> {
    if (!this.has(ref, now)) return null;
    const e = this.entries.get(slotOf(ref.id, ref.locale))!;
    try {
      const sealed = await readFile(e.file);
      const pdf = this.open(sealed, code, e.key);
      if (pdf) e.lastUsed = now;
      return pdf;
    } catch {
      return null;
    }
  }

  /**
   * Keeps `pdf` for `ref`, replacing the assessment's older report. `stillThere` is asked after the
   * file is in place: an assessment erased meanwhile must not leave its report behind.
   */
  async write(ref: ReportRef, code: string, pdf: Uint8Array, stillThere: () => boolean): Promise<boolean> {
    const slot = slotOf(ref.id, ref.locale);
    const known = this.entries.get(slot);
    if (known && known.revision > ref.revision) return false; // a newer one is kept already
    const key = this.keyOf(ref);
    const folder = join(this.dir, String(ref.id));
    const file = join(folder, `${key}-${ref.revision}-${ref.locale}.pdf.sealed`);
    const sealed = this.seal(pdf, code, key);
    mkdirSync(folder, { recursive: true });
    const tmp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(tmp, sealed);
    await rename(tmp, file);
    if (!stillThere()) {
      await rm(folder, { recursive: true, force: true });
      return false;
    }
    const current = this.entries.get(slot);
    if (current && current.revision > ref.revision) {
      await rm(file, { force: true });
      return false;
    }
    if (current && current.file !== file) {
      this.drop(slot);
      await rm(current.file, { force: true });
    } else if (current) this.drop(slot);
    const now = Date.now();
    this.add({ id: ref.id, locale: ref.locale, key, revision: ref.revision, file, size: sealed.byteLength, madeAt: now, lastUsed: now });
    this.evict();
    return true;
  }

  /** Removes everything kept for an assessment, in every language (erasure). */
  forget(id: number): void {
    for (const locale of LOCALES) this.drop(slotOf(id, locale));
    rmSync(join(this.dir, String(id)), { recursive: true, force: true });
  }

  stats(): { files: number; bytes: number } {
    return { files: this.entries.size, bytes: this.bytes };
  }

  private add(e: Entry) {
    this.entries.set(slotOf(e.id, e.locale), e);
    this.bytes += e.size;
  }

  private drop(slot: string) {
    const e = this.entries.get(slot);
    if (!e) return;
    this.entries.delete(slot);
    this.bytes -= e.size;
  }

  /** Least recently used first, until the total fits. */
  private evict(): void {
    if (this.bytes <= this.maxBytes) return;
    const byUse = [...this.entries.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    for (const e of byUse) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(slotOf(e.id, e.locale));
      // The assessment's folder goes with its last file.
      if (LOCALES.some((l) => this.entries.has(slotOf(e.id, l)))) rmSync(e.file, { force: true });
      else this.forget(e.id);
    }
  }

  private codeKey(code: string): Buffer {
    return createHmac("sha256", this.sealKey).update(code).digest();
  }

  private seal(pdf: Uint8Array, code: string, key: string): Buffer {
    const iv = randomBytes(IV);
    const cipher = createCipheriv("aes-256-gcm", this.codeKey(code), iv);
    cipher.setAAD(Buffer.from(key));
    const body = Buffer.concat([cipher.update(pdf), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private open(sealed: Buffer, code: string, key: string): Uint8Array | null {
    if (sealed.byteLength < IV + TAG) return null;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.codeKey(code), sealed.subarray(0, IV));
      decipher.setAAD(Buffer.from(key));
      decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
      return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]));
    } catch {
      return null;
    }
  }
}

/**
 * The build that renders reports: every content file, every source file and the report's words.
 * A deploy that changes any of them makes new keys.
 */
export function rendererFingerprint(contentDir: string): string {
  const root = join(import.meta.dirname, "..", "..");
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) h.update(relative(root, path)).update(readFileSync(path));
    }
  };
  // The report is assembled by services and domain rules as well as src/pdf: all of src counts.
  for (const dir of [contentDir, join(root, "src"), join(root, "views", "messages")]) walk(dir);
  h.update(readFileSync(join(root, "views", "messages.ts")));
  return h.digest("hex").slice(0, 16);
}

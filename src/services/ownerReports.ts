// The owner's PDF report: served from the kept copy when there is one, rendered in the pool
// otherwise (and kept); rendered in the background, at low priority, as soon as a submitted
// assessment changes while its code is known (submission, the owner's corrections, an advisor's
// validation or change in a session that holds the code). See src/pdf/keptReports.ts.
import { findStampByCodeHash, type AssessmentRow, type AssessmentStamp } from "../../db/assessments.ts";
import { formatResumeCode, parseResumeCode } from "../domain/resumeCode.ts";
import type { KeptReports, ReportRef } from "../pdf/keptReports.ts";
import { sharedReportPool, type ReportPool } from "../pdf/pool.ts";
import { buildReportData } from "../pdf/reportData.ts";
import { fmt } from "../../views/messages.ts";
import { wordsOf } from "../pdf/words.ts";
import type { Locale } from "../domain/vocabularies.ts";
import type { Logger } from "pino";
import { findByCode, findStampByCode, type Services } from "./assessments.ts";
import { peerBenchmark, peerSeriesForReport } from "./peers.ts";

export interface OwnerReportsDeps {
  /** Base of the QR code and short link printed in the report. */
  publicUrl: string;
  /** The shared pool when absent (created on first use). */
  pool?: ReportPool;
  /** Reports kept on disk; without it every request renders. */
  kept?: KeptReports;
  /** Where a render or a write that failed in the background is told. */
  log: Logger;
}

export class OwnerReports {
  constructor(
    private readonly s: Services,
    private readonly deps: OwnerReportsDeps,
  ) {}

  private get pool(): ReportPool {
    return this.deps.pool ?? sharedReportPool();
  }

  private refOf(row: AssessmentRow, stamp: AssessmentStamp, locale: Locale): ReportRef {
    return { id: row.id, codeHash: row.codeHash, revision: stamp.revision, validatedBy: stamp.validatedBy, publicUrl: this.deps.publicUrl, locale };
  }

  /**
   * The report of a submitted assessment for someone waiting (the owner's tap), in `locale`.
   * `client`: who asks (their address), for their fair share of the render queue. Rejects as the
   * pool does when it must render and cannot (PoolBusyError, RenderFailedError).
   */
  async forOwner(row: AssessmentRow, stamp: AssessmentStamp, code: string, client: string, locale: Locale = "vi"): Promise<{ pdf: Uint8Array; kept: boolean }> {
    const ref = this.refOf(row, stamp, locale);
    const kept = this.deps.kept ? await this.deps.kept.read(ref, canonical(code)) : null;
    if (kept) return { pdf: kept, kept: true };
    const pdf = await this.render(row, code, ref, { priority: "now", shares: [client, code] });
    this.keep(ref, code, pdf);
    return { pdf, kept: false };
  }

  /**
   * After a write by someone holding the code: keeps the report of a submitted assessment ready,
   * rendered in the background; forgets the kept report of an assessment that is gone (`idBefore`:
   * the assessment the code found before the write). `locale`: the language of whoever wrote, the
   * one their next tap will ask for.
   */
  afterWrite(code: string, idBefore: number | undefined, locale: Locale = "vi"): void {
    const kept = this.deps.kept;
    if (!kept) return;
    const found = findByCode(this.s, code);
    if (!found.ok) {
      if (idBefore !== undefined) kept.forget(idBefore);
      return;
    }
    const row = found.value.row;
    const stamp = findStampByCode(this.s, code);
    if (row.status !== "submitted" || !stamp.ok) return;
    const ref = this.refOf(row, stamp.value.stamp, locale);
    if (kept.has(ref)) return;
    this.render(row, found.value.code, ref, { priority: "background", shares: ["", found.value.code] })
      .then((pdf) => this.keep(ref, found.value.code, pdf))
      // Nothing is lost: the owner's tap renders it then.
      .catch((err: unknown) => this.deps.log.warn({ err, assessmentId: ref.id }, "background report render skipped"));
  }

  /** Whether reports are kept (otherwise nothing is rendered ahead). */
  get keeping(): boolean {
    return this.deps.kept !== undefined;
  }

  /** The assessment id the code finds now (before a write that may erase it). */
  idOf(code: string): number | undefined {
    const r = findStampByCode(this.s, code);
    return r.ok ? r.value.stamp.id : undefined;
  }

  private render(row: AssessmentRow, code: string, ref: ReportRef, opts: { priority: "now" | "background"; shares: [string, string] }) {
    const s = this.s;
    const { m, t } = wordsOf(ref.locale);
    const peers = peerSeriesForReport(peerBenchmark(s, row), (n) => fmt(t.radar.peerGroup, { sector: m.sectors[row.sector], size: m.sizeClasses[row.sizeClass].toLowerCase(), n }));
    const key = this.deps.kept?.keyOf(ref) ?? `${ref.id}|${ref.revision}|${ref.validatedBy ?? ""}|${ref.locale}`;
    const shown = formatResumeCode(canonical(code));
    // The worker assembles the data from its own read-only connection, off the page thread; a
    // database only this connection can see (in memory) has its data assembled here.
    const dbPath = s.db.$client.memory ? null : s.db.$client.name;
    return dbPath
      ? this.pool.renderAssessment({ dbPath, contentDir: s.content.dir, code: shown, publicUrl: this.deps.publicUrl, peers, locale: ref.locale }, { ...opts, key })
      : this.pool.render(buildReportData(s, row, { code: shown, publicUrl: this.deps.publicUrl, peers, locale: ref.locale }), { ...opts, key });
  }

  private keep(ref: ReportRef, code: string, pdf: Uint8Array): void {
    const kept = this.deps.kept;
    if (!kept) return;
    kept
      .write(ref, canonical(code), pdf, () => findStampByCodeHash(this.s.db, ref.codeHash)?.id === ref.id)
      .catch((err: unknown) => this.deps.log.error({ err, assessmentId: ref.id }, "report not kept"));
  }
}

/** The code as the database hashes it (whatever form it was typed in); "" if it is not one. */
function canonical(code: string): string {
  const p = parseResumeCode(code);
  return p.ok ? p.code : "";
}

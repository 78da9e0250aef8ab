// Report data assembled inside a render worker, from the worker's own read-only connection:
// the scoring, plan and lift search behind a report (several ms) then never run on the thread
// that serves pages.
import { openDatabaseReadOnly } from "../../db/connection.ts";
import { loadContent } from "../content/load.ts";
import { createServices, findByCode, type Services } from "../services/assessments.ts";
import type { Locale } from "../domain/vocabularies.ts";
import { buildReportData, type PeerSeries, type ReportData } from "./reportData.ts";

/** What the page thread sends: where the data is and which assessment, not the data itself. */
export interface AssessmentJob {
  dbPath: string;
  contentDir: string;
  /** Resume code as shown (XXXX-XXXX-XXXX). */
  code: string;
  publicUrl: string;
  peers?: PeerSeries;
  /** The report's language; Vietnamese when not given. */
  locale?: Locale;
}

const services = new Map<string, Services>();

export function reportDataFor(job: AssessmentJob): ReportData {
  const key = `${job.dbPath}\n${job.contentDir}`;
  let s = services.get(key);
  if (!s) services.set(key, (s = createServices(openDatabaseReadOnly(job.dbPath), loadContent(job.contentDir))));
  const found = findByCode(s, job.code);
  if (!found.ok) throw new Error(`assessment not found: ${found.error.code}`);
  if (found.value.row.status !== "submitted") throw new Error("assessment not submitted");
  return buildReportData(s, found.value.row, { code: job.code, publicUrl: job.publicUrl, peers: job.peers, locale: job.locale });
}

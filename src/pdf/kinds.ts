// The documents a render worker makes, by kind. A new kind (a paper form, a yearly report) adds its
// renderer here and is asked for with pool.run(kind, input); the pool's queue, fairness, priorities,
// time-outs and recycling apply to every kind alike.
import { reportDataFor, type AssessmentJob } from "./assemble.ts";
import type { ReportData } from "./reportData.ts";
import { renderReportPdf } from "./render.ts";
import { renderPaperFormPdf } from "./paperForm.tsx";
import type { PaperFormData } from "./paperFormData.ts";
import type { Renderers } from "./workerMain.ts";

/** The owner's report: its data, or the submitted assessment to assemble it from in the worker. */
export type OwnerReportInput = { data: ReportData } | { assessment: AssessmentJob };

export const ownerReportData = (input: OwnerReportInput): ReportData => ("data" in input ? input.data : reportDataFor(input.assessment));

export const RENDERERS = {
  ownerReport: (input: OwnerReportInput) => renderReportPdf(ownerReportData(input)),
  /** A sector's blank paper form, from data made ready in the server (paperFormData.ts). */
  paperForm: (input: PaperFormData) => renderPaperFormPdf(input),
} satisfies Renderers;

export type RenderKind = keyof typeof RENDERERS;

// What a pool worker makes, by kind: the owner's report, the paper form, and the figures of a past
// day that the yearly report and the dashboard at a date are made from. A new kind adds its function
// here and is asked for with pool.run(kind, input); the pool's queue, fairness, priorities,
// single flight by key, time-outs and recycling apply to every kind alike.
import { reportDataFor, type AssessmentJob } from "./assemble.ts";
import type { ReportData } from "./reportData.ts";
import { renderReportPdf } from "./render.ts";
import { renderPaperFormPdf } from "./paperForm.tsx";
import type { PaperFormData } from "./paperFormData.ts";
import type { Renderers } from "./workerMain.ts";
import { figuresDocument, type FiguresInput } from "../services/figures.ts";

/** The owner's report: its data, or the submitted assessment to assemble it from in the worker. */
export type OwnerReportInput = { data: ReportData } | { assessment: AssessmentJob };

export const ownerReportData = (input: OwnerReportInput): ReportData => ("data" in input ? input.data : reportDataFor(input.assessment));

export const RENDERERS = {
  ownerReport: (input: OwnerReportInput) => renderReportPdf(ownerReportData(input)),
  /** A sector's blank paper form, from data made ready in the server (paperFormData.ts). */
  paperForm: (input: PaperFormData) => renderPaperFormPdf(input),
  /** Figures at the end of a day, as JSON, from the worker's own read-only connection (services/figures.ts). */
  figures: async (input: FiguresInput) => figuresDocument(input),
} satisfies Renderers;

export type RenderKind = keyof typeof RENDERERS;

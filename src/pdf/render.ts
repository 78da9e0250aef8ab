// Renders one report to PDF bytes in the current thread. The HTTP server never calls this
// directly: it goes through the worker pool (pool.ts) so a render never blocks the pages.
import { createElement } from "react";
import { Document, Page, Text, renderToBuffer } from "@react-pdf/renderer";
import { ReportDocument } from "./document.tsx";
import { REPORT_FONT, loadReportFonts } from "./fonts.ts";
import type { ReportData } from "./reportData.ts";

type Doc = Parameters<typeof renderToBuffer>[0];

export async function renderReportPdf(data: ReportData): Promise<Buffer> {
  await loadReportFonts();
  return renderToBuffer(createElement(ReportDocument, { d: data }) as Doc);
}

/** A one-page document in every weight the report uses: loads the layout engine and the fonts. */
export async function warmUpRenderer(): Promise<void> {
  await loadReportFonts();
  const line = (fontWeight: number) => createElement(Text, { style: { fontFamily: REPORT_FONT, fontWeight } }, "Chuyển đổi số Điện Biên");
  await renderToBuffer(createElement(Document, null, createElement(Page, { size: "A4" }, line(400), line(600), line(700))) as Doc);
}

// Where a report render spends its time: the same report rendered N times in this thread through
// the code the render worker runs (assembly from SQLite, then react-pdf), timed per phase.
//   NODE_ENV=production node --import tsx bench/pdfProfile.ts [renders] [--out report.pdf]
//   add --cpu-prof --cpu-prof-dir=/tmp/prof to node for a V8 profile of the same loop.
// Not part of `npm run bench`: it explains the bench's react-pdf figure, it does not replace it.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { createElement } from "react";
import { Font, pdf } from "@react-pdf/renderer";
import { reportDataFor } from "../src/pdf/assemble.ts";
import { ReportDocument } from "../src/pdf/document.tsx";
import { registerReportFonts } from "../src/pdf/fonts.ts";
import { renderReportPdf, warmUpRenderer } from "../src/pdf/render.ts";
import { setup } from "./pdf.ts";
import { percentile } from "./types.ts";

const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 30);
const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;

type Doc = Parameters<typeof pdf>[0];

// react-pdf's own stages (dependencies of @react-pdf/renderer), loaded by name so this script can
// call them one at a time as renderToBuffer does.
const stage = async (name: string) => ((await import(name)) as { default: (...args: unknown[]) => unknown }).default;
const layoutDocument = await stage("@react-pdf/layout");
const renderPDF = await stage("@react-pdf/render");
const PDFDocument = (await stage("pdfkit")) as unknown as new (options: object) => unknown;

const { dbPath, resultCode } = setup();
const job = { dbPath, contentDir: join(import.meta.dirname, "..", "questionnaires"), code: resultCode, publicUrl: "https://danhgia.dienbien.gov.vn" };

/** One render, cut where react-pdf's own renderToBuffer passes from one stage to the next. */
async function phased() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const data = reportDataFor(job);
  const t1 = performance.now();
  registerReportFonts();
  const instance = pdf(createElement(ReportDocument, { d: data }) as Doc);
  const t2 = performance.now();
  const laid = await layoutDocument(instance.container.document, Font);
  const t3 = performance.now();
  const ctx = new PDFDocument({ compress: true, autoFirstPage: false, displayTitle: true, lang: "vi" });
  const stream = renderPDF(ctx, laid) as NodeJS.ReadableStream;
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
  const t4 = performance.now();
  const c = process.cpuUsage(c0);
  return { assemble: t1 - t0, react: t2 - t1, layout: t3 - t2, pdfkit: t4 - t3, total: t4 - t0, cpu: (c.user + c.system) / 1000, bytes };
}

await warmUpRenderer();
for (let i = 0; i < 5; i++) await phased(); // JIT warm-up
const rows: Awaited<ReturnType<typeof phased>>[] = [];
for (let i = 0; i < N; i++) rows.push(await phased());
const med = (k: keyof (typeof rows)[number]) => percentile(rows.map((r) => r[k] as number).sort((a, b) => a - b), 50);
const total = med("total");
console.log(`${N} renders in one thread, NODE_ENV=${process.env.NODE_ENV ?? ""}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
for (const k of ["assemble", "react", "layout", "pdfkit", "total", "cpu"] as const) {
  console.log(`${k.padEnd(9)} p50 ${med(k).toFixed(1).padStart(7)} ms  ${((100 * med(k)) / total).toFixed(0).padStart(3)} %`);
}
console.log(`PDF ${(rows[0]!.bytes.byteLength / 1024).toFixed(0)} KB`);
if (out) writeFileSync(out, process.env.PROFILE_PHASED ? rows[0]!.bytes : await renderReportPdf(reportDataFor(job)));
process.exit(0);

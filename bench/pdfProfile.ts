// Where a report render spends its time: the same report rendered N times in this thread through
// the code the render worker runs (assembly from SQLite, then react-pdf), timed per phase.
//   NODE_ENV=production node --import tsx bench/pdfProfile.ts [renders] [--out report.pdf]
//   --varied: a different assessment each render (12 businesses), not the same report again;
//   node --expose-gc also prints the heap left after the renders; add --cpu-prof --cpu-prof-dir=/tmp/prof to node for a V8 profile of the same loop.
// Not part of `npm run bench`: it explains the bench's react-pdf figure, it does not replace it.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { createElement } from "react";
import { Font, pdf } from "@react-pdf/renderer";
import { reportDataFor } from "../src/pdf/assemble.ts";
import { ReportDocument } from "../src/pdf/document.tsx";
import { loadReportFonts } from "../src/pdf/fonts.ts";
import { renderReportPdf, warmUpRenderer } from "../src/pdf/render.ts";
import { mergeAnswers } from "../db/assessments.ts";
import { openDatabase } from "../db/connection.ts";
import { loadContent } from "../src/content/load.ts";
import { ACTIVITY_GROUPS, LEGAL_FORMS, SECTORS } from "../src/domain/questionnaire.ts";
import { formatResumeCode } from "../src/domain/resumeCode.ts";
import { createServices, startAssessment, submit } from "../src/services/assessments.ts";
import { answerAll, pickBest, pickMixed, pickWorst } from "../test/answering.ts";
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
const contentDir = join(import.meta.dirname, "..", "questionnaires");
const jobOf = (code: string) => ({ dbPath, contentDir, code, publicUrl: "https://danhgia.dienbien.gov.vn" });
// --varied: a different business each render (sector, legal form, answers), so nothing a report
// shares with the previous one is only its own text.
const codes = args.includes("--varied") ? [resultCode, ...variedAssessments()] : [resultCode];
let turn = 0;
const nextJob = () => jobOf(codes[turn++ % codes.length]!);
const job = jobOf(resultCode);

function variedAssessments(): string[] {
  const db = openDatabase(dbPath);
  const content = loadContent(contentDir);
  const s = createServices(db, content);
  const out: string[] = [];
  const pickers = [pickBest, pickWorst, pickMixed];
  let i = 0;
  for (const sector of SECTORS) {
    for (const legalForm of LEGAL_FORMS) {
      const activityGroup = ACTIVITY_GROUPS[i % ACTIVITY_GROUPS.length]!;
      const staff = [2, 12, 60][i % 3]!;
      const profile = { legalForm, taxCode: legalForm === "household" ? null : `56001234${String(i).padStart(2, "0")}`, communeId: "tua_chua", activityGroup, sector, staff, revenueBnVnd: staff / 4, name: `Cơ sở ${sector} ${legalForm} số ${i + 1} Mường Thanh` } as const;
      const started = startAssessment(s, profile, { report: true, statistics: true, contact: i % 2 === 0 });
      if (!started.ok) throw new Error(started.error.message);
      const facts = { legalForm, sizeClass: started.value.row.sizeClass, sector, activityGroup };
      mergeAnswers(db, started.value.row.id, answerAll(content.current, facts, pickers[i % 3]!));
      const sub = submit(s, started.value.row);
      if (!sub.ok) throw new Error(sub.error.message);
      out.push(formatResumeCode(started.value.code));
      i++;
    }
  }
  db.$client.close();
  return out;
}

/** One render, cut where react-pdf's own renderToBuffer passes from one stage to the next. */
async function phased() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const data = reportDataFor(nextJob());
  const t1 = performance.now();
  await loadReportFonts();
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
console.log(`${N} renders of ${codes.length} report(s) in one thread, NODE_ENV=${process.env.NODE_ENV ?? ""}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
for (const k of ["assemble", "react", "layout", "pdfkit", "total", "cpu"] as const) {
  console.log(`${k.padEnd(9)} p50 ${med(k).toFixed(1).padStart(7)} ms  ${((100 * med(k)) / total).toFixed(0).padStart(3)} %`);
}
console.log(`PDF ${(rows[0]!.bytes.byteLength / 1024).toFixed(0)} KB`);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  console.log(`heap after the renders and a full GC: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MB`);
}
if (out) writeFileSync(out, process.env.PROFILE_PHASED ? rows[0]!.bytes : await renderReportPdf(reportDataFor(job)));
process.exit(0);

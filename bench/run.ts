// npm run bench [-- name ...]: runs the benchmark modules in order, prints their tables, and keeps
// the last full run in bench/RESULTS.md with the date and the machine. Not part of npm test.
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { BenchModule, BenchResult } from "./types.ts";
import { scoringBench } from "./scoring.ts";
import { httpBench } from "./http.ts";
import { dashboardBench } from "./dashboard.ts";
import { pdfBench } from "./pdf.ts";
import { reportBench } from "./report.ts";
import { scaleBench } from "./scale.ts";
import { registryBench } from "./registry.ts";

/** Every module, in the order they run. Add new ones here. */
const MODULES: BenchModule[] = [scoringBench, httpBench, pdfBench, dashboardBench, reportBench, scaleBench, registryBench];

function table(r: BenchResult): string {
  const [head, ...rest] = r.rows;
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    `### ${r.title}`,
    "",
    line(head!),
    line(head!.map(() => "---")),
    ...rest.map(line),
    ...(r.notes?.length ? ["", ...r.notes.map((n) => `- ${n}`)] : []),
    "",
  ].join("\n");
}

async function main() {
  const only = process.argv.slice(2);
  const chosen = only.length ? MODULES.filter((m) => only.includes(m.name)) : MODULES.filter((m) => !m.onlyWhenNamed);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const started = new Date();
  const sections: string[] = [];
  for (const m of chosen) {
    const t0 = performance.now();
    process.stdout.write(`\n== ${m.name} …\n`);
    const results = await m.run();
    for (const r of results) {
      const text = table(r);
      console.log(text);
      sections.push(text);
    }
    console.log(`(${m.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (!only.length) {
    const doc = [
      "# Benchmark results",
      "",
      `Last full run of \`npm run bench\`: ${started.toISOString()} on ${machine}.`,
      "Every figure is measured in that run; ratios compare against a baseline measured in the same run.",
      "",
      ...sections,
    ].join("\n");
    writeFileSync(join(import.meta.dirname, "RESULTS.md"), doc);
    console.log("\nbench/RESULTS.md written.");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// How far one machine with SQLite goes: one database grown through several sizes (the dashboard's
// generator), and at each size the figures that could stop a national deployment — the write rate
// (autosave and submit, statistics triggers firing, synchronous=FULL as the service runs) at
// saturation and at an assumed national peak, the dashboard, the exports, the yearly report, the
// size on disk by table, and the online backup. Every figure carries the machine's one-minute load
// average and, where it is CPU work, the CPU time (less sensitive to other processes than the wall
// clock). Ratios are taken against a bare commit (one fsync) measured on the same database in the
// same minute. Results are written to bench/SCALE-RESULTS.md after each size, so a run cut short
// keeps what it measured.
// SCALE_BENCH_SIZES=100000,1000000,2000000 npm run bench scale   (default: 100000,1000000)
// SCALE_BENCH_XLSX_MAX / SCALE_BENCH_ANSWERS_CSV_MAX: largest size at which those exports run.
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { backupDatabase } from "../src/cli/backup.ts";
import type { ActivityGroup, LegalForm, Sector } from "../src/domain/questionnaire.ts";
import { createApp } from "../src/http/app.ts";
import { saveEachAnswer, startAssessment, submit, type Services } from "../src/services/assessments.ts";
import { refreshDemand } from "../src/services/stats.ts";
import { answerAll, pickMixed } from "../test/answering.ts";
import { departmentCookie, drain, load1, loopHeld, stats, timeMany, withCpu } from "./measure.ts";
import { generateStatsDb, type Generated } from "./statsGenerator.ts";
import { ms, ratio, type BenchModule, type BenchResult } from "./types.ts";

const RESULTS = join(import.meta.dirname, "SCALE-RESULTS.md");

/**
 * The national peak the write path is held against — an assumption, not a measurement: 6 million
 * businesses (about 1 M enterprises, 5 M household businesses), 1.15 assessments each over five
 * years, 250 working days a year, the busiest day five times the average and a fifth of it in
 * one hour: 6e6 × 1.15 / 5 / 250 × 5 × 0.2 ≈ 5,500 submissions an hour ≈ 1.5 a second, rounded up
 * to 2. The owner's page saves on every changed answer: about 40 autosaves per submission.
 */
const PEAK_SUBMITS_PER_S = 2;
const AUTOSAVES_PER_SUBMISSION = 40;

const PROFILES: { legalForm: LegalForm; sector: Sector; activityGroup: ActivityGroup; staff: number; revenueBnVnd: number }[] = [
  { legalForm: "household", sector: "ocop", activityGroup: "agriculture", staff: 2, revenueBnVnd: 0.8 },
  { legalForm: "household", sector: "other", activityGroup: "trade_services", staff: 1, revenueBnVnd: 0.4 },
  { legalForm: "company", sector: "tourism", activityGroup: "trade_services", staff: 12, revenueBnVnd: 6 },
  { legalForm: "cooperative", sector: "ocop", activityGroup: "agriculture", staff: 9, revenueBnVnd: 3 },
  { legalForm: "household", sector: "border_trade", activityGroup: "trade_services", staff: 3, revenueBnVnd: 1.2 },
  { legalForm: "company", sector: "other", activityGroup: "industry", staff: 30, revenueBnVnd: 25 },
];

interface WriteRun {
  seconds: number;
  starts: number[];
  autosaves: number[];
  submits: number[];
  cpuMs: number;
  load: string;
}

/** One owner: starts, saves answer by answer (as the page does on every change), submits. */
async function ownerSession(s: Services, i: number, run: WriteRun, until: number, thinkMs: () => number): Promise<boolean> {
  const communes = s.content.communes;
  const p = PROFILES[i % PROFILES.length]!;
  const t0 = performance.now();
  const started = startAssessment(
    s,
    { name: `Cơ sở thử tải ${i}`, legalForm: p.legalForm, taxCode: null, communeId: communes[(i * 7) % communes.length]!.id, activityGroup: p.activityGroup, sector: p.sector, staff: p.staff, revenueBnVnd: p.revenueBnVnd, capitalBnVnd: null },
    { report: true, statistics: i % 5 !== 0, contact: i % 3 === 0 },
  );
  run.starts.push(performance.now() - t0);
  if (!started.ok) throw new Error(started.error.message);
  const row = started.value.row;
  const answers = answerAll(s.content.current, { legalForm: p.legalForm, sizeClass: row.sizeClass, sector: p.sector, activityGroup: p.activityGroup }, pickMixed);
  for (const [qid, v] of Object.entries(answers)) {
    if (performance.now() > until) return false;
    const t = performance.now();
    const r = await saveEachAnswer(s, row, { [qid]: v });
    run.autosaves.push(performance.now() - t);
    if (!r.ok || Object.keys(r.value.refused).length) throw new Error(`autosave refused: ${JSON.stringify(r)}`);
    const think = thinkMs();
    if (think > 0) await new Promise((res) => setTimeout(res, think));
  }
  const t1 = performance.now();
  const sub = submit(s, row);
  run.submits.push(performance.now() - t1);
  if (!sub.ok) throw new Error(sub.error.message);
  return true;
}

/** Closed loop: `owners` owners back to back, no pause: the most the single writer sustains. */
async function saturation(s: Services, owners: number, seconds: number, base: number): Promise<WriteRun> {
  const run: WriteRun = { seconds, starts: [], autosaves: [], submits: [], cpuMs: 0, load: "" };
  const until = performance.now() + seconds * 1000;
  let next = base;
  const m = await withCpu(() =>
    Promise.all(
      Array.from({ length: owners }, async () => {
        while (performance.now() < until) await ownerSession(s, next++, run, until, () => 0);
      }),
    ),
  );
  run.cpuMs = m.cpuMs;
  run.load = m.load;
  return run;
}

/**
 * Open loop at the assumed national peak: owners arrive at `submitsPerS`, read each question for
 * a moment (compressed to 0.2-0.6 s so the run reaches its steady state in under a minute; the
 * autosave rate is the arrival rate × answers whatever the pause), and the run counts what was done.
 */
async function paced(s: Services, submitsPerS: number, seconds: number, base: number): Promise<WriteRun> {
  const run: WriteRun = { seconds, starts: [], autosaves: [], submits: [], cpuMs: 0, load: "" };
  const until = performance.now() + seconds * 1000;
  const m = await withCpu(async () => {
    const sessions: Promise<boolean>[] = [];
    const gap = 1000 / submitsPerS;
    const t0 = performance.now();
    for (let k = 0; performance.now() < until; k++) {
      sessions.push(ownerSession(s, base + k, run, Infinity, () => 200 + Math.random() * 400));
      const wait = t0 + (k + 1) * gap - performance.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
    await Promise.all(sessions);
  });
  run.seconds = m.wallMs / 1000;
  run.cpuMs = m.cpuMs;
  run.load = m.load;
  return run;
}

const fileMiB = (p: string) => (existsSync(p) ? statSync(p).size / 2 ** 20 : 0);
const mib = (x: number) => `${x.toFixed(0)} MiB`;
const secs = (x: number) => `${(x / 1000).toFixed(1)} s`;

/** One line of the trend table across sizes (filled in size by size). */
const trend: string[][] = [];
const TREND_HEAD = [
  "submitted",
  "DB on disk",
  "bytes / submitted",
  "bare commit p50",
  "saturation writes/s",
  "autosave p99 (saturated)",
  "submit p50 / p99 (saturated)",
  "CPU ms / write",
  "CPU ms / submission (start + 40 saves + submit + demand)",
  "peak run: autosave p99, submit p99",
  "dashboard p95",
  "assessments CSV",
  "yearly report",
  "backup",
  "load (gen … end)",
];

async function measureAt(g: Generated, path: string, genSlice: { seconds: number; cpuSeconds: number; added: number; load: string }): Promise<BenchResult[]> {
  const c = g.db.$client;
  const s = g.services;
  const loadStart = load1();
  const n = (c.prepare("SELECT count(*) AS n FROM stat_facts").get() as { n: number }).n;
  const label = n.toLocaleString("en");
  process.stdout.write(`measuring at ${label} submitted (load ${loadStart}) …\n`);

  // Size on disk, by table and index (dbstat reads every page once).
  const dbMiB = fileMiB(path) + fileMiB(`${path}-wal`);
  const bySize = c.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 12").all() as { name: string; bytes: number }[];
  const answerRows = (c.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n;

  // Baseline: the cheapest durable write, one row updated and committed (one fsync of the WAL).
  c.exec("CREATE TABLE IF NOT EXISTS bench_tick (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
  c.exec("INSERT OR IGNORE INTO bench_tick (id, n) VALUES (1, 0)");
  const tick = c.prepare("UPDATE bench_tick SET n = n + 1 WHERE id = 1");
  for (let i = 0; i < 20; i++) tick.run();
  const bare = stats(await timeMany(300, () => tick.run()));

  // Writes: saturation, then the assumed national peak.
  const sat = await saturation(s, 64, 20, 10_000_000 + n);
  const satWrites = sat.starts.length + sat.autosaves.length + sat.submits.length;
  const satA = stats(sat.autosaves);
  const satS = stats(sat.submits);
  const satSt = stats(sat.starts);
  const demand = await withCpu(() => {
    let done = 0;
    for (;;) {
      const r = refreshDemand(s, 200);
      done += r.done;
      if (r.pending === 0) break;
    }
    return done;
  });
  const demandPer = demand.value ? demand.cpuMs / demand.value : 0;
  const cpuPerWrite = sat.cpuMs / satWrites;
  const cpuPerSubmission = sat.submits.length ? sat.cpuMs / sat.submits.length + demandPer : NaN;
  const peak = await paced(s, PEAK_SUBMITS_PER_S, 40, 20_000_000 + n);
  const pkA = stats(peak.autosaves);
  const pkS = stats(peak.submits);
  while (refreshDemand(s, 200).pending > 0);

  // Dashboard and exports through the app, signed in as the department.
  const app = createApp({ db: g.db, content: g.content });
  const cookie = await departmentCookie(g.db, app, `so.khcn.${n}@dienbien.gov.vn`);
  const page = async (p: string) => {
    const res = await app.request(p, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
    return drain(res);
  };
  for (let i = 0; i < 3; i++) await page("/staff/department");
  const communes = g.content.communes.map((x) => x.id);
  const dashLoad = load1();
  const dash = stats(await timeMany(20, () => page("/staff/department")));
  const dashF = stats(await timeMany(45, (i) => page(`/staff/department?communeId=${communes[i % communes.length]}`)));

  const exportRows: string[][] = [["export", "rows / size", "wall", "CPU", "event loop held (max)", "load"]];
  const exportTimes: Record<string, number> = {};
  const timeExport = async (name: string, p: string, rows: (lines: number) => string) => {
    const m = await withCpu(() => loopHeld(() => page(p)));
    exportTimes[name] = m.wallMs;
    const { bytes, lines } = m.value.value;
    exportRows.push([name, `${rows(lines)} / ${(bytes / 2 ** 20).toFixed(1)} MiB`, secs(m.wallMs), secs(m.cpuMs), ms(m.value.maxMs), m.load]);
  };
  const xlsxMax = Number(process.env.SCALE_BENCH_XLSX_MAX ?? 1_100_000);
  const answersMax = Number(process.env.SCALE_BENCH_ANSWERS_CSV_MAX ?? 600_000);
  let visible = 0;
  await timeExport("assessments CSV", "/staff/department/exports/assessments.csv", (l) => (visible = l - 1).toLocaleString("en"));
  // The same rows as the CSV: those the department may see (decision 019), not every assessment.
  if (n <= xlsxMax) await timeExport("assessments XLSX", "/staff/department/exports/assessments.xlsx", () => visible.toLocaleString("en"));
  else exportRows.push(["assessments XLSX", "not run above SCALE_BENCH_XLSX_MAX", "", "", "", ""]);
  if (n <= answersMax && answerRows > 0) await timeExport("answers CSV (long format)", "/staff/department/exports/answers.csv", (l) => (l - 1).toLocaleString("en"));
  else exportRows.push(["answers CSV (long format)", "not run above SCALE_BENCH_ANSWERS_CSV_MAX", "", "", "", ""]);
  await timeExport("support records CSV", "/staff/department/exports/support.csv", (l) => (l - 1).toLocaleString("en"));
  await timeExport("yearly report 2025 (worker, first request)", "/staff/department/report-761.xlsx?year=2025", () => "10 sheets");

  // Online backup with SQLite's backup API and the integrity check the CLI runs.
  const backupPath = join(tmpdir(), `dx-scale-backup-${process.pid}-${n}.sqlite`);
  const backup = await withCpu(() => backupDatabase(path, backupPath));
  const backupMiB = fileMiB(backupPath);
  for (const f of [backupPath, `${backupPath}-wal`, `${backupPath}-shm`]) rmSync(f, { force: true });
  const loadEnd = load1();

  trend.push([
    label,
    mib(dbMiB),
    ((dbMiB * 2 ** 20) / n).toFixed(0),
    ms(bare.p50),
    (satWrites / sat.seconds).toFixed(0),
    ms(satA.p99),
    `${ms(satS.p50)} / ${ms(satS.p99)}`,
    cpuPerWrite.toFixed(2),
    cpuPerSubmission.toFixed(1),
    `${ms(pkA.p99)}, ${ms(pkS.p99)}`,
    ms(dash.p95),
    secs(exportTimes["assessments CSV"]!),
    secs(exportTimes["yearly report 2025 (worker, first request)"]!),
    secs(backup.wallMs),
    `${genSlice.load} … ${loadEnd}`,
  ]);

  return [
    {
      title: `Writes at ${label} submitted assessments (synchronous=FULL, statistics triggers firing)`,
      rows: [
        ["measure", "count", "per second", "p50", "p99", "max", "p50 ÷ bare commit p50", "load"],
        ["bare commit: one row updated (baseline, one fsync)", "300", "", ms(bare.p50), ms(bare.p99), ms(bare.max), ratio(1), loadStart],
        [`saturation, 64 owners back to back, ${sat.seconds} s: start`, String(sat.starts.length), (sat.starts.length / sat.seconds).toFixed(1), ms(satSt.p50), ms(satSt.p99), ms(satSt.max), ratio(satSt.p50 / bare.p50), sat.load],
        ["saturation: autosave (one answer, group commit)", String(sat.autosaves.length), (sat.autosaves.length / sat.seconds).toFixed(0), ms(satA.p50), ms(satA.p99), ms(satA.max), ratio(satA.p50 / bare.p50), sat.load],
        ["saturation: submit (scoring + triggers)", String(sat.submits.length), (sat.submits.length / sat.seconds).toFixed(1), ms(satS.p50), ms(satS.p99), ms(satS.max), ratio(satS.p50 / bare.p50), sat.load],
        [`assumed national peak, ${PEAK_SUBMITS_PER_S} owners arriving a second, ${peak.seconds.toFixed(0)} s: autosave`, String(peak.autosaves.length), (peak.autosaves.length / peak.seconds).toFixed(0), ms(pkA.p50), ms(pkA.p99), ms(pkA.max), ratio(pkA.p50 / bare.p50), peak.load],
        ["assumed national peak: submit", String(peak.submits.length), (peak.submits.length / peak.seconds).toFixed(1), ms(pkS.p50), ms(pkS.p99), ms(pkS.max), ratio(pkS.p50 / bare.p50), peak.load],
      ],
      notes: [
        `Saturation: ${satWrites.toLocaleString("en")} writes in ${sat.seconds} s = ${(satWrites / sat.seconds).toFixed(0)} writes/s, ${(sat.submits.length / sat.seconds).toFixed(1)} submissions/s; CPU ${cpuPerWrite.toFixed(2)} ms per write, ${(sat.cpuMs / Math.max(1, sat.submits.length)).toFixed(1)} ms per submitted assessment (its start, ${AUTOSAVES_PER_SUBMISSION}-odd saves and submit) + ${demandPer.toFixed(2)} ms for its demand list (refreshDemand, ${demand.value} rows).`,
        `The national peak is an assumption (bench/scale.ts: 6 M businesses, 1.15 assessments each over five years, the busiest hour): ${PEAK_SUBMITS_PER_S} submissions/s and about ${PEAK_SUBMITS_PER_S * AUTOSAVES_PER_SUBMISSION} autosaves/s. The peak run counts owners still answering when arrivals stop, so its rates are a little under the target.`,
        `In-process through the services (no HTTP parsing or rendering), one Node process as the service runs; latency includes waiting behind the other owners' work on the one thread.`,
      ],
    },
    {
      title: `Reads, exports and backup at ${label} submitted assessments`,
      rows: [
        ["measure", "value", "load"],
        ["dashboard, whole province: p50 / p95", `${ms(dash.p50)} / ${ms(dash.p95)}`, dashLoad],
        ["dashboard, one commune (45): p50 / p95", `${ms(dashF.p50)} / ${ms(dashF.p95)}`, dashLoad],
        ["online backup (backup API + integrity_check): wall / CPU", `${secs(backup.wallMs)} / ${secs(backup.cpuMs)} for ${mib(backupMiB)}`, backup.load],
      ],
    },
    { title: `Exports at ${label} submitted assessments`, rows: exportRows },
    {
      title: `On disk at ${label} submitted assessments: ${mib(dbMiB)} (${((dbMiB * 2 ** 20) / n).toFixed(0)} bytes per submitted assessment), ${answerRows.toLocaleString("en")} answer rows`,
      rows: [["table or index (largest 12)", "MiB", "share"], ...bySize.map((x) => [x.name, (x.bytes / 2 ** 20).toFixed(0), `${((100 * x.bytes) / (dbMiB * 2 ** 20)).toFixed(0)} %`])],
      notes: [`Generated so far in ${g.seconds.toFixed(0)} s; this slice: ${genSlice.added.toLocaleString("en")} assessments in ${genSlice.seconds.toFixed(0)} s (${((genSlice.seconds * 1e6) / Math.max(1, genSlice.added)).toFixed(0)} µs each, CPU ${((genSlice.cpuSeconds * 1e6) / Math.max(1, genSlice.added)).toFixed(0)} µs each, bulk load with synchronous=OFF, triggers firing), load ${genSlice.load} at its end.`],
    },
  ];
}

function table(r: BenchResult): string {
  const [head, ...rest] = r.rows;
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [`### ${r.title}`, "", line(head!), line(head!.map(() => "---")), ...rest.map(line), ...(r.notes?.length ? ["", ...r.notes.map((n) => `- ${n}`)] : []), ""].join("\n");
}

export const scaleBench: BenchModule = {
  name: "scale",
  onlyWhenNamed: true,
  async run() {
    const sizes = (process.env.SCALE_BENCH_SIZES ?? "100000,1000000").split(",").map((x) => Number(x.trim())).sort((a, b) => a - b);
    const withAnswers = process.env.SCALE_BENCH_ANSWERS !== "0";
    const dir = mkdtempSync(join(tmpdir(), "dx-scale-"));
    const path = join(dir, "scale.sqlite");
    const out: BenchResult[] = [];
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
    writeFileSync(
      RESULTS,
      [
        "# Scale benchmark: raw figures",
        "",
        `\`SCALE_BENCH_SIZES=${sizes.join(",")} npm run bench scale\` started ${new Date().toISOString()} on ${machine}; one database grown through the sizes${withAnswers ? ", with every answer row" : ", without answer rows"}. The machine was shared with other work: each figure carries the one-minute load average. The reading of these figures is docs/decisions (the national-scale record).`,
        "",
      ].join("\n"),
    );
    let last = { submitted: 0, seconds: 0, cpu: process.cpuUsage() };
    const measured = async (g: Generated) => {
      const t0 = performance.now();
      const cpu = process.cpuUsage(last.cpu);
      const slice = { seconds: g.seconds - last.seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, added: g.submitted - last.submitted, load: load1() };
      const results = await measureAt(g, path, slice);
      // The next slice is timed from here: measuring is not generating.
      last = { submitted: g.submitted, seconds: g.seconds + (performance.now() - t0) / 1000, cpu: process.cpuUsage() };
      for (const r of results) {
        out.push(r);
        const text = table(r);
        console.log(text);
        appendFileSync(RESULTS, `${text}\n`);
      }
      const t = table({ title: "Trend so far", rows: [TREND_HEAD, ...trend] });
      console.log(t);
    };
    try {
      const top = sizes[sizes.length - 1]!;
      const g = await generateStatsDb(path, top, { answers: withAnswers, checkpoints: sizes.slice(0, -1), atCheckpoint: measured, log: (l) => process.stdout.write(`${l} (load ${load1()})\n`) });
      await measured(g);
      const t = { title: "Trend across sizes", rows: [TREND_HEAD, ...trend], notes: ["CPU figures are CPU time of the process (all threads); wall figures moved with the load shown."] };
      appendFileSync(RESULTS, `${table(t)}\n`);
      out.push(t);
      g.db.$client.close();
      return out;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

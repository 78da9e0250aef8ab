// The department's outputs on a realistic province of about 1,500 registered businesses
// (bench/statsGenerator.ts): how much of the open data is shown under disclosure control (goal:
// every sector and size row, at least half of the communes), and what the open data costs. Then
// the yearly report under twenty requests at once, on that province and on 100,000 assessments:
// time and memory, against one request alone and against one worker per request (how it was).
// npm run bench report        REPORT_BENCH_SIZES=1620 npm run bench report   (default: 1620,100000)
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createApp } from "../src/http/app.ts";
import { FiguresService } from "../src/services/figures.ts";
import { ReportPool } from "../src/pdf/pool.ts";
import type { OpenData } from "../src/services/openData.ts";
import { departmentCookie } from "./measure.ts";
import { generateStatsDb } from "./statsGenerator.ts";
import { ms, percentile, ratio, type BenchModule, type BenchResult } from "./types.ts";

/** Submitted assessments that give a register of about 1,500 (two thirds reached, some re-assessed). */
const PROVINCE_SUBMITTED = 1620;

async function openDataCoverage(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "dx-report-"));
  try {
    const g = await generateStatsDb(join(dir, "province.sqlite"), PROVINCE_SUBMITTED, { answers: false });
    const app = createApp({ db: g.db, content: g.content });
    const get = async () => {
      const res = await app.request("/open-data/readiness.json");
      if (res.status !== 200) throw new Error(`open data: ${res.status}`);
      return (await res.json()) as OpenData;
    };
    const o = await get();
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await get();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const rows: string[][] = [["published table", "rows shown", "goal", "hidden rows"]];
    const goal: Record<string, string> = { by_sector: "all", by_size: "all", by_commune: "≥ half" };
    for (const [name, table] of Object.entries(o.tables) as [string, { key: string; total: boolean; suppressed: boolean }[]][]) {
      const body = table.filter((r) => !r.total);
      const shown = body.filter((r) => !r.suppressed).length;
      rows.push([`tables.${name}`, `${shown} / ${body.length}`, goal[name] ?? "", body.filter((r) => r.suppressed).map((r) => r.key).join(", ")]);
    }
    rows.push(["rows (sector × commune × size cells)", `${o.rows.filter((r) => !r.suppressed).length} / ${o.rows.length}`, "", ""]);
    const totalOf = (t: { total: boolean; businesses: number | null }[]) => t.find((r) => r.total)?.businesses ?? "hidden";
    return [
      {
        title: "Open data coverage on a province of about 1,500 businesses",
        rows,
        notes: [
          `Generated register of ${g.registry.toLocaleString("en")} businesses, ${g.businesses.toLocaleString("en")} of them assessed (${g.submitted.toLocaleString("en")} submitted assessments with re-assessments); ${totalOf(o.tables.by_sector)} consenting to statistics, ${totalOf(o.tables.reach_by_sector)} registered businesses reached.`,
          `Every table protected together (decision 017). /open-data/readiness.json: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))} over 30 requests (in-process).`,
        ],
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MiB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
/** Threads of this process now (the server's own, libuv's, and one more set per worker thread). */
const threads = () => readdirSync("/proc/self/task").length;

/**
 * Run `work` while sampling the process's resident memory (worker threads included) and its
 * thread count every 5 ms; report the growth of both over what they were just before.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; rssGrowth: number; threadsGrowth: number; loopHeldMs: number }> {
  gc();
  await new Promise((r) => setTimeout(r, 50));
  const lag = monitorEventLoopDelay({ resolution: 1 });
  const rss0 = process.memoryUsage().rss;
  const th0 = threads();
  let rssMax = rss0;
  let thMax = th0;
  const sample = () => {
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
    thMax = Math.max(thMax, threads());
  };
  const timer = setInterval(sample, 5);
  lag.enable();
  const t = performance.now();
  const value = await work();
  const took = performance.now() - t;
  lag.disable();
  clearInterval(timer);
  sample();
  return { value, ms: took, rssGrowth: rssMax - rss0, threadsGrowth: thMax - th0, loopHeldMs: lag.max / 1e6 };
}

const CONCURRENT = 20;

async function yearReportUnderLoad(submittedTarget: number): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "dx-yearreport-"));
  const path = join(dir, "province.sqlite");
  try {
    const g = await generateStatsDb(path, submittedTarget, { answers: false });
    const app = createApp({ db: g.db, content: g.content });
    // Twenty people of the department, each signed in.
    const cookies: string[] = [];
    for (let i = 0; i < CONCURRENT; i++) cookies.push(await departmentCookie(g.db, app, `so.khcn.${i}@dienbien.gov.vn`));
    // The generated province's data runs to September 2026: the last whole year is 2025.
    const year = 2025;
    const one = async (who = 0) => {
      const t = performance.now();
      const res = await app.request(`/staff/department/report-761.xlsx?year=${year}&edition=published`, { headers: { cookie: cookies[who]! } });
      if (res.status !== 200) throw new Error(`report: ${res.status}`);
      const bytes = (await res.arrayBuffer()).byteLength;
      return { ms: performance.now() - t, bytes };
    };
    const burst = (people: "one" | "each") => Promise.all(Array.from({ length: CONCURRENT }, (_, i) => one(people === "one" ? 0 : i)));
    // Any write that can change a figure raises the version; the kept figures are then stale.
    const dataChanged = () => g.db.$client.prepare("UPDATE figures_version SET v = v + 1 WHERE id = 1").run();

    await one(); // warm-up: modules, the worker's first start
    dataChanged();
    const alone = await measured(() => one());
    dataChanged();
    const cold = await measured(() => burst("one"));
    const warm = await measured(() => burst("one"));
    dataChanged();
    const people = await measured(() => burst("each"));
    // How it was: every request its own worker thread and its own year-end computation.
    const each = await measured(async () => {
      // A longer time-out than the server's 2 minutes: twenty computations at once on a large
      // province take longer, and the bench measures how long rather than stopping.
      const pools = Array.from({ length: CONCURRENT }, () => new ReportPool({ size: 1 }));
      const services = pools.map((pool) => new FiguresService(g.db, { databasePath: path, pool, timeoutMs: 1_800_000 }));
      try {
        const t0 = performance.now();
        const done = await Promise.all(services.map((f) => f.get({ day: `${year}-12-31`, year }).then(() => performance.now() - t0)));
        return done;
      } finally {
        await Promise.all(pools.map((p) => p.close()));
      }
    });
    // The same twenty computations single-flight, for the figures alone, in a pool as the server's.
    const pool = new ReportPool();
    const single = new FiguresService(g.db, { databasePath: path, pool });
    await single.get({ day: `${year - 1}-12-31` }); // its worker started, as the server's is
    const computedBefore = single.computations;
    const startedBefore = pool.stats().started;
    dataChanged();
    const shared = await measured(async () => {
      const t0 = performance.now();
      return Promise.all(Array.from({ length: CONCURRENT }, () => single.get({ day: `${year}-12-31`, year }).then(() => performance.now() - t0)));
    });
    const counted = { computations: single.computations - computedBefore, workers: pool.stats().started - startedBefore };
    await pool.close();

    const times = (xs: { ms: number }[] | number[]) => xs.map((x) => (typeof x === "number" ? x : x.ms)).sort((a, b) => a - b);
    const row = (label: string, m: { ms: number; rssGrowth: number; threadsGrowth: number; loopHeldMs: number }, each: number[]) => [
      label,
      ms(percentile(each, 50)),
      ms(each[each.length - 1]!),
      ratio(each[each.length - 1]! / alone.ms),
      MiB(m.rssGrowth),
      String(m.threadsGrowth),
      ms(m.loopHeldMs),
    ];
    const scale = `${g.submitted.toLocaleString("en")} assessments, register of ${g.registry.toLocaleString("en")}`;
    return [
      {
        title: `Yearly report ${year}, ${CONCURRENT} requests at once (${scale})`,
        rows: [
          ["requests", "p50", "last done", "last ÷ one alone", "peak memory growth (RSS)", "peak extra threads", "longest event-loop wait"],
          row("one request alone, data just changed (baseline)", alone, [alone.ms]),
          row(`${CONCURRENT} at once by one person, data just changed`, cold, times(cold.value)),
          row(`${CONCURRENT} at once by one person, nothing changed since`, warm, times(warm.value)),
          row(`${CONCURRENT} at once by ${CONCURRENT} people, data just changed`, people, times(people.value)),
          row(`figures only: ${CONCURRENT} at once, single flight`, shared, times(shared.value)),
          row(`figures only: ${CONCURRENT} at once, a pool of one worker each (how it was)`, each, times(each.value)),
        ],
        notes: [
          `Single flight: the ${CONCURRENT} figure requests made ${counted.computations} computation(s) and started ${counted.workers} more worker thread(s) in the render pool. The workbook (${(cold.value[0]!.bytes / 1024).toFixed(0)} KiB, published edition) is built on the request thread once per person and figures version, since it names who made it and when: ${CONCURRENT} people at once make ${CONCURRENT} workbooks from one computation.`,
          `"How it was": every request started its own worker thread, which computed the year-end figures (and also loaded the content and built the workbook). Measured now as twenty render pools of one worker each, so each thread also loads the PDF renderer before it computes: not a lower bound of the old cost.`,
          `Memory is the process's resident set (worker threads included), sampled every 5 ms after a forced GC; threads counted in /proc/self/task. In-process requests through app.request.`,
        ],
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const reportBench: BenchModule = {
  name: "report",
  async run() {
    const sizes = (process.env.REPORT_BENCH_SIZES ?? `${PROVINCE_SUBMITTED},100000`).split(",").map((x) => Number(x.trim()));
    const out = [...(await openDataCoverage())];
    for (const n of sizes) out.push(...(await yearReportUnderLoad(n)));
    return out;
  },
};

// HTTP figures of the real server process on loopback: page throughput as a ratio to the
// cheapest route of the same server, and autosave latency under 200 concurrent owners.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../db/connection.ts";
import { saveQuestionnaireVersion } from "../db/assessments.ts";
import { loadContent } from "../src/content/load.ts";
import { formatResumeCode } from "../src/domain/resumeCode.ts";
import { createServices, startAssessment, submit } from "../src/services/assessments.ts";
import { answerAll, pickMixed } from "../test/answering.ts";
import { mergeAnswers } from "../db/assessments.ts";
import { ms, percentile, ratio, type BenchModule, type BenchResult } from "./types.ts";
import { startServer } from "./server.ts";

const OWNERS = 200;

function call(agent: Agent, port: number, method: string, path: string, body?: string, jar?: { cookie: string }): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      // Every browser asks for gzip and sends back the cookies it was given; pages are measured as phones receive them.
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: {
          "accept-encoding": "gzip, deflate, br",
          ...(jar?.cookie ? { cookie: jar.cookie } : {}),
          ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const set = res.headers["set-cookie"];
        if (jar && set) jar.cookie = set.map((c) => c.split(";")[0]).join("; ");
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    if (body) req.write(body);
    req.end();
  });
}

/** Closed loop: `connections` clients request `path` back to back for `seconds`. */
async function throughput(port: number, path: string, connections: number, seconds: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const jar = { cookie: "" };
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const r = await call(agent, port, "GET", path, undefined, jar);
        if (r.status === 200) done++;
        else errors++;
      }
    }),
  );
  agent.destroy();
  return { perSecond: done / seconds, errors };
}

export const httpBench: BenchModule = {
  name: "http",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "dx-bench-http-"));
    const dbPath = join(dir, "bench.sqlite");
    const content = loadContent("questionnaires");
    const db = openDatabase(dbPath);
    for (const q of content.questionnaires) saveQuestionnaireVersion(db, q);
    const s = createServices(db, content);
    const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
    const answers = answerAll(content.current, facts, pickMixed);
    const codes: string[] = [];
    for (let i = 0; i < OWNERS + 1; i++) {
      const r = startAssessment(
        s,
        { name: `Hộ kinh doanh ${i}`, legalForm: "household", taxCode: null, communeId: "muong_ang", activityGroup: "agriculture", sector: "ocop", staff: 2 },
        { report: true, statistics: true, contact: false },
      );
      if (!r.ok) throw new Error(r.error.message);
      codes.push(formatResumeCode(r.value.code));
      if (i === OWNERS) {
        mergeAnswers(db, r.value.row.id, answers);
        const sub = submit(s, { ...r.value.row });
        if (!sub.ok) throw new Error(sub.error.message);
      }
    }
    db.$client.close();
    const resultCode = codes.pop()!;

    const server = await startServer(dbPath);
    const port = server.port;
    try {
      const C = 16;
      const T = 6;
      const ROUNDS = 6;
      // Warm up every route once under load.
      for (const p of ["/healthz", `/a/${codes[0]}/p/2`, `/a/${resultCode}/result`]) await throughput(port, p, C, 1);
      // Short windows in turn, so the machine's other load falls on every route alike.
      const routes = { hello: "/healthz", part: `/a/${codes[0]}/p/2`, result: `/a/${resultCode}/result` };
      const totals = { hello: { perSecond: 0, errors: 0 }, part: { perSecond: 0, errors: 0 }, result: { perSecond: 0, errors: 0 } };
      for (let round = 0; round < ROUNDS; round++)
        for (const [name, path] of Object.entries(routes) as [keyof typeof routes, string][]) {
          const r = await throughput(port, path, C, T / ROUNDS);
          totals[name].perSecond += r.perSecond / ROUNDS;
          totals[name].errors += r.errors;
        }
      const { hello, part, result } = totals;

      // 200 owners filling the questionnaire: each saves one answer, reads it for 0.5-2 s, saves the next.
      const agent = new Agent({ keepAlive: true, maxSockets: OWNERS });
      const ids = Object.keys(answers);
      const latencies: number[] = [];
      let errors = 0;
      const until = performance.now() + 12_000;
      await Promise.all(
        codes.map(async (code, i) => {
          await new Promise((r) => setTimeout(r, Math.random() * 2000));
          for (let k = 0; performance.now() < until; k++) {
            const qid = ids[(i + k) % ids.length]!;
            const r = await call(agent, port, "PUT", `/api/v1/assessments/${code}/answers`, JSON.stringify({ answers: { [qid]: answers[qid] } }));
            latencies.push(r.ms);
            if (r.status !== 200) errors++;
            await new Promise((res) => setTimeout(res, 500 + Math.random() * 1500));
          }
        }),
      );
      agent.destroy();
      latencies.sort((a, b) => a - b);
      const out: BenchResult[] = [
        {
          title: `Page throughput, ${C} keep-alive connections, ${T} s per route in ${ROUNDS} alternating windows, as a ratio to /healthz of the same server`,
          rows: [
            ["route", "requests/s", "ratio to /healthz", "goal"],
            ["/healthz (baseline: one SQLite query, JSON)", hello.perSecond.toFixed(0), "1.00×", ""],
            ["questionnaire page /a/{code}/p/2", part.perSecond.toFixed(0), ratio(part.perSecond / hello.perSecond), "≥ 0.5×"],
            ["result page /a/{code}/result", result.perSecond.toFixed(0), ratio(result.perSecond / hello.perSecond), "≥ 0.5×"],
          ],
          notes: [`errors: ${hello.errors + part.errors + result.errors}; server: NODE_ENV=production, one process, gzip on`],
        },
        {
          title: `Autosave under ${OWNERS} concurrent owners (each saves, then reads 0.5-2 s), 12 s`,
          rows: [
            ["measure", "value", "goal"],
            ["saves", String(latencies.length), ""],
            ["p50 latency", ms(percentile(latencies, 50)), ""],
            ["p99 latency", ms(percentile(latencies, 99)), "≤ 25 ms"],
            ["max latency", ms(latencies.at(-1) ?? NaN), ""],
            ["errors", String(errors), "0"],
          ],
          notes: ["synchronous=FULL, group commit; latency measured by the client, loopback"],
        },
      ];
      return out;
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

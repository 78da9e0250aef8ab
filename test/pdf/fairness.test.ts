// The render queue is shared fairly: one client holding many requests does not starve another,
// the same report asked for twice is rendered once, and renders kept ready for later never take a
// turn from someone waiting.
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.ts";
import { createApp } from "../../src/http/app.ts";
import { PoolBusyError, ReportPool } from "../../src/pdf/pool.ts";
import { pickMixed } from "../answering.ts";
import { content, profile, tempDir, type TestApp } from "../helpers.ts";
import { assessed } from "./fixtures.ts";

const SLEEPY = new URL("./sleepWorker.ts", import.meta.url);
const pools: ReportPool[] = [];
const sleepyPool = async (opts: ConstructorParameters<typeof ReportPool>[0] = {}) => {
  const pool = new ReportPool({ size: 1, workerUrl: SLEEPY, ...opts });
  pools.push(pool);
  await pool.warm();
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Starts `run` and records when it settled and how. */
function track(order: string[], name: string, run: Promise<Uint8Array>) {
  return run.then(
    () => void order.push(name),
    (e) => void order.push(`${name}:${e instanceof PoolBusyError ? "busy" : "failed"}`),
  );
}

describe("the render queue", () => {
  it("one client holding twelve requests: another client's request is next in line, not refused", async () => {
    const pool = await sleepyPool({ maxQueue: 4 });
    const order: string[] = [];
    const all = [];
    for (let i = 1; i <= 12; i++) all.push(track(order, `a${i}`, pool.run("ownerReport", { label: `a${i}`, ms: 150 }, { shares: ["203.0.113.1", `code${i}`] })));
    await new Promise((r) => setTimeout(r, 20));
    all.push(track(order, "b", pool.run("ownerReport", { label: "b", ms: 150 }, { shares: ["203.0.113.2", "mine"] })));
    await Promise.all(all);
    const served = order.filter((x) => !x.includes(":"));
    // a1 was already rendering; b is served right after it.
    expect(served.slice(0, 2)).toEqual(["a1", "b"]);
    // The twelve-request client was refused what did not fit, never the other client.
    expect(order).not.toContain("b:busy");
    expect(order.filter((x) => x.endsWith(":busy")).length).toBeGreaterThan(0);
  });

  it("when the queue is full, a newcomer takes the place of the newest request of whoever holds the most", async () => {
    const pool = await sleepyPool({ maxQueue: 3 });
    const order: string[] = [];
    const all = [track(order, "a0", pool.run("ownerReport", { label: "a0", ms: 200 }, { shares: ["A", "0"] }))];
    await new Promise((r) => setTimeout(r, 20)); // a0 rendering
    for (let i = 1; i <= 3; i++) all.push(track(order, `a${i}`, pool.run("ownerReport", { label: `a${i}`, ms: 50 }, { shares: ["A", String(i)] })));
    all.push(track(order, "b", pool.run("ownerReport", { label: "b", ms: 50 }, { shares: ["B", "x"] })));
    await Promise.all(all);
    expect(order).toContain("a3:busy");
    expect(order.indexOf("b")).toBeLessThan(order.indexOf("a2"));
    expect(pool.stats().evicted).toBe(1);
  });

  it("the same report asked for by many is rendered once, and each gets it", async () => {
    const pool = await sleepyPool();
    const runs = Array.from({ length: 5 }, (_, i) => pool.run("ownerReport", { label: "same", ms: 100 }, { shares: [`10.0.0.${i}`, "code"], key: "k1" }));
    const pdfs = await Promise.all(runs);
    expect(pdfs.map(text)).toEqual(Array(5).fill("%PDF-test same"));
    expect(pool.stats()).toMatchObject({ renders: 1, joined: 4 });
  });

  it("background renders wait while anyone waits, and one asked for now is moved up", async () => {
    const pool = await sleepyPool();
    const order: string[] = [];
    const all = [track(order, "now1", pool.run("ownerReport", { label: "now1", ms: 100 }, { shares: ["A", "1"] }))];
    await new Promise((r) => setTimeout(r, 10));
    all.push(track(order, "bg1", pool.run("ownerReport", { label: "bg1", ms: 50 }, { priority: "background", key: "bg1" })));
    all.push(track(order, "bg2", pool.run("ownerReport", { label: "bg2", ms: 50 }, { priority: "background", key: "bg2" })));
    all.push(track(order, "now2", pool.run("ownerReport", { label: "now2", ms: 50 }, { shares: ["B", "2"] })));
    // Someone taps for the report bg2 is keeping ready: it joins, and it is no longer background.
    all.push(track(order, "tap-bg2", pool.run("ownerReport", { label: "bg2", ms: 50 }, { shares: ["C", "3"], key: "bg2" })));
    await Promise.all(all);
    expect(order).toEqual(["now1", "now2", "bg2", "tap-bg2", "bg1"]);
  });
});

describe("through the app: clients behind one proxy", () => {
  let t: TestApp & { cleanupAll?: () => void };
  afterEach(() => t?.cleanup());

  it("an owner tapping every 300 ms while another address holds twelve requests gets every report", async () => {
    const pool = await sleepyPool({ maxQueue: 4 });
    const dir = tempDir();
    const db = openDatabase(`${dir.dir}/t.sqlite`);
    const app = createApp({ db, content: content(), reportPool: pool, proxyTrust: { hops: 1 } });
    t = { app, db, content: content(), dbPath: `${dir.dir}/t.sqlite`, cleanup: () => (db.$client.close(), dir.cleanup()) };
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push((await assessed(t, profile({ name: `Hộ kinh doanh số ${i}` }), pickMixed)).code);
    const owner = (await assessed(t, profile({ name: "Hộ bà Lò Thị Hoa" }), pickMixed)).code;
    const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
    const flood = codes.map((code) => app.request(`/a/${code}/report.pdf`, from("198.51.100.66")));
    const mine: number[] = [];
    for (let i = 0; i < 5; i++) {
      mine.push((await app.request(`/a/${owner}/report.pdf`, from("203.0.113.7"))).status);
      await new Promise((r) => setTimeout(r, 300));
    }
    const theirs = await Promise.all(flood.map(async (r) => (await r).status));
    expect(mine).toEqual([200, 200, 200, 200, 200]);
    expect(theirs.filter((s) => s === 503).length).toBeGreaterThan(0); // what did not fit is theirs to retry
  }, 60_000);
});

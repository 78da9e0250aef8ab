// The render pool under failure and load: a worker that throws, one that never returns, a full
// queue, recycling, shutdown. Failures come from a test worker (faultyWorker.ts) keyed on a marker
// in the business name; production workers have no such branch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PoolBusyError, RenderFailedError, ReportPool } from "../../src/pdf/pool.ts";
import { buildReportData, type ReportData } from "../../src/pdf/reportData.ts";
import { createServices, findByCode } from "../../src/services/assessments.ts";
import { pickMixed } from "../answering.ts";
import { makeTestApp, profile, type TestApp } from "../helpers.ts";
import { HANG, SLOW, THROW } from "./faults.ts";
import { assessed } from "./fixtures.ts";

const FAULTY = new URL("./faultyWorker.ts", import.meta.url);
/** The stuck worker's time-out: the test waits this long for it. */
const HANG_TIMEOUT_MS = 20_000;
/** A render time-out for tests that only need renders to finish: a cold worker on a loaded machine took over 30 s. */
const LOADED_MACHINE_MS = 90_000;

async function expectPdf(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  return bytes;
}

describe("a render that fails, through the app", () => {
  let pool: ReportPool;
  let t: TestApp;
  beforeAll(async () => {
    // Long enough for a render on a machine shared with other work (at a load of 15 on 2 cores a
    // render took more than 8 s), short enough for a test that waits for it.
    pool = new ReportPool({ size: 1, timeoutMs: HANG_TIMEOUT_MS, workerUrl: FAULTY });
    await pool.warm();
    t = makeTestApp({ reportPool: pool });
  });
  afterAll(async () => {
    await pool.close();
    t.cleanup();
  });

  it("a worker that throws gives a clear Vietnamese error page, and the next report renders", async () => {
    const bad = await assessed(t, profile({ name: `Hộ kinh doanh ${THROW}` }), pickMixed);
    const good = await assessed(t, profile(), pickMixed);
    const res = await t.app.request(`/a/${bad.code}/report.pdf`);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const body = await res.text();
    expect(body).toContain("Chưa tạo được báo cáo");
    expect(body).toContain("Kết quả đánh giá của anh/chị vẫn được lưu nguyên");
    expect(body).toContain(`href="/a/${bad.code}/report.pdf"`);
    await expectPdf(await t.app.request(`/a/${good.code}/report.pdf`));
    expect(pool.stats().failures).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("a worker that never returns is stopped at the time-out with a clear page, and the next report renders", async () => {
    const stuck = await assessed(t, profile({ name: `Hộ kinh doanh ${HANG}` }), pickMixed);
    const good = await assessed(t, profile(), pickMixed);
    const before = pool.stats().timeouts;
    const started = Date.now();
    const res = await t.app.request(`/a/${stuck.code}/report.pdf`);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HANG_TIMEOUT_MS - 100);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await res.text()).toContain("mất quá nhiều thời gian nên đã dừng lại");
    expect(pool.stats().timeouts).toBe(before + 1);
    await expectPdf(await t.app.request(`/a/${good.code}/report.pdf`));
  }, 120_000);
});

describe("a full queue", () => {
  it("is refused at once with 503, Retry-After and a Vietnamese page, while the running render completes", async () => {
    const pool = new ReportPool({ size: 1, maxQueue: 1, timeoutMs: 20_000, workerUrl: FAULTY });
    const t = makeTestApp({ reportPool: pool });
    try {
      await pool.warm();
      // Three different reports (the same one asked for again would join the render under way).
      const slow = [];
      for (let i = 1; i <= 3; i++) slow.push(await assessed(t, profile({ name: `Hộ kinh doanh ${SLOW} ${i}` }), pickMixed));
      const running = t.app.request(`/a/${slow[0]!.code}/report.pdf`); // takes the only worker
      await new Promise((r) => setTimeout(r, 100));
      const queued = t.app.request(`/a/${slow[1]!.code}/report.pdf`); // takes the only queue place
      await new Promise((r) => setTimeout(r, 50));
      const started = Date.now();
      const refused = await t.app.request(`/a/${slow[2]!.code}/report.pdf`);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(refused.status).toBe(503);
      const retry = Number(refused.headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(await refused.text()).toContain(`Vui lòng thử lại sau khoảng ${retry} giây`);
      await expectPdf(await running);
      await expectPdf(await queued);
    } finally {
      await pool.close();
      t.cleanup();
    }
  }, 60_000);
});

describe("the pool", () => {
  let t: TestApp;
  let data: ReportData;
  beforeAll(async () => {
    t = makeTestApp();
    const { code } = await assessed(t, profile(), pickMixed);
    const s = createServices(t.db, t.content);
    const found = findByCode(s, code);
    if (!found.ok) throw new Error("assessment not found");
    data = buildReportData(s, found.value.row, { code, publicUrl: "http://localhost:3000" });
  });
  afterAll(() => t.cleanup());

  it("refuses directly with PoolBusyError when every worker is busy and the queue is full", async () => {
    const pool = new ReportPool({ size: 1, maxQueue: 0, workerUrl: FAULTY });
    try {
      await pool.warm();
      const slow = pool.render({ ...data, business: { ...data.business, name: SLOW } });
      await expect(pool.render(data)).rejects.toBeInstanceOf(PoolBusyError);
      expect((await slow).byteLength).toBeGreaterThan(1000);
    } finally {
      await pool.close();
    }
  });

  it("replaces a worker after N renders and after a render that leaves its heap above the threshold", async () => {
    const byCount = new ReportPool({ size: 1, maxRendersPerWorker: 2, timeoutMs: LOADED_MACHINE_MS });
    const byHeap = new ReportPool({ size: 1, maxHeapMb: 1, timeoutMs: LOADED_MACHINE_MS });
    try {
      // The third render runs on the worker that replaced the first one.
      for (let i = 0; i < 3; i++) expect((await byCount.render(data)).byteLength).toBeGreaterThan(1000);
      expect(byCount.stats()).toMatchObject({ renders: 3, recycled: 1, failures: 0 });
      expect((await byHeap.render(data)).byteLength).toBeGreaterThan(1000);
      expect(byHeap.stats()).toMatchObject({ renders: 1, recycled: 1, workers: 0 });
    } finally {
      await Promise.all([byCount.close(), byHeap.close()]);
    }
  }, 4 * LOADED_MACHINE_MS);

  it("renders on every core at once", async () => {
    const pool = new ReportPool({ size: 2, timeoutMs: LOADED_MACHINE_MS });
    try {
      const pdfs = await Promise.all([pool.render(data), pool.render(data)]);
      for (const p of pdfs) expect(p.byteLength).toBeGreaterThan(1000);
      expect(pool.stats().workers).toBe(2);
    } finally {
      await pool.close();
    }
  }, 2 * LOADED_MACHINE_MS);

  it("once closed, stops its workers and refuses renders", async () => {
    const pool = new ReportPool({ size: 1 });
    await pool.warm();
    expect(pool.stats().workers).toBe(1);
    await pool.close();
    expect(pool.stats().workers).toBe(0);
    await expect(pool.render(data)).rejects.toBeInstanceOf(RenderFailedError);
  });
});

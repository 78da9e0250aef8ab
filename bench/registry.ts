// The province's register imported whole: a file of 200,000 rows (about 20 MB) is read and checked
// in a worker thread while the server keeps answering. Measured: how long a cheap request waits
// while the preview is made, against the same requests with nothing running (same run), the
// longest event-loop delay of the server's thread, how long the preview takes, and what saving it
// costs (one transaction on the server's thread).
// npm run bench registry
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openDatabase } from "../db/connection.ts";
import { loadContent } from "../src/content/load.ts";
import { createApp } from "../src/http/app.ts";
import { MAX_REGISTRY_BYTES } from "../src/services/registryImport.ts";
import { departmentCookie, load1, stats, withCpu } from "./measure.ts";
import { ms, ratio, type BenchModule, type BenchResult } from "./types.ts";

const ROWS = 200_000;

/** A tax code with its check digit (the import refuses a wrong one). */
function taxCode(n: number): string {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (let bump = 0; ; bump++) {
    const base = String(560000000 + (n + 1) * 10 + bump).padStart(9, "0");
    const check = 10 - (w.reduce((s, x, i) => s + x * Number(base[i]), 0) % 11);
    if (check < 10) return base + check;
  }
}

/** A register as the province's file would be: companies, cooperatives and households in every commune. */
function registerCsv(communes: readonly { name: string }[], rows: number): string {
  const forms = ["Công ty", "Hợp tác xã", "Hộ kinh doanh"];
  const sectors = ["OCOP/nông nghiệp", "du lịch", "biên mậu", "khác", ""];
  const sizes = ["siêu nhỏ", "nhỏ", "vừa", ""];
  const lines = ["Mã số thuế,Tên,Loại hình,Xã/phường,Ngành,Quy mô,Ngày đăng ký"];
  for (let i = 0; i < rows; i++) {
    const form = forms[i % 3]!;
    const household = form === "Hộ kinh doanh";
    const day = `${1 + (i % 28)}/${1 + (i % 12)}/${2000 + (i % 25)}`;
    lines.push(
      [
        household && i % 2 ? "" : taxCode(i),
        `${form} Điện Biên số ${i}`,
        form,
        communes[i % communes.length]!.name,
        sectors[i % sectors.length],
        sizes[i % sizes.length],
        day,
      ].join(","),
    );
  }
  return lines.join("\n");
}

/** Requests to a cheap page every `everyMs` until `until` settles: how long each waited for its answer. */
async function pings(app: ReturnType<typeof createApp>, until: Promise<unknown>, everyMs: number): Promise<number[]> {
  const out: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const t = performance.now();
    const res = await app.request("/healthz");
    await res.arrayBuffer();
    out.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return out;
}

async function importBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "dx-registry-"));
  try {
    const content = loadContent(join(import.meta.dirname, "..", "questionnaires"));
    const db = openDatabase(join(dir, "province.sqlite"));
    const app = createApp({ db, content });
    const cookie = await departmentCookie(db, app);
    const csv = registerCsv(content.communes, ROWS);
    const bytes = new TextEncoder().encode(csv);
    if (bytes.byteLength > MAX_REGISTRY_BYTES) throw new Error(`file of ${bytes.byteLength} bytes is over the limit`);

    // Baseline: the same requests for 3 s with nothing else running.
    const idleLag = monitorEventLoopDelay({ resolution: 1 });
    idleLag.enable();
    const idle = await pings(app, new Promise((r) => setTimeout(r, 3000)), 10);
    idleLag.disable();

    // The preview: upload, read and check 200,000 rows off the server's thread.
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    let previewAt = "";
    const preview = withCpu(async () => {
      const fd = new FormData();
      fd.append("file", new File([bytes], "so-dang-ky-toan-tinh.csv", { type: "text/csv" }));
      fd.append("fullRegister", "1");
      const res = await app.request("/staff/department/registry/preview", { method: "POST", body: fd, headers: { cookie, origin: "http://localhost" } });
      if (res.status !== 303) throw new Error(`preview: ${res.status} ${await res.text()}`);
      previewAt = res.headers.get("location")!;
    });
    const during = await pings(app, preview, 10);
    const p = await preview;
    lag.disable();
    const importId = Number(/imports\/(\d+)/.exec(previewAt)![1]);
    const imp = db.$client.prepare("SELECT row_count, error_count, fresh FROM registry_imports WHERE id = ?").get(importId) as { row_count: number; error_count: number; fresh: number };

    // The preview page (errors paged, first changes): what the officer opens next.
    const page = await withCpu(async () => (await app.request(previewAt, { headers: { cookie } })).text());

    // Saving: one transaction on the server's thread.
    const save = await withCpu(async () => {
      const res = await app.request("/staff/department/registry/commit", {
        method: "POST",
        headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
        body: `importId=${importId}`,
      });
      if (res.status !== 303) {
        const errors = db.$client.prepare("SELECT row, message FROM registry_import_errors WHERE import_id = ? LIMIT 5").all(importId);
        throw new Error(`commit: ${res.status} ${JSON.stringify(errors)}`);
      }
    });
    const saved = (db.$client.prepare("SELECT count(*) n FROM registry").get() as { n: number }).n;
    db.$client.close();

    const a = stats(idle);
    const b = stats(during);
    return [
      {
        title: `Registry import of ${ROWS.toLocaleString("en")} rows (${(bytes.byteLength / 2 ** 20).toFixed(1)} MiB CSV)`,
        rows: [
          ["measure", "idle (baseline)", "while the preview is made", "ratio"],
          ["GET /healthz p50", ms(a.p50), ms(b.p50), ratio(b.p50 / a.p50)],
          ["GET /healthz p99", ms(a.p99), ms(b.p99), ratio(b.p99 / a.p99)],
          ["GET /healthz max", ms(a.max), ms(b.max), ratio(b.max / a.max)],
          ["event-loop delay max (server thread)", ms(idleLag.max / 1e6), ms(lag.max / 1e6), ratio(lag.max / idleLag.max)],
          ["requests answered", String(idle.length), String(during.length), ""],
        ],
        notes: [
          `Preview (upload, read, check, counted against the register, written in steps of 2,000 rows): ${(p.wallMs / 1000).toFixed(1)} s wall, ${(p.cpuMs / 1000).toFixed(1)} s CPU of this process; ${imp.row_count.toLocaleString("en")} rows, ${imp.error_count} errors, ${imp.fresh.toLocaleString("en")} new. Load average ${p.load} (2 shared cores).`,
          `Goal: no other request waits more than 100 ms while the file is read (event-loop delay max above).`,
          `Preview page afterwards: ${ms(page.wallMs)}.`,
          // One synchronous transaction: the thread is held for its whole wall time (an event-loop
          // histogram records nothing while it is held, so the wall time is the figure).
          `Saving (one transaction on the server's thread, ${saved.toLocaleString("en")} rows written): ${(save.wallMs / 1000).toFixed(1)} s wall, ${(save.cpuMs / 1000).toFixed(1)} s CPU — the save holds the server's thread; other requests wait for it.`,
        ],
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const registryBench: BenchModule = { name: "registry", onlyWhenNamed: true, run: importBench };

// What a client sees at the edge of the server, over a real socket: a body too large is answered
// with 413 and the connection closed cleanly (never a keep-alive promise broken, never a 500), and
// a JSON call with a body of another type gets 415 `unsupported_media_type`.
import { connect, type Socket } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pino } from "pino";
import { openDatabase } from "../../db/connection.ts";
import { createApp } from "../../src/http/app.ts";
import { consents, content, json, makeTestApp, profile, startedCode, tempDir, type TestApp } from "../helpers.ts";

interface Exchange {
  /** Everything the server sent, as text. */
  received: string;
  /** How the connection ended: the server closed it (FIN), reset it, or it stayed open. */
  ended: "closed" | "reset" | "open";
}

/**
 * Sends `request` (head and body written in full, as a client on a slow link would keep doing
 * after an early answer), then `next` on the same socket half a second later; waits for the
 * connection to end or two seconds.
 */
function exchange(port: number, request: string | Buffer, next = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"): Promise<Exchange> {
  return new Promise((resolve) => {
    const sock: Socket = connect(port, "127.0.0.1");
    let received = "";
    let ended: Exchange["ended"] = "open";
    const finish = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ received, ended });
    };
    const timer = setTimeout(finish, 2000);
    sock.on("data", (d) => (received += d.toString("utf8")));
    sock.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ECONNRESET" || e.code === "EPIPE") ended = "reset";
    });
    sock.on("close", () => {
      if (ended === "open") ended = "closed";
      finish();
    });
    sock.write(request);
    setTimeout(() => !sock.destroyed && sock.write(next), 500);
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
const headerOf = (response: string, name: string) => new RegExp(`\\r\\n${name}: ([^\\r]*)`, "i").exec(response)?.[1];

describe("a body over the limit, on a kept-alive connection", () => {
  let server: ServerType;
  let port: number;
  let code: string;
  const logged: { status?: number; level: number }[] = [];
  const errors = vi.spyOn(console, "error");
  const t = tempDir();
  beforeAll(async () => {
    const db = openDatabase(`${t.dir}/t.sqlite`);
    const sink = new Writable({ write: (line, _e, done) => (logged.push(JSON.parse(String(line))), done()) });
    const app = createApp({ db, content: content(), logger: pino({ base: undefined }, sink) });
    const res = await app.request("/api/v1/assessments", json({ profile: profile(), consents }));
    code = ((await res.json()) as { code: string }).code;
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => ((port = info.port), resolve()));
    });
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    errors.mockRestore();
    t.cleanup();
  });

  const cases = [
    { name: "JSON with Content-Length", path: "/api/v1/assessments", type: "application/json", chunked: false },
    { name: "JSON sent in chunks", path: "/api/v1/assessments", type: "application/json", chunked: true },
    { name: "a form with Content-Length", path: "/assessments", type: "application/x-www-form-urlencoded", chunked: false },
    { name: "a form sent in chunks", path: () => `/a/${code}/p/1`, type: "application/x-www-form-urlencoded", chunked: true },
  ];
  for (const k of cases) {
    it(`${k.name}: 413 reaches the client with Connection: close, and the server closes cleanly`, async () => {
      const body = Buffer.alloc(200 * 1024, "a");
      const path = typeof k.path === "function" ? k.path() : k.path;
      const framing = k.chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${body.length}`;
      const head = `POST ${path} HTTP/1.1\r\nHost: t\r\nConnection: keep-alive\r\nContent-Type: ${k.type}\r\n${framing}\r\n\r\n`;
      const payload = k.chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]) : body;
      const before = logged.length;
      const r = await exchange(port, Buffer.concat([Buffer.from(head), payload]));
      expect(statusOf(r.received)).toBe(413);
      // The promise the answer makes about the connection is the one kept.
      expect(headerOf(r.received, "connection")?.toLowerCase()).toBe("close");
      expect(r.received.match(/HTTP\/1\.1 /g)).toHaveLength(1); // nothing more on a connection said closed
      expect(r.ended).toBe("closed");
      if (k.type === "application/json") expect(r.received).toContain('"code":"too_large"');
      else expect(r.received).toContain("Dữ liệu gửi lên quá lớn");
      const lines = logged.slice(before);
      expect(lines.map((l) => l.status)).toEqual([413]);
      expect(lines.every((l) => l.level < 50)).toBe(true);
      expect(errors).not.toHaveBeenCalled();
    });
  }

  it("a body under the limit keeps the connection alive for the next request", async () => {
    const body = JSON.stringify({ answers: {} });
    const head = `PUT /api/v1/assessments/${code}/answers HTTP/1.1\r\nHost: t\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const r = await exchange(port, head + body);
    expect(statusOf(r.received)).toBe(200);
    expect(r.received.match(/HTTP\/1\.1 200/g)).toHaveLength(2); // the answer, then /healthz on the same socket
    expect(r.ended).toBe("open");
  });
});

describe("a JSON call whose body is not JSON", () => {
  let t: TestApp;
  let code: string;
  beforeAll(async () => {
    t = makeTestApp();
    code = await startedCode(t);
  });
  afterAll(() => t.cleanup());

  const calls = () => [
    { method: "POST", path: "/api/v1/assessments", body: JSON.stringify({ profile: profile(), consents }) },
    { method: "PUT", path: `/api/v1/assessments/${code}/answers`, body: JSON.stringify({ answers: { str_awareness: "aw_doing" } }) },
    { method: "POST", path: `/api/v1/assessments/${code}/advice-requests`, body: JSON.stringify({ actionId: "x", channel: "phone", contact: "0912345678" }) },
  ];
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml", null]) {
    it(`sent as ${type ?? "no Content-Type"}: 415 unsupported_media_type, nothing stored`, async () => {
      const count = () => (t.db.$client.prepare("select (select count(*) from assessments) + (select count(*) from answers) + (select count(*) from advice_requests) n").get() as { n: number }).n;
      const before = count();
      for (const call of calls()) {
        const res = await t.app.request(call.path, { method: call.method, body: call.body, headers: type ? { "content-type": type } : {} });
        expect(res.status, call.path).toBe(415);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("unsupported_media_type");
        expect(body.error.message).toContain("application/json");
      }
      expect(count()).toBe(before);
    });
  }
});

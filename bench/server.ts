// The real server process for benchmarks that measure it over loopback: started as `npm start`
// runs it (package.json), on a free port, and waited for until /healthz answers.
import { spawn } from "node:child_process";
import { get } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

/** How `npm start` runs the server; see docs/decisions/007 for --single-threaded-gc. */
export const SERVER_NODE_ARGS = ["--single-threaded-gc", "--import", "tsx", "src/server.ts"];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const healthy = (port: number) =>
  new Promise<boolean>((resolve) => {
    get({ host: "127.0.0.1", port, path: "/healthz" }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on("error", () => resolve(false));
  });

/** Starts the production server on `dbPath` (`env`: more settings); `stop()` sends SIGTERM and waits half a second. */
export async function startServer(dbPath: string, env: Record<string, string> = {}): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, SERVER_NODE_ARGS, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: dbPath, NODE_ENV: "production", SESSION_SECRET: "b".repeat(40), LOG_LEVEL: "silent", ...env },
    stdio: "ignore",
  });
  for (let i = 0; i < 300 && !(await healthy(port)); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    port,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}

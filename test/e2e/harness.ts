// Browser test harness: Debian's Chromium driven by playwright-core (no browser download),
// against the real app served on a free loopback port with a temporary database.
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { openDatabase, type Db } from "../../db/connection.ts";
import { createApp } from "../../src/http/app.ts";
import { content, tempDir } from "../helpers.ts";
import { join } from "node:path";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const browserRequired = process.env.REQUIRE_BROWSER === "1";
export const browserAvailable = existsSync(CHROMIUM_PATH);

if (!browserAvailable && browserRequired) {
  throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

/** `describe` for browser tests: skipped (loudly, see globalSetup) where Chromium is missing. */
export const browserSuite = browserAvailable ? (await import("vitest")).describe : (await import("vitest")).describe.skip;

export interface Served {
  url: string;
  db: Db;
  close: () => Promise<void>;
}

export async function startServer(): Promise<Served> {
  const t = tempDir("dx-e2e-");
  const db = openDatabase(join(t.dir, "e2e.sqlite"));
  const app = createApp({ db, content: content() });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          db.$client.close();
          t.cleanup();
          resolve();
        });
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No background traffic: this machine has no network beyond loopback.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A phone: 360 × 640, touch, Vietnamese. */
export function phoneContext(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    javaScriptEnabled,
  });
}

/**
 * The server and browser a browser-test file shares: started before its tests, closed after.
 * Read `env.server` and `env.browser` inside tests (they are set by then).
 */
export function useServerAndBrowser(): { server: Served; browser: Browser } {
  const env = {} as { server: Served; browser: Browser };
  beforeAll(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

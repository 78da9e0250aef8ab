// The address the limits count against, behind reverse proxies: what the client writes into
// X-Forwarded-For never gives it a fresh address.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { clientAddress, trustedAddresses, type ProxyTrust } from "../../src/http/clientAddress.ts";
import { createApp } from "../../src/http/app.ts";
import { DEFAULT_LIMITS, RateLimiter } from "../../src/http/rateLimit.ts";
import { openDatabase } from "../../db/connection.ts";
import { consents, content, json, profile, tempDir } from "../helpers.ts";

describe("clientAddress", () => {
  const oneProxy: ProxyTrust = { hops: 1 };
  it("with no proxy, the socket's peer, whatever the header says", () => {
    expect(clientAddress("203.0.113.7", "1.1.1.1", { hops: 0 })).toBe("203.0.113.7");
  });
  it("with one proxy of ours, the entry it appended: the right-most", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.7", oneProxy)).toBe("203.0.113.7");
    // The client wrote "6.6.6.6" itself; our proxy appended the address it saw.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7", oneProxy)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.2", "6.6.6.6,7.7.7.7,  203.0.113.7", oneProxy)).toBe("203.0.113.7");
  });
  it("with two proxies, the second entry from the right", () => {
    expect(clientAddress("10.0.0.3", "6.6.6.6, 203.0.113.7, 10.0.0.2", { hops: 2 })).toBe("203.0.113.7");
  });
  it("a request that skipped our proxy (no header) counts against its own peer", () => {
    expect(clientAddress("203.0.113.7", undefined, oneProxy)).toBe("203.0.113.7");
  });
  it("with the proxies' addresses: every trusted entry from the right is skipped, the first other one is the client", () => {
    const trust: ProxyTrust = { addresses: trustedAddresses("10.0.0.0/8, 192.168.1.5, ::1") };
    expect(clientAddress("10.0.0.3", "6.6.6.6, 203.0.113.7, 192.168.1.5, 10.9.9.9", trust)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:10.0.0.3", "203.0.113.7", trust)).toBe("203.0.113.7");
    expect(clientAddress("::1", "2001:db8::5", trust)).toBe("2001:db8::5");
    // A peer that is not one of our proxies is the client, whatever it forwards.
    expect(clientAddress("198.51.100.4", "6.6.6.6", trust)).toBe("198.51.100.4");
    // Spoofed entries that look trusted do not help either: they are left of an untrusted one.
    expect(clientAddress("10.0.0.3", "10.1.1.1, 203.0.113.7", trust)).toBe("203.0.113.7");
  });
  it("refuses a proxy list entry that is not an address or range", () => {
    expect(() => trustedAddresses("10.0.0.0/8, proxy.local")).toThrow(/proxy\.local/);
    expect(() => trustedAddresses("10.0.0.0/33")).toThrow();
  });
});

describe("configuration", () => {
  it("TRUST_PROXY is a number of hops; TRUSTED_PROXIES a list; not both", () => {
    expect(parseConfig({ TRUST_PROXY: "1" }).proxyTrust).toEqual({ hops: 1 });
    expect(parseConfig({}).proxyTrust).toEqual({ hops: 0 });
    expect("addresses" in parseConfig({ TRUSTED_PROXIES: "127.0.0.1,10.0.0.0/8" }).proxyTrust).toBe(true);
    expect(() => parseConfig({ TRUST_PROXY: "1", TRUSTED_PROXIES: "127.0.0.1" })).toThrow(/không đặt cả hai/);
    expect(() => parseConfig({ TRUSTED_PROXIES: "nginx" })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("limits behind a proxy cannot be walked around with X-Forwarded-For", () => {
  function appBehindOneProxy() {
    const t = tempDir();
    const db = openDatabase(`${t.dir}/t.sqlite`);
    const limiter = new RateLimiter({ ...DEFAULT_LIMITS, lookup: { max: 5, windowMs: 60_000 }, create: { max: 3, windowMs: 60_000 } });
    const app = createApp({ db, content: content(), limiter, proxyTrust: parseConfig({ TRUST_PROXY: "1" }).proxyTrust });
    return { app, cleanup: () => (db.$client.close(), t.cleanup()) };
  }
  // What the client sends "X-Forwarded-For: <random>", and the proxy appends the real address.
  const via = (spoofed: string) => ({ "x-forwarded-for": `${spoofed}, 203.0.113.7` });

  it("resume-code guesses with a new left-most address each time are still blocked", async () => {
    const { app, cleanup } = appBehindOneProxy();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await app.request("/api/v1/assessments/0000-0000-0000", { headers: via(`198.51.100.${i}`) })).status);
      expect(statuses.slice(0, 5).every((s) => s === 404 || s === 400)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      // Another client behind the same proxy is not held.
      expect((await app.request("/api/v1/assessments/0000-0000-0000", { headers: { "x-forwarded-for": "203.0.113.8" } })).status).not.toBe(429);
    } finally {
      cleanup();
    }
  });

  it("new assessments with a new left-most address each time are still limited", async () => {
    const { app, cleanup } = appBehindOneProxy();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await app.request("/api/v1/assessments", { ...json({ profile: profile(), consents }), headers: { "content-type": "application/json", ...via(`198.51.100.${i}`) } });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
    } finally {
      cleanup();
    }
  });
});

// Reports kept ready on disk: keyed by what they are made from, sealed with the owner's code,
// bounded, rendered in the background after a change, gone with the assessment.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { KeptReports, rendererFingerprint, type ReportRef } from "../../src/pdf/keptReports.ts";
import { ReportPool } from "../../src/pdf/pool.ts";
import { pickMixed } from "../answering.ts";
import { CONTENT_DIR, json, makeTestApp, profile, consents, tempDir, type TestApp } from "../helpers.ts";
import { addStaff, form, profileForm, signInAs } from "../staffHelpers.ts";
import { answerAll } from "../answering.ts";
import { assessed } from "./fixtures.ts";
import { mergeAnswers } from "../../db/assessments.ts";

const SLEEPY = new URL("./sleepWorker.ts", import.meta.url);
const key = Buffer.alloc(32, 7);
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4 ${text} ${"x".repeat(200)}`);
const ref = (over: Partial<ReportRef> = {}): ReportRef => ({ id: 1, codeHash: "h1", revision: 3, validatedBy: null, publicUrl: "https://x", locale: "vi", ...over });
const CODE = "7K2M9QXA4TBZ";

describe("KeptReports", () => {
  let dir: ReturnType<typeof tempDir>;
  let kept: KeptReports;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => dir.cleanup());
  const fresh = (opts: Partial<ConstructorParameters<typeof KeptReports>[0]> = {}) =>
    (kept = new KeptReports({ dir: join(dir.dir, String(Math.random())), sealKey: key, fingerprint: "f1", ...opts }));

  it("gives back what it kept, only to the code it was sealed with; the file holds neither the PDF nor the code", async () => {
    fresh();
    expect(await kept.write(ref(), CODE, pdf("one"), () => true)).toBe(true);
    expect(new TextDecoder().decode((await kept.read(ref(), CODE))!)).toContain("one");
    expect(await kept.read(ref(), "0000000000000")).toBeNull();
    const [file] = readdirSync(join(kept.dir, "1"));
    const bytes = readFileSync(join(kept.dir, "1", file!)).toString("latin1");
    expect(bytes).not.toContain("%PDF");
    expect(bytes).not.toContain(CODE);
  });

  it("a new revision, advisor, address or build is a new key; the older file of the assessment is replaced", async () => {
    fresh();
    await kept.write(ref(), CODE, pdf("r3"), () => true);
    for (const changed of [ref({ revision: 4 }), ref({ validatedBy: "Lò Văn Tư" }), ref({ publicUrl: "https://y" }), ref({ codeHash: "h2" })]) expect(kept.has(changed)).toBe(false);
    expect(new KeptReports({ dir: kept.dir, sealKey: key, fingerprint: "f2" }).keyOf(ref())).not.toBe(kept.keyOf(ref()));
    await kept.write(ref({ revision: 4 }), CODE, pdf("r4"), () => true);
    expect(readdirSync(join(kept.dir, "1"))).toHaveLength(1);
    expect(await kept.read(ref(), CODE)).toBeNull();
    // A render of an older revision finishing late does not replace the newer one.
    expect(await kept.write(ref(), CODE, pdf("late"), () => true)).toBe(false);
    expect(new TextDecoder().decode((await kept.read(ref({ revision: 4 }), CODE))!)).toContain("r4");
  });

  it("keeps one report per assessment and language: an English one neither replaces nor is served for the Vietnamese", async () => {
    fresh();
    await kept.write(ref(), CODE, pdf("vi r3"), () => true);
    expect(kept.has(ref({ locale: "en" }))).toBe(false);
    expect(kept.keyOf(ref({ locale: "en" }))).not.toBe(kept.keyOf(ref()));
    await kept.write(ref({ locale: "en" }), CODE, pdf("en r3"), () => true);
    expect(new TextDecoder().decode((await kept.read(ref(), CODE))!)).toContain("vi r3");
    expect(new TextDecoder().decode((await kept.read(ref({ locale: "en" }), CODE))!)).toContain("en r3");
    expect(readdirSync(join(kept.dir, "1"))).toHaveLength(2);
    // After a restart both are found again; a new revision replaces only its own language's file.
    const again = new KeptReports({ dir: kept.dir, sealKey: key, fingerprint: "f1" });
    again.load(() => true);
    expect([again.has(ref()), again.has(ref({ locale: "en" }))]).toEqual([true, true]);
    await again.write(ref({ revision: 4, locale: "en" }), CODE, pdf("en r4"), () => true);
    expect([again.has(ref()), again.has(ref({ locale: "en" })), again.has(ref({ revision: 4, locale: "en" }))]).toEqual([true, false, true]);
    // Erasure takes every language.
    again.forget(1);
    expect(existsSync(join(kept.dir, "1"))).toBe(false);
    expect(again.stats()).toEqual({ files: 0, bytes: 0 });
  });

  it("stays within its size, the least recently used going first", async () => {
    const one = pdf("a").byteLength + 28; // sealed: iv and tag added
    fresh({ maxBytes: one * 2 });
    await kept.write(ref({ id: 1 }), CODE, pdf("a"), () => true);
    await kept.write(ref({ id: 2 }), CODE, pdf("b"), () => true);
    await kept.read(ref({ id: 1 }), CODE, Date.now() + 1000); // 1 used again, 2 not
    await kept.write(ref({ id: 3 }), CODE, pdf("c"), () => true);
    expect([1, 2, 3].map((id) => kept.has(ref({ id })))).toEqual([true, false, true]);
    expect(existsSync(join(kept.dir, "2"))).toBe(false);
    expect(kept.stats().bytes).toBeLessThanOrEqual(one * 2);
  });

  it("after a restart, indexes what is on disk and removes what belongs to no assessment", async () => {
    fresh();
    await kept.write(ref({ id: 1 }), CODE, pdf("a"), () => true);
    await kept.write(ref({ id: 2 }), CODE, pdf("b"), () => true);
    const again = new KeptReports({ dir: kept.dir, sealKey: key, fingerprint: "f1" });
    again.load((id) => id === 1);
    expect(again.has(ref({ id: 1 }))).toBe(true);
    expect(existsSync(join(kept.dir, "2"))).toBe(false);
  });

  it("does not keep a report of an assessment erased while it rendered, nor serve one past its age", async () => {
    fresh({ maxAgeMs: 1000 });
    expect(await kept.write(ref(), CODE, pdf("a"), () => false)).toBe(false);
    expect(existsSync(join(kept.dir, "1"))).toBe(false);
    await kept.write(ref(), CODE, pdf("a"), () => true);
    expect(await kept.read(ref(), CODE, Date.now() + 2000)).toBeNull();
  });

  it("the build's fingerprint follows the content", () => {
    expect(rendererFingerprint(CONTENT_DIR)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("through the app", () => {
  let pool: ReportPool;
  let t: TestApp;
  let kept: KeptReports;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    pool = new ReportPool({ size: 1, workerUrl: SLEEPY });
    await pool.warm();
  });
  afterAll(() => pool.close());
  afterEach(() => {
    t.cleanup();
    dir.cleanup();
  });
  const setUp = () => {
    dir = tempDir();
    kept = new KeptReports({ dir: dir.dir, sealKey: key, fingerprint: "f" });
    t = makeTestApp({ reportPool: pool, keptReports: kept });
  };
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(ok()).toBe(true);
  };
  const renders = () => pool.stats().renders;

  it("submitting renders the report in the background; the owner's tap is then served from disk", async () => {
    setUp();
    const before = renders();
    const { code } = await assessed(t, profile(), pickMixed);
    await until(() => kept.stats().files === 1);
    expect(renders()).toBe(before + 1);
    const tap = await t.app.request(`/a/${code}/report.pdf`);
    expect(tap.status).toBe(200);
    expect(tap.headers.get("content-type")).toBe("application/pdf");
    expect(await tap.text()).toContain(code);
    expect(renders()).toBe(before + 1); // no render for the tap
  });

  it("a correction by the owner renders again in the background; the tap gets the new report, never the old", async () => {
    setUp();
    const { code } = await assessed(t, profile(), pickMixed);
    await until(() => kept.stats().files === 1);
    const [folder] = readdirSync(dir.dir);
    const [first] = readdirSync(join(dir.dir, folder!));
    const before = renders();
    const res = await t.app.request(`/a/${code}/data/profile`, { method: "POST", body: new URLSearchParams({ name: "Hộ kinh doanh Mới", taxCode: "", communeId: "tua_chua" }) });
    expect(res.status).toBe(303);
    await until(() => renders() === before + 1 && readdirSync(join(dir.dir, folder!))[0] !== first);
    await until(() => readdirSync(join(dir.dir, folder!)).length === 1);
    expect((await t.app.request(`/a/${code}/report.pdf`)).status).toBe(200);
    expect(renders()).toBe(before + 1); // served from the new file: the old one is gone
  });

  it("the owner's tap before the background render ends joins it; a cold tap renders once and keeps it", async () => {
    setUp();
    const a = await assessed(t, profile(), pickMixed, false);
    const before = renders();
    expect((await t.app.request(`/a/${a.code}/submit`, { method: "POST" })).status).toBe(303);
    expect((await t.app.request(`/a/${a.code}/report.pdf`)).status).toBe(200); // at once, while it renders
    await until(() => kept.stats().files === 1);
    expect(renders() - before).toBe(1); // one render for both
  });

  it("an advisor's validation in a session that holds the code renders the report ahead", async () => {
    setUp();
    const cookie = await signInAs(t, await addStaff(t.db, "advisor"));
    const started = await t.app.request("/staff/businesses", form(profileForm({ taxCode: "", legalForm: "household" }), cookie));
    const id = Number(/\/staff\/assessments\/(\d+)\//.exec(started.headers.get("location")!)![1]);
    const answers = answerAll(t.content.current, { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" }, pickMixed);
    mergeAnswers(t.db, id, answers);
    const validated = await t.app.request(`/staff/assessments/${id}/validate`, form({ note: "" }, cookie));
    expect(validated.status).toBe(303);
    await until(() => kept.stats().files === 1);
  });

  it("the kept report goes with the assessment when the owner erases it", async () => {
    setUp();
    const { code } = await assessed(t, profile(), pickMixed);
    await until(() => kept.stats().files === 1);
    const res = await t.app.request(`/a/${code}/data/erase`, { method: "POST", body: new URLSearchParams({ confirm: "yes" }) });
    expect(res.status).toBe(200);
    expect(kept.stats().files).toBe(0);
    expect(readdirSync(dir.dir)).toEqual([]);
  });

  it("the JSON API's submission keeps the report ready too", async () => {
    setUp();
    const res = await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }));
    const { code } = (await res.json()) as { code: string };
    await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: answerAll(t.content.current, { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" }, pickMixed) }, "PUT"));
    expect(kept.stats().files).toBe(0); // a draft has no report
    expect((await t.app.request(`/api/v1/assessments/${code}/submit`, { method: "POST" })).status).toBe(200);
    await until(() => kept.stats().files === 1);
  });
});

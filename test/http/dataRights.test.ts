// The owner's rights with their code: see, download, correct, withdraw consent, erase.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerAll, pickMixed } from "../answering.ts";
import { consents, json, makeTestApp, profile, type TestApp } from "../helpers.ts";

let t: TestApp;
let code = "";
beforeEach(async () => {
  t = makeTestApp();
  code = ((await (await t.app.request("/api/v1/assessments", json({ profile: profile({ name: "Hộ bà Lò Thị Hoa" }), consents: { ...consents, contact: true } }))).json()) as any).code;
  const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
  await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: answerAll(t.content.current, facts, pickMixed) }, "PUT"));
  await t.app.request(`/api/v1/assessments/${code}/submit`, { method: "POST" });
  await t.app.request(`/api/v1/assessments/${code}/advice-requests`, json({ actionId: "vietqr_payments", channel: "phone", contact: "0912345678" }));
});
afterEach(() => t.cleanup());
const req = (path: string, init?: RequestInit) => t.app.request(path, init);
const post = (path: string, fields: Record<string, string>) => req(path, { method: "POST", body: new URLSearchParams(fields) });
const n = (sql: string) => (t.db.$client.prepare(sql).get() as { n: number }).n;

describe("see and download", () => {
  it("the data page shows everything stored, including the contact given for advice", async () => {
    const html = await (await req(`/a/${code}/data`)).text();
    expect(html).toContain("Hộ bà Lò Thị Hoa");
    expect(html).toContain("0912345678");
    expect(html).toContain("Lưu câu trả lời để tính kết quả");
    // The facts the result depends on: main activity and the size class worked out from the answers.
    expect(html).toContain("Lĩnh vực hoạt động chính");
    expect(html).toMatch(/Quy mô[^<]*<\/th>\s*<td>Siêu nhỏ<\/td>/);
  });
  it("JSON download has profile, answers with their labels, consents and requests", async () => {
    const res = await req(`/a/${code}/data.json`);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const body = (await res.json()) as any;
    expect(body.profile.name).toBe("Hộ bà Lò Thị Hoa");
    expect(body.answers.length).toBeGreaterThan(30);
    // In the questionnaire's order, as the owner answered them.
    const order = t.content.current.questions.map((q) => q.id);
    const ids = body.answers.map((a: any) => a.questionId as string);
    expect(ids).toEqual(order.filter((id) => ids.includes(id)));
    expect(body.consents.map((c: any) => c.purpose).sort()).toEqual(["contact", "report", "statistics"]);
    expect(body.adviceRequests[0].contact).toBe("0912345678");
  });
  it("CSV download starts with a BOM and keeps the Vietnamese", async () => {
    const res = await req(`/a/${code}/data.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("Hộ bà Lò Thị Hoa");
  });
});

describe("correct", () => {
  it("a correction is saved and kept in the audit trail", async () => {
    const res = await post(`/a/${code}/data/profile`, { name: "HTX Chè Tủa Chùa", taxCode: "5600123456", communeId: "tua_thang" });
    expect(res.status).toBe(303);
    const view = (await (await req(`/api/v1/assessments/${code}`)).json()) as any;
    expect(view.profile).toMatchObject({ name: "HTX Chè Tủa Chùa", taxCode: "5600123456", communeId: "tua_thang" });
    expect(n("select count(*) n from audit_log where action = 'owner_corrected_profile'")).toBe(1);
  });
  it("a bad correction changes nothing and says why in Vietnamese", async () => {
    for (const [bad, field] of [
      [{ name: "A", taxCode: "", communeId: "tua_chua" }, "f-name"],
      [{ name: "Hộ bà Hoa", taxCode: "12", communeId: "tua_chua" }, "f-taxCode"],
      [{ name: "Hộ bà Hoa", taxCode: "", communeId: "ha_noi" }, "f-communeId"],
    ] as const) {
      const res = await post(`/a/${code}/data/profile`, bad);
      expect(res.status).toBe(422);
      // The browser takes the owner to the field to fix, far down the page (no JavaScript needed).
      const html = await res.text();
      expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"[^>]*autofocus`));
      // What was typed stays in the form, to be fixed rather than typed again.
      if (field !== "f-communeId") expect(html).toContain(`value="${field === "f-name" ? bad.name : bad.taxCode}"`);
    }
    const view = (await (await req(`/api/v1/assessments/${code}`)).json()) as any;
    expect(view.profile.name).toBe("Hộ bà Lò Thị Hoa");
  });
});

describe("withdraw consent", () => {
  it("each consent can be withdrawn and given again; history is kept", async () => {
    await post(`/a/${code}/data/consent`, { purpose: "statistics", granted: "no" });
    let view = (await (await req(`/api/v1/assessments/${code}`)).json()) as any;
    expect(view.consents.statistics).toBe(false);
    await post(`/a/${code}/data/consent`, { purpose: "contact", granted: "no" });
    view = (await (await req(`/api/v1/assessments/${code}`)).json()) as any;
    expect(view.consents.contact).toBe(false);
    expect(n("select count(*) n from consents")).toBe(5);
    expect((await post(`/a/${code}/data/consent`, { purpose: "report", granted: "no" })).status).toBe(422);
  });
});

describe("erase", () => {
  it("needs an explicit confirmation", async () => {
    const refused = await post(`/a/${code}/data/erase`, {});
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/id="f-confirm"[^>]*autofocus/);
    expect((await req(`/api/v1/assessments/${code}`)).status).toBe(200);
  });
  it("removes the assessment and everything personal, keeping only that an erasure happened", async () => {
    await post(`/a/${code}/data/profile`, { name: "Tên mới", taxCode: "", communeId: "tua_chua" });
    const res = await post(`/a/${code}/data/erase`, { confirm: "yes" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Đã xóa");
    expect((await req(`/api/v1/assessments/${code}`)).status).toBe(404);
    for (const table of ["assessments", "answers", "consents", "advice_requests"]) expect(n(`select count(*) n from ${table}`)).toBe(0);
    const audit = t.db.$client.prepare("select action, old_value, new_value from audit_log").all() as any[];
    expect(audit.map((a) => a.action)).toContain("owner_erased_assessment");
    expect(JSON.stringify(audit)).not.toContain("Lò Thị Hoa");
    expect(JSON.stringify(audit)).not.toContain("Tên mới");
  });
  it("removes the report kept ready on disk, and the folder it was in", async () => {
    const { KeptReports } = await import("../../src/pdf/keptReports.ts");
    const { ReportPool } = await import("../../src/pdf/pool.ts");
    const { readdirSync } = await import("node:fs");
    const { tempDir } = await import("../helpers.ts");
    const dir = tempDir();
    const pool = new ReportPool({ size: 1, workerUrl: new URL("../pdf/sleepWorker.ts", import.meta.url) });
    const kept = new KeptReports({ dir: dir.dir, sealKey: Buffer.alloc(32, 1), fingerprint: "f" });
    const own = makeTestApp({ reportPool: pool, keptReports: kept });
    try {
      const created = (await (await own.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as { code: string };
      const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
      await own.app.request(`/api/v1/assessments/${created.code}/answers`, json({ answers: answerAll(own.content.current, facts, pickMixed) }, "PUT"));
      await own.app.request(`/api/v1/assessments/${created.code}/submit`, { method: "POST" });
      expect((await own.app.request(`/a/${created.code}/report.pdf`)).status).toBe(200);
      for (let i = 0; i < 200 && kept.stats().files === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(readdirSync(dir.dir)).toHaveLength(1);
      const res = await own.app.request(`/a/${created.code}/data/erase`, { method: "POST", body: new URLSearchParams({ confirm: "yes" }) });
      expect(res.status).toBe(200);
      expect(readdirSync(dir.dir)).toEqual([]);
      expect(kept.stats()).toEqual({ files: 0, bytes: 0 });
    } finally {
      own.cleanup();
      await pool.close();
      dir.cleanup();
    }
  });
});

it("the privacy page says what is collected, why, who controls it and the rights", async () => {
  const html = await (await req("/privacy")).text();
  for (const s of ["Sở Khoa học và Công nghệ tỉnh Điện Biên", "KHÔNG thu thập số căn cước", "91/2025/QH15", "2 ngày làm việc"]) expect(html).toContain(s);
});

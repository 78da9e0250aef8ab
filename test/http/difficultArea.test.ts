// Free e-invoices for 12 months depend on the business's commune: applied where the commune is known to
// be in a difficult area, not offered where it is known not to be, and said plainly to be unknown
// (never taken off what the owner pays) where no official list has been checked.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemesFor } from "../../src/pdf/reportData.ts";
import { answerAll, pickBest } from "../answering.ts";
import { consents, copyContent, json, makeTestApp, profile, type TestApp } from "../helpers.ts";

let t: TestApp;
let copy: ReturnType<typeof copyContent>;
const SOURCE = "văn bản thử nghiệm số 1/2026";
beforeAll(() => {
  copy = copyContent();
  const file = join(copy.dir, "communes.yaml");
  const text = readFileSync(file, "utf8")
    .replace('id: tua_chua, code: "03217", name: "Tủa Chùa", kind: commune, difficultArea: unknown', `id: tua_chua, code: "03217", name: "Tủa Chùa", kind: commune, difficultArea: yes, difficultAreaSource: "${SOURCE}"`)
    .replace('id: muong_thanh, code: "03334", name: "Mường Thanh", kind: ward, difficultArea: unknown', `id: muong_thanh, code: "03334", name: "Mường Thanh", kind: ward, difficultArea: no, difficultAreaSource: "${SOURCE}"`);
  writeFileSync(file, text);
  t = makeTestApp({ contentDir: copy.dir });
});
afterAll(() => {
  t.cleanup();
  copy.cleanup();
});
const req = (path: string, init?: RequestInit) => t.app.request(path, init);

/** A household in this commune that does everything but e-invoices. */
async function planIn(communeId: string) {
  const created = (await (await req("/api/v1/assessments", json({ profile: profile({ communeId }), consents }))).json()) as any;
  const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
  const answers = { ...answerAll(t.content.current, facts, pickBest), inv_invoicing: ["inv_none"] };
  await req(`/api/v1/assessments/${created.code}/answers`, json({ answers }, "PUT"));
  expect((await req(`/api/v1/assessments/${created.code}/submit`, { method: "POST" })).status).toBe(200);
  const plan = (await (await req(`/api/v1/assessments/${created.code}/plan`)).json()) as any;
  const html = await (await req(`/a/${created.code}/plan`)).text();
  const einvoice = plan.horizons.flatMap((h: any) => h.actions).find((a: any) => a.id === "einvoice");
  const summary = plan.supportSummary.find((x: any) => x.schemeId === "free_einvoice_difficult_areas");
  return { plan, html, einvoice, summary };
}

describe("free e-invoices for 12 months, by commune", () => {
  it("a commune known to be a difficult area: applied, taken off what the owner pays, and the commune named with the source", async () => {
    const { einvoice, summary, html } = await planIn("tua_chua");
    const line = einvoice.support.find((x: any) => x.schemeId === "free_einvoice_difficult_areas");
    expect(line.condition).toBeNull();
    expect(einvoice.ownerShareVnd).toEqual({ minVnd: 0, maxVnd: 0 });
    expect(summary.text).toContain(`Xã Tủa Chùa thuộc địa bàn có điều kiện kinh tế - xã hội khó khăn (${SOURCE})`);
    expect(html).toContain("Xã Tủa Chùa thuộc địa bàn có điều kiện kinh tế - xã hội khó khăn");
  });

  it("a commune known not to be one: not offered, and the report says why, naming it", async () => {
    const { einvoice, summary } = await planIn("muong_thanh");
    expect(einvoice.support.map((x: any) => x.schemeId)).not.toContain("free_einvoice_difficult_areas");
    expect(summary).toBeUndefined();
    const report = schemesFor(t.content.schemes, { legalForm: "household", sizeClass: "micro", sector: "ocop" }, false, t.content.communeById.get("muong_thanh"));
    expect(report.notEligible.find((x) => x.name === "Hóa đơn điện tử miễn phí 12 tháng")?.reason).toBe(
      `chỉ dành cho địa bàn có điều kiện kinh tế - xã hội khó khăn, mà phường Mường Thanh không thuộc diện này (${SOURCE})`,
    );
  });

  it("a commune whose status is unknown: listed with its condition, said plainly to be unknown, not taken off what the owner pays", async () => {
    const { einvoice, summary, html } = await planIn("muong_phang");
    const line = einvoice.support.find((x: any) => x.schemeId === "free_einvoice_difficult_areas");
    expect(line.condition).toBe("difficult_area");
    expect(einvoice.ownerShareVnd).toEqual(einvoice.costVnd);
    expect(summary.text).toMatch(/^Chưa rõ xã Mường Phăng có thuộc địa bàn có điều kiện kinh tế - xã hội khó khăn hay không/);
    expect(einvoice.supportLabels.join(" ")).toContain("Chỉ khi xã Mường Phăng thuộc địa bàn khó khăn (hiện chưa rõ)");
    expect(html).toContain("Chưa rõ xã Mường Phăng có thuộc địa bàn");
    const report = schemesFor(t.content.schemes, { legalForm: "household", sizeClass: "micro", sector: "ocop" }, null, t.content.communeById.get("muong_phang"));
    expect(report.schemes.find((x) => x.name.includes("hóa đơn điện tử"))!.coverage).toContain("Chưa rõ xã Mường Phăng có thuộc địa bàn");
  });
});

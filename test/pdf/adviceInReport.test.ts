// The owner's PDF carries the same advice as the pages and the API: the first steps to the next
// level in the headline, in plan order; every step of the plan in section 4, in plan order, each
// with how long it takes; and what the law asks of the business with each duty's source. Read as
// text from the PDF the tea household (1.1, cash only, paper book, weak passwords) receives.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ReportPool } from "../../src/pdf/pool.ts";
import { vi } from "../../views/messages.ts";
import { OWNER_PERSONAS_11 } from "../advice/ownerPersonas11.ts";
import { consents, json, makeTestApp, type TestApp } from "../helpers.ts";
import { pdfText, popplerSuite } from "./poppler.ts";

let pool: ReportPool;
let t: TestApp;
beforeAll(async () => {
  // A machine shared with other work renders slowly; the render, not its speed, is under test here.
  pool = new ReportPool({ size: 1, timeoutMs: 150_000 });
  await pool.warm();
  t = makeTestApp({ reportPool: pool });
}, 180_000);
afterAll(async () => {
  await pool.close();
  t.cleanup();
});

/** Text as pdftotext lays it out, joined so a title broken over two lines still reads as one. */
const flat = (s: string) => s.replace(/\s+/g, " ");

popplerSuite("the advice in the owner's PDF", () => {
  it("the tea household's PDF: the lift steps, the plan in order with durations, the law with its sources", async () => {
    const p = OWNER_PERSONAS_11.find((x) => x.id === "owner_tea_household")!;
    const res = await t.app.request("/api/v1/assessments", json({ profile: { name: "Hộ chè Shan Tuyết Tủa Chùa", legalForm: "household", communeId: "tua_chua", activityGroup: "agriculture", sector: "ocop", staff: 3, revenueBnVnd: 0.4 }, consents }));
    const { code } = (await res.json()) as { code: string };
    expect((await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: p.answers }, "PUT"))).status).toBe(200);
    expect((await t.app.request(`/api/v1/assessments/${code}/submit`, { method: "POST" })).status).toBe(200);
    const plan = (await (await t.app.request(`/api/v1/assessments/${code}/plan`)).json()) as any;
    const actions = plan.horizons.flatMap((h: any) => h.actions);
    const lift: string[] = plan.liftOneLevel.actionIds;
    expect(lift.length).toBeGreaterThan(0);

    const pdf = await t.app.request(`/a/${code}/report.pdf`);
    expect(pdf.status).toBe(200);
    const text = flat(pdfText(new Uint8Array(await pdf.arrayBuffer())));
    const title = (id: string) => actions.find((a: any) => a.id === id)!.title as string;

    // The headline block (before section 2) names the lift steps in plan order.
    const liftAt = text.indexOf("Để lên Mức");
    const pillarsAt = text.indexOf(vi.report.pdf.radar.heading);
    const roadmapAt = text.indexOf(vi.report.pdf.roadmap.heading);
    expect(0 < liftAt && liftAt < pillarsAt && pillarsAt < roadmapAt).toBe(true);
    let at = liftAt;
    for (const id of lift) {
      const i = text.indexOf(title(id), at);
      expect(i, title(id)).toBeGreaterThan(at);
      expect(i).toBeLessThan(pillarsAt);
      at = i;
    }
    // Section 4 holds every step of the plan, in the plan's order, each with its duration.
    at = roadmapAt;
    for (const a of actions) {
      const i = text.indexOf(a.title, at);
      expect(i, a.title).toBeGreaterThan(at);
      expect(text.slice(i, i + 2000)).toContain(a.durationLabel);
      at = i;
    }
    // What the law asks: the heading, each topic and each duty's source.
    expect(plan.legalDuties.length).toBeGreaterThan(0);
    const lawAt = text.indexOf(vi.report.pdf.roadmap.lawHeading);
    expect(lawAt).toBeGreaterThan(roadmapAt);
    for (const topic of plan.legalDuties) {
      expect(text.indexOf(topic.title, lawAt), topic.title).toBeGreaterThan(lawAt);
      for (const d of topic.duties) expect(text).toContain(flat(d.source).slice(0, 40));
    }
  }, 240_000);
});

// The next level, said once: the result page, the PDF and the API state the same outlook (the plan's
// first steps reach it; the whole plan does not; already the top level), from the one advice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportPool } from "../../src/pdf/pool.ts";
import { vi } from "../../views/messages.ts";
import { consents, json, makeTestApp, type TestApp } from "../helpers.ts";
import { pdfText, popplerSuite } from "../pdf/poppler.ts";
import { adviseFor } from "./advise.ts";
import { OWNER_PERSONAS_11 } from "./ownerPersonas11.ts";
import { PERSONAS_11 } from "./personas11.ts";
import type { Persona } from "./persona.ts";

let pool: ReportPool;
let t: TestApp;
beforeAll(async () => {
  pool = new ReportPool({ size: 1, timeoutMs: 60_000 });
  await pool.warm();
  t = makeTestApp({ reportPool: pool });
});
afterAll(async () => {
  await pool.close();
  t.cleanup();
});

const owner = (id: string) => OWNER_PERSONAS_11.find((p) => p.id === id)!;
const business = (id: string) => PERSONAS_11.find((p) => p.id === id)!;

/** The persona's answers, taken on the questionnaire in force through the API, as an owner's phone sends them. */
async function submitted(p: Persona, profile: Record<string, unknown>): Promise<string> {
  const res = await t.app.request("/api/v1/assessments", json({ profile: { name: p.id, communeId: "tua_chua", ...profile }, consents }));
  expect(res.status).toBe(201);
  const { code, sizeClass } = (await res.json()) as { code: string; sizeClass: string };
  expect(sizeClass).toBe(p.profile.sizeClass);
  expect((await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: p.answers }, "PUT"))).status).toBe(200);
  expect((await t.app.request(`/api/v1/assessments/${code}/submit`, { method: "POST" })).status).toBe(200);
  return code;
}

const pageText = async (path: string) =>
  (await (await t.app.request(path)).text())
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const CASES = [
  {
    label: "a border-trade company at level 3 whose plan stops short of level 4",
    persona: owner("owner_border_company_spreadsheet"),
    profile: { legalForm: "company", activityGroup: "trade_services", sector: "border_trade", staff: 12, revenueBnVnd: 20, taxCode: "5600123401" },
    status: "beyond_plan",
  },
  {
    label: "a tea household whose first steps reach level 2",
    persona: owner("owner_tea_household"),
    profile: { legalForm: "household", activityGroup: "agriculture", sector: "ocop", staff: 3, revenueBnVnd: 0.4 },
    status: "reached_by_plan",
  },
  {
    label: "a hotel company at level 5",
    persona: business("small_hotel_integrated"),
    profile: { legalForm: "company", activityGroup: "trade_services", sector: "tourism", staff: 20, revenueBnVnd: 30, taxCode: "5600123402" },
    status: "top_level",
  },
] as const;

popplerSuite("the next level, in the result page, the PDF and the API", () => {
  for (const c of CASES)
    it(`says the same true thing for ${c.label}`, async () => {
      const advice = adviseFor(c.persona);
      expect(advice.nextLevel.status).toBe(c.status);
      const code = await submitted(c.persona, c.profile);

      const api = (await (await t.app.request(`/api/v1/assessments/${code}/result`)).json()) as any;
      expect(api.nextLevel.status).toBe(c.status);
      const page = await pageText(`/a/${code}/result`);
      const pdf = await t.app.request(`/a/${code}/report.pdf`);
      expect(pdf.status).toBe(200);
      const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
      const topPage = vi.result.topLevel;
      const topPdf = vi.report.pdf.headline.topLevel;

      if (c.status === "top_level") {
        expect(api.nextLevel).toMatchObject({ targetLevel: null, steps: 0 });
        expect(page).toContain(topPage);
        expect(text).toContain(topPdf.split(".")[0]);
        return;
      }
      // Never "at the top" below level 5: the page and the PDF name the next level and its cut-off.
      expect(page).not.toContain(topPage.split(".")[0]);
      expect(text).not.toContain(topPdf.split(".")[0]);
      const level = advice.currentLevel + 1;
      expect(api.nextLevel).toMatchObject({ targetLevel: level, targetScore: expect.any(Number) });
      expect(text).toContain(`Để lên Mức ${level}`);
      const target = api.nextLevel.targetScore.toLocaleString("vi-VN");
      if (c.status === "beyond_plan") {
        // The whole plan, the score it brings, and the cut-off it does not reach, in all three.
        expect(api.liftOneLevel).toBeNull();
        expect(api.nextLevel.steps).toBe(advice.actions.length);
        expect(api.nextLevel.scoreAfter).toBe(advice.scoreAfterPlan);
        expect(api.nextLevel.scoreAfter).toBeLessThan(api.nextLevel.targetScore);
        const after = api.nextLevel.scoreAfter.toLocaleString("vi-VN");
        expect(page).toContain(`Làm hết ${advice.actions.length} việc trong kế hoạch, điểm chung lên khoảng ${after}/100. Để lên Mức ${level}`);
        expect(page).toContain(`cần ${target} điểm`);
        expect(text).toContain(`Làm hết ${advice.actions.length} việc của lộ trình`);
        expect(text).toContain(`khoảng ${after}/100`);
      } else {
        expect(api.liftOneLevel.steps.map((s: { actionId: string }) => s.actionId)).toEqual(advice.liftOneLevel!.actionIds);
        expect(api.nextLevel.steps).toBe(advice.liftOneLevel!.actionIds.length);
        expect(page).toContain(`Làm ${api.nextLevel.steps} việc đầu tiên`);
        expect(text).toContain(`Làm ${api.nextLevel.steps} việc đầu của lộ trình`);
        for (const s of api.liftOneLevel.steps) expect(page).toContain(s.action);
      }
    }, 120_000);
});

// One advice, read through every door: the API's result and plan, the owner's result and plan
// pages and the advisor's review page name the same steps in the same order and mark the same
// first steps as reaching the next level; each step on the owner's plan says why (the answer in
// the owner's words), what it costs, what support pays, what the owner pays, how long it takes
// and what it adds to the score.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWNER_PERSONAS_11 } from "../advice/ownerPersonas11.ts";
import { consents, json, makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, form, get, signInAs } from "../staffHelpers.ts";
import { vi } from "../../views/messages.ts";
import { validTaxCode } from "../statsFixtures.ts";

let t: TestApp;
beforeAll(() => {
  t = makeTestApp();
});
afterAll(() => t.cleanup());

const ids = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

describe("one advice, every door", () => {
  for (const id of ["owner_tea_household", "owner_homestay_with_page", "owner_border_company_spreadsheet"]) {
    it(`${id}: the API, the owner's pages and the advisor's review page agree step by step`, async () => {
      const p = OWNER_PERSONAS_11.find((x) => x.id === id)!;
      const company = p.profile.legalForm !== "household";
      const res = await t.app.request(
        "/api/v1/assessments",
        json({
          profile: { name: `Cơ sở ${id}`, legalForm: p.profile.legalForm, communeId: "tua_chua", activityGroup: p.profile.activityGroup, sector: p.profile.sector, staff: company ? 12 : 3, revenueBnVnd: company ? 5 : 0.4, ...(company ? { capitalBnVnd: 2, taxCode: validTaxCode("560012345") } : {}) },
          consents,
        }),
      );
      expect(res.status).toBe(201);
      const { code } = (await res.json()) as { code: string };
      expect((await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: p.answers }, "PUT"))).status).toBe(200);
      expect((await t.app.request(`/api/v1/assessments/${code}/submit`, { method: "POST" })).status).toBe(200);

      const result = (await (await t.app.request(`/api/v1/assessments/${code}/result`)).json()) as any;
      const plan = (await (await t.app.request(`/api/v1/assessments/${code}/plan`)).json()) as any;
      const order: string[] = plan.horizons.flatMap((h: any) => h.actions.map((a: any) => a.id));
      const lift: string[] = (result.liftOneLevel?.steps ?? []).map((s: any) => s.actionId);
      const marked = plan.horizons.flatMap((h: any) => h.actions.filter((a: any) => a.helpsReachLevel !== null).map((a: any) => a.id));
      expect(order.length).toBeGreaterThan(0);
      expect(marked).toEqual(lift);
      // The lift is the plan's first steps.
      expect(order.slice(0, lift.length)).toEqual(lift);

      // The owner's result page: the level on the 0–5 scale; the European band only in the detail.
      const resultPage = await (await t.app.request(`/a/${code}/result`)).text();
      expect(resultPage).toContain(`Mức ${result.level.level} (thang 0–5)`);
      const outsideDetails = resultPage.replace(/<details[\s\S]*?<\/details>/g, "");
      expect(resultPage).toContain("châu Âu");
      expect(outsideDetails).not.toContain("châu Âu");
      expect(resultPage).not.toContain("mặt tạm xác định");
      // The lift steps, linked to the plan's cards, in plan order.
      const liftSection = resultPage.slice(resultPage.indexOf('id="lift"'), resultPage.indexOf("</section>", resultPage.indexOf('id="lift"')));
      expect(ids(liftSection, /href="\/a\/[^/]+\/plan#a-([a-z0-9_]+)"/g)).toEqual(lift);

      // The owner's plan page: the same steps in the same order, the same marked; each card complete.
      const planPage = await (await t.app.request(`/a/${code}/plan`)).text();
      expect(ids(planPage, /<article class="action" id="a-([a-z0-9_]+)"/g)).toEqual(order);
      const cards = planPage.split('<article class="action" id="a-').slice(1);
      for (const card of cards) {
        const a = plan.horizons.flatMap((h: any) => h.actions).find((x: any) => card.startsWith(`${x.id}"`));
        const text = unescape(card);
        expect(text).toContain(vi.plan.why);
        // Why: the question and the owner's answer, in the owner's words (quoted as given).
        for (const why of a.why) expect(text).toContain(why);
        expect(a.why.join(" ")).toMatch(/“.+”/);
        for (const [label, value] of [
          [vi.plan.cost, a.costLabel],
          [vi.plan.support, a.supportLabels[0] ?? vi.plan.noSupport],
          [vi.plan.ownerShare, a.ownerShareLabel],
          [vi.plan.duration, a.durationLabel],
        ] as const) {
          expect(value, `${a.id} ${label}`).toBeTruthy();
          expect(text).toContain(label);
          expect(text).toContain(value);
        }
        expect(a.gain).toBeGreaterThan(0);
        expect(text).toContain(`+${a.gain.toLocaleString("vi-VN")}`);
        expect(text.includes(vi.plan.level)).toBe(lift.includes(a.id));
      }

      // What the law asks: the plan page shows the API's topics, each duty with its source.
      expect(ids(planPage, /<div class="law-topic" id="law-([a-z0-9_]+)"/g)).toEqual(plan.legalDuties.map((x: any) => x.id));
      for (const topic of plan.legalDuties) for (const d of topic.duties) expect(unescape(planPage)).toContain(d.source);

      // The advisor's review page: the same steps, order and marks.
      const advisor = await addStaff(t.db, "advisor");
      const cookie = await signInAs(t, advisor);
      const found = await t.app.request("/staff/find", form({ code }, cookie));
      const staffUrl = found.headers.get("location")!;
      expect(staffUrl).toMatch(/^\/staff\/assessments\/\d+$/);
      const review = await (await t.app.request(staffUrl, get(cookie))).text();
      const section = review.slice(review.indexOf('<section class="card" id="plan">'));
      const steps = section.slice(0, section.indexOf("</section>"));
      expect(ids(steps, /<li id="step-([a-z0-9_]+)"/g)).toEqual(order);
      const tagged = steps.split('<li id="step-').slice(1).filter((li) => li.includes('class="tag"')).map((li) => li.slice(0, li.indexOf('"')));
      expect(tagged).toEqual(lift);
    });
  }
});

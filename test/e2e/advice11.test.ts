// Two owners of questionnaire 1.1 (the version new assessments take), answered exactly as they
// would, read their result and plan on a 360 px phone without JavaScript: the basics their answers
// lack sit in the first horizon, and no step asks them to do what they already do (a step's target
// answer is never one they gave or bettered; the tea household is not sent to cash on delivery, the
// homestay is not told to open a page). SCREENSHOT_DIR=… keeps full-page screenshots to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { OWNER_PERSONAS_11 } from "../advice/ownerPersonas11.ts";
import { applicableQuestions } from "../../src/domain/scoring.ts";
import { content } from "../helpers.ts";
import { vi } from "../../views/messages.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();
const shots = process.env.SCREENSHOT_DIR;

const CASES = [
  { id: "owner_tea_household", name: "Hộ chè Shan Tuyết Tủa Chùa", communeId: "tua_chua", staff: 3 },
  { id: "owner_homestay_with_page", name: "Homestay bản Mển", communeId: "thanh_nua", staff: 2 },
] as const;

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

browserSuite("1.1 owners on a 360 px phone", () => {
  for (const c of CASES)
    it(`${c.id}: the basics first, nothing they already do`, async () => {
      const p = OWNER_PERSONAS_11.find((x) => x.id === c.id)!;
      const q = content().current;
      expect(q.version).toBe(p.questionnaireVersion);
      const call = (path: string, method: string, body?: unknown) =>
        fetch(`${env.server.url}${path}`, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
      const res = await call("/api/v1/assessments", "POST", {
        profile: { name: c.name, legalForm: p.profile.legalForm, communeId: c.communeId, activityGroup: p.profile.activityGroup, sector: p.profile.sector, staff: c.staff, revenueBnVnd: 0.4 },
        consents: { report: true, statistics: true, contact: false },
      });
      const { code } = (await res.json()) as { code: string };
      // The persona's answers as they are: every question asked of it is answered.
      const asked = applicableQuestions(q, p.profile, p.answers).filter((x) => x.asked);
      expect(asked.filter((x) => p.answers[x.question.id] === undefined).map((x) => x.question.id)).toEqual([]);
      expect((await call(`/api/v1/assessments/${code}/answers`, "PUT", { answers: p.answers })).status).toBe(200);
      expect((await call(`/api/v1/assessments/${code}/submit`, "POST")).status).toBe(200);
      const result = (await (await fetch(`${env.server.url}/api/v1/assessments/${code}/result`)).json()) as any;

      const ctx = await phoneContext(env.browser, false);
      const page = await ctx.newPage();
      await page.goto(`${env.server.url}/a/${code}/result`);
      expect(await page.locator("main").innerText()).toContain(`Mức ${result.level.level} (thang 0–5)`);
      await noSideways(page);
      if (result.liftOneLevel) {
        const items = page.locator("#lift li");
        expect(await items.count()).toBe(result.liftOneLevel.steps.length);
      }
      if (shots) {
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, `${c.id}-11-result.png`), fullPage: true });
      }

      await page.goto(`${env.server.url}/a/${code}/plan`);
      await noSideways(page);
      // The basics the persona must get first are in the first horizon, marked as basics.
      const first = page.locator("section.horizon").first();
      expect(await first.getAttribute("id")).toBe("h-quick");
      for (const m of p.must.filter((x) => x.horizon === "quick")) {
        const card = first.locator(`#a-${m.action}`);
        expect(await card.count(), m.action).toBe(1);
      }
      const basicsLacked = p.must.filter((x) => x.horizon === "quick").map((x) => x.action);
      for (const id of basicsLacked) {
        const fundamental = content().actions.actions.find((a) => a.id === id)!.fundamental;
        if (fundamental) expect(await first.locator(`#a-${id} > h3 .tag`).innerText()).toBe(vi.plan.basic);
      }
      // No step on the page targets an answer the owner gave or bettered.
      const shown = await page.locator("article.action").evaluateAll((els) => els.map((e) => e.id.slice(2)));
      expect(shown.length).toBeGreaterThan(0);
      for (const id of shown) {
        const action = content().actions.actions.find((a) => a.id === id)!;
        const targets = action.raises.filter((r) => q.questions.some((x) => x.id === r.question && applicableQuestions(q, p.profile, p.answers).some((y) => y.asked && y.question.id === r.question)));
        const open = targets.filter((r) => {
          const question = q.questions.find((x) => x.id === r.question)!;
          const given = [p.answers[r.question] ?? []].flat() as string[];
          const to = question.options.find((o) => o.id === r.to);
          if (!to) return false;
          if (question.type === "multi") return !given.includes(r.to);
          const now = question.options.find((o) => o.id === given[0]);
          return !now || now.points < to.points;
        });
        expect(open.length, `${id} asks for nothing new`).toBeGreaterThan(0);
      }
      for (const id of p.mustNot) expect(shown, id).not.toContain(id);
      const text = (await page.locator("main").innerText()).toLowerCase();
      for (const w of p.mustNotMention ?? []) expect(text, w).not.toContain(w.toLowerCase());
      if (shots) await page.screenshot({ path: join(shots, `${c.id}-11-plan.png`), fullPage: true });
      await ctx.close();
    });
});

// Two owners read their result and plan on a 360 px phone: the level in plain words, the steps
// that lift them one level named in the plan, nothing wider than the screen, radar labels on the
// screen, and the centre's contact at hand. SCREENSHOT_DIR=… keeps full-page screenshots to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { OWNER_PERSONAS } from "../advice/ownerPersonas.ts";
import type { Persona } from "../advice/persona.ts";
import { applicableQuestions } from "../../src/domain/scoring.ts";
import { answerAll, pickWorst } from "../answering.ts";
import { content } from "../helpers.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();
const shots = process.env.SCREENSHOT_DIR;

async function submitted(p: Persona, name: string, communeId: string): Promise<string> {
  const call = (path: string, method: string, body?: unknown) =>
    fetch(`${env.server.url}${path}`, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  const staff = p.profile.legalForm === "household" ? 3 : 12;
  const res = await call("/api/v1/assessments", "POST", {
    profile: { name, legalForm: p.profile.legalForm, communeId, activityGroup: p.profile.activityGroup, sector: p.profile.sector, staff, revenueBnVnd: 0.5 },
    consents: { report: true, statistics: true, contact: false },
  });
  const { code } = (await res.json()) as { code: string };
  // New assessments take the questionnaire in force: keep the persona's answers it shares, the lowest answer elsewhere.
  const q = content().current;
  const kept = Object.fromEntries(
    Object.entries(p.answers).filter(([id, v]) => {
      const question = q.questions.find((x) => x.id === id);
      return question && (Array.isArray(v) ? v : [v]).every((o) => question.options.some((x) => x.id === o));
    }),
  );
  const answers = answerAll(q, p.profile, (question) => kept[question.id] ?? pickWorst(question, 0));
  const asked = new Set(applicableQuestions(q, p.profile, answers).filter((x) => x.asked).map((x) => x.question.id));
  const body = Object.fromEntries(Object.entries(answers).filter(([id]) => asked.has(id)));
  expect((await call(`/api/v1/assessments/${code}/answers`, "PUT", { answers: body })).status).toBe(200);
  expect((await call(`/api/v1/assessments/${code}/submit`, "POST")).status).toBe(200);
  return code;
}

async function noSideways(page: Page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(360);
}

const CASES = [
  { id: "owner_tea_household", name: "Hộ chè Shan Tuyết Tủa Chùa", communeId: "tua_chua" },
  { id: "owner_homestay_with_page", name: "Homestay bản Mển", communeId: "thanh_nua" },
] as const;

browserSuite("advice on a 360 px phone", () => {
  for (const c of CASES)
    it(`${c.id}: result and plan agree, read on a small screen`, async () => {
      const p = OWNER_PERSONAS.find((x) => x.id === c.id)!;
      const code = await submitted(p, c.name, c.communeId);
      const result = (await (await fetch(`${env.server.url}/api/v1/assessments/${code}/result`)).json()) as any;
      const ctx = await phoneContext(env.browser, false);
      const page = await ctx.newPage();

      await page.goto(`${env.server.url}/a/${code}/result`);
      const body = await page.locator("main").innerText();
      expect(body).toContain(`Mức ${result.level.level} (thang 0–5)`);
      expect(body).not.toContain("mặt tạm xác định");
      await noSideways(page);
      // Radar labels sit on the screen, none cut at an edge.
      for (const box of await page.locator("svg.radar text").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON())))
        expect(box.left >= 0 && box.right <= 360, JSON.stringify(box)).toBe(true);
      const lift = result.liftOneLevel;
      expect(lift).not.toBeNull();
      const items = page.locator("#lift li");
      expect(await items.count()).toBe(lift.steps.length);
      for (const [i, st] of lift.steps.entries()) expect(await items.nth(i).innerText()).toContain(st.action);
      expect(await page.locator("#contact").innerText()).toContain("Trung tâm Đổi mới sáng tạo");
      expect(await page.locator("#footer-contact").innerText()).toContain("Trần Đăng Ninh");
      if (shots) {
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, `${c.id}-result.png`), fullPage: true });
      }

      // Each lift step links to the same step of the plan, which carries the level marker.
      await page.goto(`${env.server.url}/a/${code}/plan`);
      await noSideways(page);
      for (const st of lift.steps) {
        const card = page.locator(`#a-${st.actionId}`);
        expect(await card.count()).toBe(1);
        expect(await card.innerText()).toContain(`lên Mức ${lift.targetLevel}`);
      }
      const marked = await page.locator("article.action").evaluateAll((els) => els.filter((e) => e.textContent!.includes("Lên mức")).map((e) => e.id.slice(2)));
      expect(marked).toEqual(lift.steps.map((st: any) => st.actionId));
      expect(await page.locator("#law").count()).toBe(1);
      if (shots) await page.screenshot({ path: join(shots, `${c.id}-plan.png`), fullPage: true });
      await ctx.close();
    });
});

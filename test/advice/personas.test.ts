// Realistic businesses and what a good advisor would, and would never, put in their plans.
import { describe, expect, it } from "vitest";
import { score } from "../../src/domain/scoring.ts";
import { adviseFor, questionnaireVersion } from "./advise.ts";
import { OWNER_PERSONAS } from "./ownerPersonas.ts";
import { PERSONAS } from "./personas.ts";
import { OWNER_PERSONAS_11 } from "./ownerPersonas11.ts";
import { PERSONAS_11 } from "./personas11.ts";
import { content } from "../helpers.ts";
import type { Persona } from "./persona.ts";

export function checkPersona(p: Persona) {
  describe(`${p.id}: ${p.story.slice(0, 80)}…`, () => {
    const r = adviseFor(p);
    const ids = r.actions.map((a) => a.id);
    it("answers every question the owner was asked (a realistic, complete answer set)", () => {
      expect(score(questionnaireVersion(p.questionnaireVersion), p.profile, p.answers).unanswered).toEqual([]);
    });
    for (const m of p.must)
      it(`is told: ${m.action}${m.horizon ? ` (${m.horizon})` : ""}`, () => {
        const step = r.actions.find((a) => a.id === m.action);
        expect(step, `plan: ${ids.join(", ")}`).toBeDefined();
        if (m.horizon) expect(step!.horizon).toBe(m.horizon);
      });
    if (p.mustNot.length)
      it(`is never told: ${p.mustNot.join(", ")}`, () => {
        for (const id of p.mustNot) expect(ids).not.toContain(id);
      });
    if (p.mustNotMention?.length)
      it(`never reads: ${p.mustNotMention.join(", ")}`, () => {
        for (const a of r.actions) {
          const text = [a.title, a.summary, ...a.platforms.map((x) => `${x.name} ${x.vendor} ${x.summary}`)].join(" ").toLowerCase();
          for (const word of p.mustNotMention!) expect(text, `${a.id}`).not.toContain(word.toLowerCase());
        }
      });
    if (p.firstStepFree)
      it("starts with a step that costs nothing", () => {
        expect(r.actions[0]!.ownerShareVnd.maxVnd).toBe(0);
      });
    it("gets the basics it lacks first, in the first horizon, then starts at its own stage (foundations before growth before linking)", () => {
      for (const a of r.actions.filter((x) => x.fundamental)) expect(a.horizon).toBe("quick");
      // A basic the business lacks comes first even when it is a later stage (a duty of law such as
      // the cash-register e-invoice); otherwise the plan starts at the business's own stage.
      const rest = r.actions.filter((a) => !a.fundamental);
      if (rest.length) expect(rest[0]!.stage).toBe(Math.min(...rest.map((a) => a.stage)));
      expect(r.actions.slice(0, r.actions.filter((a) => a.fundamental).length).every((a) => a.fundamental)).toBe(true);
    });
  });
}

// Both versions keep their personas: new assessments take 1.1, and 1.0 assessments still get advice.
const OWNERS: Record<string, Persona[]> = { "1.0": OWNER_PERSONAS, "1.1": OWNER_PERSONAS_11 };
const BUSINESSES: Record<string, Persona[]> = { "1.0": PERSONAS, "1.1": PERSONAS_11 };

it("every questionnaire version on disk has its owners and its businesses", () => {
  expect(Object.keys(BUSINESSES).sort()).toEqual(content().questionnaires.map((q) => q.version).sort());
  for (const [version, list] of [...Object.entries(OWNERS), ...Object.entries(BUSINESSES)])
    for (const p of list) expect(p.questionnaireVersion, p.id).toBe(version);
});

for (const version of Object.keys(BUSINESSES)) {
  describe(`questionnaire ${version}`, () => {
    describe("five owners, in their own words", () => {
      expect(OWNERS[version]!.map((p) => p.id)).toEqual(expect.arrayContaining(["owner_tea_household", "owner_border_company_spreadsheet", "owner_homestay_with_page"]));
      for (const p of OWNERS[version]!) checkPersona(p);
    });

    describe("fifteen businesses, from no tools to linked tools", () => {
      const list = BUSINESSES[version]!;
      it("cover households, cooperatives, micro, small and medium companies in every sector", () => {
        const kinds = new Set(list.map((p) => (p.profile.legalForm === "company" ? p.profile.sizeClass : p.profile.legalForm)));
        expect([...kinds].sort()).toEqual(["cooperative", "household", "medium", "micro", "small"]);
        expect(new Set(list.map((p) => p.profile.sector)).size).toBe(4);
        expect(list.length).toBeGreaterThanOrEqual(15);
      });
      for (const p of list) checkPersona(p);
    });
  });
}

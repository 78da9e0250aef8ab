// Realistic businesses and what a good advisor would, and would never, put in their plans.
import { describe, expect, it } from "vitest";
import { score } from "../../src/domain/scoring.ts";
import { adviseFor, questionnaireVersion } from "./advise.ts";
import { OWNER_PERSONAS } from "./ownerPersonas.ts";
import { PERSONAS } from "./personas.ts";
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
    it("gets the basics it lacks in the first horizon, and starts at its own stage (foundations before growth before linking)", () => {
      for (const a of r.actions.filter((x) => x.fundamental)) expect(a.horizon).toBe("quick");
      if (r.actions.length) expect(r.actions[0]!.stage).toBe(Math.min(...r.actions.map((a) => a.stage)));
    });
  });
}

describe("five owners, in their own words", () => {
  for (const p of OWNER_PERSONAS) checkPersona(p);
});

describe("fifteen businesses, from no tools to linked tools", () => {
  it("cover households, cooperatives, micro, small and medium companies in every sector", () => {
    const kinds = new Set(PERSONAS.map((p) => (p.profile.legalForm === "company" ? p.profile.sizeClass : p.profile.legalForm)));
    expect([...kinds].sort()).toEqual(["cooperative", "household", "medium", "micro", "small"]);
    expect(new Set(PERSONAS.map((p) => p.profile.sector)).size).toBe(4);
    expect(PERSONAS.length).toBeGreaterThanOrEqual(15);
  });
  for (const p of PERSONAS) checkPersona(p);
});

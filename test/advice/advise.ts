// The advice of a persona or of any answer set, from the real content: the one computation the
// pages, the PDF and the API read.
import { buildRoadmap } from "../../src/domain/roadmap.ts";
import { score, type Answers, type ProfileFacts } from "../../src/domain/scoring.ts";
import type { Questionnaire } from "../../src/domain/questionnaire.ts";
import { content } from "../helpers.ts";
import type { Persona } from "./persona.ts";

export function questionnaireVersion(version: string): Questionnaire {
  const q = content().questionnaires.find((x) => x.version === version);
  if (!q) throw new Error(`no questionnaire version ${version}`);
  return q;
}

export function advise(q: Questionnaire, profile: ProfileFacts, answers: Answers) {
  const c = content();
  return buildRoadmap({ questionnaire: q, profile, answers, detail: score(q, profile, answers), actions: c.actions, platforms: c.platforms, schemes: c.schemes, legalDuties: c.legalDuties });
}

export const adviseFor = (p: Persona) => advise(questionnaireVersion(p.questionnaireVersion), p.profile, p.answers);

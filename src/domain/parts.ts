// How the questionnaire is cut into pages for a person: one part per pillar of the common set,
// then one part per sector module. Parts come from the profile alone, so numbering never shifts
// while the owner answers.
import type { Questionnaire } from "./questionnaire.ts";
import { applicableQuestions, selectedOptions, type Answers, type ProfileFacts } from "./scoring.ts";

export interface Part {
  /** 1-based. */
  number: number;
  title: string;
  pillarId?: string;
  moduleId: string;
  /** Questions of the part that apply to this business (some may be skipped follow-ups). */
  questionIds: string[];
}

const profileKey = (p: ProfileFacts) => `${p.legalForm}|${p.sizeClass}|${p.sector}|${p.activityGroup}`;
// Parts depend on the version and the profile only: computed once per pair.
const partsCache = new WeakMap<Questionnaire, Map<string, Part[]>>();

export function partsOf(q: Questionnaire, profile: ProfileFacts): Part[] {
  let byProfile = partsCache.get(q);
  if (!byProfile) partsCache.set(q, (byProfile = new Map()));
  const key = profileKey(profile);
  let parts = byProfile.get(key);
  if (!parts) byProfile.set(key, (parts = computeParts(q, profile)));
  return parts;
}

function computeParts(q: Questionnaire, profile: ProfileFacts): Part[] {
  const applicable = new Set(applicableQuestions(q, profile, {}).map((x) => x.question.id));
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  const parts: Omit<Part, "number">[] = [];
  for (const mod of q.modules) {
    const ids = mod.questionIds.filter((id) => applicable.has(id));
    if (!ids.length) continue;
    if (!mod.sectors) {
      for (const p of q.pillars) {
        const inPillar = ids.filter((id) => byId.get(id)!.pillar === p.id);
        if (inPillar.length) parts.push({ title: p.name, pillarId: p.id, moduleId: mod.id, questionIds: inPillar });
      }
    } else {
      parts.push({ title: mod.name, moduleId: mod.id, questionIds: ids });
    }
  }
  return parts.map((p, i) => ({ ...p, number: i + 1 }));
}

// A page asks "which questions are asked?" once per part; the answer depends on the answers
// object, which callers read fresh per request and never mutate: remember it per object.
const askedCache = new WeakMap<object, { q: Questionnaire; key: string; asked: Set<string> }>();
function askedSet(q: Questionnaire, profile: ProfileFacts, answers: Answers): Set<string> {
  const key = profileKey(profile);
  const hit = askedCache.get(answers);
  if (hit && hit.q === q && hit.key === key) return hit.asked;
  const asked = new Set(applicableQuestions(q, profile, answers).filter((x) => x.asked).map((x) => x.question.id));
  askedCache.set(answers, { q, key, asked });
  return asked;
}

/** The questions of a part to put on screen now (follow-ups only once their gate is open). */
export function askedInPart(q: Questionnaire, profile: ProfileFacts, answers: Answers, part: Part): string[] {
  const asked = askedSet(q, profile, answers);
  return part.questionIds.filter((id) => asked.has(id));
}

const isAnswered = (answers: Answers, id: string) => selectedOptions(answers[id]).length > 0;

/** The first part with an unanswered question, or null when everything asked is answered. */
export function firstUnansweredPart(q: Questionnaire, profile: ProfileFacts, answers: Answers): Part | null {
  for (const part of partsOf(q, profile)) {
    if (askedInPart(q, profile, answers, part).some((id) => !isAnswered(answers, id))) return part;
  }
  return null;
}

export function unansweredIn(q: Questionnaire, profile: ProfileFacts, answers: Answers, part: Part): string[] {
  return askedInPart(q, profile, answers, part).filter((id) => !isAnswered(answers, id));
}

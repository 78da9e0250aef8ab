// A capture seen through the domain rules the server runs — the same functions, bundled: size
// class, parts and follow-ups, answer checks, score and advice. Nothing here re-implements a rule.
import { adviceFor, type AdviceContent } from "../../domain/advise.ts";
import { checkEachAnswer } from "../../domain/answers.ts";
import { askedInPart, partsOf, unansweredIn, type Part } from "../../domain/parts.ts";
import type { Questionnaire } from "../../domain/questionnaire.ts";
import type { AnswerValue, ProfileFacts } from "../../domain/scoring.ts";
import { sizeClass } from "../../domain/sizeClass.ts";
import type { Capture, Package } from "./store.ts";

export function factsOf(c: Capture, pkg: Package): ProfileFacts | null {
  if (!c.profile) return null;
  const p = c.profile;
  return { legalForm: p.legalForm, sector: p.sector, activityGroup: p.activityGroup, sizeClass: sizeClass(p, pkg.sizeThresholds).sizeClass };
}

export const questionnaireOf = (pkg: Package) => pkg.questionnaire as Questionnaire;

export function partsOfCapture(c: Capture, pkg: Package): Part[] {
  const facts = factsOf(c, pkg);
  return facts ? partsOf(questionnaireOf(pkg), facts) : [];
}

/** The questions of a part to show now (follow-ups only once their gate is open), numbered. */
export function partView(c: Capture, pkg: Package, n: number) {
  const q = questionnaireOf(pkg);
  const facts = factsOf(c, pkg)!;
  const parts = partsOf(q, facts);
  const part = parts[n - 1];
  if (!part) return null;
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  const shown = askedInPart(q, facts, c.answers, part);
  const allAsked = parts.flatMap((p) => askedInPart(q, facts, c.answers, p));
  return {
    part,
    partCount: parts.length,
    questions: shown.map((id) => byId.get(id)!),
    firstIndex: Math.max(1, allAsked.indexOf(shown[0] ?? "") + 1),
    answered: allAsked.filter((id) => c.answers[id] !== undefined).length,
    total: allAsked.length,
  };
}

/** Applies the answers read from a part's form: the valid ones are kept, the refused ones returned. */
export function applyAnswers(c: Capture, pkg: Package, sent: Record<string, AnswerValue | null>): { capture: Capture; refused: Record<string, string> } {
  const checked = checkEachAnswer(questionnaireOf(pkg), sent);
  const answers = { ...c.answers };
  for (const [id, v] of Object.entries(checked.changes)) {
    if (v === null) delete answers[id];
    else answers[id] = v;
  }
  return { capture: { ...c, answers }, refused: checked.refused };
}

export function missingOf(c: Capture, pkg: Package) {
  const q = questionnaireOf(pkg);
  const facts = factsOf(c, pkg);
  if (!facts) return null;
  const textOf = new Map(q.questions.map((x) => [x.id, x.text]));
  return partsOf(q, facts).flatMap((p) => unansweredIn(q, facts, c.answers, p).map((id) => ({ id, text: textOf.get(id)!, part: p.number })));
}

/** Where to continue a capture: the profile, the first part with a gap, or the review. */
export function resumeAt(c: Capture, pkg: Package): string {
  if (!c.profile) return `#/c/${c.clientId}/profile`;
  const missing = missingOf(c, pkg) ?? [];
  return missing.length ? `#/c/${c.clientId}/p/${missing[0]!.part}` : `#/c/${c.clientId}/review`;
}

/** Level, pillar scores and first steps, as the server will compute them. */
export function resultOf(c: Capture, pkg: Package) {
  const q = questionnaireOf(pkg);
  const facts = factsOf(c, pkg)!;
  const place = pkg.communes.find((x) => x.id === c.profile!.communeId);
  const { detail, roadmap } = adviceFor(pkg.advice as AdviceContent, q, facts, place, c.answers);
  const level = q.levels.find((l) => l.level === detail.nationalLevel)!;
  const byId = new Map(roadmap.actions.map((a) => [a.id, a]));
  const lift = roadmap.liftOneLevel;
  const first = lift ? lift.actionIds.map((id) => byId.get(id)!).filter(Boolean) : roadmap.actions.slice(0, 3);
  return {
    detail,
    level: { level: level.level, name: level.name, gloss: level.gloss ?? null },
    overall: detail.overall,
    pillars: q.pillars.map((p) => ({ id: p.id, name: p.name, score: detail.pillars.find((x) => x.id === p.id)?.score ?? null })),
    lift: lift ? { level: lift.targetLevel, name: q.levels.find((l) => l.level === lift.targetLevel)?.name ?? "" } : null,
    steps: first.map((a) => ({ id: a.id, title: a.title, summary: a.summary })),
  };
}

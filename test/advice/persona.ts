// A business described for the advice tests: its profile, a realistic answer set, and what a good
// advisor would (and would never) put in its plan.
import type { Horizon } from "../../src/domain/roadmap.ts";
import type { AnswerValue, ProfileFacts } from "../../src/domain/scoring.ts";

export interface Persona {
  id: string;
  /** The business in its owner's words. */
  story: string;
  /** The questionnaire version the answers belong to. */
  questionnaireVersion: string;
  profile: ProfileFacts;
  answers: Record<string, AnswerValue>;
  /** Actions that must be in the plan (in this horizon when one is given). */
  must: { action: string; horizon?: Horizon }[];
  /** Actions that must not be in the plan. */
  mustNot: string[];
  /** Words no step's title, summary or platform may contain (case-insensitive). */
  mustNotMention?: string[];
  /** The first step of the plan costs nothing. */
  firstStepFree?: boolean;
}

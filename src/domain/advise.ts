// The whole advice of one set of answers: score and roadmap from the content the advice reads.
// The plan, the result page and the PDF on the server, and the advisor's offline app on a phone,
// all call this one function with the same content, so they cannot disagree.
import type { Platform, SupportScheme } from "./catalogue.ts";
import type { LegalDutyFile } from "./legalDuties.ts";
import { difficultAreaOf, type Place } from "./place.ts";
import type { Questionnaire } from "./questionnaire.ts";
import { buildRoadmap, type ActionFile, type Roadmap } from "./roadmap.ts";
import { score, type Answers, type ProfileFacts, type ScoreDetail } from "./scoring.ts";

/** The content the advice reads (a subset of the loaded content; the offline app downloads it). */
export interface AdviceContent {
  actions: ActionFile;
  platforms: Platform[];
  schemes: SupportScheme[];
  legalDuties: LegalDutyFile;
}

export function adviceFor(
  content: AdviceContent,
  questionnaire: Questionnaire,
  profile: ProfileFacts,
  place: Pick<Place, "difficultArea"> | undefined,
  answers: Answers,
  detail: ScoreDetail = score(questionnaire, profile, answers),
): { detail: ScoreDetail; roadmap: Roadmap } {
  const roadmap = buildRoadmap({
    questionnaire,
    profile,
    answers,
    detail,
    actions: content.actions,
    platforms: content.platforms,
    schemes: content.schemes,
    difficultArea: difficultAreaOf(place),
    legalDuties: content.legalDuties,
  });
  return { detail, roadmap };
}

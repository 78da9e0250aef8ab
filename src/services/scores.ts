// An assessment's score, from its stored row and answers. Apart from assessments.ts so that the
// plan (which the explained result in assessments.ts uses) can score without importing it back.
import { answersOf, type AssessmentRow } from "../../db/assessments.ts";
import { score, type Answers, type ProfileFacts, type ScoreDetail } from "../domain/scoring.ts";
import type { Services } from "./assessments.ts";

export function profileFacts(row: AssessmentRow): ProfileFacts {
  return { legalForm: row.legalForm, sizeClass: row.sizeClass, sector: row.sector, activityGroup: row.activityGroup };
}

export function scoreOf(s: Services, row: AssessmentRow, answers: Answers = answersOf(s.db, row.id)): ScoreDetail {
  return score(s.questionnaireByHash(row.questionnaireHash), profileFacts(row), answers);
}

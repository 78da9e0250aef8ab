// Queries of the frozen questionnaire versions: which exist and how many assessments each carries.
import { sql } from "drizzle-orm";
import type { Db } from "./connection.ts";
import { assessments, questionnaireVersions } from "./schema.ts";

export function versionsInUse(db: Db) {
  return db
    .select({
      hash: questionnaireVersions.hash,
      questionnaireId: questionnaireVersions.questionnaireId,
      version: questionnaireVersions.version,
      firstSeenAt: questionnaireVersions.firstSeenAt,
      used: sql<number>`(select count(*) from ${assessments} where ${assessments.questionnaireHash} = ${questionnaireVersions.hash})`.mapWith(Number),
    })
    .from(questionnaireVersions)
    .orderBy(questionnaireVersions.questionnaireId, questionnaireVersions.version, questionnaireVersions.firstSeenAt)
    .all();
}

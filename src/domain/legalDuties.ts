// What the law asks of a business, chosen by its answers and profile: the duties of the personal
// data law for a business that keeps customers' details, e-contracts for one that signs with
// partners, e-invoices by legal form. Content (with its sources) lives in legal-duties.yaml.
import { z } from "zod";
import "./zodLocale.ts";
import { LEGAL_FORMS, SECTORS, type Questionnaire } from "./questionnaire.ts";
import { applicableQuestions, selectedOptions, type Answers, type ProfileFacts } from "./scoring.ts";

const id = z.string().regex(/^[a-z][a-z0-9_]*$/);
const text = z.string().trim().min(1);

/**
 * One answer that shows a duty applies. `versions`: the questionnaire versions whose questions it
 * names (a question 1.1 replaced, such as 1.0's guest data, is named for 1.0 only); omitted, every
 * version on disk. Start-up refuses a condition naming a question or option that one of its
 * versions lacks, so a condition never silently stops applying when a version changes.
 */
const dutyCondition = z.strictObject({
  question: id,
  anyOf: z.array(id).min(1),
  versions: z.array(text).min(1).optional(),
});
export type DutyCondition = z.infer<typeof dutyCondition>;

export const legalDutyFileSchema = z.strictObject({
  version: text,
  updatedOn: z.iso.date(),
  note: text,
  topics: z
    .array(
      z.strictObject({
        id,
        title: text,
        lead: text,
        /** Any holds (on a question the business was asked): the topic applies. Omitted: it applies to every business of these forms and sectors. */
        when: z.array(dutyCondition).min(1).optional(),
        forms: z.array(z.enum(LEGAL_FORMS)).min(1).optional(),
        sectors: z.array(z.enum(SECTORS)).min(1).optional(),
        duties: z
          .array(
            z.strictObject({
              text,
              source: text,
              verify: text.optional(),
              /** Any holds (on a question the business was asked): the answers show this duty is not the business's. */
              unless: z.array(dutyCondition).min(1).optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type LegalDutyFile = z.infer<typeof legalDutyFileSchema>;

export interface LegalTopic {
  id: string;
  title: string;
  lead: string;
  duties: { text: string; source: string; verify: string | null }[];
}

/** Does the condition name questions of this version? */
export const conditionIn = (c: DutyCondition, version: string) => !c.versions || c.versions.includes(version);

export function legalDutiesFor(file: LegalDutyFile, q: Questionnaire, profile: ProfileFacts, answers: Answers): LegalTopic[] {
  const asked = new Set(applicableQuestions(q, profile, answers).filter((x) => x.asked).map((x) => x.question.id));
  const holds = (c: DutyCondition) =>
    conditionIn(c, q.version) && asked.has(c.question) && selectedOptions(answers[c.question]).some((o) => c.anyOf.includes(o));
  return file.topics
    .filter((t) => !t.forms || t.forms.includes(profile.legalForm))
    .filter((t) => !t.sectors || t.sectors.includes(profile.sector))
    .filter((t) => !t.when || t.when.some(holds))
    .map((t) => ({
      id: t.id,
      title: t.title,
      lead: t.lead,
      duties: t.duties.filter((d) => !d.unless?.some(holds)).map((d) => ({ text: d.text, source: d.source, verify: d.verify ?? null })),
    }))
    .filter((t) => t.duties.length > 0);
}

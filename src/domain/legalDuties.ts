// What the law asks of a business, chosen by its answers and profile: the duties of the personal
// data law for a business that keeps customers' details, e-contracts for one that signs with
// partners, e-invoices by legal form. Content (with its sources) lives in legal-duties.yaml.
import { z } from "zod";
import "./zodLocale.ts";
import { LEGAL_FORMS, SECTORS, type Questionnaire } from "./questionnaire.ts";
import { applicableQuestions, selectedOptions, type Answers, type ProfileFacts } from "./scoring.ts";

const id = z.string().regex(/^[a-z][a-z0-9_]*$/);
const text = z.string().trim().min(1);

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
        when: z.array(z.strictObject({ question: id, anyOf: z.array(id).min(1) })).min(1).optional(),
        forms: z.array(z.enum(LEGAL_FORMS)).min(1).optional(),
        sectors: z.array(z.enum(SECTORS)).min(1).optional(),
        duties: z
          .array(z.strictObject({ text, source: text, verify: text.optional() }))
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

export function legalDutiesFor(file: LegalDutyFile, q: Questionnaire, profile: ProfileFacts, answers: Answers): LegalTopic[] {
  const asked = new Set(applicableQuestions(q, profile, answers).filter((x) => x.asked).map((x) => x.question.id));
  return file.topics
    .filter((t) => !t.forms || t.forms.includes(profile.legalForm))
    .filter((t) => !t.sectors || t.sectors.includes(profile.sector))
    .filter((t) => !t.when || t.when.some((w) => asked.has(w.question) && selectedOptions(answers[w.question]).some((o) => w.anyOf.includes(o))))
    .map((t) => ({ id: t.id, title: t.title, lead: t.lead, duties: t.duties.map((d) => ({ text: d.text, source: d.source, verify: d.verify ?? null })) }));
}

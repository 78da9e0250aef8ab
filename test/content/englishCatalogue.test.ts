// English for what an owner reads beside the questionnaire: the roadmap's steps, the platform
// catalogue, the support schemes, what the law asks, consent and the centre's contact. English is
// an overlay on the Vietnamese content: every owner-visible text of these files has its English,
// and reading the advice in English changes words only, never a step, an order, a cost or a share.
import { describe, expect, it } from "vitest";
import { adviceFor } from "../../src/domain/advise.ts";
import type { Content } from "../../src/content/load.ts";
import { localizeContent } from "../../src/content/translations.ts";
import type { Roadmap } from "../../src/domain/roadmap.ts";
import { OWNER_PERSONAS } from "../advice/ownerPersonas.ts";
import { OWNER_PERSONAS_11 } from "../advice/ownerPersonas11.ts";
import { PERSONAS } from "../advice/personas.ts";
import { PERSONAS_11 } from "../advice/personas11.ts";
import { content } from "../helpers.ts";

/** One owner-visible text: where it is, in Vietnamese and as the English content gives it. */
interface Text {
  at: string;
  vi: string;
  en: string;
}

const pair = (at: string, vi: string | null | undefined, en: string | null | undefined): Text[] =>
  vi ? [{ at, vi, en: en ?? "" }] : [];
const list = (at: string, vi: readonly string[], en: readonly string[]): Text[] => vi.flatMap((x, i) => pair(`${at}[${i}]`, x, en[i]));

/** The texts an owner reads, file by file, as the pages, the plan, the PDF and the API show them. */
function ownerTexts(vi: Content, en: Content): Record<string, Text[]> {
  const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((x) => [x.id, x]));
  const enActions = byId(en.actions.actions);
  const enSchemes = byId(en.schemes);
  const enTopics = byId(en.legalDuties.topics);
  const enPurposes = byId(en.consent.purposes);
  return {
    actions: [
      ...pair("costNote", vi.actions.costNote, en.actions.costNote),
      ...vi.actions.actions.flatMap((a) => {
        const e = enActions.get(a.id)!;
        return [...pair(`${a.id}.title`, a.title, e.title), ...pair(`${a.id}.summary`, a.summary, e.summary), ...pair(`${a.id}.costNote`, a.costNote, e.costNote)];
      }),
    ],
    "support schemes": vi.schemes.flatMap((s) => {
      const e = enSchemes.get(s.id)!;
      return [
        ...pair(`${s.id}.name`, s.name, e.name),
        ...pair(`${s.id}.shortName`, s.shortName, e.shortName),
        ...pair(`${s.id}.legalBasis`, s.legalBasis, e.legalBasis),
        ...pair(`${s.id}.description`, s.description, e.description),
        ...pair(`${s.id}.coverage.note`, s.coverage.note, e.coverage.note),
        ...pair(`${s.id}.eligibility.note`, s.eligibility.note, e.eligibility.note),
        ...list(`${s.id}.howToApply`, s.howToApply, e.howToApply),
        ...pair(`${s.id}.verify`, s.verify, e.verify),
      ];
    }),
    "platform summaries": [
      ...pair("note", vi.platformCatalogue.note, en.platformCatalogue.note),
      ...vi.platforms.map((p) => ({ at: `${p.id}.summary`, vi: p.summary, en: en.platformById.get(p.id)!.summary })),
    ],
    "legal duties": [
      ...pair("note", vi.legalDuties.note, en.legalDuties.note),
      ...vi.legalDuties.topics.flatMap((t) => {
        const e = enTopics.get(t.id)!;
        return [
          ...pair(`${t.id}.title`, t.title, e.title),
          ...pair(`${t.id}.lead`, t.lead, e.lead),
          ...t.duties.flatMap((d, i) => [
            ...pair(`${t.id}.duties[${i}].text`, d.text, e.duties[i]!.text),
            ...pair(`${t.id}.duties[${i}].source`, d.source, e.duties[i]!.source),
            ...pair(`${t.id}.duties[${i}].verify`, d.verify, e.duties[i]!.verify),
          ]),
        ];
      }),
    ],
    consent: [
      ...pair("controller", vi.consent.controller, en.consent.controller),
      ...vi.consent.purposes.flatMap((p) => [
        ...pair(`${p.id}.label`, p.label, enPurposes.get(p.id)!.label),
        ...pair(`${p.id}.explanation`, p.explanation, enPurposes.get(p.id)!.explanation),
      ]),
      ...list("staffAccess", vi.consent.staffAccess, en.consent.staffAccess),
      ...pair("rights", vi.consent.rights, en.consent.rights),
    ],
    contact: [
      ...pair("organisation", vi.contact.organisation, en.contact.organisation),
      ...pair("parent", vi.contact.parent, en.contact.parent),
      ...pair("address", vi.contact.address, en.contact.address),
      ...pair("hours", vi.contact.hours, en.contact.hours),
    ],
  };
}

/**
 * Words that only a Vietnamese sentence has (names of places, laws and products keep their own
 * spelling in English, but never these): a text that still has them was left untranslated.
 */
const VIETNAMESE_WORD = /(?:^|[\s(«"“,])(của|và|không|được|những|các|với|để|này|là|trong|hoặc|khi|cho|nếu|người|trên)(?=[\s,.;:)»"”]|$)/iu;

describe("English for the owner's catalogue, steps, support and law", () => {
  const vi = content();
  const en = localizeContent(vi, "en");
  const texts = ownerTexts(vi, en);

  it.each(Object.keys(texts))("%s: every owner-visible text has its English, none left in Vietnamese", (file) => {
    const missing = texts[file]!.filter((t) => t.en === t.vi || !t.en.trim()).map((t) => t.at);
    const stillVietnamese = texts[file]!.filter((t) => t.en !== t.vi && VIETNAMESE_WORD.test(t.en)).map((t) => `${t.at}: ${t.en}`);
    expect(texts[file]!.length).toBeGreaterThan(0);
    expect(missing, `${missing.length} of ${texts[file]!.length} texts have no English`).toEqual([]);
    expect(stillVietnamese).toEqual([]);
  });

  it("the check for sentences left in Vietnamese recognises one (and passes names of places and laws)", () => {
    expect(VIETNAMESE_WORD.test(vi.actions.actions[0]!.summary)).toBe(true);
    expect(VIETNAMESE_WORD.test("Report the stay in Điện Biên (Law on Residence No. 68/2020/QH14, Article 30; Decree 80/2021/NĐ-CP)")).toBe(false);
  });

  it("a duty that still needs checking in Vietnamese is still marked to check in English, and only those", () => {
    for (const t of vi.legalDuties.topics) {
      const e = en.legalDuties.topics.find((x) => x.id === t.id)!;
      expect(e.duties.map((d) => d.verify !== undefined)).toEqual(t.duties.map((d) => d.verify !== undefined));
    }
    // A draft scheme stays a draft, with what is to verify.
    const draft = en.schemes.find((s) => s.status === "draft")!;
    expect(draft.verify).toBeTruthy();
    expect(draft.description).toMatch(/DRAFT/);
  });

  it("keeps the laws' numbers: every document number cited in Vietnamese is cited in English", () => {
    const numbers = /\d+\/\d{4}\/[A-ZĐ]+(?:-[A-ZĐ]+)*/gu;
    for (const group of Object.values(texts))
      for (const t of group) expect([...t.en.matchAll(numbers)].map((m) => m[0]).sort(), t.at).toEqual([...t.vi.matchAll(numbers)].map((m) => m[0]).sort());
  });

  it("keeps every figure: amounts, shares, months and dates of the Vietnamese text appear in the English", () => {
    // "50 triệu đồng" → "50 million đồng", "12 tháng" → "12 months", "01/01/2026" stays: the digits are the facts.
    const figures = (s: string) => [...s.matchAll(/\d+(?:[.,/]\d+)*/g)].map((m) => m[0]).sort();
    for (const group of Object.values(texts)) for (const t of group) expect(figures(t.en), t.at).toEqual(figures(t.vi));
  });

  it("changes no id, number, date, link or condition: only the texts differ", () => {
    const TEXT = new Set(["title", "summary", "costNote", "name", "shortName", "legalBasis", "description", "note", "howToApply", "verify", "vendor", "lead", "text", "source", "label", "explanation", "staffAccess", "rights", "controller", "organisation", "parent", "address", "hours"]);
    const structure = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(structure)
        : x && typeof x === "object" && !(x instanceof Map)
          ? Object.fromEntries(Object.entries(x).filter(([k]) => !TEXT.has(k)).map(([k, v]) => [k, structure(v)]))
          : x;
    for (const part of ["actions", "platforms", "schemes", "legalDuties", "consent", "contact", "sizeThresholds", "followUp", "communes"] as const)
      expect(structure(en[part]), part).toEqual(structure(vi[part]));
  });
});

/** Everything of a roadmap but its words: which steps, in which order, what they cost and what support pays. */
function figuresOf(r: Roadmap) {
  return {
    actions: r.actions.map((a) => ({
      id: a.id,
      horizon: a.horizon,
      stage: a.stage,
      fundamental: a.fundamental,
      platforms: a.platforms.map((p) => p.id),
      costVnd: a.costVnd,
      costPer: a.costPer,
      ownerShareVnd: a.ownerShareVnd,
      support: a.support.map(({ name: _name, ...figures }) => figures),
      effort: a.effort,
      duration: a.duration,
      gain: a.gain,
      scoreAfter: a.scoreAfter,
      levelAfter: a.levelAfter,
      helpsReachLevel: a.helpsReachLevel,
      why: a.why.map((w) => w.questionId),
      raises: a.raises.map(({ question: _q, from: _from, to: _to, ...figures }) => figures),
    })),
    gaps: r.gaps,
    currentScore: r.currentScore,
    currentLevel: r.currentLevel,
    scoreAfterPlan: r.scoreAfterPlan,
    liftOneLevel: r.liftOneLevel,
    nextLevel: r.nextLevel,
    maxSupportPerYearVnd: r.maxSupportPerYearVnd,
    schemes: r.schemes.map(({ name: _name, ...figures }) => figures),
    legalDuties: r.legalDuties.map((t) => ({ id: t.id, duties: t.duties.map((d) => d.verify !== null) })),
  };
}

describe("the advice in English is the advice in Vietnamese, word for word aside", () => {
  const vi = content();
  const en = localizeContent(vi, "en");
  const personas = [...PERSONAS, ...PERSONAS_11, ...OWNER_PERSONAS, ...OWNER_PERSONAS_11];
  const areas = [{ difficultArea: "yes" as const }, { difficultArea: "no" as const }, { difficultArea: "unknown" as const }];

  it.each(personas.map((p) => [p.id, p] as const))("%s: same steps, order, costs and support shares", (_id, p) => {
    const qVi = vi.questionnaires.find((q) => q.version === p.questionnaireVersion)!;
    const qEn = en.questionnaires.find((q) => q.version === p.questionnaireVersion)!;
    expect(qEn.hash).toBe(qVi.hash);
    for (const place of areas) {
      const a = adviceFor(vi, qVi, p.profile, place, p.answers);
      const b = adviceFor(en, qEn, p.profile, place, p.answers);
      expect(b.detail).toEqual(a.detail);
      expect(figuresOf(b.roadmap)).toEqual(figuresOf(a.roadmap));
    }
  });

  it("is not the same test twice: the English advice reads English", () => {
    const p = PERSONAS_11[0]!;
    const q = en.questionnaires.find((x) => x.version === p.questionnaireVersion)!;
    const r = adviceFor(en, q, p.profile, undefined, p.answers).roadmap;
    const step = r.actions.find((a) => a.id === "vietqr_payments")!;
    expect(step.title).toBe("Take payments with a VietQR code");
    expect(step.platforms.find((x) => x.id === "vietqr_napas")!.summary).toMatch(/^Print a QR code/);
    expect(r.actions.flatMap((a) => a.support).some((s) => /Decree|province|Draft|DRAFT|vouchers/.test(s.name))).toBe(true);
  });
});

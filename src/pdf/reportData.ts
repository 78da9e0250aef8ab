// Everything the PDF report shows, assembled from the services into one plain object. The object
// crosses into a worker thread (structured clone), so it holds only strings, numbers and arrays,
// and every label is already in the report's language (Vietnamese unless asked otherwise), the
// content's texts included: the document only lays it out.
import QRCode from "qrcode";
import { answersOf, consentsOf, type AssessmentRow } from "../../db/assessments.ts";
import type { SupportScheme } from "../domain/catalogue.ts";
import type { Questionnaire } from "../domain/questionnaire.ts";
import { applicableQuestions, maxPoints, pointsEarned, selectedOptions, type Answers } from "../domain/scoring.ts";
import { formatVnd } from "../domain/money.ts";
import { difficultAreaOf, type Place } from "../domain/place.ts";
import { answerLabel, liftAndDrags, profileFacts, type Services } from "../services/assessments.ts";
import { planOf, type Plan } from "../services/plan.ts";
import type { CentreContact } from "../content/load.ts";
import { fmt, moneyWords } from "../../views/messages.ts";
import type { Locale } from "../domain/vocabularies.ts";
import { localizeContent, localizeQuestionnaire } from "../content/translations.ts";
import { wordsOf, type ReportWords } from "./words.ts";

export interface ReportPillar {
  id: string;
  name: string;
  shortName: string;
  description: string;
  score: number | null;
  weight: number;
  provisional: boolean;
  /** Answers that earned the pillar its points, best first. */
  strengths: { question: string; answer: string; earned: number; possible: number }[];
  /** Answers that cost the most, worst first, with the next step that would earn more. */
  gaps: { question: string; answer: string; pointsLost: number; todo: string | null }[];
}

export interface ReportRoadmap {
  horizons: {
    id: string;
    title: string;
    actions: {
      id: string;
      title: string;
      summary: string;
      why: string[];
      platforms: { name: string; vendor: string; priceLabel: string }[];
      costLabel: string;
      supportLabels: string[];
      ownerShareLabel: string;
      /** "+2,5 điểm · mất khoảng 1 ngày". */
      gainLabel: string;
      helpsReachLevel: number | null;
    }[];
  }[];
  maxSupportLabel: string | null;
  costNote: string;
  /** What the law asks of the business, each duty with its source. */
  law: { title: string; lead: string; duties: { text: string; source: string; verify: boolean }[] }[];
  lawNote: string;
}

export interface ReportScheme {
  name: string;
  status: "in_force" | "draft";
  kind: "national" | "provincial";
  description: string;
  legalBasis: string;
  /** What it pays for this business, e.g. "tối đa 50% chi phí, không quá 20 triệu đồng mỗi năm". */
  coverage: string | null;
  howToApply: string[];
}

/** The person to ask, from contact.yaml: the same source as the owner pages' footer and the result page. */
export interface ReportContact {
  organisation: string;
  parent: string | null;
  address: string;
  website: string | null;
  /** Only a number the authority has published. */
  phone: string | null;
  zaloOA: string | null;
  hours: string | null;
  /** Said when no phone number is published yet. */
  note: string | null;
}

export interface ReportAnswerRow {
  number: number;
  question: string;
  answer: string;
  points: string;
}

export interface PeerSeries {
  /** Who the peers are, e.g. "OCOP, siêu nhỏ, 14 cơ sở". */
  label: string;
  /** Median score per pillar id. */
  values: Record<string, number | null>;
}

export interface ReportData {
  /** The language of every text below. */
  locale: Locale;
  title: string;
  province: string;
  dateLabel: string;
  business: {
    name: string;
    facts: { label: string; value: string }[];
  };
  questionnaireLabel: string;
  level: { level: number; name: string; gloss: string | null; meaning: string; provisional: boolean };
  overall: number;
  /** A reference banding in the EU's manner, with the score it was applied to. */
  euBand: { name: string; score: number; basis: "overall" | "pillar_mean" };
  /** What the score is, and where its weights and cut-offs come from. */
  framing: { statement: string | null; weightsSource: string | null; levelsSource: string };
  usesDigitalPlatforms: boolean;
  /** The next level as the result page states it: reached by the plan's first steps, beyond the plan, or the top level. */
  next:
    | {
        status: "reached_by_plan";
        level: number;
        name: string;
        meaning: string;
        targetScore: number;
        scoreAfter: number;
        steps: { action: string; effort: 1 | 2 | 3; gain: number }[];
      }
    | { status: "beyond_plan"; level: number; name: string; meaning: string; targetScore: number; scoreAfterPlan: number; planSteps: number }
    | { status: "top_level" };
  pillars: ReportPillar[];
  peers: { label: string; values: (number | null)[] } | null;
  roadmap: ReportRoadmap;
  schemes: ReportScheme[];
  notEligible: { name: string; reason: string }[];
  contact: ReportContact;
  answerSections: { title: string; rows: ReportAnswerRow[] }[];
  method: {
    weights: { name: string; weight: number; sharePercent: number; provisional: boolean }[];
    levels: { level: number; name: string; minScore: number }[];
    bands: { name: string; maxScore: number }[];
    platformUse: string;
    provisionalNotes: string[];
  };
  consent: {
    lead: string;
    purposes: { label: string; granted: boolean; detail: string }[];
    rights: string;
  };
  link: { url: string; qr: { size: number; path: string } };
}

export interface ReportInputs {
  /** Resume code as shown (XXXX-XXXX-XXXX). */
  code: string;
  publicUrl: string;
  now?: Date;
  /** Peer medians by pillar, drawn on the radar when given. */
  peers?: PeerSeries;
  /** The report's language; Vietnamese when not given. */
  locale?: Locale;
}

/**
 * The services reading the content in `locale`: question texts, options, pillars, levels, actions,
 * platforms and schemes in that language where translated. Scores never change with the language.
 */
function inLanguage(s: Services, locale: Locale): Services {
  if (locale === "vi") return s;
  return { ...s, content: localizeContent(s.content, locale), questionnaireByHash: (hash) => localizeQuestionnaire(s.content, s.questionnaireByHash(hash), locale) };
}

export function buildReportData(source: Services, row: AssessmentRow, inputs: ReportInputs): ReportData {
  const locale = inputs.locale ?? "vi";
  const w = wordsOf(locale);
  const { m, t, num, date: formatDate } = w;
  const s = inLanguage(source, locale);
  const q = s.questionnaireByHash(row.questionnaireHash);
  const answers = answersOf(s.db, row.id);
  const r = liftAndDrags(s, row);
  const plan = planOf(s, row, m);
  const commune = s.content.communeById.get(row.communeId);
  const now = inputs.now ?? new Date();
  const url = `${inputs.publicUrl}/a/${inputs.code}`;

  const how = row.method === "guided" ? t.filledBy.guided : t.filledBy.self;
  const filledBy = row.validatedAt
    ? fmt(t.filledBy.validated, { how, date: formatDate(row.validatedAt) })
    : row.method === "guided"
      ? fmt(t.filledBy.notValidated, { how })
      : how;
  const size = m.sizeClasses[row.sizeClass];
  const facts = [
    { label: t.cover.legalForm, value: m.legalForms[row.legalForm] },
    { label: t.cover.sector, value: m.sectors[row.sector] },
    { label: t.cover.activityGroup, value: m.activityGroups[row.activityGroup] },
    { label: t.cover.commune, value: commune ? upperFirst(placeOf(commune, t)) : row.communeId },
    { label: t.cover.size, value: fmt(row.sizeBasis === "staff_only" ? t.cover.sizeStaffOnly : t.cover.sizeFull, { size }) },
    { label: t.cover.staff, value: String(row.staff) },
    { label: t.cover.taxCode, value: row.taxCode ?? t.cover.noTaxCode },
    { label: t.cover.stage, value: row.round <= 1 ? t.stage.first : fmt(t.stage.again, { round: row.round }) },
    { label: t.cover.filledBy, value: filledBy },
    { label: t.cover.submittedOn, value: row.submittedAt ? formatDate(row.submittedAt) : "—" },
    { label: t.cover.reportDate, value: formatDate(now) },
  ];

  const totalWeight = q.pillars.reduce((sum, p) => sum + p.weight, 0);

  return {
    locale,
    title: t.title,
    province: s.content.province,
    dateLabel: formatDate(now),
    // Precomposed letters: the font draws them as designed and the PDF text searches as typed.
    business: { name: row.businessName.normalize("NFC"), facts },
    questionnaireLabel: `${q.title} — ${fmt(t.cover.questionnaireValue, { version: q.version, hash: q.hash })}`,
    level: r.level,
    overall: r.scores.overall,
    euBand: { name: r.euBand.name, score: r.euBand.score, basis: r.euBand.basis },
    framing: r.framing,
    usesDigitalPlatforms: r.scores.usesDigitalPlatforms,
    next: nextOf(r),
    pillars: pillarsOf(q, answers, r, plan),
    peers: inputs.peers
      ? { label: inputs.peers.label, values: q.pillars.map((p) => inputs.peers!.values[p.id] ?? null) }
      : null,
    roadmap: roadmapOf(plan, w),
    ...schemesFor(s.content.schemes, row, difficultAreaOf(s.content.communeById.get(row.communeId)), s.content.communeById.get(row.communeId), locale),
    contact: contactOf(s.content.contact, locale),
    answerSections: answerSectionsOf(q, row, answers, w),
    method: {
      weights: q.pillars.map((p) => ({
        name: p.name,
        weight: p.weight,
        sharePercent: Math.round((1000 * p.weight) / totalWeight) / 10,
        provisional: p.status === "provisional",
      })),
      levels: [...q.levels].sort((a, b) => a.level - b.level).map((l) => ({ level: l.level, name: l.name, minScore: l.minScore })),
      bands: [...q.euBands].sort((a, b) => a.maxScore - b.maxScore).map((b) => ({ name: b.name, maxScore: b.maxScore })),
      platformUse: q.platformUse.description,
      provisionalNotes: [q.provisionalNote, ...(r.framing.weightsSource ? [r.framing.weightsSource] : []), q.levelsSource],
    },
    consent: consentOf(s, row, w),
    link: { url, qr: qrPath(url) },
  };
}

type Explained = ReturnType<typeof liftAndDrags>;

/** Phone and Zalo only when published; until then the page says the number is being updated. */
export function contactOf(c: CentreContact, locale: Locale = "vi"): ReportContact {
  return {
    organisation: c.organisation,
    parent: c.parent,
    address: c.address,
    website: c.website,
    phone: c.phone,
    zaloOA: c.zaloOA,
    hours: c.hours,
    note: c.phone ? null : wordsOf(locale).m.contact.noPhone,
  };
}

/** The headline's next level, from the result's one outlook (never re-decided here). */
function nextOf(r: Explained): ReportData["next"] {
  const n = r.nextLevel;
  if (n.status === "top_level") return { status: "top_level" };
  const target = { level: n.targetLevel!, name: n.targetName!, meaning: n.targetMeaning!, targetScore: n.targetScore! };
  if (n.status === "beyond_plan") return { status: "beyond_plan", ...target, scoreAfterPlan: n.scoreAfter!, planSteps: n.steps };
  return {
    status: "reached_by_plan",
    ...target,
    scoreAfter: n.scoreAfter!,
    steps: (r.liftOneLevel?.steps ?? []).map((st) => ({ action: st.action, effort: st.effort as 1 | 2 | 3, gain: st.gain })),
  };
}

/** The same roadmap as the plan page, with only what the printed report shows. */
function roadmapOf(plan: Plan, { m, t, num }: ReportWords): ReportRoadmap {
  return {
    horizons: plan.horizons.map((h) => ({
      id: h.id,
      title: h.title,
      actions: h.actions.map((a) => ({
        id: a.id,
        title: a.title,
        summary: a.summary,
        why: a.why,
        platforms: a.platforms.map((p) => ({ name: p.name, vendor: p.vendor, priceLabel: p.priceLabel })),
        costLabel: a.costLabel,
        supportLabels: a.supportLabels,
        ownerShareLabel: a.ownerShareLabel,
        gainLabel: fmt(t.roadmap.gainLine, { gain: num(a.gain), duration: a.durationLabel }),
        helpsReachLevel: a.helpsReachLevel,
      })),
    })),
    maxSupportLabel: plan.maxSupportPerYearVnd ? formatVnd(plan.maxSupportPerYearVnd, moneyWords(m)) : null,
    costNote: plan.costNote,
    law: plan.legalDuties.map((x) => ({ title: x.title, lead: x.lead, duties: x.duties.map((d) => ({ text: d.text, source: d.source, verify: d.verify !== null })) })),
    lawNote: plan.legalNote,
  };
}

function pillarsOf(q: Questionnaire, answers: Answers, r: Explained, plan: Plan): ReportPillar[] {
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  // What to do about a weak answer is the plan's step that raises it: the same advice everywhere.
  const stepFor = new Map<string, string>();
  for (const a of plan.actions) for (const qid of a.raisesQuestions) if (!stepFor.has(qid)) stepFor.set(qid, a.title);
  return q.pillars.map((p) => {
    const explained = r.pillars.find((x) => x.id === p.id)!;
    const strengths = r.contributions
      .filter((c) => c.pillarId === p.id && c.earned > 0)
      .sort((a, b) => b.earned / b.possible - a.earned / a.possible || b.earned - a.earned)
      .slice(0, 3)
      .map((c) => ({
        question: byId.get(c.questionId)!.text,
        answer: answerLabel(q, c.questionId, answers[c.questionId]),
        earned: c.earned,
        possible: c.possible,
      }));
    const gaps = explained.drags.map((d) => ({
      question: d.question,
      answer: answerLabel(q, d.questionId, answers[d.questionId]),
      pointsLost: d.pointsLost,
      todo: stepFor.get(d.questionId) ?? null,
    }));
    return {
      id: p.id,
      name: p.name,
      shortName: p.shortName,
      description: p.description,
      score: explained.score,
      weight: p.weight,
      provisional: p.status === "provisional",
      strengths,
      gaps,
    };
  });
}

function answerSectionsOf(q: Questionnaire, row: AssessmentRow, answers: Answers, { t, num }: ReportWords) {
  const applicable = applicableQuestions(q, profileFacts(row), answers);
  const sections: { title: string; rows: ReportAnswerRow[] }[] = [];
  const moduleOf = new Map<string, Questionnaire["modules"][number]>();
  for (const m of q.modules) for (const id of m.questionIds) moduleOf.set(id, m);
  let number = 0;
  const sectionFor = (title: string) => {
    let sec = sections.find((x) => x.title === title);
    if (!sec) sections.push((sec = { title, rows: [] }));
    return sec;
  };
  // Common questions by pillar (in pillar order), then each sector module.
  const ordered = [
    ...q.pillars.flatMap((p) => applicable.filter((a) => !moduleOf.get(a.question.id)?.sectors && a.question.pillar === p.id)),
    ...applicable.filter((a) => moduleOf.get(a.question.id)?.sectors),
  ];
  for (const { question, asked } of ordered) {
    const mod = moduleOf.get(question.id);
    const title = mod?.sectors ? mod.name : q.pillars.find((p) => p.id === question.pillar)!.name;
    const value = asked ? answers[question.id] : undefined;
    sectionFor(title).rows.push({
      number: ++number,
      question: question.text,
      answer: asked ? answerLabel(q, question.id, value) : t.appendix.skipped,
      points: `${num(pointsEarned(question, value))}/${num(maxPoints(question))}`,
    });
  }
  return sections;
}

const upperFirst = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);

/** "xã Mường Phăng" / "phường Him Lam" in the report's language; the business's place when unknown. */
const placeOf = (place: Pick<Place, "name" | "kind"> | undefined, t: ReportWords["t"]) =>
  place ? fmt(place.kind === "ward" ? t.place.ward : t.place.commune, { name: place.name }) : t.place.unknown;

function listOf(labels: string[], or: string) {
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} ${or} ${labels[labels.length - 1]}`;
}

/** Which schemes the business may qualify for (legal form, size, sector, area), and why not for the others. */
export function schemesFor(
  schemes: readonly SupportScheme[],
  row: Pick<AssessmentRow, "legalForm" | "sizeClass" | "sector">,
  difficultArea: boolean | null = null,
  commune?: Pick<Place, "name" | "kind" | "difficultAreaSource">,
  locale: Locale = "vi",
) {
  const { m, t } = wordsOf(locale);
  const place = placeOf(commune, t);
  const areaSource = commune?.difficultAreaSource ? ` (${commune.difficultAreaSource})` : "";
  const eligible: ReportScheme[] = [];
  const notEligible: { name: string; reason: string }[] = [];
  const ne = t.support.notEligible;
  for (const sc of schemes) {
    const e = sc.eligibility;
    const reason =
      e.legalForms && !e.legalForms.includes(row.legalForm)
        ? fmt(ne.legalForm, { forms: listOf(e.legalForms.map((f) => m.legalForms[f].toLowerCase()), t.or) })
        : e.sizeClasses && !e.sizeClasses.includes(row.sizeClass)
          ? fmt(ne.sizeClass, { sizes: listOf(e.sizeClasses.map((x) => m.sizeClasses[x].toLowerCase()), t.or) })
          : e.sectors && !e.sectors.includes(row.sector)
            ? fmt(ne.sector, { sectors: listOf(e.sectors.map((x) => m.sectors[x]), t.or) })
            : e.difficultAreasOnly && difficultArea === false
              ? fmt(ne.difficultArea, { place }) + areaSource
              : null;
    if (reason) {
      notEligible.push({ name: sc.shortName, reason });
      continue;
    }
    const c = sc.coverage;
    const share = c.sharePercentBySize?.[row.sizeClass] ?? c.sharePercent;
    const cap = c.capsVndPerYear?.[row.sizeClass];
    const capPerContract = c.capsVndPerContractPerYear?.[row.sizeClass];
    const parts = [
      share !== undefined ? fmt(t.support.share, { percent: share }) : null,
      cap !== undefined ? fmt(t.support.cap, { amount: formatVnd(cap, moneyWords(m)) }) : null,
      capPerContract !== undefined ? fmt(t.support.capPerContract, { amount: formatVnd(capPerContract, moneyWords(m)) }) : null,
      c.durationMonths !== undefined ? fmt(t.support.duration, { months: c.durationMonths }) : null,
    ].filter((x): x is string => x !== null);
    eligible.push({
      name: sc.name,
      status: sc.status,
      kind: sc.kind,
      description: sc.description,
      legalBasis: sc.legalBasis,
      coverage:
        [
          parts.length ? parts.join(", ") : (c.note ?? null),
          !e.difficultAreasOnly ? null : difficultArea === true ? fmt(t.support.difficultAreaYes, { place: upperFirst(place) }) + areaSource : fmt(t.support.difficultAreaCondition, { place }),
        ]
          .filter(Boolean)
          .join(". ") || null,
      howToApply: sc.howToApply,
    });
  }
  // In-force schemes first; a draft is never shown ahead of the law.
  eligible.sort((a, b) => (a.status === b.status ? 0 : a.status === "in_force" ? -1 : 1));
  return { schemes: eligible, notEligible };
}

function consentOf(s: Services, row: AssessmentRow, { t, date: formatDate }: ReportWords): ReportData["consent"] {
  const given = consentsOf(s.db, row.id);
  const policy = s.content.consent;
  const a = t.appendix;
  const version = given.get("report")?.policyVersion ?? policy.policyVersion;
  return {
    lead: fmt(a.consentLead, { controller: policy.controller, version: /^\d{4}-\d{2}-\d{2}$/.test(version) ? formatDate(`${version}T12:00:00Z`) : version }),
    purposes: policy.purposes.map((p) => {
      const rec = given.get(p.id);
      return {
        label: p.label,
        granted: rec?.granted ?? false,
        detail: rec
          ? `${rec.granted ? a.granted : a.refused}, ${rec.method === "in_person" ? a.inPerson : a.online}, ${fmt(a.recordedOn, { date: formatDate(rec.recordedAt) })}. ${p.explanation}`
          : `${a.refused}. ${p.explanation}`,
      };
    }),
    rights: policy.rights,
  };
}

/** The QR code as one SVG path (1 unit per module; `size` includes a 2-module margin on each side). */
export function qrPath(text: string): { size: number; path: string } {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 2;
  let path = "";
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      // Runs of dark modules on a row become one rectangle: a smaller path, the same picture.
      if (!qr.modules.get(y, x)) continue;
      let run = 1;
      while (x + run < n && qr.modules.get(y, x + run)) run++;
      path += `M${x + quiet} ${y + quiet}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return { size: n + 2 * quiet, path };
}

// The roadmap of one submitted assessment, with labels ready for the plan page, the PDF and the API.
import type { AssessmentRow } from "../../db/assessments.ts";
import { answersOf } from "../../db/assessments.ts";
import type { PriceBand } from "../domain/catalogue.ts";
import type { LegalTopic } from "../domain/legalDuties.ts";
import { formatVnd, formatVndRange, type MoneyWords } from "../domain/money.ts";
import { fmt, moneyWords, msg, type Messages } from "../../views/messages.ts";
import { HORIZONS, type Duration, type Horizon, type LiftOneLevel, type MoneyRange, type Roadmap, type RoadmapAction } from "../domain/roadmap.ts";
import type { Services } from "./assessments.ts";
import { profileFacts, scoreOf } from "./scores.ts";
import { adviceFor } from "../domain/advise.ts";
import { difficultAreaOf, placeName } from "../domain/place.ts";

/** The words a plan is written in: the roadmap's (`plan.words`) and money's, of one language. */
interface PlanWords {
  w: Messages["plan"]["words"];
  money: MoneyWords;
}
const wordsOf = (m: Messages): PlanWords => ({ w: m.plan.words, money: moneyWords(m) });

export interface PlanPlatform {
  id: string;
  name: string;
  vendor: string;
  summary: string;
  website: string;
  makeInVietnam: boolean;
  priceLabel: string;
}

export interface PlanAction {
  id: string;
  title: string;
  summary: string;
  horizon: Horizon;
  why: string[];
  /** The questions whose answers this step raises. */
  raisesQuestions: string[];
  platforms: PlanPlatform[];
  costVnd: { minVnd: number; maxVnd: number };
  costLabel: string;
  support: { schemeId: string; name: string; status: "in_force" | "draft"; condition: "difficult_area" | null; sharePercent: number | null; capVndPerYear: number | null; capVndPerContract: number | null }[];
  supportLabels: string[];
  ownerShareVnd: { minVnd: number; maxVnd: number };
  ownerShareLabel: string;
  /** 1 foundations, 2 grow, 3 link and automate. */
  stage: 1 | 2 | 3;
  /** One of the basics every business needs (payments, bookkeeping, account safety, backup). */
  fundamental: boolean;
  effort: 1 | 2 | 3;
  durationLabel: string;
  /** Points of the overall score this step adds, done after the steps above it. */
  gain: number;
  scoreAfter: number;
  /** The next level, on exactly the steps of the result page's "lift one level"; otherwise null. */
  helpsReachLevel: number | null;
}

export interface Plan {
  horizons: { id: Horizon; title: string; actions: PlanAction[] }[];
  actions: PlanAction[];
  supportSummary: { schemeId: string; name: string; status: "in_force" | "draft"; condition: "difficult_area" | null; text: string }[];
  maxSupportPerYearVnd: number | null;
  /** What the owner pays in the first year for every action of the plan together. */
  firstYearTotal: FirstYearTotal;
  costNote: string;
  gaps: { pillarId: string; name: string; score: number; priority: number }[];
  currentScore: number;
  /** Score once every step of the plan is done. */
  scoreAfterPlan: number;
  liftOneLevel: LiftOneLevel | null;
  /** What the law asks of this business, each duty with its source. */
  legalDuties: LegalTopic[];
  legalNote: string;
}

const plainName = (name: string) => name.replace(/\s*\((DỰ THẢO|dự thảo|DRAFT)\)\s*/g, "").trim();

/** The commune a plan speaks of, and what is known of its difficult-area status. */
interface Area {
  place: string;
  status: boolean | null;
  source: string | null;
}

/** Said before a difficult-area scheme's amount: the commune is in, or it is not known (never assumed). */
function areaText(area: Area, { w }: PlanWords): string {
  return area.status === true
    ? fmt(w.areaIn, { Place: upperFirst(area.place), source: area.source ? ` (${area.source})` : "" })
    : fmt(w.areaUnknown, { place: area.place });
}

function areaOf(s: Services, row: AssessmentRow): Area {
  const commune = s.content.communeById.get(row.communeId);
  return { place: placeName(commune), status: difficultAreaOf(commune), source: commune?.difficultAreaSource ?? null };
}

/** "tối đa 20 triệu đồng mỗi năm" or "tối đa 50 triệu đồng mỗi hợp đồng mỗi năm": each cap as the law words it. */
function capText(x: { capVndPerYear: number | null; capVndPerContract: number | null }, { w, money }: PlanWords): string | null {
  if (x.capVndPerYear !== null) return fmt(w.capPerYear, { amount: formatVnd(x.capVndPerYear, money) });
  if (x.capVndPerContract !== null) return fmt(w.capPerContract, { amount: formatVnd(x.capVndPerContract, money) });
  return null;
}

const upperFirst = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);

/** What a scheme gives when it has no share of the cost to quote (free advice, programmes without a published amount). */
function withoutShare(s: Services, schemeId: string, { w }: PlanWords): string {
  return s.content.schemes.find((k) => k.id === schemeId)?.coverage.note ?? w.askCentre;
}

function schemeText(s: Services, area: Area, x: { schemeId: string; status: "in_force" | "draft"; condition: "difficult_area" | null; sharePercent: number | null; capVndPerYear: number | null; capVndPerContract: number | null }, words: PlanWords): string {
  const { w } = words;
  const cap = capText(x, words);
  const gives =
    cap !== null
      ? fmt(w.givesWithCap, { share: x.sharePercent ?? "?", cap })
      : x.sharePercent !== null
        ? fmt(w.givesUpTo, { share: x.sharePercent })
        : withoutShare(s, x.schemeId, words);
  // The page and the API already mark a draft by its status (the page as a tag): the text only says what follows from it.
  const forArea = s.content.schemes.find((k) => k.id === x.schemeId)?.eligibility.difficultAreasOnly === true;
  const condition = forArea ? areaText(area, words) : "";
  return x.status === "draft" ? `${condition}${fmt(w.ifIssued, { gives })}` : `${condition}${upperFirst(gives)}`;
}

export interface FirstYearTotal {
  ownerVnd: MoneyRange;
  /** Some action is paid per use (e.g. a marketplace's fee per order): not in the total. */
  perUseFees: boolean;
}

/**
 * What the owner pays in the first year for all the actions together: each action's cost less its best
 * in-force, unconditional support, as in each action's own share, except that a scheme's yearly cap
 * holds for the year, not for each action (two 30-million solutions under Decree 80 for a micro
 * enterprise get 20 million in all, not 15 + 15). Drafts and conditional support are not counted.
 */
export function firstYearOwnerTotal(actions: Pick<RoadmapAction, "costVnd" | "costPer" | "support">[]): FirstYearTotal {
  const bound = (k: "minVnd" | "maxVnd") => {
    const byScheme = new Map<string, { vnd: number; cap: number | null }>();
    let cost = 0;
    for (const a of actions) {
      cost += a.costVnd[k];
      const best = a.support
        .filter((x) => x.status === "in_force" && x.condition === null && x.supportVnd)
        .reduce<RoadmapAction["support"][number] | null>((b, x) => (b === null || x.supportVnd![k] > b.supportVnd![k] ? x : b), null);
      if (!best || best.supportVnd![k] === 0) continue;
      const got = byScheme.get(best.schemeId) ?? { vnd: 0, cap: best.capVndPerYear };
      got.vnd += best.supportVnd![k];
      byScheme.set(best.schemeId, got);
    }
    const support = [...byScheme.values()].reduce((sum, x) => sum + (x.cap === null ? x.vnd : Math.min(x.vnd, x.cap)), 0);
    return cost - support;
  };
  return { ownerVnd: { minVnd: bound("minVnd"), maxVnd: bound("maxVnd") }, perUseFees: actions.some((a) => a.costPer === "per_use") };
}

/** Why some support listed is not taken off the owner's share. */
function uncounted(support: RoadmapAction["support"], { w }: PlanWords): string {
  const why = [
    support.some((x) => x.status === "draft") ? w.uncountedDraft : null,
    support.some((x) => x.status === "in_force" && x.condition === "difficult_area") ? w.uncountedArea : null,
  ].filter(Boolean);
  return why.length ? fmt(w.uncounted, { why: why.join(w.uncountedJoin) }) : "";
}

function priceLabel(p: RoadmapAction["platforms"][number], { w, money }: PlanWords): string {
  const band = w.priceBands[p.price.band];
  const r = p.price.indicativeVnd;
  return r ? fmt(w.priceRange, { band, min: formatVnd(r.min, money), max: formatVnd(r.max, money), per: w.per[r.per] }) : band;
}

/** "1 ngày", "1–2 tuần". */
function durationLabel(d: Duration, { w }: PlanWords): string {
  return `${d.min === d.max ? d.min : `${d.min}–${d.max}`} ${w.units[d.unit]}`;
}

/** The one computation of an assessment's advice, read by the result page, the plan, the PDF, the advisor and the API. */
export function roadmapFor(s: Services, row: AssessmentRow): Roadmap {
  const q = s.questionnaireByHash(row.questionnaireHash);
  const answers = answersOf(s.db, row.id);
  return adviceFor(s.content, q, profileFacts(row), s.content.communeById.get(row.communeId), answers, scoreOf(s, row, answers)).roadmap;
}

/** The plan in the words of a catalogue (the current request's language unless one is given, as the PDF does). */
export function planOf(s: Services, row: AssessmentRow, m: Messages = msg()): Plan {
  const words = wordsOf(m);
  const { w, money } = words;
  const q = s.questionnaireByHash(row.questionnaireHash);
  const roadmap = roadmapFor(s, row);
  const area = areaOf(s, row);
  const actions: PlanAction[] = roadmap.actions.map((a) => ({
    id: a.id,
    title: a.title,
    summary: a.summary,
    horizon: a.horizon,
    why: a.why.map((x) => fmt(w.answered, { question: x.question, answer: x.answer })),
    raisesQuestions: a.raises.map((x) => x.questionId),
    platforms: a.platforms.map((p) => ({
      id: p.id,
      name: p.name,
      vendor: p.vendor,
      summary: p.summary,
      website: p.website,
      // The badge is for products to choose; a state portal is not a product.
      makeInVietnam: p.makeInVietnam && p.kind === "commercial",
      priceLabel: priceLabel(p, words),
    })),
    costVnd: a.costVnd,
    costLabel:
      a.costPer === "per_use"
        ? (a.costNote ?? w.perUseCost)
        : a.costVnd.maxVnd > 0
          ? fmt(w.indicative, { amount: formatVndRange(a.costVnd, money, a.costPer === "month" ? "year" : a.costPer) })
          : formatVndRange(a.costVnd, money),
    support: a.support.map((x) => ({ schemeId: x.schemeId, name: x.name, status: x.status, condition: x.condition, sharePercent: x.sharePercent, capVndPerYear: x.capVndPerYear, capVndPerContract: x.capVndPerContract })),
    supportLabels: a.support.map((x) => {
      const cap = capText(x, words);
      const amount =
        x.sharePercent === null
          ? withoutShare(s, x.schemeId, words).replace(/\.$/, "")
          : cap
            ? fmt(w.shareWithCap, { share: x.sharePercent, cap })
            : fmt(w.share, { share: x.sharePercent });
      // A draft, or support that depends on a condition we cannot check, is never presented as money the owner will get.
      if (x.status === "draft") return fmt(w.supportIfIssued, { name: plainName(x.name), amount });
      if (x.condition === "difficult_area") return fmt(w.supportOnlyInArea, { place: area.place, name: x.name, amount });
      return fmt(w.supportNamed, { name: x.name, amount });
    }),
    ownerShareVnd: a.ownerShareVnd,
    ownerShareLabel:
      a.costPer === "per_use"
        ? w.perUseShare
        : a.costVnd.maxVnd === 0
          ? w.free
          : fmt(w.ownerFirstYear, { amount: formatVndRange(a.ownerShareVnd, money), uncounted: uncounted(a.support, words) }),
    stage: a.stage,
    fundamental: a.fundamental,
    effort: a.effort,
    durationLabel: durationLabel(a.duration, words),
    gain: a.gain,
    scoreAfter: a.scoreAfter,
    helpsReachLevel: a.helpsReachLevel,
  }));
  const supportSummary = roadmap.schemes.map((x) => ({
    schemeId: x.schemeId,
    name: plainName(x.name),
    status: x.status,
    condition: x.condition,
    text: schemeText(s, area, x, words),
  }));
  const pillarName = new Map(q.pillars.map((p) => [p.id, p.name]));
  return {
    horizons: HORIZONS.map((h) => ({ id: h, title: w.horizons[h], actions: actions.filter((a) => a.horizon === h) })),
    actions,
    supportSummary,
    maxSupportPerYearVnd: roadmap.maxSupportPerYearVnd,
    firstYearTotal: firstYearOwnerTotal(roadmap.actions),
    costNote: s.content.actions.costNote,
    gaps: roadmap.gaps.map((g) => ({ ...g, name: pillarName.get(g.pillarId)! })),
    currentScore: roadmap.currentScore,
    scoreAfterPlan: roadmap.scoreAfterPlan,
    liftOneLevel: roadmap.liftOneLevel,
    legalDuties: roadmap.legalDuties,
    legalNote: s.content.legalDuties.note,
  };
}

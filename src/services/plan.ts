// The roadmap of one submitted assessment, with labels ready for the plan page, the PDF and the API.
import type { AssessmentRow } from "../../db/assessments.ts";
import { answersOf } from "../../db/assessments.ts";
import type { PriceBand } from "../domain/catalogue.ts";
import { formatVnd, formatVndRange } from "../domain/money.ts";
import { buildRoadmap, HORIZONS, type Horizon, type RoadmapAction } from "../domain/roadmap.ts";
import { profileFacts, scoreOf, type Services } from "./assessments.ts";

export const HORIZON_TITLES: Record<Horizon, string> = {
  quick: "Làm ngay (0-3 tháng)",
  next: "Giai đoạn tiếp (3-12 tháng)",
  later: "Về lâu dài (sau 12 tháng)",
};

const PRICE_BAND_LABELS: Record<PriceBand, string> = {
  free: "Miễn phí",
  freemium: "Có gói miễn phí",
  low: "Giá thấp",
  medium: "Giá trung bình",
  high: "Giá cao",
  contact: "Hỏi giá nhà cung cấp",
};

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
  platforms: PlanPlatform[];
  costVnd: { minVnd: number; maxVnd: number };
  costLabel: string;
  support: { schemeId: string; name: string; status: "in_force" | "draft"; sharePercent: number | null; capVndPerYear: number | null }[];
  supportLabels: string[];
  ownerShareVnd: { minVnd: number; maxVnd: number };
  ownerShareLabel: string;
  helpsReachLevel: number | null;
}

export interface Plan {
  horizons: { id: Horizon; title: string; actions: PlanAction[] }[];
  actions: PlanAction[];
  supportSummary: { schemeId: string; name: string; status: "in_force" | "draft"; text: string }[];
  maxSupportPerYearVnd: number | null;
  costNote: string;
  gaps: { pillarId: string; name: string; score: number; priority: number }[];
}

function priceLabel(p: RoadmapAction["platforms"][number]): string {
  const base = PRICE_BAND_LABELS[p.price.band];
  const r = p.price.indicativeVnd;
  const per = r?.per === "transaction" ? "/giao dịch" : r?.per === "one_off" ? " (một lần)" : r ? `/${r.per === "month" ? "tháng" : "năm"}` : "";
  return r ? `${base}: ${formatVnd(r.min)} – ${formatVnd(r.max)}${per} (tham khảo)` : base;
}

export function planOf(s: Services, row: AssessmentRow): Plan {
  const q = s.questionnaireByHash(row.questionnaireHash);
  const answers = answersOf(s.db, row.id);
  const detail = scoreOf(s, row, answers);
  const roadmap = buildRoadmap({
    questionnaire: q,
    profile: profileFacts(row),
    answers,
    detail,
    actions: s.content.actions,
    platforms: s.content.platforms,
    schemes: s.content.schemes,
  });
  const actions: PlanAction[] = roadmap.actions.map((a) => ({
    id: a.id,
    title: a.title,
    summary: a.summary,
    horizon: a.horizon,
    why: a.why.map((w) => `${w.question} — bạn trả lời: “${w.answer}”`),
    platforms: a.platforms.map((p) => ({
      id: p.id,
      name: p.name,
      vendor: p.vendor,
      summary: p.summary,
      website: p.website,
      makeInVietnam: p.makeInVietnam,
      priceLabel: priceLabel(p),
    })),
    costVnd: a.costVnd,
    costLabel: `${formatVndRange(a.costVnd, a.costPer === "month" ? "year" : a.costPer)}${a.costVnd.maxVnd > 0 ? " (tham khảo)" : ""}`,
    support: a.support.map((x) => ({ schemeId: x.schemeId, name: x.name, status: x.status, sharePercent: x.sharePercent, capVndPerYear: x.capVndPerYear })),
    supportLabels: a.support
      .filter((x) => a.costVnd.maxVnd > 0 || x.status === "in_force")
      .map((x) =>
        x.sharePercent === null
          ? `${x.name}${x.status === "draft" ? " (dự thảo, chưa ban hành)" : ""}: hỏi Trung tâm về mức hỗ trợ`
          : `${x.name}${x.status === "draft" ? " (dự thảo, chưa ban hành)" : ""}: hỗ trợ ${x.sharePercent}%${x.capVndPerYear ? `, tối đa ${formatVnd(x.capVndPerYear)}/năm` : ""}`,
      ),
    ownerShareVnd: a.ownerShareVnd,
    ownerShareLabel: a.costVnd.maxVnd === 0 ? "Miễn phí" : `${formatVndRange(a.ownerShareVnd)} trong năm đầu (tham khảo)`,
    helpsReachLevel: a.helpsReachLevel,
  }));
  const supportSummary = roadmap.schemes.map((x) => ({
    schemeId: x.schemeId,
    name: x.name,
    status: x.status,
    text:
      x.capVndPerYear !== null
        ? `Bạn có thể được hỗ trợ tới ${formatVnd(x.capVndPerYear)} mỗi năm (${x.sharePercent ?? "?"}% chi phí)${x.status === "draft" ? " — dự thảo, chưa ban hành" : ""}.`
        : x.sharePercent !== null
          ? `Hỗ trợ ${x.sharePercent}% chi phí${x.status === "draft" ? " — dự thảo, chưa ban hành" : ""}.`
          : "Mức hỗ trợ theo từng chương trình: hỏi Trung tâm Đổi mới sáng tạo tỉnh.",
  }));
  const pillarName = new Map(q.pillars.map((p) => [p.id, p.name]));
  return {
    horizons: HORIZONS.map((h) => ({ id: h, title: HORIZON_TITLES[h], actions: actions.filter((a) => a.horizon === h) })),
    actions,
    supportSummary,
    maxSupportPerYearVnd: roadmap.maxSupportPerYearVnd,
    costNote: s.content.actions.costNote,
    gaps: roadmap.gaps.map((g) => ({ ...g, name: pillarName.get(g.pillarId)! })),
  };
}

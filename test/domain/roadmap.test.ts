// Roadmaps for realistic businesses: what must and must not appear, and the support arithmetic.
import { describe, expect, it } from "vitest";
import { buildRoadmap, schemeApplies, shareFor, supportOn } from "../../src/domain/roadmap.ts";
import { score, type AnswerValue, type ProfileFacts } from "../../src/domain/scoring.ts";
import { answerAll, pickBest, pickWorst } from "../answering.ts";
import { content } from "../helpers.ts";

// These businesses answered questionnaire 1.0 (the overrides below are 1.0 answers); personas on
// the version in force are in test/advice.
function roadmapFor(profile: ProfileFacts, overrides: Record<string, AnswerValue>) {
  const c = content();
  const q = c.questionnaires.find((x) => x.version === "1.0")!;
  const answers = { ...answerAll(q, profile, pickWorst), ...overrides };
  const detail = score(q, profile, answers);
  return buildRoadmap({ questionnaire: q, profile, answers, detail, actions: c.actions, platforms: c.platforms, schemes: c.schemes });
}
const ids = (r: ReturnType<typeof roadmapFor>) => r.actions.map((a) => a.id);
const platformIds = (r: ReturnType<typeof roadmapFor>) => r.actions.flatMap((a) => a.platforms.map((p) => p.id));
const categories = (r: ReturnType<typeof roadmapFor>) => new Set(r.actions.flatMap((a) => a.platforms.map((p) => p.category)));

const teaHousehold: ProfileFacts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" };
const homestay: ProfileFacts = { legalForm: "company", sizeClass: "small", sector: "tourism", activityGroup: "trade_services" };
const borderCompany: ProfileFacts = { legalForm: "company", sizeClass: "small", sector: "border_trade", activityGroup: "trade_services" };

describe("a micro OCOP tea household with no digital tools", () => {
  const r = roadmapFor(teaHousehold, {});
  it("gets a short plan, within the caps of each horizon, quick wins first", () => {
    const caps = content().actions.horizonCaps;
    expect(r.actions.length).toBeGreaterThanOrEqual(3);
    expect(r.actions.length).toBeLessThanOrEqual(caps.quick + caps.next + caps.later);
    expect(r.actions[0]!.horizon).toBe("quick");
  });
  it("is told to take VietQR payments, with VietQR named, free", () => {
    const a = r.actions.find((x) => x.id === "vietqr_payments")!;
    expect(a).toBeDefined();
    expect(a.platforms.map((p) => p.id)).toContain("vietqr_napas");
    expect(a.costVnd).toEqual({ minVnd: 0, maxVnd: 0 });
    expect(a.why[0]!.answer).toContain("tiền mặt");
  });
  it("is pointed to the state-promoted farm floors when told to sell online", () => {
    const a = r.actions.find((x) => x.id === "ecommerce_floor");
    if (a) expect(a.platforms.map((p) => p.id).slice(0, 2)).toEqual(["postmart", "voso"]);
    else expect(ids(r)).toEqual(expect.arrayContaining(["vietqr_payments"]));
  });
  it("never gets border-trade or hotel-booking tools", () => {
    expect(categories(r).has("border_trade")).toBe(false);
    expect(platformIds(r)).not.toContain("booking_com");
    expect(ids(r)).not.toContain("customs_electronic");
  });
  it("as a household, is not offered Decree 80 support (enterprises only)", () => {
    for (const a of r.actions) {
      expect(a.support.map((s) => s.schemeId)).not.toContain("decree80_dx_support");
      const inForceShare = a.support.filter((s) => s.status === "in_force" && s.sharePercent);
      if (inForceShare.length === 0) expect(a.ownerShareVnd).toEqual(a.costVnd);
    }
    expect(r.maxSupportPerYearVnd).toBeNull();
  });
  it("shows the draft DX voucher as a draft, never counted in the owner's share", () => {
    const drafts = r.actions.flatMap((a) => a.support).filter((s) => s.schemeId === "dx_voucher_draft");
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((d) => d.status === "draft")).toBe(true);
  });
  it("is deterministic", () => {
    expect(roadmapFor(teaHousehold, {})).toEqual(r);
  });
  it("marks the next level on exactly the first steps that reach it, and the level never goes down along the plan", () => {
    const lift = r.liftOneLevel!;
    expect(lift.targetLevel).toBe(r.currentLevel + 1);
    const marked = r.actions.filter((a) => a.helpsReachLevel !== null);
    expect(marked.map((a) => a.id)).toEqual(lift.actionIds);
    expect(r.actions.slice(0, marked.length).map((a) => a.id)).toEqual(lift.actionIds);
    expect(marked.every((a) => a.helpsReachLevel === lift.targetLevel)).toBe(true);
    expect(marked.at(-1)!.levelAfter).toBe(lift.targetLevel);
    if (marked.length > 1) expect(marked.at(-2)!.levelAfter).toBe(r.currentLevel);
    const levels = r.actions.map((a) => a.levelAfter);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeGreaterThanOrEqual(levels[i - 1]!);
  });
});

describe("a small community-tourism homestay with a Facebook page only", () => {
  const r = roadmapFor(homestay, {
    inv_selling: ["sell_zalo_facebook"],
    inv_marketing: ["mk_social_posts"],
    inv_customer_contact: ["cc_group_page"],
    tour_social: "soc_page",
    tour_booking_channels: ["bk_chat"],
  });
  it("is told to get on Google Maps and on booking platforms", () => {
    expect(ids(r)).toEqual(expect.arrayContaining(["google_maps_listing", "booking_platforms"]));
    expect(platformIds(r)).toContain("google_business_profile");
    expect(r.actions.find((a) => a.id === "booking_platforms")!.platforms.map((p) => p.id)).toEqual(
      expect.arrayContaining(["booking_com", "agoda"]),
    );
  });
  it("is not told to open the page it already has", () => {
    expect(ids(r)).not.toContain("tourism_social_page");
    expect(ids(r)).not.toContain("business_page");
  });
  it("never gets a border-trade tool, a farm e-commerce floor or traceability", () => {
    expect(categories(r).has("border_trade")).toBe(false);
    expect(categories(r).has("traceability")).toBe(false);
    expect(platformIds(r)).not.toContain("postmart");
    expect(ids(r)).not.toContain("ecommerce_floor");
  });
  it("as a small company, may receive up to 50 million a year for solutions under Decree 80", () => {
    expect(r.maxSupportPerYearVnd).toBe(50_000_000);
  });
});

describe("a small border-trade company with e-invoices and e-customs", () => {
  const r = roadmapFor(borderCompany, {
    inv_invoicing: ["inv_einvoice"],
    bt_customs: "cu_self",
    bt_einvoice: "ei_every_lot",
  });
  it("is not told to do what it already does", () => {
    expect(ids(r)).not.toContain("einvoice");
    expect(ids(r)).not.toContain("customs_electronic");
    expect(ids(r)).not.toContain("border_einvoice_each_lot");
  });
  it("is told about the National Single Window and e-contracts", () => {
    expect(ids(r)).toEqual(expect.arrayContaining(["e_contracts"]));
    const all = roadmapFor(borderCompany, { inv_invoicing: ["inv_einvoice"], bt_customs: "cu_self", bt_einvoice: "ei_every_lot" });
    expect(all).toEqual(r);
  });
  it("never gets tourism listings or farm floors", () => {
    expect(categories(r).has("tourism_listing")).toBe(false);
    expect(platformIds(r)).not.toContain("postmart");
  });
  it("pays half of a paid solution, Decree 80 applied", () => {
    const paid = r.actions.find((a) => a.costVnd.maxVnd > 0 && a.support.some((s) => s.schemeId === "decree80_dx_support"))!;
    expect(paid).toBeDefined();
    expect(paid.ownerShareVnd.maxVnd).toBe(paid.costVnd.maxVnd - Math.min(paid.costVnd.maxVnd / 2, 50_000_000));
  });
});

describe("support only for difficult areas (free e-invoices for 12 months)", () => {
  const c = content();
  const q = c.current;
  const withArea = (difficultArea: boolean | null) => {
    // A household doing well except for invoicing, so the e-invoice step is on its roadmap.
    const answers = { ...answerAll(q, teaHousehold, pickBest), inv_invoicing: ["inv_none"] };
    return buildRoadmap({ questionnaire: q, profile: teaHousehold, answers, detail: score(q, teaHousehold, answers), actions: c.actions, platforms: c.platforms, schemes: c.schemes, difficultArea });
  };
  const einvoice = (r: ReturnType<typeof withArea>) => r.actions.find((a) => a.support.some((x) => x.schemeId === "free_einvoice_difficult_areas"));
  it("is named with its condition, and not taken off what the owner pays, when the commune is not known to qualify", () => {
    const a = einvoice(withArea(null))!;
    expect(a).toBeDefined();
    expect(a.support.find((x) => x.schemeId === "free_einvoice_difficult_areas")!.condition).toBe("difficult_area");
    expect(a.ownerShareVnd).toEqual(a.costVnd);
  });
  it("pays the whole first year in a commune known to qualify", () => {
    const a = withArea(true).actions.find((x) => x.support.some((s) => s.schemeId === "free_einvoice_difficult_areas"))!;
    expect(a.support.find((x) => x.schemeId === "free_einvoice_difficult_areas")!.condition).toBeNull();
    expect(a.ownerShareVnd).toEqual({ minVnd: 0, maxVnd: 0 });
  });
  it("is not offered in a commune known not to qualify", () => {
    expect(einvoice(withArea(false))).toBeUndefined();
    const s = c.schemes.find((x) => x.id === "free_einvoice_difficult_areas")!;
    expect(schemeApplies(s, "e_invoice", "household", "micro", "ocop", false)).toBe(false);
    expect(schemeApplies(s, "e_invoice", "household", "micro", "ocop", null)).toBe(true);
  });
});

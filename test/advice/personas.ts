// Fifteen businesses of Điện Biên, from households with no digital tool to companies with linked
// software: each a realistic answer set (a maturity level for the questions not named, the named
// answers as the business told them) and what its plan must and must never hold.
import type { Question, Questionnaire } from "../../src/domain/questionnaire.ts";
import { applicableQuestions, type AnswerValue, type ProfileFacts } from "../../src/domain/scoring.ts";
import { answerAll } from "../answering.ts";
import type { Persona } from "./persona.ts";
import { questionnaireVersion } from "./advise.ts";

/** How far along the business is where the persona does not say: 0 nothing, 1 first steps, 2 some tools, 3 linked tools. */
type Tier = 0 | 1 | 2 | 3;

function pickAt(tier: Tier) {
  return (q: Question): AnswerValue => {
    // Never "don't know". "Not applicable" (no page to review, no guests from abroad) only for a
    // business with no tools at all, and never to stand for "nothing" where it means working alone.
    const real = q.options.filter((o) => !o.dontKnow && (tier === 0 && q.type === "single" ? true : !o.notApplicable));
    // A question asked for context only (a revenue band, OCOP stars): its first answer.
    if (q.scored === false) return q.type === "single" ? real[0]!.id : [real[0]!.id];
    if (q.type === "single") {
      const byPoints = [...real].sort((a, b) => a.points - b.points);
      return byPoints[Math.round((tier / 3) * (byPoints.length - 1))]!.id;
    }
    const none = real.find((o) => o.exclusive && o.points === 0) ?? real.find((o) => o.points === 0)!;
    const plain = real.filter((o) => !o.exclusive && o.points > 0 && !o.digital);
    const digital = real.filter((o) => !o.exclusive && o.digital);
    if (tier === 0) return [none.id];
    if (tier === 1) return [(plain[0] ?? digital[0] ?? none).id];
    if (tier === 2) return [(digital[0] ?? plain[0] ?? none).id];
    return (digital.length ? digital : real.filter((o) => !o.exclusive && o.points > 0)).map((o) => o.id);
  };
}

/** A complete answer set as the owner leaves it: the named answers, the rest at the business's tier, only questions it was asked. */
function answersOf(q: Questionnaire, profile: ProfileFacts, tier: Tier, named: Record<string, AnswerValue>) {
  const pick = pickAt(tier);
  const filled = answerAll(q, profile, (question) => named[question.id] ?? pick(question));
  const all = { ...filled, ...named };
  const again = answerAll(q, profile, (question) => all[question.id] ?? pick(question));
  const merged = { ...again, ...named };
  const asked = new Set(applicableQuestions(q, profile, merged).filter((x) => x.asked).map((x) => x.question.id));
  return Object.fromEntries(Object.entries(merged).filter(([id]) => asked.has(id)));
}

export function persona(p: Omit<Persona, "answers" | "questionnaireVersion"> & { tier: Tier; named: Record<string, AnswerValue> }, version = "1.0"): Persona {
  const { tier, named, ...rest } = p;
  return { ...rest, questionnaireVersion: version, answers: answersOf(questionnaireVersion(version), p.profile, tier, named) };
}

export const household = (sector: ProfileFacts["sector"], activityGroup: ProfileFacts["activityGroup"]): ProfileFacts => ({ legalForm: "household", sizeClass: "micro", sector, activityGroup });
export const cooperative = (sector: ProfileFacts["sector"], sizeClass: ProfileFacts["sizeClass"] = "small"): ProfileFacts => ({ legalForm: "cooperative", sizeClass, sector, activityGroup: "agriculture" });
export const company = (sector: ProfileFacts["sector"], sizeClass: ProfileFacts["sizeClass"], activityGroup: ProfileFacts["activityGroup"] = "trade_services"): ProfileFacts => ({ legalForm: "company", sizeClass, sector, activityGroup });

/** Steps no household or micro business should be sent to. */
export const ENTERPRISE_ONLY = ["work_management_software"];
export const BASICS = ["vietqr_payments", "bookkeeping_app", "account_security", "cloud_backup"];

export const PERSONAS: Persona[] = [
  persona({
    id: "hh_honey_no_tools",
    story: "Hộ nuôi ong lấy mật ở Mường Phăng, hai vợ chồng làm; bán ở nhà, tiền mặt, không ghi sổ, mật khẩu dễ đoán, chưa sao lưu.",
    profile: household("ocop", "agriculture"),
    tier: 0,
    named: { inv_payment: ["pay_cash_only"], inv_bookkeeping: ["book_none"], sec_accounts: "pw_weak", sec_backup: "bk_lost" },
    must: BASICS.map((action) => ({ action, horizon: "quick" as const })),
    mustNot: [...ENTERPRISE_ONLY, "linked_tools", "staff_digital_training", "customs_electronic", "work_group_chat"],
    mustNotMention: ["Base.vn", "MISA AMIS", "ERP"],
    firstStepFree: true,
  }),
  persona({
    id: "hh_rice_first_steps",
    story: "Hộ làm gạo Điện Biên, đã nhận đơn qua Zalo và chuyển khoản; ảnh sản phẩm chụp vội; ghi sổ giấy.",
    profile: household("ocop", "agriculture"),
    tier: 1,
    named: { inv_selling: ["sell_zalo_facebook"], inv_payment: ["pay_bank_qr"], inv_bookkeeping: ["book_paper"], ocop_story: "st_few_photos" },
    must: [{ action: "bookkeeping_app", horizon: "quick" }],
    mustNot: ["vietqr_payments", "chat_orders", ...ENTERPRISE_ONLY],
  }),
  persona({
    id: "hh_homestay_nothing_online",
    story: "Nhà sàn nhận khách ở bản, khách tự đến hoặc gọi điện; chưa có trên Google Maps, chưa có trang Facebook; nhận tiền mặt.",
    profile: household("tourism", "trade_services"),
    tier: 0,
    named: { tour_google_maps: "gm_none", tour_social: "soc_none", inv_payment: ["pay_cash_only"], tour_booking_channels: ["bk_walkin_phone"] },
    must: [
      { action: "google_maps_listing", horizon: "quick" },
      { action: "vietqr_payments", horizon: "quick" },
      { action: "tourism_social_page" },
    ],
    mustNot: ["sales_pos_software", "shipment_tracking", "ecommerce_floor", "room_calendar", ...ENTERPRISE_ONLY],
  }),
  persona({
    id: "hh_border_market_trader",
    story: "Hộ buôn bán ở chợ biên giới A Pa Chải, trả tiền mặt, thỏa thuận miệng với bạn hàng bên kia.",
    profile: household("border_trade", "trade_services"),
    tier: 1,
    named: { inv_payment: ["pay_cash_only"], bt_payment: "py_cash", bt_contracts: "ct_verbal" },
    must: [{ action: "vietqr_payments", horizon: "quick" }, { action: "bank_cross_border_payment" }],
    mustNot: ["customs_electronic", "single_window", "e_contracts", "border_einvoice_each_lot", "shipment_tracking", ...ENTERPRISE_ONLY],
    mustNotMention: ["bưu điện"],
  }),
  persona({
    id: "hh_grocery_some_tools",
    story: "Tạp hóa ở phường Mường Thanh: nhận VietQR, ghi sổ trên Sổ Bán Hàng, đăng bài Facebook; chưa có trên Google Maps.",
    profile: household("other", "trade_services"),
    tier: 2,
    named: { inv_payment: ["pay_bank_qr"], inv_bookkeeping: ["book_app"], inv_marketing: ["mk_social_posts"], sec_accounts: "pw_strong" },
    must: [{ action: "maps_listing_shop", horizon: "quick" }],
    mustNot: ["vietqr_payments", "bookkeeping_app", "weekly_posts", ...ENTERPRISE_ONLY],
  }),
  persona({
    id: "coop_tea_no_tools",
    story: "Hợp tác xã chè 20 xã viên ở Tủa Chùa: tiền mặt, sổ giấy, giao việc bằng gọi điện.",
    profile: cooperative("ocop"),
    tier: 0,
    named: { inv_payment: ["pay_cash_only"], inv_bookkeeping: ["book_paper"], inv_internal_communication: ["ic_direct"] },
    must: [...BASICS.map((action) => ({ action, horizon: "quick" as const })), { action: "work_group_chat" }],
    mustNot: ["work_management_software", "linked_tools"],
  }),
  persona({
    id: "coop_tourism_village_some",
    story: "Hợp tác xã du lịch cộng đồng bản Mển: có Fanpage đăng đều, khách nhắn đặt, chuyển khoản cọc; chưa lên trang đặt phòng.",
    profile: cooperative("tourism"),
    tier: 2,
    named: { tour_social: "soc_active", tour_booking_channels: ["bk_chat"], tour_prepayment: "dep_transfer", tour_google_maps: "gm_owned" },
    must: [{ action: "booking_platforms" }],
    mustNot: ["tourism_social_page", "business_page", "google_maps_listing"],
  }),
  persona({
    id: "coop_vegetables_linked",
    story: "Hợp tác xã rau an toàn đã dùng phần mềm bán hàng có kho, hóa đơn điện tử, kế toán, bật xác thực hai lớp, sao lưu tự động.",
    profile: cooperative("other"),
    tier: 3,
    named: {},
    must: [],
    mustNot: [...BASICS, "einvoice", "sales_pos_software", "chat_orders", "weekly_posts"],
  }),
  persona({
    id: "micro_company_printing_none",
    story: "Công ty in ấn 5 người: chỉ tiền mặt, sổ giấy, một mật khẩu cho mọi tài khoản.",
    profile: company("other", "micro"),
    tier: 0,
    named: { inv_payment: ["pay_cash_only"], inv_bookkeeping: ["book_paper"], sec_accounts: "pw_weak" },
    must: BASICS.map((action) => ({ action, horizon: "quick" as const })),
    mustNot: ["work_management_software"],
    firstStepFree: true,
  }),
  persona({
    id: "micro_company_border_first_steps",
    story: "Công ty nhỏ mua nông sản Lào qua Tây Trang: nhờ người khai hải quan bằng giấy, thỏa thuận qua tin nhắn.",
    profile: company("border_trade", "micro"),
    tier: 1,
    named: { bt_customs: "cu_agent_paper", bt_contracts: "ct_chat", sc_delivery: "ship_bus" },
    must: [{ action: "customs_electronic" }, { action: "e_contracts" }],
    mustNot: ["shipment_tracking", "work_management_software"],
    mustNotMention: ["bưu điện", "bưu cục"],
  }),
  persona({
    id: "small_company_coffee_some",
    story: "Công ty cà phê Mường Ảng 30 người: bán trên sàn, hóa đơn điện tử, sổ sách trên phần mềm; tem truy xuất còn giấy.",
    profile: company("ocop", "small", "industry"),
    tier: 2,
    named: { inv_selling: ["sell_zalo_facebook", "sell_marketplace"], inv_invoicing: ["inv_einvoice"], ocop_traceability: "tr_paper", inv_bookkeeping: ["book_accounting"] },
    must: [{ action: "national_traceability" }],
    mustNot: ["ecommerce_floor", "einvoice", "bookkeeping_app", "chat_orders"],
  }),
  persona({
    id: "small_hotel_integrated",
    story: "Công ty khách sạn nhỏ ở Điện Biên Phủ: đủ trên Google Maps, Booking, Agoda, lịch phòng đồng bộ, thanh toán trước qua mạng.",
    profile: company("tourism", "small"),
    tier: 3,
    named: { tour_google_maps: "gm_complete", tour_booking_channels: ["bk_booking", "bk_agoda"], tour_calendar: "cal_sync", tour_prepayment: "dep_full_online" },
    must: [],
    mustNot: [...BASICS, "google_maps_listing", "booking_platforms", "room_calendar", "tourism_prepayment", "tourism_social_page"],
  }),
  persona({
    id: "medium_border_company_linked",
    story: "Công ty xuất nhập khẩu 120 người, tự khai VNACCS, hợp đồng điện tử, thanh toán qua ngân hàng; giấy phép kiểm dịch còn làm giấy.",
    profile: company("border_trade", "medium"),
    tier: 3,
    named: { bt_customs: "cu_self", bt_single_window: "sw_no", bt_contracts: "ct_electronic", bt_payment: "py_bank_app" },
    must: [{ action: "single_window" }],
    mustNot: [...BASICS, "customs_electronic", "e_contracts", "bank_cross_border_payment", "shipment_tracking"],
  }),
  persona({
    id: "medium_retailer_some_tools",
    story: "Công ty bán lẻ vật liệu xây dựng 80 người: phần mềm bán hàng, nhóm Zalo giao việc, công cụ chưa nối với nhau.",
    profile: company("other", "medium"),
    tier: 2,
    named: { inv_selling: ["sell_pos_software"], inv_stock: ["stock_software"], inv_internal_communication: ["ic_zalo_group"], inv_linking: "link_separate", ppl_staff_training: "st_peer" },
    must: [{ action: "linked_tools" }, { action: "staff_digital_training" }],
    mustNot: ["sales_pos_software", "work_group_chat", "vietqr_payments"],
  }),
  persona({
    id: "small_border_trucker_cash",
    story: "Công ty vận tải, buôn hàng nguyên xe tải sang Lào; đối tác trả tiền mặt; theo dõi xe bằng gọi điện.",
    profile: company("border_trade", "small"),
    tier: 1,
    named: { bt_payment: "py_cash", bt_logistics: "lg_call", sc_delivery: "ship_bus" },
    must: [{ action: "bank_cross_border_payment" }, { action: "border_logistics_tracking" }],
    mustNot: ["shipment_tracking"],
    mustNotMention: ["bưu điện", "bưu cục", "Viettel Post", "VNPost"],
  }),
];

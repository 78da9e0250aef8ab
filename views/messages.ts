// Every UI string of the pages, in one catalogue per language. Vietnamese (`vi`) is the reference;
// English (`en`, views/messages/en.ts) has the same shape, so a string missing in English fails the
// build. Question texts live with the questionnaire content, not here. Each audience's strings may
// live in views/messages/<audience>.ts (English: views/messages/en/<audience>.ts) and are merged below.
// Views call `msg()` when they render, which answers the catalogue of the request being served.
import { report } from "./messages/report.ts";
import { staff } from "./messages/staff.ts";
import { plan } from "./messages/plan.ts";
import { data } from "./messages/data.ts";
import { department } from "./messages/department.ts";
import { access } from "./messages/access.ts";
import { offline } from "./messages/offline.ts";
import { records } from "./messages/records.ts";
import { problems } from "./messages/problems.ts";
import { answers } from "./messages/answers.ts";
import { en } from "./messages/en.ts";
import type { Translation } from "./messages/translation.ts";
import type { ActivityGroup, LegalForm, Locale, Sector, SizeClass } from "../src/domain/vocabularies.ts";
import type { MoneyWords } from "../src/domain/money.ts";
export const vi = {
  lang: "vi",
  /** How numbers and dates are written (Intl locale): 62,5 in Vietnamese, 62.5 in English. */
  intl: "vi-VN",
  site: {
    title: "Đánh giá sẵn sàng chuyển đổi số",
    owner: "Sở Khoa học và Công nghệ tỉnh Điện Biên",
    runBy: "Trung tâm Đổi mới sáng tạo tỉnh Điện Biên",
    plan: "Thực hiện Kế hoạch 2902/KH-UBND về chuyển đổi số doanh nghiệp nhỏ và vừa 2026-2030",
    skip: "Bỏ qua, đến nội dung chính",
    privacy: "Quyền riêng tư",
    platforms: "Nền tảng số",
    footer: "Miễn phí cho doanh nghiệp, hợp tác xã và hộ kinh doanh trên địa bàn tỉnh.",
    ask: "Cần hỏi?",
    help: "Hướng dẫn",
    /** This language's own name, on the link that switches to it. */
    languageName: "Tiếng Việt",
  },
  contact: {
    heading: "Cần người hỏi?",
    lead: "Cán bộ tư vấn của tỉnh giải thích kết quả, giúp chọn việc làm trước và làm hồ sơ xin hỗ trợ, miễn phí.",
    address: "Địa chỉ: {address}",
    phone: "Điện thoại:",
    zalo: "Zalo OA của Trung tâm",
    noPhone: "Số điện thoại của Trung tâm đang được cập nhật; anh/chị có thể đến trực tiếp hoặc gửi yêu cầu tư vấn trong trang kế hoạch.",
  },
  help: {
    heading: "Hướng dẫn",
    howHeading: "Làm thế nào",
    how: [
      "Nhập vài thông tin về cơ sở: tên, loại hình, ngành, xã/phường, số người làm.",
      "Trả lời các câu hỏi ngắn, chọn câu đúng nhất với cơ sở. Không biết thì chọn “Tôi không biết”.",
      "Bấm “Nộp và xem kết quả”: anh/chị nhận mức sẵn sàng (Mức 0 đến 5), điểm từng mặt, kế hoạch việc nên làm và báo cáo PDF.",
      "Nộp rồi vẫn sửa được: ở trang kết quả, bấm “Xem và sửa câu trả lời”. Tình hình đổi nhiều thì làm lại từ bản sao, không phải trả lời lại từ đầu.",
    ],
    timeHeading: "Mất bao lâu",
    time: "Khoảng {minutes} phút. Có thể dừng giữa chừng: ghi lại mã tiếp tục để quay lại sau, trên điện thoại hay máy tính khác.",
    keepHeading: "Chúng tôi giữ gì",
    keep: "Chỉ giữ thông tin cơ sở và câu trả lời để tính kết quả, lập kế hoạch và (nếu anh/chị đồng ý) để tỉnh thống kê, để cán bộ tư vấn liên hệ. Không hỏi số căn cước.",
    privacyLink: "Xem chi tiết quyền riêng tư",
    callHeading: "Hỏi ai",
    start: "Bắt đầu đánh giá",
  },
  landing: {
    helpLink: "Hướng dẫn: làm thế nào, mất bao lâu, hỏi ai",
    heading: "Cơ sở của anh/chị đã sẵn sàng chuyển đổi số đến đâu?",
    lead: "Trả lời khoảng 40 câu hỏi ngắn bằng tiếng Việt, mất chừng {minutes} phút. Anh/chị nhận ngay kết quả dễ hiểu và những việc nên làm tiếp theo.",
    whatYouGet: "Anh/chị nhận được",
    gets: [
      "Mức độ sẵn sàng chuyển đổi số của cơ sở (từ 0 đến 5) và ý nghĩa của mức đó",
      "Điểm của 7 mặt: chiến lược, khách hàng, chuỗi cung ứng, dữ liệu, an toàn, nhân lực, hạ tầng",
      "Những việc cụ thể giúp lên một mức, ưu tiên việc rẻ và dễ làm trước",
      "Gợi ý nền tảng số phù hợp ngành và các khoản hỗ trợ của Nhà nước",
    ],
    whoRuns: "Ai thực hiện",
    whoRunsText:
      "Trung tâm Đổi mới sáng tạo tỉnh Điện Biên (thuộc Sở Khoa học và Công nghệ) thực hiện để mọi doanh nghiệp, hợp tác xã và hộ kinh doanh trong tỉnh được đánh giá và tư vấn miễn phí.",
    noAccount: "Không cần tài khoản. Anh/chị nhận một mã để làm tiếp trên máy khác bất cứ lúc nào.",
    startHeading: "Bắt đầu đánh giá",
    resumeHeading: "Đã có mã? Làm tiếp",
    resumeLabel: "Mã tiếp tục (12 ký tự)",
    resumeHint: "Ví dụ: 7K2M-9QXA-4TBZ. Không cần gõ dấu gạch, chữ hoa hay thường đều được.",
    resumeButton: "Làm tiếp",
  },
  profile: {
    legend: "Thông tin cơ sở",
    name: "Tên cơ sở kinh doanh",
    nameHint: "Ví dụ: Hộ kinh doanh Lò Thị Hoa, HTX Chè Tủa Chùa",
    legalForm: "Loại hình",
    taxCode: "Mã số thuế",
    taxCodeHint: "Doanh nghiệp, hợp tác xã: 10 chữ số (chi nhánh thêm dấu - và 3 chữ số). Hộ kinh doanh để trống.",
    commune: "Xã / phường",
    communePick: "— Chọn xã / phường —",
    legalFormPick: "— Chọn loại hình —",
    activityGroup: "Lĩnh vực hoạt động chính",
    activityGroupPick: "— Chọn lĩnh vực —",
    sector: "Ngành",
    sectorPick: "— Chọn ngành —",
    sizeClass: "Quy mô (tính theo Nghị định 80/2021/NĐ-CP)",
    staff: "Số lao động có đóng bảo hiểm xã hội",
    staffHint: "Tính bình quân trong năm. Hộ kinh doanh không có thì ghi 0.",
    revenue: "Doanh thu năm gần nhất (không bắt buộc)",
    capital: "Tổng nguồn vốn (không bắt buộc)",
    moneyUnknown: "— Không muốn khai / chưa rõ —",
    consentLegend: "Sự đồng ý của anh/chị",
    consentIntro: "Hãy đọc và tự đánh dấu. Không mục nào được chọn sẵn.",
    consentController: "Bên kiểm soát dữ liệu: {controller}.",
    submit: "Bắt đầu trả lời",
    errorsHeading: "Vui lòng sửa các mục sau:",
  },
  legalForms: { company: "Doanh nghiệp (công ty)", cooperative: "Hợp tác xã", household: "Hộ kinh doanh" } satisfies Labels<LegalForm>,
  activityGroups: {
    agriculture: "Nông nghiệp, lâm nghiệp, thủy sản",
    industry: "Công nghiệp, xây dựng",
    trade_services: "Thương mại, dịch vụ (kể cả du lịch)",
  } satisfies Labels<ActivityGroup>,
  sectors: {
    ocop: "Nông nghiệp – sản phẩm OCOP",
    tourism: "Du lịch cộng đồng, homestay",
    border_trade: "Thương mại biên mậu (xuất nhập khẩu qua cửa khẩu)",
    other: "Ngành khác",
  } satisfies Labels<Sector>,
  /** Amounts of money in millions and billions of đồng. */
  money: { million: "{n} triệu đồng", billion: "{n} tỷ đồng", dong: "{n} đồng", free: "Miễn phí", upTo: "Từ 0 đến {amount}", perYear: "/năm", perMonth: "/tháng" },
  /** A commune or ward as written before its name. */
  communeName: { ward: "Phường {name}", commune: "Xã {name}" },
  sizeClasses: { micro: "Siêu nhỏ", small: "Nhỏ", medium: "Vừa", large: "Lớn (ngoài DNNVV)" } satisfies Labels<SizeClass>,
  moneyRanges: [
    { value: "3", label: "Đến 3 tỷ đồng" },
    { value: "10", label: "Trên 3 đến 10 tỷ" },
    { value: "20", label: "Trên 10 đến 20 tỷ" },
    { value: "50", label: "Trên 20 đến 50 tỷ" },
    { value: "100", label: "Trên 50 đến 100 tỷ" },
    { value: "200", label: "Trên 100 đến 200 tỷ" },
    { value: "300", label: "Trên 200 đến 300 tỷ" },
    { value: "301", label: "Trên 300 tỷ" },
  ],
  code: {
    heading: "Mã tiếp tục của anh/chị",
    lead: "Hãy chụp ảnh màn hình hoặc ghi mã này ra giấy. Với mã này anh/chị làm tiếp trên bất kỳ điện thoại hay máy tính nào.",
    link: "Hoặc lưu đường dẫn này:",
    qr: "Mã QR mở lại bài đánh giá của anh/chị",
    keep: "Ai có mã này sẽ xem được câu trả lời, nên đừng chia sẻ mã cho người lạ.",
    begin: "Bắt đầu trả lời",
    continue: "Tiếp tục trả lời",
  },
  part: {
    progress: "Phần {n}/{total}",
    answered: "Đã trả lời {answered}/{total} câu",
    help: "Giải thích",
    chooseOne: "Chọn một",
    chooseMany: "Chọn tất cả những gì đúng",
    save: "Lưu và sang phần sau",
    saveLast: "Lưu và xem lại",
    back: "Phần trước",
    saved: "Đã lưu",
    savedAt: "Đã lưu lúc {time}",
    saving: "Đang lưu…",
    offline: "Chưa lưu được: mất kết nối. Câu trả lời sẽ được lưu khi anh/chị bấm nút Lưu.",
    codeReminder: "Mã tiếp tục: {code}",
    followUpsOpened: "Có thêm câu hỏi dựa trên câu trả lời của anh/chị. Vui lòng trả lời tiếp.",
    invalid: "Có câu trả lời không hợp lệ, chưa lưu. Vui lòng chọn lại.",
    refusedSaved: "Các câu trả lời khác đã được lưu. Còn {n} câu chưa lưu được, xem chỗ đánh dấu đỏ:",
    refusedStatus: "Các câu khác đã được lưu; {n} câu chưa lưu được (đánh dấu đỏ).",
    refusedOne: "Câu này chưa được lưu, vui lòng chọn lại.",
    gone: "Chưa lưu được: không còn bài đánh giá này (có thể đã bị xóa). Hãy mở lại trang từ mã tiếp tục.",
    limited: "Chưa lưu được: mạng anh/chị đang dùng đã nhập sai mã quá nhiều lần và đang bị tạm chặn. Vui lòng thử lại sau ít phút.",
    failed: "Chưa lưu được do lỗi máy chủ. Câu trả lời sẽ được lưu khi anh/chị bấm nút Lưu.",
    sectorPart: "Câu hỏi riêng cho ngành",
  },
  review: {
    heading: "Xem lại trước khi nộp",
    allDone: "Anh/chị đã trả lời tất cả các câu. Bấm nút dưới đây để xem kết quả.",
    missing: "Còn {n} câu chưa trả lời:",
    goto: "Trả lời",
    submit: "Nộp và xem kết quả",
    incomplete: "Còn câu chưa trả lời. Vui lòng trả lời hết rồi nộp.",
  },
  result: {
    heading: "Kết quả đánh giá",
    levelLabel: "Mức sẵn sàng chuyển đổi số",
    levelOf: "Mức {level} (thang 0–5)",
    overall: "Điểm chung: {score}/100",
    euBand: "Dải tham khảo theo cách xếp của châu Âu: {band}",
    euBandBasis: {
      pillar_mean: "Tính như công cụ đánh giá của châu Âu: trung bình cộng điểm các mặt, không nhân trọng số ({score}/100). Các mặt ở đây theo Quyết định 2158, không phải các mặt của công cụ châu Âu, nên chỉ để tham khảo.",
      overall: "Áp lên điểm chung ({score}/100), chỉ để tham khảo.",
    },
    framingShort: "Đây là điểm sẵn sàng chuyển đổi số do tỉnh xây dựng, không phải chỉ số đánh giá chính thức cấp quốc gia.",
    framingSummary: "Điểm này là gì, tính thế nào?",
    weightsSource: "Trọng số các mặt: {text}",
    levelsSource: "Mốc điểm các mức: {text}",
    provisional: "Cách chia mức đang tạm dùng cho đến khi Bộ Khoa học và Công nghệ công bố phương pháp chính thức.",
    usesPlatforms: "Cơ sở đã dùng nền tảng số trong sản xuất, kinh doanh (tiêu chí Kế hoạch 2902).",
    notUsesPlatforms: "Cơ sở chưa đạt tiêu chí dùng nền tảng số trong sản xuất, kinh doanh của Kế hoạch 2902.",
    radarTitle: "Điểm 7 mặt (0-100)",
    pillarsHeading: "Điểm từng mặt và điều kéo điểm xuống",
    provisionalPillar: "tỉnh tạm thêm, chờ hướng dẫn của Bộ",
    pulledDown: "Kéo điểm xuống:",
    nothingPulled: "Không có câu nào làm mất điểm.",
    yourAnswer: "Anh/chị trả lời",
    liftHeading: "Việc cần làm để lên Mức {level} ({name})",
    liftLead: "Làm {n} việc đầu tiên trong kế hoạch của anh/chị là lên mức tiếp theo (điểm chung dự kiến {score}/100). Việc cơ bản, rẻ đứng trước.",
    liftNotReached: "Làm hết {n} việc trong kế hoạch, điểm chung lên khoảng {score}/100. Để lên Mức {level} ({name}) cần {target} điểm: cán bộ tư vấn sẽ giúp anh/chị chọn bước tiếp theo.",
    liftNoSteps: "Để lên Mức {level} ({name}) cần {target} điểm. Danh mục việc nên làm chưa có việc nào hợp với cơ sở để nâng thêm điểm: cán bộ tư vấn sẽ giúp anh/chị chọn bước tiếp theo.",
    liftGain: "+{gain} điểm",
    free: "miễn phí",
    perUse: "trả theo lượt dùng",
    ownerPays: "anh/chị trả khoảng {amount} năm đầu",
    topLevel: "Cơ sở đã ở mức cao nhất. Hãy giữ vững và chia sẻ kinh nghiệm với các cơ sở khác.",
    effort: { 1: "Dễ, ít tốn kém", 2: "Vừa phải", 3: "Tốn công, tốn tiền" },
    next: "Bước tiếp theo",
    planLink: "Xem kế hoạch, nền tảng phù hợp và hỗ trợ",
    pdfLink: "Tải báo cáo PDF",
    code: "Mã của anh/chị: {code}. Giữ mã để xem lại kết quả.",
    notSubmitted: "Bài đánh giá chưa nộp nên chưa có kết quả.",
  },
  errors: {
    notFound: "Không tìm thấy bài đánh giá với mã này. Hãy kiểm tra lại từng ký tự.",
    badCode: "Mã tiếp tục gồm 12 chữ và số, ví dụ 7K2M-9QXA-4TBZ.",
    mistyped: "Mã có vẻ bị gõ nhầm một ký tự. Hãy kiểm tra lại.",
    tooMany: "Anh/chị đã thử quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
    pageNotFound: "Không tìm thấy trang.",
    noSuchPage: "Địa chỉ này không có trên trang. Hãy kiểm tra lại đường dẫn, hoặc về trang đầu.",
    limitedTitle: "Tạm thời bị chặn",
    limitedWhy: "Mạng anh/chị đang dùng đã nhập sai mã tiếp tục quá nhiều lần.",
    server: "Có lỗi xảy ra. Vui lòng thử lại sau ít phút.",
    backHome: "Về trang đầu",
  },
  report,
  plan,
  staff,
  data,
  department,
  access,
  offline,
  records,
  problems,
  answers,
} as const;

/** The shape of a catalogue: every string of `vi`, in any language (translation.ts). */
export type Messages = Translation<typeof vi>;

export const catalogues: Record<Locale, Messages> = { vi, en };

// Where the language of the request being served is read. The server sets it (src/http/locale.ts,
// through the request's async context); anywhere else (a browser bundle, a worker, a script) there
// is no request and the language is Vietnamese.
let requestLocale: () => Locale | undefined = () => undefined;

/** Tells the catalogue how to find the current request's language (once, by the HTTP layer). */
export function readLocaleFrom(source: () => Locale | undefined): void {
  requestLocale = source;
}

/** The language of the request being served; Vietnamese outside a request. */
export function currentLocale(): Locale {
  return requestLocale() ?? "vi";
}

/** The catalogue of the request being served; Vietnamese outside a request. */
export function msg(): Messages {
  return catalogues[currentLocale()];
}

/** A label for every value of a closed list (src/domain/vocabularies.ts): a missing or unknown one fails the build. */
export type Labels<V extends string> = Record<V, string>;

/** Fill {placeholders}. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** The Intl locale of the request being served, for numbers and dates. */
/** The words for amounts of money in a catalogue's language (the current request's by default). */
export function moneyWords(m: Messages = msg()): MoneyWords {
  return { intl: m.intl, ...m.money };
}

export function intlLocale(): string {
  return msg().intl;
}

// The owner's answers read back: before submitting (the review page), and after, where an answer
// can be corrected or the assessment started again from a copy.
export const answers = {
  heading: "Câu trả lời của anh/chị",
  partEdit: "Sửa phần này",
  notAnswered: "Chưa trả lời",
  reviewLead: "Đọc lại các câu trả lời dưới đây. Thấy chỗ nào chưa đúng, bấm “Sửa phần này” trước khi nộp.",
  afterLead: "Đây là các câu trả lời đã nộp. Nếu có câu chưa đúng với thực tế, anh/chị sửa được: điểm và lộ trình được tính lại ngay.",
  resultLink: "Xem và sửa câu trả lời",
  backToResult: "Về trang kết quả",
  correctHeading: "Sửa câu trả lời · {title}",
  correctLead: "Đổi câu trả lời chưa đúng rồi bấm “Lưu sửa đổi”. Mỗi lần sửa được ghi lại (câu nào, trước và sau) để tư vấn viên biết.",
  validatedWarning: "Bài này đã được tư vấn viên {name} xác nhận. Nếu anh/chị sửa, bài sẽ chờ tư vấn viên xem lại và xác nhận lại.",
  reason: "Vì sao sửa? (không bắt buộc)",
  reasonHint: "Ví dụ: bấm nhầm; cơ sở mới dùng phần mềm bán hàng.",
  save: "Lưu sửa đổi",
  cancel: "Thôi, không sửa",
  saved: "Đã lưu {n} thay đổi. Điểm mới: {score}/100, Mức {level} (thang 0–5).",
  savedRecheck: "Bài đã được gửi lại để tư vấn viên xem và xác nhận lại.",
  nothingChanged: "Không có câu nào thay đổi.",
  opened: "Câu này mở ra do câu trả lời mới; cần trả lời trước khi lưu.",
  recheck: "Anh/chị đã sửa câu trả lời sau khi tư vấn viên xác nhận (ngày {date}); đang chờ tư vấn viên xem lại.",
  restartHeading: "Làm lại từ một bản sao",
  restartLead:
    "Nếu tình hình của cơ sở đã đổi nhiều, anh/chị có thể làm lại: một bài mới được tạo với mã tiếp tục mới, đã điền sẵn các câu trả lời này để anh/chị sửa rồi nộp. Bài này vẫn được giữ; khi nộp bài mới, kết quả mới thay cho kết quả này trong số liệu của tỉnh.",
  restart: "Làm lại từ bản sao",
  restartedOn: "Anh/chị đã làm lại từ bản sao của bài này ngày {date}. Bài mới có mã tiếp tục riêng (mã đã hiện khi tạo bản sao).",
  copyNotice: "Đây là bản sao của bài trước, đã điền sẵn câu trả lời. Hãy ghi lại mã mới này.",
  // Why a correction was refused (the corrections service names one), and what is wrong with a field.
  refusals: {
    notSubmitted: "Bài chưa nộp: sửa câu trả lời ngay trên trang câu hỏi.",
    reasonTooLong: "Lý do dài quá 500 ký tự.",
    invalidAnswers: "Có câu trả lời không hợp lệ; chưa có gì thay đổi.",
    notAsked: "Câu này không được hỏi với cơ sở này.",
    opensQuestions: "Sửa như vậy mở thêm {n} câu hỏi; hãy trả lời rồi lưu lại. Chưa có gì thay đổi.",
  },
  fieldProblems: {
    reasonMax: "tối đa 500 ký tự",
    notAsked: "không áp dụng cho cơ sở này",
    unanswered: "chưa trả lời",
  },
} as const;

// Words of the pages and scripts that work without signal: the owner's questionnaire kept on the
// phone, the advisor's field app, the paper form and its data entry.
export const offline = {
  owner: {
    // Said under the form when an answer could not reach the server.
    keptOnPhone: "Chưa có mạng: câu trả lời đã được giữ trên điện thoại này và sẽ tự gửi khi có mạng.",
    // Banner while answers wait on the phone.
    waiting: "Có {n} lần lưu đang chờ gửi. Câu trả lời được giữ trên điện thoại này; khi có mạng sẽ tự gửi, anh/chị không phải làm lại.",
    sent: "Đã gửi các câu trả lời giữ trên điện thoại lúc {time}.",
    sentMore: "Đã gửi các câu trả lời giữ trên điện thoại lúc {time}. Có thể có thêm câu hỏi mới: xem lại trang.",
    sentRefused: "Đã gửi lúc {time}, nhưng máy chủ không nhận {n} câu trả lời. Hãy xem lại các câu được đánh dấu.",
    keptNotice: "Chưa có mạng: trang trước đã được giữ trên điện thoại và sẽ tự gửi khi có mạng. Anh/chị cứ trả lời tiếp.",
    offlineTitle: "Chưa có mạng",
    pageNotKept: "Trang này chưa được lưu trên điện thoại nên chưa mở được khi không có mạng. Các câu trả lời đã giữ trên điện thoại vẫn còn và sẽ tự gửi khi có mạng.",
    submitOffline: "Chưa nộp được vì chưa có mạng. Các câu trả lời vẫn được giữ trên điện thoại này. Khi có mạng, anh/chị mở lại trang xem lại và bấm Nộp.",
    back: "Quay lại trang câu hỏi",
  },
  capture: {
    offline: "Ghi khi không có mạng",
    paper: "Nhập từ phiếu giấy",
    capturedAt: "ghi lúc {at}",
    paperDate: "phiếu ghi ngày {at}",
    syncedAt: "đến máy chủ lúc {at}",
  },
  // How a capture arrived, explained to the advisor (on the device after a sync, and on the review page).
  conflicts: {
    businessKnown: "Cơ sở này đã có trong danh sách (cùng mã số thuế, hoặc hộ cùng tên trong cùng xã). Bài được lưu là lượt đánh giá T{stage} của cơ sở đó.",
    businessKnownPrevious: "Lần trước: {at}, do {by} thực hiện.",
    versionReplaced: "Bài được ghi theo bộ câu hỏi {capturedOn}; trong lúc máy không có mạng, bộ câu hỏi đã đổi sang {inForce}. Bài vẫn được giữ và tính điểm theo bộ {capturedOn}; khi gặp lại cơ sở, hãy đánh giá lại theo bộ {inForce}.",
    codeTaken: "Mã tiếp tục trên máy trùng với một bài khác nên đã được đổi. Mã mới của chủ cơ sở: {code}. Hãy báo lại cho chủ cơ sở.",
    scoreDiffers: "Điểm trên máy ({shown}) khác điểm máy chủ tính ({server}). Kết quả chính thức là của máy chủ; hãy báo cho quản trị.",
    someone: "một cán bộ",
  },
};

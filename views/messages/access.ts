// What staff pages say about the access policy (src/domain/access.ts): why a list is shorter than
// the count above it, why a record is closed.
export const access = {
  listHidden:
    "Bài chỉ hiện tên ở đây khi đã làm cùng cán bộ tư vấn hoặc được cán bộ tư vấn xác nhận; với cán bộ tư vấn, cả bài tự đánh giá mà chủ cơ sở đã đưa mã cho mình hoặc đã gửi yêu cầu tư vấn. Các bài tự đánh giá khác vẫn được tính trong số liệu tổng hợp nhưng không hiện tên.",
  adviceHidden: "Còn {n} yêu cầu của chủ cơ sở tự đánh giá: chỉ tính vào số liệu, không hiện chi tiết.",
  linkHidden:
    "Còn {n} bài tự đánh giá chưa khớp với sổ đăng ký mà bạn không xem được (chủ cơ sở chưa chia sẻ). Bài được khớp khi chủ cơ sở có mã số thuế trong sổ, hoặc khi cán bộ tư vấn xác nhận bài cùng chủ cơ sở.",
  hiddenSide: "bài tự đánh giá (không hiện tên)",
} as const;

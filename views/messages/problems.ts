// What a refused or failed request says: the `message` of the API's `{"error":{…}}` and the page a
// person sees when a request is refused before any page of the service answers it.
export const problems = {
  /** Titles of those pages, by HTTP status; a status not listed takes `other`. */
  titles: {
    400: "Yêu cầu không hợp lệ",
    403: "Yêu cầu bị từ chối",
    413: "Dữ liệu quá lớn",
    415: "Dữ liệu sai dạng",
    500: "Có lỗi xảy ra",
    other: "Không thực hiện được yêu cầu",
  },
  badRequest: "Yêu cầu không hợp lệ.",
  malformedBody: "Dữ liệu gửi lên không đọc được (JSON hoặc biểu mẫu sai dạng).",
  tooLarge: "Dữ liệu gửi lên quá lớn.",
  tooLargeMax: "Dữ liệu gửi lên quá lớn (tối đa {kb} KB).",
  // The JSON API reads only JSON: a body sent as a form or as plain text is not guessed at.
  jsonOnly: "Dữ liệu phải gửi dạng JSON (Content-Type: application/json).",
  internal: "Có lỗi xảy ra phía máy chủ. Vui lòng thử lại.",
  noSuchAddress: "Không có địa chỉ này.",
  crossSite: "Yêu cầu bị từ chối vì không gửi từ trang của dịch vụ. Hãy mở lại trang rồi thử lại.",
  invalidInput: "Dữ liệu gửi lên không hợp lệ.",
  invalidFilter: "Bộ lọc không hợp lệ.",
  invalidBusinessId: "Mã cơ sở phải là số nguyên dương.",
  noSuchBusiness: "Không có cơ sở này.",
  noSuchTable: "Không có bảng này.",
  noSuchOpenTable: "Không có bảng này. Các bảng: {tables}.",
  needsApiKey: "Cần khóa API hợp lệ (Authorization: Bearer …).",
  needsStaffSignIn: "Cần đăng nhập tài khoản cán bộ.",
  roleNotAllowed: "Vai trò của bạn không được dùng chức năng này.",
  advisorsOnly: "Chỉ tư vấn viên dùng được ứng dụng thực địa.",
} as const;

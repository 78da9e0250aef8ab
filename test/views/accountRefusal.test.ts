// An account refusal travels as codes (service and domain) and is worded only when shown: the
// Vietnamese words are the ones the account forms always said, and English has its own.
import { describe, expect, it } from "vitest";
import { newStaffSchema, passwordSchema } from "../../src/domain/staff.ts";
import { wordAccountRefusal } from "../../views/staff/accountRefusal.ts";
import { staff as enStaff } from "../../views/messages/en/staff.ts";
import { vi, type Messages } from "../../views/messages.ts";

const fieldsOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  Object.fromEntries(issues.map((i) => [i.path.map(String).join("."), i.message]));
const en = { ...vi, staff: enStaff } as unknown as Messages;

describe("account refusals", () => {
  const bad = newStaffSchema.safeParse({ email: "lan", name: "L", role: "owner", password: "short" });
  const fields = fieldsOf(bad.error!.issues);

  it("carry codes, not sentences, out of the domain", () => {
    expect(fields).toEqual({ email: "email_invalid", name: "name_too_short", role: "role_unknown", password: "password_too_short" });
    expect(fieldsOf(passwordSchema.safeParse(undefined).error!.issues)).toEqual({ "": "password_missing" });
  });

  it("are worded in Vietnamese as the forms always said", () => {
    expect(wordAccountRefusal({ status: 422, code: "invalid_account", fields })).toEqual({
      message: "Thông tin tài khoản chưa hợp lệ.",
      fields: {
        email: "thư điện tử không đúng dạng, ví dụ ten@dienbien.gov.vn",
        name: "họ tên cần ít nhất 2 ký tự",
        role: "chọn vai trò: tư vấn viên, Sở hoặc quản trị",
        password: "mật khẩu cần ít nhất 12 ký tự",
      },
    });
    expect(wordAccountRefusal({ status: 422, code: "wrong_password", fields: { current: "password_wrong" } })).toEqual({ message: "Mật khẩu hiện tại không đúng.", fields: { current: "không đúng" } });
    expect(wordAccountRefusal({ status: 409, code: "email_taken", fields: { email: "email_taken" } })).toEqual({ message: "Đã có tài khoản với thư điện tử này.", fields: { email: "đã có tài khoản" } });
    expect(wordAccountRefusal({ status: 409, code: "self" }).message).toBe("Không thể khóa tài khoản của chính mình.");
    expect(wordAccountRefusal({ status: 404, code: "not_found" }).message).toBe("Không có tài khoản này.");
  });

  it("are worded in English from the English catalogue", () => {
    expect(wordAccountRefusal({ status: 422, code: "weak_password", fields: { next: "password_too_short" } }, en)).toEqual({
      message: "The new password is not valid.",
      fields: { next: "the password needs at least 12 characters" },
    });
  });

  it("pass a message zod wrote itself through as written (a rule we gave no code)", () => {
    const extra = newStaffSchema.safeParse({ email: "lan@dienbien.gov.vn", name: "Lò Thị Lan", role: "advisor", password: "một câu dài đủ", admin: true });
    const message = extra.error!.issues[0]!.message;
    expect(message).not.toMatch(/^[a-z_]+$/);
    expect(wordAccountRefusal({ status: 422, code: "invalid_account", fields: { _: message } }).fields._).toBe(message);
  });
});

// The business profile an owner (or advisor) gives, and the consents. Collect only this.
import { z } from "zod";
import "./zodLocale.ts";
import { ACTIVITY_GROUPS, LEGAL_FORMS, SECTORS } from "./questionnaire.ts";
import { oneLineText } from "./text.ts";

const money = z
  .number({ error: "phải là một số (tỷ đồng)" })
  .min(0, "không được âm")
  .max(1_000_000, "số quá lớn")
  .nullish();

export const profileSchema = z
  .strictObject({
    name: oneLineText({ error: "cần nhập tên cơ sở" })
      .min(2, "tên cơ sở cần ít nhất 2 ký tự")
      .max(200, "tên cơ sở dài tối đa 200 ký tự"),
    legalForm: z.enum(LEGAL_FORMS, { error: "chọn loại hình: doanh nghiệp, hợp tác xã hoặc hộ kinh doanh" }),
    taxCode: z
      .string()
      .trim()
      .transform((s) => s.replace(/\s/g, ""))
      .pipe(
        z
          .string()
          // Since 07/2025 a household's tax code is the owner's 12-digit personal ID: we do not collect it.
          .refine((s) => !/^\d{12}$/.test(s), "12 số là số định danh cá nhân; hộ kinh doanh để trống ô này, chúng tôi không thu thập số định danh")
          .regex(/^(\d{10}(-\d{3})?)?$/, "mã số thuế gồm 10 chữ số, chi nhánh thêm dấu - và 3 chữ số"),
      )
      .nullish()
      .transform((s) => (s ? s : null)),
    communeId: z.string({ error: "chọn xã/phường" }).min(1, "chọn xã/phường").max(64),
    activityGroup: z.enum(ACTIVITY_GROUPS, { error: "chọn lĩnh vực hoạt động chính" }),
    sector: z.enum(SECTORS, { error: "chọn ngành" }),
    staff: z
      .number({ error: "nhập số lao động (có thể là 0)" })
      .int("số lao động là số nguyên")
      .min(0, "không được âm")
      .max(100_000, "số quá lớn"),
    revenueBnVnd: money,
    capitalBnVnd: money,
  })
  .superRefine((p, ctx) => {
    if (p.legalForm !== "household" && !p.taxCode)
      ctx.addIssue({ code: "custom", path: ["taxCode"], message: "doanh nghiệp và hợp tác xã cần nhập mã số thuế" });
  });
export type Profile = z.infer<typeof profileSchema>;

export const consentsSchema = z.strictObject({
  report: z.literal(true, { error: "cần đồng ý lưu câu trả lời để tính kết quả" }),
  statistics: z.boolean({ error: "chọn có hoặc không" }),
  contact: z.boolean({ error: "chọn có hoặc không" }),
});
export type Consents = z.infer<typeof consentsSchema>;

// A request for advice as an owner fills it in: which step, which platform, how to reach them.
import { z } from "zod";
import "./zodLocale.ts";
import { multiLineText, oneLineText } from "./text.ts";
import { ADVICE_CHANNELS } from "./vocabularies.ts";

const vnPhone = /^(?:\+?84|0)(?:3|5|7|8|9)\d{8}$/;

export const adviceRequestSchema = z
  .strictObject({
    actionId: z.string().regex(/^[a-z][a-z0-9_]*$/, "việc cần tư vấn không hợp lệ").max(64),
    platformId: z
      .string()
      .max(64)
      .regex(/^([a-z][a-z0-9_]*)?$/, "nền tảng không hợp lệ")
      .nullish()
      .transform((v) => (v ? v : null)),
    channel: z.enum(ADVICE_CHANNELS, { error: "chọn cách liên hệ: điện thoại, Zalo hoặc thư điện tử" }),
    contact: oneLineText({ error: "nhập số điện thoại hoặc địa chỉ thư điện tử" }).max(120, "quá dài"),
    message: multiLineText()
      .max(500, "lời nhắn tối đa 500 ký tự")
      .nullish()
      .transform((v) => (v ? v : null)),
  })
  // Phone numbers are read as typed ("091 234 5678", "+84-91…") and stored as digits.
  .transform((r) => (r.channel === "email" ? r : { ...r, contact: r.contact.replace(/[\s.\-()]/g, "") }))
  .superRefine((r, ctx) => {
    if (r.channel === "email") {
      if (!z.email().safeParse(r.contact).success)
        ctx.addIssue({ code: "custom", path: ["contact"], message: "nhập địa chỉ thư điện tử, ví dụ ten@gmail.com" });
    } else if (!vnPhone.test(r.contact)) {
      ctx.addIssue({ code: "custom", path: ["contact"], message: "nhập số điện thoại di động 10 số, ví dụ 0912345678" });
    }
  });
export type AdviceRequest = z.infer<typeof adviceRequestSchema>;

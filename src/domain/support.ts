// Support the province delivers to a business, and the Decree 80 cap check. The cap is a warning,
// never a block: the advisor records what was actually paid, the department sees what exceeds it.
import { z } from "zod";
import "./zodLocale.ts";
import { multiLineText } from "./text.ts";
import type { SupportScheme } from "./catalogue.ts";
import type { LegalForm, SizeClass } from "./questionnaire.ts";

import { SUPPORT_TYPES, type SupportType } from "./vocabularies.ts";
export { SUPPORT_TYPES, type SupportType };

/**
 * The support type paid under Article 11 clause 2 of Decree 80 (renting or buying a digital
 * solution) and counted against that clause's yearly cap. Consulting paid under clause 1 is capped
 * per contract, not per year, so it has no yearly total to warn about.
 */
export const DECREE80_TYPE: SupportType = "platform_subsidy";

/** Amounts typed as people write them: "20.000.000", "20 000 000" or "20000000" đồng. */
export function parseVnd(input: string | undefined): number | null | "invalid" {
  const s = (input ?? "").trim();
  if (s === "") return null;
  if (!/^\d{1,3}([ .,]?\d{3})*$/.test(s) && !/^\d+$/.test(s)) return "invalid";
  return Number(s.replace(/[ .,]/g, ""));
}

/**
 * The support schemes a business may receive support under, by legal form, size and sector (in
 * file order). A scheme for difficult areas only is offered unless the commune is known not to be
 * one: whether it is is often still unknown, and the advisor knows the business.
 */
export function eligibleSchemes<T extends Pick<SupportScheme, "id" | "eligibility">>(
  schemes: readonly T[],
  business: { legalForm: LegalForm; sizeClass: SizeClass | null; sector: string; difficultArea: "yes" | "no" | "unknown" },
): T[] {
  return schemes.filter((x) => {
    const e = x.eligibility;
    if (e.legalForms && !e.legalForms.includes(business.legalForm)) return false;
    if (e.sizeClasses && business.sizeClass !== null && !e.sizeClasses.includes(business.sizeClass)) return false;
    if (e.sectors && !(e.sectors as readonly string[]).includes(business.sector)) return false;
    if (e.difficultAreasOnly && business.difficultArea === "no") return false;
    return true;
  });
}

/** Why a support record was corrected or withdrawn: one line of 3 to 500 characters, or null. */
export function supportReason(raw: unknown): string | null {
  const x = typeof raw === "string" ? raw.replace(/\s+/g, " ").trim() : "";
  return x.length >= 3 && x.length <= 500 ? x : null;
}

/** Whether the business may be recorded support under this scheme (the caller lists the eligible ones). */
export const schemeAllowed = (schemeId: string | null, eligible: ReadonlySet<string>) => schemeId === null || eligible.has(schemeId);

export const supportRecordSchema = (today: string, platformIds: ReadonlySet<string>) =>
  z
    .strictObject({
      schemeId: z.string().nullable().default(null),
      type: z.enum(SUPPORT_TYPES, { error: "chọn loại hỗ trợ" }),
      date: z.iso
        .date("ngày dạng NNNN-TT-NN")
        .refine((d) => d <= today, "ngày hỗ trợ không được ở tương lai")
        .refine((d) => d >= "2000-01-01", "ngày quá xa"),
      amountVnd: z
        .number({ error: "số tiền là số đồng, ví dụ 20000000" })
        .int("số tiền là số nguyên (đồng)")
        .min(0, "số tiền không được âm")
        .max(100_000_000_000, "số tiền quá lớn")
        .nullable(),
      platformId: z
        .string()
        .nullable()
        .refine((p) => p === null || platformIds.has(p), "chọn nền tảng trong danh mục"),
      note: multiLineText().max(1000, "ghi chú dài tối đa 1000 ký tự").nullable(),
    })
    .superRefine((r, ctx) => {
      if (r.type === DECREE80_TYPE && r.amountVnd === null)
        ctx.addIssue({ code: "custom", path: ["amountVnd"], message: "hỗ trợ theo Nghị định 80 cần ghi số tiền" });
    });
export type SupportInput = z.infer<ReturnType<typeof supportRecordSchema>>;

export type CapWarning =
  | { kind: "over_cap"; year: number; cap: number; total: number }
  | { kind: "size_not_covered"; sizeClass: SizeClass }
  | { kind: "form_not_covered"; legalForm: LegalForm };

/**
 * Warnings for a Decree 80 amount: the yearly total (this record plus the others of the same
 * calendar year) over the cap of the business's size class, or a business the scheme does not
 * cover. Other support types never warn.
 */
export function decree80Warnings(
  scheme: Pick<SupportScheme, "coverage" | "eligibility">,
  business: { legalForm: LegalForm; sizeClass: SizeClass },
  record: { type: SupportType; date: string; amountVnd: number | null },
  others: readonly { type: SupportType; date: string; amountVnd: number | null }[],
): CapWarning[] {
  if (record.type !== DECREE80_TYPE || record.amountVnd === null) return [];
  const out: CapWarning[] = [];
  const forms = scheme.eligibility.legalForms;
  if (forms && !forms.includes(business.legalForm)) out.push({ kind: "form_not_covered", legalForm: business.legalForm });
  const sizes = scheme.eligibility.sizeClasses;
  const cap = scheme.coverage.capsVndPerYear?.[business.sizeClass];
  if ((sizes && !sizes.includes(business.sizeClass)) || cap === undefined) {
    out.push({ kind: "size_not_covered", sizeClass: business.sizeClass });
    return out;
  }
  const year = record.date.slice(0, 4);
  const total =
    record.amountVnd +
    others.filter((o) => o.type === DECREE80_TYPE && o.date.slice(0, 4) === year).reduce((s, o) => s + (o.amountVnd ?? 0), 0);
  if (total > cap) out.push({ kind: "over_cap", year: Number(year), cap, total });
  return out;
}

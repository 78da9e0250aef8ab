// The platform catalogue and the support-scheme file: what a reviewable content file may say.
// Zod schemas are the single definition; the types are inferred from them.
// Pure: no I/O. Loading the YAML files is the caller's job.
import { z } from "zod";
import { BUSINESS_FUNCTIONS, LEGAL_FORMS, SECTORS, SIZE_CLASSES } from "./questionnaire.ts";
import "./zodLocale.ts";

/** Platform categories (BRIEF §4: common to all sectors, plus the sector-specific ones). */
export const PLATFORM_CATEGORIES = [
  "e_invoice",
  "digital_signature",
  "accounting_pos",
  "ecommerce",
  "payment",
  "cloud_office",
  "cybersecurity",
  "traceability",
  "tourism_listing",
  "border_trade",
  "logistics",
  "digital_skills",
  /** The state's own online services: tax declaration, e-ID, the public service portal. */
  "public_eservice",
  /** AI assistants and translation: writing posts, translating, drafting replies. */
  "ai_assistant",
] as const;
export type PlatformCategory = (typeof PLATFORM_CATEGORIES)[number];

/** Pillar ids of the questionnaire (five of Decision 2158 + two provisional, BRIEF §2). */
export const PILLAR_IDS = [
  "strategy",
  "customer",
  "supply_chain",
  "information_systems",
  "risk_security",
  "people",
  "infrastructure",
] as const;
export type PillarId = (typeof PILLAR_IDS)[number];

export const PLATFORM_KINDS = ["commercial", "public_service", "free_tool"] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

export const PRICE_BANDS = ["free", "freemium", "low", "medium", "high", "contact"] as const;
export type PriceBand = (typeof PRICE_BANDS)[number];

export const PRICE_PERIODS = ["month", "year", "one_off", "transaction"] as const;
export type PricePeriod = (typeof PRICE_PERIODS)[number];

/**
 * Kinds of cost, for matching a roadmap action to the support that pays for it. "consulting" is
 * consulting on digital-transformation solutions (Decree 80 Art. 11 cl. 1), "solution_rent_buy"
 * renting or buying a digital solution (cl. 2); "other" is what no scheme pays: state fees, an
 * agent's or a bank's fees, photography, writing posts.
 */
export const COST_KINDS = [
  "consulting",
  "solution_rent_buy",
  "e_invoice",
  "training",
  "assessment",
  "cybersecurity",
  "other",
] as const;
export type CostKind = (typeof COST_KINDS)[number];

export const SCHEME_STATUSES = ["in_force", "draft"] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];

/** Who runs and funds the scheme. */
export const SCHEME_KINDS = ["national", "provincial"] as const;
export type SchemeKind = (typeof SCHEME_KINDS)[number];

const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "chỉ dùng chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ");
const text = z.string().trim().min(1, "không được để trống");
const httpsUrl = z.url({
  protocol: /^https$/,
  hostname: z.regexes.domain,
  error: "phải là địa chỉ web đầy đủ, bắt đầu bằng https://",
});
const isoDate = z.iso.date("phải là ngày dạng NNNN-TT-NN, ví dụ 2026-11-23");
const version = z.string().regex(/^\d+\.\d+$/, "dạng số.số, ví dụ 1.0");
const vnd = z.number().int("số tiền phải là số nguyên (đồng)").nonnegative("số tiền không được âm");
const percent = z.number().min(0, "từ 0 đến 100").max(100, "từ 0 đến 100");
const level = z.number().int("mức phải là số nguyên").min(0, "mức từ 0 đến 5").max(5, "mức từ 0 đến 5");

/** One value from a fixed set, with the allowed values named in the message. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `chỉ được chọn một trong: ${values.join(", ")}` });
}

function hasNoDuplicates(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

/** A list of values from a fixed set, each at most once. */
function setOf<const T extends readonly [string, ...string[]]>(values: T, min = 0) {
  return z
    .array(oneOf(values))
    .min(min, min === 1 ? "cần ít nhất một giá trị" : `cần ít nhất ${min} giá trị`)
    .refine(hasNoDuplicates, "không được lặp lại giá trị");
}

// ---------------------------------------------------------------------------
// Platform catalogue
// ---------------------------------------------------------------------------

export const levelRangeSchema = z
  .strictObject({ min: level, max: level })
  .refine((r) => r.min <= r.max, { message: "mức thấp nhất (min) không được lớn hơn mức cao nhất (max)", path: ["max"] });
export type LevelRange = z.infer<typeof levelRangeSchema>;

export const indicativePriceSchema = z
  .strictObject({ min: vnd, max: vnd, per: oneOf(PRICE_PERIODS) })
  .refine((p) => p.min <= p.max, { message: "giá thấp nhất không được lớn hơn giá cao nhất", path: ["max"] });
export type IndicativePrice = z.infer<typeof indicativePriceSchema>;

export const priceSchema = z
  .strictObject({
    band: oneOf(PRICE_BANDS),
    /** Only with public evidence; always indicative ("tham khảo"). */
    indicativeVnd: indicativePriceSchema.optional(),
    note: text.optional(),
    /** When the price facts were last checked. */
    checkedOn: isoDate,
  })
  .superRefine((p, ctx) => {
    if ((p.band === "contact" || p.band === "freemium") && p.note === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: "giá «liên hệ» hoặc «miễn phí có giới hạn» cần một ghi chú giải thích",
      });
    }
    if (p.band === "free" && p.indicativeVnd !== undefined && p.indicativeVnd.max > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["indicativeVnd"],
        message: "giá «miễn phí» không được kèm mức giá lớn hơn 0",
      });
    }
  });
export type Price = z.infer<typeof priceSchema>;

export const platformSchema = z.strictObject({
  id,
  name: text,
  vendor: text,
  category: oneOf(PLATFORM_CATEGORIES),
  /** Official website of the product or service. */
  website: httpsUrl,
  /** One plain Vietnamese line: what it does for a small business. */
  summary: text.refine((s) => !s.includes("\n"), "chỉ viết một dòng"),
  businessFunctions: setOf(BUSINESS_FUNCTIONS),
  pillars: setOf(PILLAR_IDS, 1),
  sectors: setOf(SECTORS, 1),
  sizeClasses: setOf(SIZE_CLASSES, 1),
  /** Readiness levels (0-5) the platform suits. */
  levels: levelRangeSchema,
  /** Operated by a Vietnamese company or a Vietnamese public body. */
  makeInVietnam: z.boolean(),
  kind: oneOf(PLATFORM_KINDS),
  price: priceSchema,
  /** Ids of support schemes that can apply (see support-schemes.yaml). */
  supportSchemes: z.array(id).refine(hasNoDuplicates, "không được lặp lại giá trị"),
  /** Where the public facts were checked. */
  source: text,
});
export type Platform = z.infer<typeof platformSchema>;

/** Each id of a list once: a repeat is reported at its place, naming the entry that has it first. */
function flagRepeatedIds(items: readonly { id: string }[], listKey: string, itemNoun: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [listKey, i, "id"],
        message: `mã «${item.id}» bị trùng với ${itemNoun} thứ ${first + 1}`,
      });
    } else {
      seen.set(item.id, i);
    }
  });
}

export const platformCatalogueSchema = z
  .strictObject({
    version,
    updatedOn: isoDate,
    note: text,
    platforms: z.array(platformSchema).min(1, "cần ít nhất một nền tảng"),
  })
  .superRefine((catalogue, ctx) => flagRepeatedIds(catalogue.platforms, "platforms", "nền tảng", ctx));
export type PlatformCatalogue = z.infer<typeof platformCatalogueSchema>;

// ---------------------------------------------------------------------------
// Support schemes
// ---------------------------------------------------------------------------

const bySize = <S extends z.ZodType>(value: S) =>
  z.strictObject({
    micro: value.optional(),
    small: value.optional(),
    medium: value.optional(),
    large: value.optional(),
  });

export const coverageSchema = z
  .strictObject({
    /** Share of the cost the scheme pays, the same for every size. */
    sharePercent: percent.optional(),
    /** Share of the cost by size class, when it differs by size. */
    sharePercentBySize: bySize(percent).optional(),
    /** Caps in VND on all the support of one year, whatever the number of contracts (e.g. renting/buying solutions). */
    capsVndPerYear: bySize(vnd).optional(),
    /** Caps in VND on each contract in a year (e.g. a consulting contract); several contracts are capped one by one. */
    capsVndPerContractPerYear: bySize(vnd).optional(),
    /** How long the support lasts, in months (e.g. 12 months of free e-invoices). */
    durationMonths: z.number().int().positive().optional(),
    appliesTo: setOf(COST_KINDS, 1),
    note: text.optional(),
  })
  .refine((c) => c.sharePercent !== undefined || c.sharePercentBySize !== undefined || c.note !== undefined, {
    message: "cần ghi mức hỗ trợ (sharePercent / sharePercentBySize) hoặc ghi chú nói rõ mức hỗ trợ lấy ở đâu",
    path: ["note"],
  })
  .refine((c) => c.capsVndPerYear === undefined || c.capsVndPerContractPerYear === undefined, {
    message: "chỉ ghi một loại trần: theo năm (capsVndPerYear) hoặc theo hợp đồng mỗi năm (capsVndPerContractPerYear)",
    path: ["capsVndPerContractPerYear"],
  });
export type Coverage = z.infer<typeof coverageSchema>;

export const eligibilitySchema = z.strictObject({
  legalForms: setOf(LEGAL_FORMS, 1).optional(),
  sizeClasses: setOf(SIZE_CLASSES, 1).optional(),
  sectors: setOf(SECTORS, 1).optional(),
  /** Only for businesses in communes with difficult socio-economic conditions (communes.yaml: difficultArea). */
  difficultAreasOnly: z.literal(true).optional(),
  note: text.optional(),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const supportSchemeSchema = z
  .strictObject({
    id,
    name: text,
    shortName: text,
    legalBasis: text,
    status: oneOf(SCHEME_STATUSES),
    kind: oneOf(SCHEME_KINDS),
    /** Plain Vietnamese. */
    description: text,
    coverage: coverageSchema,
    eligibility: eligibilitySchema,
    /** Plain Vietnamese steps, in order. */
    howToApply: z.array(text).min(1, "cần ít nhất một bước"),
    /** Facts that still need checking against the official text. */
    verify: text.optional(),
    /** Where the facts were checked. */
    source: text.optional(),
  })
  .refine((s) => s.status !== "draft" || s.verify !== undefined, {
    message: "chính sách còn là dự thảo phải có ghi chú «verify» nói rõ cần kiểm tra gì",
    path: ["verify"],
  });
export type SupportScheme = z.infer<typeof supportSchemeSchema>;

export const supportSchemeFileSchema = z
  .strictObject({
    version,
    updatedOn: isoDate,
    schemes: z.array(supportSchemeSchema).min(1, "cần ít nhất một chính sách"),
  })
  .superRefine((file, ctx) => flagRepeatedIds(file.schemes, "schemes", "chính sách", ctx));
export type SupportSchemeFile = z.infer<typeof supportSchemeFileSchema>;

// ---------------------------------------------------------------------------
// Cross-check between the two files
// ---------------------------------------------------------------------------

/** The cost kinds a platform of a category can be paid under. Services (consulting, assessment) are not platforms. */
const COST_KINDS_BY_CATEGORY: Record<PlatformCategory, readonly CostKind[]> = {
  e_invoice: ["solution_rent_buy", "e_invoice"],
  digital_signature: ["solution_rent_buy"],
  accounting_pos: ["solution_rent_buy"],
  ecommerce: ["solution_rent_buy"],
  payment: ["solution_rent_buy"],
  cloud_office: ["solution_rent_buy"],
  cybersecurity: ["solution_rent_buy", "cybersecurity"],
  traceability: ["solution_rent_buy"],
  tourism_listing: ["solution_rent_buy"],
  border_trade: ["solution_rent_buy"],
  logistics: ["solution_rent_buy"],
  digital_skills: ["training"],
  // Free state services: no scheme pays for them.
  public_eservice: [],
  ai_assistant: ["solution_rent_buy"],
};

function overlaps<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.some((x) => b.includes(x));
}

/**
 * Problems that each file's schema cannot see on its own, in plain words for the reviewer.
 * Empty when the catalogue and the schemes agree. Also re-checks a few rules of the schemas,
 * for data built in code rather than parsed.
 */
export function crossCheckCatalogue(
  catalogue: PlatformCatalogue,
  schemes: SupportSchemeFile | readonly SupportScheme[],
): string[] {
  const list: readonly SupportScheme[] = "schemes" in schemes ? schemes.schemes : schemes;
  const problems: string[] = [];
  const byId = new Map<string, SupportScheme>();
  for (const s of list) {
    if (byId.has(s.id)) problems.push(`Chính sách «${s.id}» bị khai báo hai lần.`);
    byId.set(s.id, s);
  }

  const seen = new Set<string>();
  for (const p of catalogue.platforms) {
    const who = `Nền tảng «${p.id}»`;
    if (seen.has(p.id)) problems.push(`${who} bị khai báo hai lần.`);
    seen.add(p.id);

    if (p.levels.min > p.levels.max) {
      problems.push(`${who}: mức thấp nhất (${p.levels.min}) lớn hơn mức cao nhất (${p.levels.max}).`);
    }
    const range = p.price.indicativeVnd;
    if (range !== undefined && range.min > range.max) {
      problems.push(`${who}: giá tham khảo thấp nhất lớn hơn giá cao nhất.`);
    }
    if (p.kind === "free_tool" && p.price.band !== "free" && p.price.band !== "freemium") {
      problems.push(`${who}: là công cụ miễn phí nhưng mức giá ghi là «${p.price.band}».`);
    }
    if (p.price.band === "free" && p.supportSchemes.length > 0) {
      problems.push(`${who}: đã miễn phí nhưng vẫn gắn chính sách hỗ trợ chi phí.`);
    }

    for (const schemeId of p.supportSchemes) {
      const scheme = byId.get(schemeId);
      if (scheme === undefined) {
        problems.push(`${who}: chính sách hỗ trợ «${schemeId}» không có trong danh sách chính sách.`);
        continue;
      }
      const what = `${who} gắn chính sách «${schemeId}»`;
      if (!overlaps(scheme.coverage.appliesTo, COST_KINDS_BY_CATEGORY[p.category])) {
        problems.push(
          `${what}, nhưng chính sách này không chi cho loại «${p.category}» (chỉ chi: ${scheme.coverage.appliesTo.join(", ")}).`,
        );
      }
      const sizes = scheme.eligibility.sizeClasses;
      if (sizes !== undefined && !overlaps(sizes, p.sizeClasses)) {
        problems.push(`${what}, nhưng không có quy mô nào vừa hợp nền tảng vừa được chính sách hỗ trợ.`);
      }
      const sectors = scheme.eligibility.sectors;
      if (sectors !== undefined && !overlaps(sectors, p.sectors)) {
        problems.push(`${what}, nhưng không có nhóm ngành nào vừa hợp nền tảng vừa được chính sách hỗ trợ.`);
      }
    }
  }
  return problems;
}

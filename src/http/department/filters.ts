// The dashboard's filters as plain query parameters, validated once for the pages, the exports and
// the statistics API.
import { z } from "zod";
import type { Filter } from "../../domain/aggregates.ts";
import { LEGAL_FORMS, SECTORS, SIZE_CLASSES } from "../../domain/questionnaire.ts";
import "../../domain/zodLocale.ts";
import type { Services } from "../../services/assessments.ts";
import { fieldsOf } from "../errors.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);

export const filterSchema = z.object({
  communeId: z.preprocess(blank, z.string().max(64).optional()),
  sector: z.preprocess(blank, z.enum(SECTORS, { error: "ngành không có trong danh sách" }).optional()),
  sizeClass: z.preprocess(blank, z.enum(SIZE_CLASSES, { error: "quy mô không có trong danh sách" }).optional()),
  legalForm: z.preprocess(blank, z.enum(LEGAL_FORMS, { error: "loại hình không có trong danh sách" }).optional()),
});

export type FilterResult = { ok: true; filter: Filter } | { ok: false; fields: Record<string, string> };

export function parseFilter(s: Services, query: Record<string, string>): FilterResult {
  const r = filterSchema.safeParse(query);
  if (!r.success) return { ok: false, fields: fieldsOf(r.error) };
  if (r.data.communeId && !s.content.communeById.has(r.data.communeId)) return { ok: false, fields: { communeId: "xã/phường không có trong danh sách của tỉnh" } };
  const f: Filter = {};
  if (r.data.communeId) f.communeId = r.data.communeId;
  if (r.data.sector) f.sector = r.data.sector;
  if (r.data.sizeClass) f.sizeClass = r.data.sizeClass;
  if (r.data.legalForm) f.legalForm = r.data.legalForm;
  return { ok: true, filter: f };
}

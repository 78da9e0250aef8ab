// Form bodies as plain records, and the profile form read into the shape the API validates.
import type { Context } from "hono";

export type Form = Record<string, string | string[]>;

export async function formValues(c: Context): Promise<Form> {
  const body = await c.req.parseBody({ all: true });
  const out: Form = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

export const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function flat(form: Form): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, single(v)]));
}

export function profileFromForm(f: Record<string, string | undefined>) {
  const num = (x: string | undefined) => (x === undefined || x.trim() === "" ? undefined : Number(x.replace(",", ".")));
  return {
    profile: {
      name: f.name ?? "",
      legalForm: f.legalForm || undefined,
      taxCode: f.taxCode?.trim() ? f.taxCode : null,
      communeId: f.communeId ?? "",
      activityGroup: f.activityGroup || undefined,
      sector: f.sector || undefined,
      staff: num(f.staff),
      revenueBnVnd: num(f.revenueBnVnd) ?? null,
      capitalBnVnd: num(f.capitalBnVnd) ?? null,
    },
    consents: {
      report: f["consent.report"] === "yes",
      statistics: f["consent.statistics"] === "yes",
      contact: f["consent.contact"] === "yes",
    },
  };
}

export function prefix(fields: Record<string, string>, p: string) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${p}.${k}`, v]));
}

/** A positive integer id from a path segment, or null. */
export function idParam(raw: string | undefined): number | null {
  return raw && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
}

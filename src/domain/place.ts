// A business's commune as the owner's texts name it, and whether it is known to be in an area with
// difficult socio-economic conditions (what free e-invoices for 12 months depend on).

export const DIFFICULT_AREA_STATUSES = ["yes", "no", "unknown"] as const;
export type DifficultAreaStatus = (typeof DIFFICULT_AREA_STATUSES)[number];

export interface Place {
  name: string;
  kind: "ward" | "commune";
  difficultArea: DifficultAreaStatus;
  difficultAreaSource?: string | undefined;
}

/** The status as the roadmap takes it: true, false, or null when not known (never assumed either way). */
export function difficultAreaOf(place: Pick<Place, "difficultArea"> | undefined): boolean | null {
  return place?.difficultArea === "yes" ? true : place?.difficultArea === "no" ? false : null;
}

/** "xã Tủa Chùa", "phường Mường Thanh"; a generic phrase when the commune is not known. */
export function placeName(place: Pick<Place, "name" | "kind"> | undefined): string {
  return place ? `${place.kind === "ward" ? "phường" : "xã"} ${place.name}` : "xã, phường của cơ sở";
}

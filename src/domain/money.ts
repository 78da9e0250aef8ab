// Money as owners read it: "500.000 đồng", "1,5 triệu đồng", "Miễn phí" (or "1.5 million đồng", "Free").
// The words come from the message catalogue of the reader's language; the rules are the same in all.

/** The words and number style of one language (the catalogue's `money` section and its `intl`). */
export interface MoneyWords {
  intl: string;
  million: string;
  billion: string;
  dong: string;
  free: string;
  upTo: string;
  perYear: string;
  perMonth: string;
}

const fill = (template: string, n: string) => template.replace("{n}", n);
const scaleOf = (vnd: number) => (vnd >= 1_000_000_000 ? "billion" : vnd >= 1_000_000 ? "million" : "dong");

/** The number part of an amount, in its scale (millions, billions or đồng). */
function figure(vnd: number, w: MoneyWords): string {
  const scale = scaleOf(vnd);
  if (scale === "dong") return new Intl.NumberFormat(w.intl).format(vnd);
  return new Intl.NumberFormat(w.intl, { maximumFractionDigits: 1 }).format(vnd / (scale === "billion" ? 1_000_000_000 : 1_000_000));
}

export function formatVnd(vnd: number, w: MoneyWords): string {
  if (vnd === 0) return fill(w.dong, "0");
  return fill(w[scaleOf(vnd)], figure(vnd, w));
}

export function formatVndRange(r: { minVnd: number; maxVnd: number }, w: MoneyWords, per?: "year" | "month" | "one_off"): string {
  if (r.maxVnd === 0) return w.free;
  const unit = per === "year" ? w.perYear : per === "month" ? w.perMonth : "";
  if (r.minVnd === r.maxVnd) return `${formatVnd(r.maxVnd, w)}${unit}`;
  if (r.minVnd === 0) return `${w.upTo.replace("{amount}", formatVnd(r.maxVnd, w))}${unit}`;
  // "1 – 2 triệu đồng": the scale is said once when both ends are millions, or both billions.
  const sameScale = scaleOf(r.minVnd) === scaleOf(r.maxVnd) && scaleOf(r.minVnd) !== "dong";
  return `${sameScale ? figure(r.minVnd, w) : formatVnd(r.minVnd, w)} – ${formatVnd(r.maxVnd, w)}${unit}`;
}

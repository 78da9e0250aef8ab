// Money as Vietnamese owners read it: "500.000 đồng", "1,5 triệu đồng", "Miễn phí".
const nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

export function formatVnd(vnd: number): string {
  if (vnd === 0) return "0 đồng";
  if (vnd >= 1_000_000_000) return `${nf.format(vnd / 1_000_000_000)} tỷ đồng`;
  if (vnd >= 1_000_000) return `${nf.format(vnd / 1_000_000)} triệu đồng`;
  return `${new Intl.NumberFormat("vi-VN").format(vnd)} đồng`;
}

export function formatVndRange(r: { minVnd: number; maxVnd: number }, per?: "year" | "month" | "one_off"): string {
  if (r.maxVnd === 0) return "Miễn phí";
  const unit = per === "year" ? "/năm" : per === "month" ? "/tháng" : "";
  if (r.minVnd === r.maxVnd) return `${formatVnd(r.maxVnd)}${unit}`;
  if (r.minVnd === 0) return `Từ 0 đến ${formatVnd(r.maxVnd)}${unit}`;
  return `${formatVnd(r.minVnd).replace(/ (triệu|tỷ) đồng$/, (m) => (formatVnd(r.maxVnd).endsWith(m.trim()) ? "" : m))} – ${formatVnd(r.maxVnd)}${unit}`;
}

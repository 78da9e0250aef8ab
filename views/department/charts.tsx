// Server-rendered SVG charts: readable without JavaScript, each bar a link to the list behind it
// (staff pages), every value written next to its bar so the chart reads without colour.

export interface Bar {
  label: string;
  value: number | null;
  /** Text shown after the bar (defaults to the value). */
  text?: string;
  href?: string;
}

const esc = (n: number) => n.toFixed(1);

/** Horizontal bars, 0..max, with an optional target line (e.g. the Plan 2902 target %). */
// Each label sits on its own line above its bar, and the drawing is 400 units wide, so names of
// sectors and communes are never clipped and the text stays legible when a phone scales it down.
export function HBarChart(props: { id: string; title: string; bars: Bar[]; max: number; target?: { value: number; label: string } }) {
  const labelW = 0;
  const barW = 330;
  const rowH = 40;
  const top = props.target ? 22 : 6;
  const h = top + props.bars.length * rowH + 6;
  const x = (v: number) => labelW + (barW * Math.max(0, Math.min(v, props.max))) / props.max;
  return (
    <svg class="chart hbar" viewBox={`0 0 400 ${h}`} role="group" aria-labelledby={`${props.id}-t`}>
      <title id={`${props.id}-t`}>{props.title}</title>
      <line x1={labelW} y1={top - 2} x2={labelW} y2={h - 4} class="axis" />
      {props.target ? (
        <g class="target">
          <line x1={esc(x(props.target.value))} y1={top - 6} x2={esc(x(props.target.value))} y2={h - 4} stroke-dasharray="4 3" />
          <text x={esc(x(props.target.value))} y={top - 9} text-anchor="middle">
            {props.target.label}
          </text>
        </g>
      ) : null}
      {props.bars.map((b, i) => {
        const y = top + i * rowH;
        const body = (
          <g>
            <text x={labelW} y={y + 14} class="label">
              {b.label.length > 52 ? `${b.label.slice(0, 51)}…` : b.label}
            </text>
            {b.value === null ? null : <rect x={labelW} y={y + 19} width={esc(x(b.value) - labelW)} height="14" class="bar" />}
            <text x={esc((b.value === null ? labelW : x(b.value)) + 5)} y={y + 31} class="value">
              {b.text ?? (b.value === null ? "—" : String(b.value))}
            </text>
          </g>
        );
        return b.href ? <a href={b.href}>{body}</a> : body;
      })}
    </svg>
  );
}

/** Vertical columns (level distribution, quarters). */
export function ColumnChart(props: { id: string; title: string; bars: Bar[]; max?: number }) {
  const n = Math.max(1, props.bars.length);
  const w = 640;
  const h = 220;
  const base = 180;
  const colW = Math.min(70, (w - 20) / n - 8);
  const max = props.max ?? Math.max(1, ...props.bars.map((b) => b.value ?? 0));
  return (
    <svg class="chart col" viewBox={`0 0 ${w} ${h}`} role="group" aria-labelledby={`${props.id}-t`}>
      <title id={`${props.id}-t`}>{props.title}</title>
      <line x1="10" y1={base} x2={w - 10} y2={base} class="axis" />
      {props.bars.map((b, i) => {
        const cx = 10 + ((w - 20) / n) * (i + 0.5);
        const bh = ((b.value ?? 0) / max) * (base - 30);
        const body = (
          <g>
            <rect x={esc(cx - colW / 2)} y={esc(base - bh)} width={esc(colW)} height={esc(bh)} class="bar" />
            <text x={esc(cx)} y={esc(base - bh - 5)} text-anchor="middle" class="value">
              {b.text ?? (b.value === null ? "—" : String(b.value))}
            </text>
            <text x={esc(cx)} y={base + 16} text-anchor="middle" class="label">
              {b.label}
            </text>
          </g>
        );
        return b.href ? <a href={b.href}>{body}</a> : body;
      })}
    </svg>
  );
}

/** A KPI against its target: the bar to the value, a line at the target, 0-100 %. */
export function TargetBar(props: { id: string; title: string; valuePct: number | null; targetPct: number; targetLabel: string }) {
  const w = 300;
  const x = (v: number) => (w * Math.max(0, Math.min(100, v))) / 100;
  const tx = x(props.targetPct);
  return (
    <svg class="chart target-bar" viewBox={`0 0 ${w} 40`} role="img" aria-labelledby={`${props.id}-t`}>
      <title id={`${props.id}-t`}>{props.title}</title>
      <rect x="0" y="6" width={w} height="14" class="track" />
      {props.valuePct === null ? null : <rect x="0" y="6" width={esc(x(props.valuePct))} height="14" class="bar" />}
      <g class="target">
        <line x1={esc(tx)} y1="1" x2={esc(tx)} y2="25" />
        <text x={esc(Math.min(tx, w - 2))} y="37" text-anchor={tx > w - 40 ? "end" : "middle"}>
          {props.targetLabel}
        </text>
      </g>
    </svg>
  );
}

// Radar chart of the pillar scores as plain SVG: readable without JavaScript, on a 360 px screen.
export interface RadarSeries {
  label: string;
  values: (number | null)[];
  kind: "self" | "peer";
}

export function Radar(props: { axes: string[]; series: RadarSeries[]; title: string }) {
  // Drawn small and labelled large: on a 360 px phone the chart is about 300 px wide, so one unit is
  // about one pixel and a label stays at about 14 px, in two lines when it is long.
  const size = 320;
  const cx = size / 2;
  const cy = 150;
  const r = 70;
  const n = props.axes.length;
  const point = (i: number, v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + Math.cos(a) * r * (v / 100), cy + Math.sin(a) * r * (v / 100)] as const;
  };
  const ring = (v: number) =>
    props.axes.map((_, i) => point(i, v).map((x) => x.toFixed(1)).join(",")).join(" ");
  return (
    <svg class="radar" viewBox={`0 0 ${size} 310`} role="img" aria-labelledby="radar-title">
      <title id="radar-title">{props.title}</title>
      {[25, 50, 75, 100].map((v) => (
        <polygon points={ring(v)} fill="none" stroke="#c9d1d9" stroke-width="1" />
      ))}
      {props.axes.map((_, i) => {
        const [x, y] = point(i, 100);
        return <line x1={cx} y1={cy} x2={x.toFixed(1)} y2={y.toFixed(1)} stroke="#c9d1d9" stroke-width="1" />;
      })}
      {props.series.map((s) => (
        <polygon
          points={s.values.map((v, i) => point(i, v ?? 0).map((x) => x.toFixed(1)).join(",")).join(" ")}
          fill={s.kind === "self" ? "rgba(11,110,79,0.25)" : "none"}
          stroke={s.kind === "self" ? "#0b6e4f" : "#8a4b00"}
          stroke-width={s.kind === "self" ? "2.5" : "2"}
          stroke-dasharray={s.kind === "peer" ? "5 4" : undefined}
        />
      ))}
      {props.axes.map((label, i) => {
        const [x, y] = point(i, 124);
        const anchor = Math.abs(x - cx) < 8 ? "middle" : x > cx ? "start" : "end";
        const v = props.series[0]?.values[i];
        const lines = twoLines(label);
        // Labels above the centre grow upwards, so the chart never runs into them.
        const top = y - 2 - (y < cy ? (lines.length - 1) * 15 : 0);
        return (
          <text x={x.toFixed(1)} y={top.toFixed(1)} text-anchor={anchor}>
            {lines.map((line, k) => (
              <tspan x={x.toFixed(1)} dy={k === 0 ? "0" : "15"}>
                {line}
              </tspan>
            ))}
            {v === null || v === undefined ? null : (
              <tspan x={x.toFixed(1)} dy="15" font-weight="700">
                {Math.round(v)}
              </tspan>
            )}
          </text>
        );
      })}
    </svg>
  );
}

/** A long label in two lines, split at the space nearest its middle. */
function twoLines(label: string): string[] {
  if (label.length <= 9 || !label.includes(" ")) return [label];
  const spaces = [...label.matchAll(/ /g)].map((m) => m.index!);
  const cut = spaces.reduce((a, b) => (Math.abs(b - label.length / 2) < Math.abs(a - label.length / 2) ? b : a));
  return [label.slice(0, cut), label.slice(cut + 1)];
}

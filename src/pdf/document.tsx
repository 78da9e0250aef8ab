/** @jsxImportSource react */
// The A4 advisory report, laid out with react-pdf from a ReportData object. No data is looked up
// here: every figure and label arrives ready, so the same data always gives the same document.
import { Canvas, Document, Link, Page, Path, Polygon, Line, StyleSheet, Svg, Text, View, Rect } from "@react-pdf/renderer";
import { createContext, useContext, type ReactNode } from "react";
import { fmt } from "../../views/messages.ts";
import { wordsOf, type ReportWords } from "./words.ts";
import { REPORT_FONT, reportFace, type PdfPainter } from "./fonts.ts";
import type { ReportData, ReportPillar, ReportScheme } from "./reportData.ts";

const C = {
  brand: "#0b6e4f",
  brandLight: "#e8f3ef",
  ink: "#1c2b33",
  muted: "#56656d",
  line: "#d5dde0",
  grid: "#c9d1d9",
  accent: "#b3261e",
  peer: "#8a4b00",
  tagBg: "#fff3cd",
  tagInk: "#664d03",
  draftBg: "#fdecea",
};

/** Components read the words of the document being rendered (ReportDocument provides them). */
const Words = createContext<ReportWords>(wordsOf("vi"));
const useWords = () => useContext(Words);
const scoreText = (t: ReportWords["t"], x: number | null) => (x === null ? t.radar.notApplicable : String(Math.round(x)));

const s = StyleSheet.create({
  page: { fontFamily: REPORT_FONT, fontSize: 9.5, lineHeight: 1.45, color: C.ink, paddingTop: 44, paddingBottom: 58, paddingHorizontal: 48 },
  footer: {
    // Placed from the top: with an inherited lineHeight, react-pdf drops a fixed box placed with `bottom`.
    position: "absolute",
    left: 48,
    right: 48,
    top: 800,
    flexDirection: "row",
    justifyContent: "space-between",
    borderTopWidth: 0.6,
    borderTopColor: C.line,
    paddingTop: 6,
    fontSize: 7.5,
    color: C.muted,
  },
  kicker: { fontSize: 8.5, fontWeight: 700, color: C.brand },
  issuer: { fontSize: 8.5, color: C.muted },
  h1: { fontSize: 20, fontWeight: 700, lineHeight: 1.25, marginTop: 18, marginBottom: 4 },
  h2: { fontSize: 14, fontWeight: 700, lineHeight: 1.3, color: C.brand, marginBottom: 6, marginTop: 4 },
  h3: { fontSize: 11, fontWeight: 700, lineHeight: 1.35, marginBottom: 3 },
  h4: { fontSize: 9.5, fontWeight: 700, lineHeight: 1.4, marginTop: 6, marginBottom: 2 },
  lead: { color: C.muted, marginBottom: 8 },
  muted: { color: C.muted },
  small: { fontSize: 8, lineHeight: 1.4, color: C.muted },
  bold: { fontWeight: 700 },
  semi: { fontWeight: 600 },
  row: { flexDirection: "row" },
  card: { borderWidth: 0.8, borderColor: C.line, borderRadius: 4, padding: 10, marginBottom: 10 },
  tint: { backgroundColor: C.brandLight, borderRadius: 4, padding: 10, marginBottom: 10 },
  tag: { fontSize: 7.5, lineHeight: 1.4, fontWeight: 600, backgroundColor: C.tagBg, color: C.tagInk, paddingHorizontal: 4, paddingVertical: 1, borderRadius: 2 },
  bullet: { width: 12 },
  // "10." at 9.5 pt is about 14 pt wide: numbers get room for two digits and a space after them.
  number: { width: 18, paddingRight: 3, textAlign: "right", marginRight: 3 },
  flex1: { flex: 1 },
});

/**
 * Page numbers of one render. A react-pdf `render` prop re-lays out its whole page once more (and,
 * on a sheet that runs over several pages, the rest of the sheet at every break): on every page
 * that cost about a quarter of the render. So only the cover's number is a `render` prop, which
 * notes the page count; every other page draws its number while the PDF is written, after layout,
 * pages in order (each output page carries exactly one footer, `fixed`).
 */
interface PageNumbers {
  total: number;
  drawn: number;
}

/** Height of one footer line (7.5 pt at the page's line height), so the row keeps its height. */
const FOOTER_LINE = 7.5 * 1.45;
/** Wide enough for "Trang 999/999". */
const PAGE_NUMBER_WIDTH = 80;

const PageNumbersOfRender = createContext<PageNumbers>({ total: 0, drawn: 0 });

function Footer(props: { province: string; cover?: boolean }) {
  const { t, num, m } = useWords();
  const pages = useContext(PageNumbersOfRender);
  return (
    <View style={s.footer} fixed>
      <Text>{fmt(t.footer, { province: props.province })}</Text>
      {props.cover ? (
        <Text
          render={({ pageNumber, totalPages }) => {
            if (typeof totalPages === "number") pages.total = totalPages;
            return fmt(t.page, { n: pageNumber, total: totalPages });
          }}
        />
      ) : (
        <Canvas
          style={{ width: PAGE_NUMBER_WIDTH, height: FOOTER_LINE }}
          paint={(painter: PdfPainter, width: number) => {
            pages.drawn++;
            const label = fmt(t.page, { n: pages.drawn + 1, total: pages.total });
            const font = reportFace(400);
            const labelWidth = (font.layout(label).advanceWidth * 7.5) / font.unitsPerEm;
            // At y = 0 pdfkit puts the baseline one ascent below the top, as react-pdf lays out a line.
            painter.font(font, 7.5).fillColor(C.muted).text(label, width - labelWidth, 0, { lineBreak: false });
            return null;
          }}
        />
      )}
    </View>
  );
}

function Bullet(props: { children: ReactNode; mark?: string; color?: string }) {
  return (
    <View style={[s.row, { marginBottom: 2 }]} wrap={false}>
      <Text style={[props.mark && /^\d/.test(props.mark) ? s.number : s.bullet, props.color ? { color: props.color } : {}]}>{props.mark ?? "•"}</Text>
      <Text style={s.flex1}>{props.children}</Text>
    </View>
  );
}

function Qr(props: { qr: ReportData["link"]["qr"]; size: number }) {
  return (
    <Svg width={props.size} height={props.size} viewBox={`0 0 ${props.qr.size} ${props.qr.size}`}>
      <Rect x={0} y={0} width={props.qr.size} height={props.qr.size} fill="#ffffff" />
      <Path d={props.qr.path} fill="#000000" />
    </Svg>
  );
}

function Cover({ d }: { d: ReportData }) {
  const { t, num, m } = useWords();
  return (
    <Page size="A4" style={s.page}>
      <View style={{ borderBottomWidth: 2, borderBottomColor: C.brand, paddingBottom: 8 }}>
        <Text style={s.kicker}>{t.kicker}</Text>
        <Text style={s.issuer}>
          {`${m.site.owner} · ${m.site.runBy}`}
        </Text>
        <Text style={s.issuer}>{m.site.plan}</Text>
      </View>
      <Text style={s.h1}>{d.title}</Text>
      <Text style={[s.muted, { marginBottom: 16 }]}>{t.subject}</Text>

      <Text style={[s.small, { textTransform: "uppercase" }]}>{t.preparedFor}</Text>
      <Text style={{ fontSize: 17, fontWeight: 700, lineHeight: 1.3, marginBottom: 10 }}>{d.business.name}</Text>

      <View style={{ borderTopWidth: 0.8, borderTopColor: C.line, marginBottom: 12 }}>
        {d.business.facts.map((f) => (
          <View key={f.label} style={[s.row, { borderBottomWidth: 0.8, borderBottomColor: C.line, paddingVertical: 3.5 }]} wrap={false}>
            <Text style={[s.muted, { width: 150 }]}>{f.label}</Text>
            <Text style={[s.flex1, s.semi]}>{f.value}</Text>
          </View>
        ))}
        <View style={[s.row, { borderBottomWidth: 0.8, borderBottomColor: C.line, paddingVertical: 3.5 }]} wrap={false}>
          <Text style={[s.muted, { width: 150 }]}>{t.cover.questionnaire}</Text>
          <Text style={s.flex1}>{d.questionnaireLabel}</Text>
        </View>
      </View>

      <View style={[s.tint, s.row, { alignItems: "center" }]} wrap={false}>
        <LevelBadge level={d.level.level} />
        <View style={[s.flex1, { marginLeft: 12 }]}>
          <Text style={s.small}>{t.cover.summary}</Text>
          <Text style={{ fontSize: 13, fontWeight: 700, lineHeight: 1.3 }}>{fmt(t.cover.levelLine, { level: d.level.level, name: d.level.name })}</Text>
          <Text>{fmt(t.cover.overallLine, { score: num(d.overall), band: d.euBand.name })}</Text>
        </View>
      </View>
      {d.framing.statement ? <Text style={[s.small, { marginBottom: 8 }]}>{d.framing.statement}</Text> : null}

      <View style={[s.card, s.row, { alignItems: "center" }]} wrap={false}>
        <Qr qr={d.link.qr} size={84} />
        <View style={[s.flex1, { marginLeft: 12 }]}>
          <Text>{t.cover.qrCaption}</Text>
          <Link src={d.link.url} style={{ color: C.brand, fontWeight: 700, textDecoration: "none", marginVertical: 3 }}>
            {d.link.url}
          </Link>
          <Text style={s.small}>{t.cover.qrWarning}</Text>
        </View>
      </View>
      <Text style={s.small}>{fmt(t.generatedBy, { date: d.dateLabel })}</Text>
      <Footer province={d.province} cover />
    </Page>
  );
}

function LevelBadge(props: { level: number; size?: number }) {
  const size = props.size ?? 54;
  return (
    <View
      style={{
        width: size,
        height: size,
        borderRadius: size / 2,
        backgroundColor: C.brand,
        alignItems: "center",
        justifyContent: "center",
      }}
    >
      <Text style={{ color: "#ffffff", fontSize: size * 0.52, fontWeight: 700, lineHeight: 1 }}>{props.level}</Text>
    </View>
  );
}

function Headline({ d }: { d: ReportData }) {
  const { t, num, m } = useWords();
  const h = t.headline;
  const facts = [
    { label: h.overall, value: fmt(h.overallValue, { score: num(d.overall) }) },
    { label: h.euBand, value: fmt(h.euBandValue, { band: d.euBand.name, score: num(d.euBand.score) }) },
    { label: h.platformUse, value: d.usesDigitalPlatforms ? h.usesPlatforms : h.notUsesPlatforms },
  ];
  return (
    <View>
      <Text style={s.h2}>{h.heading}</Text>
      <View style={[s.row, { alignItems: "center", marginBottom: 8 }]} wrap={false}>
        <LevelBadge level={d.level.level} size={64} />
        <View style={[s.flex1, { marginLeft: 14 }]}>
          <Text style={s.small}>{h.levelLabel}</Text>
          <Text style={{ fontSize: 16, fontWeight: 700, lineHeight: 1.3 }}>{fmt(t.cover.levelLine, { level: d.level.level, name: d.level.name })}</Text>
          {d.level.gloss ? <Text style={s.muted}>{d.level.gloss}</Text> : null}
          {facts.map((f) => (
            <Text key={f.label}>
              <Text style={s.muted}>{`${f.label}: `}</Text>
              <Text style={s.semi}>{f.value}</Text>
            </Text>
          ))}
        </View>
      </View>
      <Text style={s.h4}>{h.meaningLabel}</Text>
      <Text style={{ marginBottom: 4 }}>{d.level.meaning}</Text>
      {d.level.provisional ? <Text style={[s.small, { marginBottom: 4 }]}>{h.provisional}</Text> : null}
      {d.framing.statement ? <Text style={[s.small, { marginBottom: 4 }]}>{d.framing.statement}</Text> : null}
      <Text style={[s.small, { marginBottom: 8 }]}>{h.euBandNote[d.euBand.basis]}</Text>

      <View style={s.tint}>
        {d.next.status === "top_level" ? (
          <Text>{h.topLevel}</Text>
        ) : (
          <>
            <Text style={s.h3} minPresenceAhead={60}>
              {fmt(h.nextHeading, { level: d.next.level, name: d.next.name })}
            </Text>
            <Text style={{ marginBottom: 4 }}>{fmt(h.nextMeaning, { level: d.next.level, meaning: d.next.meaning })}</Text>
            {d.next.status === "reached_by_plan" ? (
              <>
                <Text style={[s.muted, { marginBottom: 4 }]}>
                  {fmt(h.nextLead, { target: num(d.next.targetScore), n: d.next.steps.length, after: num(d.next.scoreAfter) })}
                </Text>
                {d.next.steps.map((st, i) => (
                  <Bullet key={i} mark={`${i + 1}.`}>
                    {`${st.action} `}
                    <Text style={s.small}>{`(${h.effort[st.effort]}; ${fmt(h.gain, { gain: num(st.gain) })})`}</Text>
                  </Bullet>
                ))}
              </>
            ) : (
              <Text style={[s.muted, { marginBottom: 4 }]}>
                {fmt(d.next.planSteps > 0 ? h.beyondPlan : h.noSteps, { target: num(d.next.targetScore), n: d.next.planSteps, after: num(d.next.scoreAfterPlan) })}
              </Text>
            )}
          </>
        )}
      </View>
    </View>
  );
}

/** Radar of the pillar scores with react-pdf's Svg; labels are ordinary Text so they use the report font. */
function Radar({ d }: { d: ReportData }) {
  const { t, num, m } = useWords();
  const W = 280;
  const H = 236;
  const cx = W / 2;
  const cy = H / 2 + 4;
  const r = 70;
  const n = d.pillars.length;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const point = (i: number, v: number) => [cx + Math.cos(angle(i)) * r * (v / 100), cy + Math.sin(angle(i)) * r * (v / 100)] as const;
  const ring = (v: number) => d.pillars.map((_, i) => point(i, v).map((x) => x.toFixed(1)).join(",")).join(" ");
  const series = (values: (number | null)[]) => values.map((v, i) => point(i, v ?? 0).map((x) => x.toFixed(1)).join(",")).join(" ");
  const labelW = 64;
  return (
    <View style={{ width: W, height: H, position: "relative" }}>
      <Svg width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
        {[25, 50, 75, 100].map((v) => (
          <Polygon key={v} points={ring(v)} fill="none" stroke={C.grid} strokeWidth={0.7} />
        ))}
        {d.pillars.map((p, i) => {
          const [x, y] = point(i, 100);
          return <Line key={p.id} x1={cx} y1={cy} x2={x} y2={y} stroke={C.grid} strokeWidth={0.7} />;
        })}
        <Polygon points={series(d.pillars.map((p) => p.score))} fill={C.brand} fillOpacity={0.22} stroke={C.brand} strokeWidth={1.8} />
        {d.peers ? (
          <Polygon points={series(d.peers.values)} fill="none" stroke={C.peer} strokeWidth={1.4} strokeDasharray="4 3" />
        ) : null}
      </Svg>
      {d.pillars.map((p, i) => {
        const [x, y] = point(i, 118);
        const centred = Math.abs(x - cx) < 6;
        // Labels stay inside the chart's box so they never run into the table beside it.
        const left = Math.max(0, Math.min(W - labelW, centred ? x - labelW / 2 : x > cx ? x + 2 : x - labelW - 2));
        const align = centred ? "center" : x > cx ? "left" : "right";
        const top = y < cy - 10 ? y - 20 : y > cy + 10 ? y - 4 : y - 12;
        return (
          <View key={p.id} style={{ position: "absolute", left, top, width: labelW }}>
            <Text style={{ fontSize: 7.5, lineHeight: 1.2, textAlign: align }}>{p.shortName}</Text>
            <Text style={{ fontSize: 8, fontWeight: 700, lineHeight: 1.2, textAlign: align, color: C.brand }}>{scoreText(t, p.score)}</Text>
          </View>
        );
      })}
    </View>
  );
}

function PillarTable({ d }: { d: ReportData }) {
  const { t, num, m } = useWords();
  const rt = t.radar;
  const cell = { paddingVertical: 3, borderBottomWidth: 0.6, borderBottomColor: C.line };
  return (
    <View style={s.flex1}>
      <View style={[s.row, cell, s.small]}>
        <Text style={s.flex1}>{rt.pillar}</Text>
        <Text style={{ width: 34, textAlign: "right" }}>{rt.score}</Text>
        {d.peers ? <Text style={{ width: 54, textAlign: "right" }}>{rt.peerShort}</Text> : null}
        {/* With the peers' column there is no room for the weights; they are in Appendix B. */}
        {d.peers ? null : <Text style={{ width: 42, textAlign: "right" }}>{rt.weight}</Text>}
      </View>
      {d.pillars.map((p, i) => (
        <View key={p.id} style={[s.row, cell]} wrap={false}>
          <Text style={s.flex1}>
            {p.name}
            {p.provisional ? <Text style={s.small}>{` (${rt.provisionalTag})`}</Text> : null}
          </Text>
          <Text style={[{ width: 34, textAlign: "right" }, s.bold]}>{scoreText(t, p.score)}</Text>
          {d.peers ? <Text style={{ width: 54, textAlign: "right", color: C.peer }}>{scoreText(t, d.peers.values[i] ?? null)}</Text> : null}
          {d.peers ? null : <Text style={{ width: 42, textAlign: "right" }}>{num(p.weight)}</Text>}
        </View>
      ))}
      <View style={[s.row, { marginTop: 8, alignItems: "center" }]}>
        <View style={{ width: 14, height: 6, backgroundColor: C.brand, opacity: 0.6, marginRight: 4 }} />
        <Text style={s.small}>{rt.self}</Text>
      </View>
      {d.peers ? (
        <View style={[s.row, { marginTop: 3, alignItems: "center" }]}>
          <Svg width={14} height={6}>
            <Line x1={0} y1={3} x2={14} y2={3} stroke={C.peer} strokeWidth={1.4} strokeDasharray="4 3" />
          </Svg>
          <Text style={[s.small, { marginLeft: 4, flex: 1 }]}>{fmt(rt.peer, { label: d.peers.label })}</Text>
        </View>
      ) : null}
    </View>
  );
}

function RadarSection({ d }: { d: ReportData }) {
  const { t, num, m } = useWords();
  return (
    // One unbreakable block: the heading never stays behind at the foot of a page without its chart.
    <View style={{ marginTop: 10, marginBottom: 12 }} wrap={false}>
      <Text style={s.h2}>{t.radar.heading}</Text>
      <Text style={s.lead}>{t.radar.lead}</Text>
      <View style={[s.row, { alignItems: "flex-start" }]}>
        <Radar d={d} />
        <View style={{ width: 14 }} />
        <PillarTable d={d} />
      </View>
    </View>
  );
}

/** Width of a pillar block on an A4 sheet: the page less its side padding. */
const CARD_INNER_WIDTH = 595.28 - 2 * 48;

/**
 * The score as a bar, drawn as an Svg (one piece of artwork, never split across pages).
 */
function ScoreBar(props: { score: number | null }) {
  const v = Math.max(0, Math.min(100, props.score ?? 0));
  const w = CARD_INNER_WIDTH;
  return (
    <Svg width={w} height={5} viewBox={`0 0 ${w} 5`} style={{ marginTop: 3, marginBottom: 5 }}>
      <Rect x={0} y={0} width={w} height={5} rx={2} ry={2} fill={C.line} />
      {v > 0 ? <Rect x={0} y={0} width={(w * v) / 100} height={5} rx={2} ry={2} fill={C.brand} /> : null}
    </Svg>
  );
}

function PillarBlock({ p }: { p: ReportPillar }) {
  const { t, num, m } = useWords();
  const pt = t.pillars;
  const strengths = p.strengths.map((x, i) => (
    <Bullet key={i} mark="+" color={C.brand}>
      {`${x.question} `}
      <Text style={s.muted}>{`— ${pt.answer}: “${x.answer}” (${fmt(pt.points, { earned: num(x.earned), possible: num(x.possible) })})`}</Text>
    </Bullet>
  ));
  const gaps = p.gaps.map((g, i) => (
    <View key={i} style={[s.row, { marginBottom: 3 }]} wrap={false}>
      <Text style={[s.bullet, { color: C.accent }]}>–</Text>
      <View style={s.flex1}>
        <Text>
          {`${g.question} `}
          <Text style={s.muted}>{`— ${pt.answer}: “${g.answer}” (${fmt(pt.lost, { points: num(g.pointsLost) })})`}</Text>
        </Text>
        {g.todo ? (
          <Text style={{ color: C.brand }}>
            <Text style={s.semi}>{`${pt.todo}: `}</Text>
            {g.todo}
          </Text>
        ) : null}
      </View>
    </View>
  ));
  // A heading (pillar name, "Điểm mạnh", "Điểm cần cải thiện") always goes to the page its first
  // item is on: each is kept in one unbreakable block with that item.
  return (
    // A rule above each pillar rather than a boxed card: react-pdf would not split a bordered box
    // across pages and left half pages empty.
    <View style={{ borderTopWidth: 1.5, borderTopColor: C.brand, paddingTop: 6, marginBottom: 12 }}>
      <View wrap={false}>
        <View style={[s.row, { justifyContent: "space-between", alignItems: "flex-start" }]}>
          <Text style={[s.h3, s.flex1]}>
            {p.name}
            {p.provisional ? <Text style={s.tag}>{` ${t.radar.provisionalTag} `}</Text> : null}
          </Text>
          <Text style={[s.h3, { marginLeft: 8, color: C.brand }]}>
            {p.score === null ? t.radar.notApplicable : fmt(pt.scoreOf, { score: Math.round(p.score) })}
          </Text>
        </View>
        <ScoreBar score={p.score} />
        <Text style={s.muted}>{p.description}</Text>
        <Text style={s.h4}>{pt.strengths}</Text>
        {strengths[0] ?? <Text style={s.muted}>{pt.noStrengths}</Text>}
      </View>
      {strengths.slice(1)}
      <View wrap={false}>
        <Text style={s.h4}>{pt.gaps}</Text>
        {gaps[0] ?? <Text style={s.muted}>{pt.noGaps}</Text>}
      </View>
      {gaps.slice(1)}
    </View>
  );
}

type RoadmapItem = ReportData["roadmap"]["horizons"][number]["actions"][number];

function RoadmapAction({ a, levelName }: { a: RoadmapItem; levelName: Map<number, string> }) {
  const { t, num, m } = useWords();
  const rt = t.roadmap;
  return (
    <View style={s.card}>
      <View wrap={false}>
        <View style={[s.row, { justifyContent: "space-between", alignItems: "flex-start" }]}>
          <Text style={[s.bold, s.flex1, { fontSize: 10.5, lineHeight: 1.35 }]}>{a.title}</Text>
          {a.helpsReachLevel !== null ? (
            <Text style={[s.tag, { marginLeft: 6 }]}>
              {fmt(rt.helpsReach, { level: a.helpsReachLevel, name: levelName.get(a.helpsReachLevel) ?? "" })}
            </Text>
          ) : null}
        </View>
        <Text style={{ marginTop: 2 }}>{a.summary}</Text>
        <Text style={[s.small, { marginTop: 2 }]}>{a.gainLabel}</Text>
      </View>
      {a.why.length ? (
        <View style={{ marginTop: 3 }}>
          <Text style={s.semi}>{rt.why}</Text>
          {a.why.map((w, i) => (
            <Bullet key={i}>
              <Text style={s.muted}>{w}</Text>
            </Bullet>
          ))}
        </View>
      ) : null}
      {a.platforms.length ? (
        <View style={{ marginTop: 3 }}>
          <Text style={s.semi}>{rt.platforms}</Text>
          {a.platforms.map((p, i) => (
            <Bullet key={i}>
              <Text style={s.semi}>{`${p.name} `}</Text>
              <Text style={s.muted}>{`· ${p.vendor} `}</Text>
              {`· ${p.priceLabel}`}
            </Bullet>
          ))}
        </View>
      ) : null}
      <View style={[s.row, { marginTop: 4, borderTopWidth: 0.6, borderTopColor: C.line, paddingTop: 4 }]} wrap={false}>
        <View style={[s.flex1, { paddingRight: 8 }]}>
          <Text style={s.small}>{rt.cost}</Text>
          <Text>{a.costLabel}</Text>
        </View>
        <View style={[{ flex: 1.6 }, { paddingRight: 8 }]}>
          <Text style={s.small}>{rt.support}</Text>
          {/* One line per scheme, as on the plan page: joined with "; " they read as one long sentence. */}
          {a.supportLabels.length ? a.supportLabels.map((l, i) => <Bullet key={i}>{l}</Bullet>) : <Text>{rt.noSupport}</Text>}
        </View>
        <View style={s.flex1}>
          <Text style={s.small}>{rt.ownerShare}</Text>
          <Text style={s.semi}>{a.ownerShareLabel}</Text>
        </View>
      </View>
    </View>
  );
}

/**
 * The roadmap. Headings and cards are direct children of the flow: react-pdf squeezes a card
 * whose start does not fit when it is the first child of a wrapping box (its lines overprinted and
 * the rest lost), and `minPresenceAhead` only acts on a child that has something before it.
 */
function roadmapBlocks(d: ReportData) {
  const { t, num, m } = wordsOf(d.locale);
  const rm = d.roadmap;
  const rt = t.roadmap;
  const levelName = new Map(d.method.levels.map((l) => [l.level, l.name]));
  const empty = rm.horizons.every((h) => h.actions.length === 0);
  return [
    <Text key="h" style={s.h2}>
      {rt.heading}
    </Text>,
    <Text key="lead" style={s.lead}>
      {rt.lead}
    </Text>,
    rm.maxSupportLabel ? (
      <Text key="max" style={[s.semi, { marginBottom: 8 }]}>
        {fmt(rt.maxSupport, { amount: rm.maxSupportLabel })}
      </Text>
    ) : null,
    empty ? (
      <Text key="nothing" style={{ marginBottom: 8 }}>
        {rt.nothing}
      </Text>
    ) : null,
    ...rm.horizons.flatMap((h, k) =>
      h.actions.length
        ? [
            // Kept with the title and summary of the first action (about 70 pt).
            <Text key={`h${k}`} style={[s.h3, { color: C.brand }]} minPresenceAhead={70}>
              {h.title}
            </Text>,
            ...h.actions.map((a) => <RoadmapAction key={a.id} a={a} levelName={levelName} />),
          ]
        : [],
    ),
    <Text key="cost" style={s.small}>
      {rm.costNote}
    </Text>,
    <Text key="cat" style={[s.small, { marginBottom: 14 }]}>
      {rt.catalogueNote}
    </Text>,
    ...(rm.law.length
      ? [
          <Text key="law" style={[s.h3, { color: C.brand }]} minPresenceAhead={70}>
            {rt.lawHeading}
          </Text>,
          ...rm.law.map((topic, k) => (
            <View key={`law${k}`} style={s.card}>
              <Text style={s.bold} minPresenceAhead={30}>
                {topic.title}
              </Text>
              <Text style={s.muted}>{topic.lead}</Text>
              {topic.duties.map((d, i) => (
                <Bullet key={i}>
                  {`${d.text} `}
                  <Text style={s.small}>{`(${rt.lawSource} ${d.source}${d.verify ? `; ${rt.lawVerify}` : ""})`}</Text>
                </Bullet>
              ))}
            </View>
          )),
          <Text key="lawnote" style={[s.small, { marginBottom: 14 }]}>
            {rm.lawNote}
          </Text>,
        ]
      : []),
  ];
}

function SchemeBlock({ sc }: { sc: ReportScheme }) {
  const { t, num, m } = useWords();
  const st = t.support;
  const draft = sc.status === "draft";
  const steps = sc.howToApply.map((step, i) => (
    <Bullet key={i} mark={`${i + 1}.`}>
      {step}
    </Bullet>
  ));
  return (
    <View style={[s.card, draft ? { borderColor: C.accent } : {}]}>
      {/* The name never ends a page alone: it goes with its tags and what the scheme gives. */}
      <View wrap={false}>
        <Text style={s.bold}>{sc.name}</Text>
        <View style={[s.row, { marginTop: 2, marginBottom: 4 }]}>
          <Text
            style={[
              s.tag,
              draft ? { backgroundColor: C.draftBg, color: C.accent } : { backgroundColor: C.brandLight, color: C.brand },
            ]}
          >
            {draft ? st.draft : st.inForce}
          </Text>
          <Text style={[s.small, { marginLeft: 6 }]}>{sc.kind === "national" ? st.national : st.provincial}</Text>
        </View>
        <Text style={{ marginBottom: 3 }}>{sc.description}</Text>
      </View>
      {sc.coverage ? (
        <Text style={{ marginBottom: 3 }}>
          <Text style={s.semi}>{`${st.coverage}: `}</Text>
          {sc.coverage}
        </Text>
      ) : null}
      <View wrap={false}>
        <Text style={s.h4}>{st.howToApply}</Text>
        {steps[0]}
      </View>
      {steps.slice(1)}
      <Text style={[s.small, { marginTop: 3 }]}>
        {`${st.legalBasis}: ${sc.legalBasis}`}
      </Text>
    </View>
  );
}

/** Section 5 as blocks of the flow that also holds the roadmap. */
function supportBlocks(d: ReportData) {
  const { t, num, m } = wordsOf(d.locale);
  const st = t.support;
  return [
    // Kept with the lead and the start of the first scheme (about 90 pt).
    <Text key="h" style={[s.h2, { marginTop: 6 }]} minPresenceAhead={90}>
      {st.heading}
    </Text>,
    <Text key="lead" style={s.lead}>
      {st.lead}
    </Text>,
    d.schemes.length === 0 ? (
      <Text key="none" style={{ marginBottom: 8 }}>
        {st.none}
      </Text>
    ) : null,
    ...d.schemes.map((sc, i) => <SchemeBlock key={`sc${i}`} sc={sc} />),
    ...supportContactBlocks(d),
  ];
}

function supportContactBlocks(d: ReportData) {
  const { t, num, m } = wordsOf(d.locale);
  const st = t.support;
  return [
      d.notEligible.length ? (
        <View key="ne" style={{ marginBottom: 10 }} wrap={false}>
          <Text style={s.h4}>{st.notEligibleHeading}</Text>
          {d.notEligible.map((x, i) => (
            <Bullet key={i}>
              <Text style={s.semi}>{`${x.name}: `}</Text>
              {x.reason}
            </Bullet>
          ))}
        </View>
      ) : null,
      <View key="contact" style={s.tint} wrap={false}>
        <Text style={s.h3}>{st.contactHeading}</Text>
        <Text style={s.bold}>{d.contact.organisation}</Text>
        {d.contact.parent ? <Text>{d.contact.parent}</Text> : null}
        <Text>{d.contact.address}</Text>
        {d.contact.phone ? <Text>{`${st.phone}: ${d.contact.phone}`}</Text> : null}
        {d.contact.zaloOA ? (
          <Text>
            {`${st.zalo}: `}
            <Link src={d.contact.zaloOA} style={{ color: C.brand, textDecoration: "none" }}>
              {d.contact.zaloOA}
            </Link>
          </Text>
        ) : null}
        {d.contact.website ? (
          <Text>
            {`${st.website}: `}
            <Link src={d.contact.website} style={{ color: C.brand, textDecoration: "none" }}>
              {d.contact.website}
            </Link>
          </Text>
        ) : null}
        {d.contact.hours ? <Text>{d.contact.hours}</Text> : null}
        {d.contact.note ? <Text style={[s.small, { marginTop: 3 }]}>{d.contact.note}</Text> : null}
      </View>,
  ];
}

const cell = { paddingVertical: 3, paddingRight: 6 };

function AnswerHead() {
  const { t, num, m } = useWords();
  const a = t.appendix;
  return (
    // `fixed` inside the table: repeated at the top of every page the table runs onto.
    <View style={[s.row, s.small, { borderBottomWidth: 1, borderBottomColor: C.ink, backgroundColor: "#ffffff" }]} fixed>
      <Text style={[cell, { width: 26 }]}>{a.number}</Text>
      <Text style={[cell, { width: "44%" }]}>{a.question}</Text>
      <Text style={[cell, s.flex1]}>{a.answer}</Text>
      <Text style={[cell, { width: 36, textAlign: "right", paddingRight: 0 }]}>{a.points}</Text>
    </View>
  );
}

/** All answers in one table that runs over as many pages as it needs, its column heads on each. */
function answerBlocks(d: ReportData) {
  const { t, num, m } = wordsOf(d.locale);
  const a = t.appendix;
  return [
    // Kept with its lead and the first rows: never left alone at the foot of a page.
    <Text key="h" style={s.h2} minPresenceAhead={90}>
      {a.answersHeading}
    </Text>,
    <Text key="lead" style={s.lead}>
      {a.answersLead}
    </Text>,
    <View key="table" style={{ marginBottom: 14 }}>
      <AnswerHead />
      {d.answerSections.flatMap((sec) =>
        sec.rows.map((row, i) => {
          const line = (
            <View key={`r${row.number}`} style={[s.row, { borderBottomWidth: 0.6, borderBottomColor: C.line }]} wrap={false}>
              <Text style={[cell, { width: 26 }, s.muted]}>{row.number}</Text>
              <Text style={[cell, { width: "44%" }]}>{row.question}</Text>
              <Text style={[cell, s.flex1]}>{row.answer}</Text>
              <Text style={[cell, { width: 36, textAlign: "right", paddingRight: 0 }]}>{row.points}</Text>
            </View>
          );
          // A section's title never ends a page: it is one unbreakable block with its first row,
          // however many lines that row's answer takes.
          return i === 0 ? (
            <View key={`s${row.number}`} wrap={false}>
              <Text style={[s.semi, { color: C.brand, marginTop: 6, paddingBottom: 1 }]}>{sec.title}</Text>
              {line}
            </View>
          ) : (
            line
          );
        }),
      )}
    </View>,
  ];
}

function SmallTable(props: { head: string[]; rows: string[][]; widths: (number | "flex")[] }) {
  const w = (i: number) => (props.widths[i] === "flex" ? { flex: 1 } : { width: props.widths[i] as number });
  return (
    <View style={{ marginBottom: 8 }} wrap={false}>
      <View style={[s.row, s.small, { borderBottomWidth: 1, borderBottomColor: C.ink }]}>
        {props.head.map((h, i) => (
          <Text key={i} style={[w(i), { paddingVertical: 2, paddingRight: 4 }]}>
            {h}
          </Text>
        ))}
      </View>
      {props.rows.map((r, j) => (
        <View key={j} style={[s.row, { borderBottomWidth: 0.6, borderBottomColor: C.line }]} wrap={false}>
          {r.map((c, i) => (
            <Text key={i} style={[w(i), { paddingVertical: 2, paddingRight: 4 }]}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/** Appendices B and C, blocks of the appendix flow; each heading kept with what follows it. */
function methodBlocks(d: ReportData) {
  const { t, num } = wordsOf(d.locale);
  const a = t.appendix;
  const m = d.method;
  return [
    <Text key="h" style={s.h2} minPresenceAhead={120}>
      {a.methodHeading}
    </Text>,
    <Text key="lead" style={{ marginBottom: 8 }}>
      {a.methodLead}
    </Text>,
    <View key="weights" wrap={false}>
      <Text style={s.h4}>{a.weightsHeading}</Text>
      <SmallTable
        head={[t.radar.pillar, t.radar.weight, a.share, a.status]}
        widths={["flex", 46, 46, 140]}
        rows={m.weights.map((w) => [w.name, num(w.weight), `${num(w.sharePercent)}%`, w.provisional ? a.provisional : a.confirmed])}
      />
    </View>,
    <View key="levels" style={s.row} wrap={false}>
      <View style={[s.flex1, { marginRight: 14 }]}>
        <Text style={s.h4}>{a.levelsHeading}</Text>
        <SmallTable
          head={[a.level, a.levelName, a.fromScore]}
          widths={[30, "flex", 70]}
          rows={m.levels.map((l) => [String(l.level), l.name, num(l.minScore)])}
        />
      </View>
      <View style={s.flex1}>
        <Text style={s.h4}>{a.bandsHeading}</Text>
        <SmallTable head={[a.band, a.upTo]} widths={["flex", 60]} rows={m.bands.map((b) => [b.name, num(b.maxScore)])} />
      </View>
    </View>,
    <View key="use" wrap={false}>
      <Text style={s.h4}>{a.platformUseHeading}</Text>
      <Text style={{ marginBottom: 6 }}>{m.platformUse}</Text>
    </View>,
    <Text key="provh" style={s.h4} minPresenceAhead={30}>
      {a.provisionalHeading}
    </Text>,
    ...m.provisionalNotes.map((n, i) => <Bullet key={`prov${i}`}>{n}</Bullet>),
  ];
}

function consentBlocks(d: ReportData) {
  const { t, num, m } = wordsOf(d.locale);
  const a = t.appendix;
  return [
    <View key="consent" style={{ marginTop: 14 }} wrap={false}>
      <Text style={s.h2}>{a.consentHeading}</Text>
      <Text style={{ marginBottom: 6 }}>{d.consent.lead}</Text>
    </View>,
    ...d.consent.purposes.map((p, i) => (
      <View key={`p${i}`} style={{ marginBottom: 5 }} wrap={false}>
        <Text style={s.semi}>
          <Text style={{ color: p.granted ? C.brand : C.accent }}>{`${p.granted ? a.granted : a.refused}: `}</Text>
          {p.label}
        </Text>
        <Text style={s.muted}>{p.detail}</Text>
      </View>
    )),
    <Text key="rights" style={{ marginTop: 4 }}>
      {d.consent.rights}
    </Text>,
  ];
}

/**
 * One A4 sheet (a react-pdf Page) with the footer, holding a flow that runs over as many pages as
 * it needs. Everything after the cover is one flow, so a section continues on the page where the
 * previous one ended: a Page per section left pages mostly blank (decision 007). react-pdf lays out
 * again everything after each break, which makes the flow cost more.
 */
function Sheet(props: { d: ReportData; children: ReactNode }) {
  return (
    <Page size="A4" style={s.page}>
      {/* One flowing box: react-pdf splits a tall card across pages inside a View, where as a
          direct child of the Page it would move the whole card to the next page. Blocks are its
          direct children (see roadmapBlocks for why). */}
      <View>{props.children}</View>
      <Footer province={props.d.province} />
    </Page>
  );
}

function pillarBlocks(d: ReportData) {
  const { t, num, m } = wordsOf(d.locale);
  return [
    // Kept with the lead and the first pillar's name, bar and description (about 120 pt).
    <Text key="h" style={s.h2} minPresenceAhead={120}>
      {t.pillars.heading}
    </Text>,
    <Text key="lead" style={s.lead}>
      {t.pillars.lead}
    </Text>,
    ...d.pillars.map((p) => <PillarBlock key={p.id} p={p} />),
  ];
}

export function ReportDocument({ d }: { d: ReportData }) {
  const words = wordsOf(d.locale);
  const { t, m } = words;
  return (
    <Words.Provider value={words}>
    <PageNumbersOfRender.Provider value={{ total: 0, drawn: 0 }}>
    <Document title={`${d.title} — ${d.business.name}`} author={m.site.runBy} subject={t.subject} language={d.locale} creator={m.site.title} producer={m.site.title}>
      <Cover d={d} />
      <Sheet d={d}>
        <Headline d={d} />
        <RadarSection d={d} />
        {pillarBlocks(d)}
        {roadmapBlocks(d)}
        {supportBlocks(d)}
        {answerBlocks(d)}
        {methodBlocks(d)}
        {consentBlocks(d)}
      </Sheet>
    </Document>
    </PageNumbersOfRender.Provider>
    </Words.Provider>
  );
}

// Be Vietnam Pro (static TTF, full Vietnamese coverage) for every text of the report, chart labels
// included: react-pdf's built-in Helvetica has no Vietnamese glyphs. react-pdf embeds a subset.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Font } from "@react-pdf/renderer";

export const REPORT_FONT = "BeVietnamPro";

/** Longer than any Vietnamese word: only such tokens (codes, links) may be broken across lines. */
const UNBREAKABLE_MAX = 28;

let registered = false;

export function registerReportFonts(): void {
  if (registered) return;
  const dir = dirname(createRequire(import.meta.url).resolve("@expo-google-fonts/be-vietnam-pro/package.json"));
  const file = (weight: string) => join(dir, weight, `BeVietnamPro_${weight}.ttf`);
  Font.register({
    family: REPORT_FONT,
    fonts: [
      { src: file("400Regular"), fontWeight: 400 },
      { src: file("600SemiBold"), fontWeight: 600 },
      { src: file("700Bold"), fontWeight: 700 },
    ],
  });
  // react-pdf hyphenates with English rules by default, which splits Vietnamese syllables
  // ("chuyển" → "chuy-ển"). Words stay whole; only an absurdly long token is cut, so it cannot
  // run off the page.
  Font.registerHyphenationCallback((word) => {
    if (word.length <= UNBREAKABLE_MAX) return [word];
    const parts: string[] = [];
    for (let i = 0; i < word.length; i += UNBREAKABLE_MAX) parts.push(word.slice(i, i + UNBREAKABLE_MAX));
    return parts;
  });
  registered = true;
}

/** The parts of a fontkit font the report uses outside react-pdf's own text layout. */
export interface ReportFace {
  unitsPerEm: number;
  layout(text: string): { advanceWidth: number };
}

const WEIGHTS = [400, 600, 700] as const;

/**
 * Shaped runs kept per face. Most of a report's text is the same in every report (questions,
 * answer options, labels, the method and consent, scheme texts), and shaping a run with the
 * font's GSUB/GPOS tables (Vietnamese stacks marks on most letters) was about a quarter of a
 * render. Bounded, so a worker's memory stays flat; least recently used goes first.
 */
const SHAPED_RUNS_MAX = 4000;

type Layout = (text: unknown, features?: unknown, script?: unknown, language?: unknown, direction?: unknown) => unknown;

function keepShapedRuns(face: { layout: Layout }): void {
  const shape = face.layout.bind(face);
  const runs = new Map<string, unknown>();
  face.layout = (text, features, script, language, direction) => {
    // Only what react-pdf's text layout asks for: a string, no OpenType features, no script.
    const plain = typeof text === "string" && Array.isArray(features) && features.length === 0 && script === undefined && language === undefined;
    if (!plain) return shape(text, features, script, language, direction);
    const key = `${String(direction)}\u0000${text}`;
    let run = runs.get(key);
    if (run !== undefined) {
      runs.delete(key); // most recently used last
    } else {
      // react-pdf reads a shaped run and copies what it changes: one object can serve every render.
      run = shape(text, features, script, language, direction);
      if (runs.size >= SHAPED_RUNS_MAX) runs.delete(runs.keys().next().value!);
    }
    runs.set(key, run);
    return run;
  };
}

let loaded: Promise<void> | null = null;

/** Registers the fonts, parses every weight once per thread, and keeps shaped runs (see above). */
export function loadReportFonts(): Promise<void> {
  return (loaded ??= (async () => {
    registerReportFonts();
    for (const weight of WEIGHTS) {
      await Font.load({ fontFamily: REPORT_FONT, fontWeight: weight });
      keepShapedRuns(Font.getFont({ fontFamily: REPORT_FONT, fontWeight: weight })!.data as unknown as { layout: Layout });
    }
  })());
}

/** The loaded face of one weight (loaded by react-pdf's layout before any page is drawn). */
export function reportFace(weight: 400 | 600 | 700): ReportFace {
  const face = Font.getFont({ fontFamily: REPORT_FONT, fontWeight: weight })?.data as ReportFace | null | undefined;
  if (!face) throw new Error(`report font ${weight} not loaded`);
  return face;
}

/** What react-pdf's Canvas hands to `paint` (a subset of pdfkit's document, calls chained). */
export interface PdfPainter {
  font(face: ReportFace, size: number): PdfPainter;
  fillColor(color: string): PdfPainter;
  text(text: string, x: number, y: number, options?: { lineBreak?: boolean }): PdfPainter;
}

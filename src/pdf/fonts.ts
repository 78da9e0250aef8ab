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

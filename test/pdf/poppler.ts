// PDF inspection with poppler-utils (pdftotext, pdffonts). Without them the PDF content tests are
// skipped loudly; REQUIRE_POPPLER=1 (CI) makes that a failure instead.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";

const BIN = process.env.POPPLER_BIN ?? "/usr/bin";
export const popplerAvailable = existsSync(join(BIN, "pdftotext")) && existsSync(join(BIN, "pdffonts"));

if (!popplerAvailable) {
  if (process.env.REQUIRE_POPPLER === "1") throw new Error(`REQUIRE_POPPLER=1 but no pdftotext/pdffonts in ${BIN} (apt-get install poppler-utils)`);
  const line = "!".repeat(78);
  console.warn(`\n${line}\n!! PDF CONTENT TESTS SKIPPED: no pdftotext/pdffonts in ${BIN}.\n!! Enable them with: apt-get install poppler-utils\n${line}\n`);
}

/** `describe` for tests that read the PDF: skipped (loudly, above) where poppler is missing. */
export const popplerSuite = popplerAvailable ? describe : describe.skip;

function withFile<T>(pdf: Uint8Array, run: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "dx-pdf-"));
  try {
    const path = join(dir, "report.pdf");
    writeFileSync(path, pdf);
    return run(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text in content order, whitespace (line breaks of the layout) collapsed to single spaces. */
export function pdfText(pdf: Uint8Array): string {
  return withFile(pdf, (p) => execFileSync(join(BIN, "pdftotext"), ["-raw", "-enc", "UTF-8", p, "-"], { encoding: "utf8" }))
    .replace(/\s+/g, " ")
    .trim();
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(pdf: Uint8Array): PdfFont[] {
  const out = withFile(pdf, (p) => execFileSync(join(BIN, "pdffonts"), [p], { encoding: "utf8" }));
  // name, type (may contain spaces), encoding, emb, sub, uni, object, id
  return out
    .split("\n")
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
      if (!m) throw new Error(`unexpected pdffonts line: ${l}`);
      return { name: m[1]!, type: m[2]!, embedded: m[4] === "yes", subset: m[5] === "yes" };
    });
}

export interface WordBox {
  page: number;
  pageWidth: number;
  pageHeight: number;
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box on its page (points), to check nothing runs off the page. */
export function pdfWordBoxes(pdf: Uint8Array): WordBox[] {
  const html = withFile(pdf, (p) => execFileSync(join(BIN, "pdftotext"), ["-bbox", "-enc", "UTF-8", p, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }));
  const boxes: WordBox[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[1]) {
      page++;
      pageWidth = Number(m[1]);
      pageHeight = Number(m[2]);
    } else {
      boxes.push({ page, pageWidth, pageHeight, word: m[7]!, xMin: Number(m[3]), yMin: Number(m[4]), xMax: Number(m[5]), yMax: Number(m[6]) });
    }
  }
  return boxes;
}

/** The body lines of each page (footer left out), top to bottom: words on one baseline joined by spaces. */
export function pdfBodyLines(boxes: WordBox[], footerTop = 790): string[][] {
  const pages = Math.max(0, ...boxes.map((b) => b.page));
  return Array.from({ length: pages }, (_, i) => {
    const lines = new Map<number, WordBox[]>();
    for (const b of boxes.filter((x) => x.page === i + 1 && x.yMax < footerTop)) {
      const key = Math.round(b.yMax);
      // Words of one line share a baseline to within a point (bold and regular runs differ slightly).
      const near = [...lines.keys()].find((k) => Math.abs(k - key) <= 1);
      lines.set(near ?? key, [...(lines.get(near ?? key) ?? []), b]);
    }
    return [...lines.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, words]) => words.sort((a, b) => a.xMin - b.xMin).map((w) => w.word).join(" "));
  });
}

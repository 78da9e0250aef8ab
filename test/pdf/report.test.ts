// The PDF report through the app: what an owner downloads from /a/{code}/report.pdf.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportPool } from "../../src/pdf/pool.ts";
import { pickBest, pickMixed, pickWorst } from "../answering.ts";
import { makeTestApp, profile, type TestApp } from "../helpers.ts";
import { assessed } from "./fixtures.ts";
import { vi } from "../../views/messages.ts";
import { createServices, findByCode } from "../../src/services/assessments.ts";
import { buildReportData } from "../../src/pdf/reportData.ts";
import { localizeContent } from "../../src/content/translations.ts";
import { pdfBodyLines, pdfFonts, pdfText, pdfWordBoxes, popplerSuite } from "./poppler.ts";

const PUBLIC_URL = "https://danhgia.dienbien.gov.vn";
let pool: ReportPool;
let t: TestApp;

beforeAll(async () => {
  pool = new ReportPool({ size: 1, timeoutMs: 60_000 });
  await pool.warm();
  t = makeTestApp({ reportPool: pool, publicUrl: PUBLIC_URL });
});
afterAll(async () => {
  await pool.close();
  t.cleanup();
});

const req = (path: string, init?: RequestInit) => t.app.request(path, init);

async function pdfOf(code: string) {
  const res = await req(`/a/${code}/report.pdf`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  const pdf = new Uint8Array(await res.arrayBuffer());
  expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  return { res, pdf };
}

describe("GET /a/{code}/report.pdf", () => {
  it("serves the report inline with a Vietnamese file name and an ASCII fallback", async () => {
    const { code } = await assessed(t, profile(), pickMixed);
    const { res, pdf } = await pdfOf(code);
    const cd = res.headers.get("content-disposition")!;
    expect(cd).toMatch(/^inline; /);
    expect(cd).toContain('filename="bao-cao-chuyen-doi-so-Ho-kinh-doanh-Che-Shan-Tuyet-Tua-Chua.pdf"');
    const star = /filename\*=UTF-8''([^;]+)/.exec(cd)![1]!;
    expect(decodeURIComponent(star)).toBe("Báo cáo chuyển đổi số - Hộ kinh doanh Chè Shan Tuyết Tủa Chùa.pdf");
    expect(res.headers.get("cache-control")).toBe("no-store") // as every reply about one business (stored nowhere, shared caches included);
    expect(pdf.byteLength).toBeLessThan(300 * 1024);
  });

  it("answers a code that finds nothing with the same 404 page as other /a/{code} routes, and counts the miss", async () => {
    const limited = makeTestApp({ reportPool: pool, limits: { lookup: { max: 2, windowMs: 60_000 } } });
    try {
      const missing = "7K2M-9QXA-4TB0";
      const pdf = await limited.app.request(`/a/${missing}/report.pdf`);
      const page = await limited.app.request(`/a/${missing}/result`);
      expect(pdf.status).toBe(404);
      expect(page.status).toBe(404);
      const body = await pdf.text();
      expect(body).toContain("Không tìm thấy");
      expect(body).toBe(await page.text());
      // Two misses used the allowance: the next lookup from this address is refused.
      const third = await limited.app.request(`/a/${missing}/report.pdf`);
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    } finally {
      limited.cleanup();
    }
  });

  it("explains in Vietnamese (409) that an assessment not yet submitted has no report", async () => {
    const { code } = await assessed(t, profile({ name: "Hộ kinh doanh Lò Thị Hoa" }), pickMixed, false);
    const res = await req(`/a/${code}/report.pdf`);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const body = await res.text();
    expect(body).toContain("chưa nộp nên chưa có báo cáo PDF");
    expect(body).toContain(`href="/a/${code}"`);
  });
});

/** No sheet spills a scrap onto an otherwise blank page: every page has body text above the footer. */
function expectNoBlankPage(boxes: ReturnType<typeof pdfWordBoxes>) {
  const pages = Math.max(...boxes.map((b) => b.page));
  for (let page = 1; page <= pages; page++) {
    const body = boxes.filter((b) => b.page === page && b.yMax < 790);
    expect(body.length, `page ${page} has only ${body.length} words`).toBeGreaterThanOrEqual(12);
  }
}

popplerSuite("the PDF in English", () => {
  it("takes its words from the English catalogue and its questions, pillars and steps from the English content; the scores are the Vietnamese report's", async () => {
    const { code } = await assessed(t, profile(), pickMixed);
    const s = createServices(t.db, t.content);
    const found = findByCode(s, code);
    if (!found.ok) throw new Error("assessment not found");
    const inputs = { code, publicUrl: PUBLIC_URL, now: new Date("2026-12-03T03:00:00Z") };
    const viData = buildReportData(s, found.value.row, inputs);
    const enData = buildReportData(s, found.value.row, { ...inputs, locale: "en" });
    expect(enData.locale).toBe("en");
    expect([enData.overall, enData.level.level, enData.pillars.map((p) => p.score)]).toEqual([viData.overall, viData.level.level, viData.pillars.map((p) => p.score)]);
    const english = localizeContent(t.content, "en").current;
    const text = pdfText(await pool.render(enData));
    for (const heading of ["1. Overall result", "4. Digital transformation roadmap", "5. Support policies that may apply", "Appendix A. All answers", "Page 1/"]) expect(text).toContain(heading);
    for (const p of english.pillars) expect(text).toContain(p.name);
    expect(english.pillars.map((p) => p.name)).not.toEqual(t.content.current.pillars.map((p) => p.name));
    const firstQuestion = enData.answerSections[0]!.rows[0]!.question;
    expect(english.questions.map((x) => x.text)).toContain(firstQuestion);
    expect(text).toContain(firstQuestion.split(" ").slice(0, 4).join(" "));
    for (const vietnamese of ["1. Kết quả chung", "Phụ lục A", "Trang 1/"]) expect(text).not.toContain(vietnamese);
  });

  it("is what an owner reading in English downloads (?lang=en), while the Vietnamese link still gives the Vietnamese report", async () => {
    const { code } = await assessed(t, profile(), pickMixed);
    const en = await req(`/a/${code}/report.pdf?lang=en`);
    expect(en.status).toBe(200);
    expect(en.headers.get("content-language")).toBe("en");
    expect(en.headers.get("content-disposition")).toContain('filename="digital-transformation-report-Ho-kinh-doanh-Che-Shan-Tuyet-Tua-Chua.pdf"');
    const enText = pdfText(new Uint8Array(await en.arrayBuffer()));
    expect(enText).toContain("1. Overall result");
    expect(enText).toContain("Legal form");
    const vi = await req(`/a/${code}/report.pdf?lang=vi`);
    expect(vi.headers.get("content-language")).toBe("vi");
    const viText = pdfText(new Uint8Array(await vi.arrayBuffer()));
    expect(viText).toContain("1. Kết quả chung");
    expect(viText).not.toContain("1. Overall result");
    // The result page links to the report in its own language.
    expect(await (await req(`/a/${code}/result?lang=en`)).text()).toContain(`href="/a/${code}/report.pdf?lang=en"`);
    expect(await (await req(`/a/${code}/result?lang=vi`)).text()).toContain(`href="/a/${code}/report.pdf"`);
  });
});

popplerSuite("the PDF as an owner reads it", () => {
  it("names the business, its level and the 7 pillars with correct diacritics, in subset TrueType fonts only", async () => {
    const { code, level } = await assessed(t, profile(), pickMixed);
    const { pdf } = await pdfOf(code);
    const text = pdfText(pdf);
    const q = t.content.current;
    expect(text).toContain("Hộ kinh doanh Chè Shan Tuyết Tủa Chùa");
    const levelName = q.levels.find((l) => l.level === level)!.name;
    expect(text).toContain(`Mức ${level} (thang 0–5) — ${levelName}`);
    for (const p of q.pillars) expect(text).toContain(p.name);
    expect(q.pillars.map((p) => p.name)).toContain("Quản lý rủi ro và an toàn thông tin mạng");
    // Sections the owner relies on: roadmap, support and its contact point, the appendices.
    for (const heading of ["4. Lộ trình chuyển đổi số", "5. Chính sách hỗ trợ có thể áp dụng", "Đầu mối liên hệ của tỉnh", "Phụ lục A", "Phụ lục B", "Phụ lục C"])
      expect(text).toContain(heading);
    // The short link back to the online result, and page numbers.
    expect(text).toContain(`${PUBLIC_URL}/a/${code}`);
    expect(text).toMatch(/Trang 1\/(\d+)/);
    // A household is told why Decree 80 support is not for it, not shown it as if it were.
    expect(text).toMatch(/Chưa thuộc diện .*Nghị định 80\): dành cho doanh nghiệp/);

    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.subset, f.name).toBe(true);
      expect(f.name).toMatch(/^[A-Z]{6}\+BeVietnamPro-/);
      expect(f.type).toMatch(/TrueType/);
    }
    expect(fonts.some((f) => /helvetica|times|courier/i.test(f.name))).toBe(false);
    expect(pdf.byteLength).toBeLessThan(300 * 1024);
    expectNoBlankPage(pdfWordBoxes(pdf));
  });

  it("keeps a 200-character name and long answers whole and inside the page margins", async () => {
    const name = ("Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp Chè Shan Tuyết Cổ thụ Tủa Chùa và Cà phê Mường Ảng " +
      "chuyên sản xuất, chế biến, tiêu thụ sản phẩm OCOP bốn sao của bà con các dân tộc Thái, H'Mông vùng cao Điện Biên")
      .slice(0, 200)
      .trim();
    expect(name.length).toBeGreaterThanOrEqual(198);
    // pickBest ticks every useful option of multiple-choice questions: the longest answers.
    const { code } = await assessed(t, profile({ name, legalForm: "cooperative", taxCode: "5600123456" }), pickBest);
    const { pdf } = await pdfOf(code);
    expect(pdfText(pdf)).toContain(name);
    const boxes = pdfWordBoxes(pdf);
    expect(boxes.length).toBeGreaterThan(500);
    const outside = boxes.filter((b) => b.xMin < 47 || b.xMax > b.pageWidth - 47 || b.yMin < 20 || b.yMax > b.pageHeight - 10);
    expect(outside.map((b) => `p${b.page} "${b.word}" x ${b.xMin}-${b.xMax} y ${b.yMin}-${b.yMax}`)).toEqual([]);
    expectNoBlankPage(boxes);
  });

  it("numbers every page 'Trang n/N' in order, N the real page count, at the same place on every page", async () => {
    const { code } = await assessed(t, profile(), pickMixed);
    const { pdf } = await pdfOf(code);
    const boxes = pdfWordBoxes(pdf);
    const pages = Math.max(...boxes.map((b) => b.page));
    expect(pages).toBeGreaterThan(8);
    const numbers = boxes.filter((b) => b.yMin > 790 && /^\d+\/\d+$/.test(b.word));
    expect(numbers.map((b) => `${b.page}:${b.word}`)).toEqual(Array.from({ length: pages }, (_, i) => `${i + 1}:${i + 1}/${pages}`));
    // Right-aligned to the margin, on the footer's line (the cover's number is laid out by react-pdf).
    for (const b of numbers) {
      expect(b.xMax).toBeCloseTo(numbers[0]!.xMax, 1);
      expect(b.yMin).toBeCloseTo(numbers[0]!.yMin, 1);
    }
  });

  it("lays out a report the same whatever the worker rendered before it (shaped text is reused across renders)", async () => {
    const a = await assessed(t, profile({ name: "Hộ kinh doanh Quàng Văn Ánh" }), pickMixed);
    const b = await assessed(t, profile({ name: "Công ty TNHH Du lịch Mường Phăng", legalForm: "company", sector: "tourism", activityGroup: "trade_services", taxCode: "5600123457" }), pickBest);
    const first = pdfWordBoxes((await pdfOf(a.code)).pdf);
    await pdfOf(b.code);
    const again = pdfWordBoxes((await pdfOf(a.code)).pdf);
    expect(first.length).toBeGreaterThan(500);
    expect(again).toEqual(first);
  });

  // Three businesses whose page breaks fall in different places.
  const layouts = [
    { label: "a household with the lowest answers", p: profile(), pick: pickWorst },
    { label: "a tourism company with mixed answers", p: profile({ name: "Công ty TNHH Du lịch Mường Phăng", legalForm: "company", sector: "tourism", activityGroup: "trade_services", taxCode: "5600123457", staff: 25, revenueBnVnd: 12 }), pick: pickMixed },
    { label: "a border-trade company with the best answers", p: profile({ name: "Công ty Cổ phần Thương mại Biên mậu Tây Trang", legalForm: "company", sector: "border_trade", activityGroup: "trade_services", taxCode: "5600123458", staff: 60, revenueBnVnd: 80 }), pick: pickBest },
  ];
  for (const { label, p, pick } of layouts) {
    it(`never ends a page on a heading nor leaves a page nearly empty, for ${label}`, async () => {
      const { code } = await assessed(t, p, pick);
      const { pdf } = await pdfOf(code);
      const pages = pdfBodyLines(pdfWordBoxes(pdf));
      const r = vi.report.pdf;
      const headings = [
        r.radar.heading, r.pillars.heading, r.roadmap.heading, r.support.heading, r.appendix.answersHeading, r.appendix.methodHeading, r.appendix.consentHeading,
        r.pillars.strengths, r.pillars.gaps, r.support.howToApply, r.support.contactHeading,
        ...t.content.current.pillars.map((x) => x.name),
      ];
      // Roadmap horizons are titled like "Làm ngay (0-3 tháng)".
      // A pillar's name shares its line with its score; a long heading's first line is a prefix of it.
      const isHeading = (line: string) => {
        const bare = line.replace(/\s+\d+\/100$/, "");
        return /\(\d+\s*[-–]\s*\d+ tháng\)$/.test(bare) || headings.some((h) => h === bare || h.startsWith(`${bare} `));
      };
      pages.forEach((lines, i) => {
        const last = lines.at(-1) ?? "";
        // A heading's first line is the last on the page: its content went to the next page.
        expect(isHeading(last), `page ${i + 1} ends on "${last}"`).toBe(false);
        // Sections continue where the previous one ended, so only the last page may be short.
        if (i < pages.length - 1) expect(lines.length, `page ${i + 1}: ${lines.join(" / ")}`).toBeGreaterThanOrEqual(15);
      });
    });
  }

  it("prints a name typed with combining accents (NFD) as the precomposed letters, so it reads and searches right", async () => {
    const name = "Hộ kinh doanh Lò Thị Hoa";
    const { code } = await assessed(t, profile({ name: name.normalize("NFD") }), pickMixed);
    const { pdf } = await pdfOf(code);
    expect(pdfText(pdf)).toContain(name.normalize("NFC"));
  });

  it("breaks a name that is one unbroken token instead of letting it run off the page", async () => {
    const name = `HTX${"A".repeat(150)}`;
    const { code } = await assessed(t, profile({ name, legalForm: "cooperative", taxCode: "5600123456" }), pickMixed);
    const { pdf } = await pdfOf(code);
    const outside = pdfWordBoxes(pdf).filter((b) => b.xMin < 47 || b.xMax > b.pageWidth - 47);
    expect(outside.map((b) => `p${b.page} "${b.word}" ${b.xMin}-${b.xMax}`)).toEqual([]);
  });
});

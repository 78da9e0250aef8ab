// The blank paper form of each sector (GET /paper-form.pdf): every question a business of that
// sector may be asked is on it with every option and its code, follow-ups say when to answer them,
// the consent text and signature lines are there, it prints in black and white, and the same form
// is rendered once.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { paperFormOf, paperQuestions, readTypedCodes } from "../../src/domain/paperForm.ts";
import { ACTIVITY_GROUPS, LEGAL_FORMS, SECTORS, SIZE_CLASSES, type Sector } from "../../src/domain/questionnaire.ts";
import { profileConditionHolds } from "../../src/domain/scoring.ts";
import { ReportPool } from "../../src/pdf/pool.ts";
import { vi } from "../../views/messages.ts";
import { paperFormData, paperFormKey } from "../../src/pdf/paperFormData.ts";
import { localizeContent } from "../../src/content/translations.ts";
import { content, makeTestApp, type TestApp } from "../helpers.ts";
import { pdfText, popplerSuite } from "./poppler.ts";

const c = content();
const q = c.current;
let pool: ReportPool;
let t: TestApp;
const pdfs = new Map<Sector, Uint8Array>();

beforeAll(async () => {
  pool = new ReportPool({ size: 1, timeoutMs: 120_000 });
  await pool.warm();
  t = makeTestApp({ reportPool: pool });
}, 120_000);
afterAll(async () => {
  await pool.close();
  t.cleanup();
});

/** The questions a business of `sector` may be asked: for some legal form, size and activity. Worked out
 * here from the questionnaire's own rules, not from the form's. */
function askableIn(sector: Sector) {
  const profiles = LEGAL_FORMS.flatMap((legalForm) => SIZE_CLASSES.flatMap((sizeClass) => ACTIVITY_GROUPS.map((activityGroup) => ({ legalForm, sizeClass, activityGroup, sector }))));
  const moduleOf = new Map(q.modules.flatMap((m) => m.questionIds.map((id) => [id, m] as const)));
  return q.questions.filter((x) => {
    const m = moduleOf.get(x.id)!;
    if (m.sectors && !m.sectors.includes(sector)) return false;
    return !x.showIf || profiles.some((p) => profileConditionHolds(x.showIf!, p));
  });
}

const flat = (s: string) => s.replace(/\s+/g, " ").trim();

async function formOf(sector: Sector): Promise<Uint8Array> {
  const res = await t.app.request(`/paper-form.pdf?sector=${sector}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  const pdf = new Uint8Array(await res.arrayBuffer());
  expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  return pdf;
}

it("refuses a sector that does not exist with a clear page linking the four forms", async () => {
  for (const bad of ["", "?sector=", "?sector=fishing", "?sector=OCOP"]) {
    const res = await t.app.request(`/paper-form.pdf${bad}`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(vi.offline.paper.badSectorTitle);
    for (const s of SECTORS) expect(html).toContain(`href="/paper-form.pdf?sector=${s}"`);
  }
});

it("renders a sector's form once: a second request, and requests at the same time, get the same bytes", async () => {
  const before = pool.stats().renders;
  const [a, b] = await Promise.all([formOf("tourism"), formOf("tourism")]);
  const c2 = await formOf("tourism");
  expect(pool.stats().renders - before).toBe(1);
  expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  expect(Buffer.from(a).equals(Buffer.from(c2))).toBe(true);
  pdfs.set("tourism", a);
  const etag = (await t.app.request("/paper-form.pdf?sector=tourism")).headers.get("etag")!;
  expect((await t.app.request("/paper-form.pdf?sector=tourism", { headers: { "If-None-Match": etag } })).status).toBe(304);
}, 180_000);

popplerSuite("what each sector's form says", () => {
  beforeAll(async () => {
    for (const s of SECTORS) if (!pdfs.has(s)) pdfs.set(s, await formOf(s));
  }, 300_000);

  it.each(SECTORS)("%s: every question it may ask, every option with its code, and each follow-up's condition", (sector) => {
    const text = pdfText(pdfs.get(sector)!);
    const form = paperFormOf(q, sector);
    const onForm = paperQuestions(form);
    // The form holds exactly the questions a business of the sector may be asked, in the screens' order.
    expect(onForm.map((x) => x.id).sort()).toEqual(askableIn(sector).map((x) => x.id).sort());
    let from = 0;
    for (const pq of onForm) {
      const question = q.questions.find((x) => x.id === pq.id)!;
      const at = text.indexOf(`${pq.number}. ${flat(question.text)}`, from);
      expect(at, `question ${pq.number} (${pq.id})`).toBeGreaterThanOrEqual(0);
      from = at;
      const next = onForm[pq.number] ? text.indexOf(`${pq.number + 1}. ${flat(q.questions.find((x) => x.id === onForm[pq.number]!.id)!.text)}`, at) : text.length;
      const block = text.slice(at, next);
      question.options.forEach((o, i) => expect(block, `${pq.id}/${o.id}`).toContain(`${i + 1} ${flat(o.label)}`));
      if (question.askIf) expect(block).toMatch(/Chỉ trả lời nếu ở câu \d+ đã chọn/);
      if (pq.whoFor) expect(block).toContain("Chỉ cơ sở có");
    }
    // A sector's form never carries another sector's module.
    for (const m of q.modules.filter((m) => m.sectors && !m.sectors.includes(sector)))
      for (const id of m.questionIds) expect(text).not.toContain(flat(q.questions.find((x) => x.id === id)!.text));
  });

  it.each(SECTORS)("%s: consent text of every purpose, agree and disagree boxes, signature lines and the version", (sector) => {
    const text = pdfText(pdfs.get(sector)!);
    for (const p of c.consent.purposes) {
      expect(text).toContain(flat(p.label));
      expect(text).toContain(flat(p.explanation));
    }
    for (const line of c.consent.staffAccess) expect(text).toContain(flat(line));
    expect(text).toContain(vi.offline.paper.ownerSigns);
    expect(text).toContain(vi.offline.paper.advisorSigns);
    expect(text).toContain(`phiên bản ${q.version}`);
    expect(text).toContain(q.hash);
    expect(text).toContain(vi.sectors[sector]);
  });

  it("follow-ups name the question and codes that open them", () => {
    const form = paperFormOf(q, "ocop");
    const ecommerce = paperQuestions(form).find((x) => x.id === "ocop_ecommerce");
    const selling = paperQuestions(form).find((x) => x.id === "inv_selling");
    if (!ecommerce || !selling) return; // content changed: the per-question checks above still hold
    const marketplace = selling.options.find((o) => o.id === "sell_marketplace")!.code;
    expect(pdfText(pdfs.get("ocop")!)).toContain(`Chỉ trả lời nếu ở câu ${selling.number} đã chọn ${marketplace}.`);
  });

  it("prints in black and white: every pixel of every page is a grey", () => {
    const dir = mkdtempSync(join(tmpdir(), "dx-paper-"));
    try {
      for (const s of SECTORS) {
        writeFileSync(join(dir, `${s}.pdf`), pdfs.get(s)!);
        execFileSync("pdftoppm", ["-r", "30", join(dir, `${s}.pdf`), join(dir, s)]);
      }
      const pages = readdirSync(dir).filter((f) => f.endsWith(".ppm"));
      expect(pages.length).toBeGreaterThanOrEqual(SECTORS.length * 2);
      for (const f of pages) {
        const ppm = readFileSync(join(dir, f));
        // P6 header: "P6\n<w> <h>\n255\n", then RGB triples.
        const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"))!;
        const body = ppm.subarray(header[0].length);
        for (let i = 0; i < body.length; i += 3) if (body[i] !== body[i + 1] || body[i] !== body[i + 2]) throw new Error(`${f}: a coloured pixel at ${i / 3}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it("every code of every option on every sector's form types back to exactly that option", () => {
  let typed = 0;
  for (const sector of SECTORS) {
    for (const pq of paperQuestions(paperFormOf(q, sector))) {
      for (const o of pq.options) {
        const read = readTypedCodes(pq, o.code);
        expect(read).toEqual({ ok: true, value: pq.type === "single" ? o.id : [o.id] });
        typed++;
      }
    }
  }
  expect(typed).toBeGreaterThan(200);
});

it("in English, the form asks the English questions with the same options under the same codes, and is another render", () => {
  const english = localizeContent(c, "en").current;
  for (const sector of SECTORS) {
    const viForm = paperFormData(c, sector);
    const enForm = paperFormData(c, sector, "en");
    expect(enForm.locale).toBe("en");
    expect(paperFormKey(enForm)).not.toBe(paperFormKey(viForm));
    const viQuestions = viForm.sections.flatMap((x) => x.questions);
    const enQuestions = enForm.sections.flatMap((x) => x.questions);
    expect(enQuestions.map((x) => [x.number, x.options.map((o) => o.code)])).toEqual(viQuestions.map((x) => [x.number, x.options.map((o) => o.code)]));
    for (const x of enQuestions) expect(english.questions.map((e) => e.text)).toContain(x.text);
    expect(enQuestions.map((x) => x.text)).not.toEqual(viQuestions.map((x) => x.text));
    expect(enForm.sections.map((x) => x.title).join()).not.toBe(viForm.sections.map((x) => x.title).join());
  }
});

it("an English reader downloads the English form: another file, said to be English, kept apart in caches", async () => {
  const en = await t.app.request("/paper-form.pdf?sector=ocop&lang=en");
  expect(en.status).toBe(200);
  expect(en.headers.get("content-language")).toBe("en");
  expect(en.headers.get("vary")).toContain("Cookie");
  const vi = await t.app.request("/paper-form.pdf?sector=ocop&lang=vi");
  expect(vi.headers.get("content-language")).toBe("vi");
  expect(en.headers.get("etag")).not.toBe(vi.headers.get("etag"));
  const enText = flat(pdfText(new Uint8Array(await en.arrayBuffer())));
  const english = localizeContent(c, "en").current;
  expect(enText).toContain(flat(english.questions[0]!.text).slice(0, 40));
  expect(flat(pdfText(new Uint8Array(await vi.arrayBuffer())))).toContain(flat(q.questions[0]!.text).slice(0, 40));
}, 120_000);

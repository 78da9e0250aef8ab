// Who to ask, from one place: questionnaires/contact.yaml feeds the footer of every owner page, the
// result page, /help and the PDF report. A number is shown only once the file has one.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportPool } from "../../src/pdf/pool.ts";
import { vi } from "../../views/messages.ts";
import { pickMixed } from "../answering.ts";
import { content, copyContent, makeTestApp, profile } from "../helpers.ts";
import { assessed } from "../pdf/fixtures.ts";
import { pdfText, popplerSuite } from "../pdf/poppler.ts";

let pool: ReportPool;
beforeAll(async () => {
  pool = new ReportPool({ size: 1, timeoutMs: 60_000 });
  await pool.warm();
});
afterAll(() => pool.close());

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

async function everywhere(contentDir?: string) {
  const t = makeTestApp({ reportPool: pool, contentDir });
  try {
    const { code } = await assessed(t, profile(), pickMixed);
    const home = await (await t.app.request("/")).text();
    const footer = text(/<p id="footer-contact">([\s\S]*?)<\/p>/.exec(home)![1]!);
    const result = text(/<section class="card" id="contact">([\s\S]*?)<\/section>/.exec(await (await t.app.request(`/a/${code}/result`)).text())![1]!);
    const help = text(await (await t.app.request("/help")).text());
    const res = await t.app.request(`/a/${code}/report.pdf`);
    expect(res.status).toBe(200);
    const pdf = pdfText(new Uint8Array(await res.arrayBuffer()));
    return { footer, result, help, pdf, contact: t.content.contact };
  } finally {
    t.cleanup();
  }
}

popplerSuite("the centre's contact", () => {
  it("comes from contact.yaml in the footer, the result page, /help and the PDF; no number is made up while none is published", async () => {
    const c = content().contact;
    expect(c.phone).toBeNull(); // see its verify note: no published number yet
    const { footer, result, help, pdf } = await everywhere();
    for (const where of [footer, result, help, pdf]) {
      expect(where).toContain(c.organisation);
      expect(where).toContain(c.address);
    }
    for (const where of [result, help, pdf]) expect(where).toContain(vi.contact.noPhone);
    expect(pdf).toContain(c.hours!);
    expect(pdf).not.toMatch(/Điện thoại: \d/);
  }, 120_000);

  it("shows a number in all four places once contact.yaml has one, and a changed address everywhere", async () => {
    const copy = copyContent();
    try {
      const path = join(copy.dir, "contact.yaml");
      const yaml = readFileSync(path, "utf8")
        .replace("phone: null", 'phone: "0215000000"')
        .replace(/address: "[^"]*"/, 'address: "Số 1, đường Thử, phường Điện Biên Phủ"');
      writeFileSync(path, yaml);
      const { footer, result, help, pdf } = await everywhere(copy.dir);
      for (const where of [footer, result, help, pdf]) {
        expect(where).toContain("0215000000");
        expect(where).toContain("Số 1, đường Thử");
        expect(where).not.toContain("Trần Đăng Ninh");
      }
      for (const where of [result, help, pdf]) expect(where).not.toContain(vi.contact.noPhone);
    } finally {
      copy.cleanup();
    }
  }, 120_000);
});

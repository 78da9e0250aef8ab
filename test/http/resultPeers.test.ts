// The owner's result page: the peer table agrees with the headline score.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pickBest, pickMixed, pickWorst, type Picker } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { servicesOf, submitOwner } from "../statsFixtures.ts";

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.cleanup());

describe("result page peer table", () => {
  it("shows the business's own scores rounded like the headline (one decimal), not to whole points", async () => {
    const s = servicesOf(t);
    const peers: Picker[] = [pickBest, pickWorst, pickMixed, pickBest, pickWorst];
    for (const [i, pick] of peers.entries())
      await submitOwner(s, { name: `Hộ chè ${i}`, legalForm: "household", communeId: "tua_chua", sector: "ocop", statistics: true, pick });
    // Looked for among answer mixes: one whose overall score has a decimal part.
    let mine: Awaited<ReturnType<typeof submitOwner>> | null = null;
    for (let k = 1; k < 12 && !mine; k++) {
      const pick: Picker = (q, i) => {
        const o = q.options[(i * k + 1) % q.options.length]!;
        return q.type === "single" ? o.id : [o.id];
      };
      const row = await submitOwner(s, { name: "Hộ chè của tôi", legalForm: "household", communeId: "tua_chua", sector: "ocop", statistics: false, pick });
      if (!Number.isInteger(row.overallScore)) mine = row;
    }
    expect(mine).not.toBeNull();
    const html = await (await t.app.request(`/a/${mine!.code}/result`)).text();
    const headline = html.match(/Điểm chung: ([\d,]+)\/100/)?.[1];
    expect(headline).toBe(mine!.overallScore!.toLocaleString("vi-VN"));
    const peersTable = html.slice(html.indexOf('id="peers"'));
    // The first data row is the overall score: its "you" cell is the headline score.
    const overallRow = peersTable.match(/<tr class="total"><th scope="row">[^<]*<\/th><td>([^<]*)<\/td>/)?.[1];
    expect(overallRow).toBe(headline);
  });
});

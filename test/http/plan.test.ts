// The roadmap through the API and pages: plan JSON, catalogue, requests for advice.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerAll, pickWorst } from "../answering.ts";
import { formatVndRange } from "../../src/domain/money.ts";
import { catalogues, moneyWords } from "../../views/messages.ts";
import { supportOn } from "../../src/domain/roadmap.ts";
import { firstYearOwnerTotal } from "../../src/services/plan.ts";
import { consents, json, makeTestApp, profile, type TestApp } from "../helpers.ts";

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.cleanup());
const req = (path: string, init?: RequestInit) => t.app.request(path, init);

async function submitted(contact: boolean, over: Record<string, unknown> = {}) {
  const created = (await (await req("/api/v1/assessments", json({ profile: profile(over), consents: { ...consents, contact } }))).json()) as any;
  const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture", ...over } as any;
  // The lowest answers, as a business with no tools gives them: no page where customers could review it.
  const answers = { ...answerAll(t.content.current, facts, pickWorst), cus_reviews: "rv_no_page" };
  await req(`/api/v1/assessments/${created.code}/answers`, json({ answers }, "PUT"));
  expect((await req(`/api/v1/assessments/${created.code}/submit`, { method: "POST" })).status).toBe(200);
  return created.code as string;
}
const count = () => (t.db.$client.prepare("select count(*) n from advice_requests").get() as { n: number }).n;

describe("GET /api/v1/assessments/{code}/plan", () => {
  it("gives actions by horizon with platforms, cost, support and the owner's share", async () => {
    const code = await submitted(false);
    const plan = (await (await req(`/api/v1/assessments/${code}/plan`)).json()) as any;
    expect(plan.horizons.map((h: any) => h.id)).toEqual(["quick", "next", "later"]);
    const actions = plan.horizons.flatMap((h: any) => h.actions);
    expect(actions.length).toBeGreaterThanOrEqual(3);
    const caps = t.content.actions.horizonCaps;
    expect(actions.length).toBeLessThanOrEqual(caps.quick + caps.next + caps.later);
    for (const h of plan.horizons) expect(h.actions.length).toBeLessThanOrEqual(caps[h.id as keyof typeof caps] + (h.id === "quick" ? 0 : caps.quick));
    const vietqr = actions.find((a: any) => a.id === "vietqr_payments");
    expect(vietqr.horizon).toBe("quick");
    expect(vietqr.platforms[0]).toMatchObject({ id: "vietqr_napas" });
    expect(vietqr.costVnd).toEqual({ minVnd: 0, maxVnd: 0 });
    for (const a of actions) {
      expect(a.ownerShareVnd.maxVnd).toBeLessThanOrEqual(a.costVnd.maxVnd);
      expect(a.why.length).toBeGreaterThan(0);
    }
  });

  it("is a 409 before submission", async () => {
    const created = (await (await req("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as any;
    expect((await req(`/api/v1/assessments/${created.code}/plan`)).status).toBe(409);
  });
});

describe("GET /api/v1/platforms", () => {
  it("lists the catalogue, filtered by sector and category", async () => {
    const all = (await (await req("/api/v1/platforms")).json()) as any[];
    expect(all.length).toBeGreaterThanOrEqual(40);
    const tourism = (await (await req("/api/v1/platforms?sector=tourism&category=tourism_listing")).json()) as any[];
    expect(tourism.length).toBeGreaterThan(3);
    expect(tourism.every((p) => p.category === "tourism_listing" && p.sectors.includes("tourism"))).toBe(true);
    expect((await req("/api/v1/platforms?sector=mining")).status).toBe(400);
  });
});

describe("requests for advice", () => {
  const body = { actionId: "vietqr_payments", platformId: "vietqr_napas", channel: "zalo", contact: "091 234 5678", message: "Nhờ hướng dẫn đăng ký" };

  it("without the contact consent are refused and explain why; nothing is stored", async () => {
    const code = await submitted(false);
    const res = await req(`/api/v1/assessments/${code}/advice-requests`, json(body));
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.code).toBe("no_contact_consent");
    expect(count()).toBe(0);
    const page = await (await req(`/a/${code}/plan`)).text();
    expect(page).toContain("chưa đồng ý cho cán bộ tư vấn liên hệ");
  });

  it("are stored once, however often they are sent", async () => {
    const code = await submitted(true);
    const first = await req(`/api/v1/assessments/${code}/advice-requests`, json(body));
    expect(first.status).toBe(201);
    const again = await req(`/api/v1/assessments/${code}/advice-requests`, json({ ...body, message: "Gửi lại" }));
    expect(again.status).toBe(200);
    expect(count()).toBe(1);
    const row = t.db.$client.prepare("select contact, message, channel from advice_requests").get() as any;
    expect(row).toEqual({ contact: "0912345678", message: "Gửi lại", channel: "zalo" });
  });

  const bad: [string, Record<string, unknown>, number, string][] = [
    ["a phone number that is not one", { contact: "12345" }, 400, "contact"],
    ["an e-mail that is not one", { channel: "email", contact: "khong-phai-email" }, 400, "contact"],
    ["an unknown channel", { channel: "fax" }, 400, "channel"],
    ["a message that is too long", { message: "x".repeat(501) }, 400, "message"],
    ["an action that does not exist", { actionId: "fly_to_moon" }, 422, "actionId"],
    ["a platform that does not exist", { platformId: "myspace" }, 422, "platformId"],
  ];
  for (const [label, over, status, field] of bad) {
    it(`with ${label} get a clear error and store nothing`, async () => {
      const code = await submitted(true);
      const res = await req(`/api/v1/assessments/${code}/advice-requests`, json({ ...body, ...over }));
      expect(res.status).toBe(status);
      const err = ((await res.json()) as any).error;
      expect(Object.keys(err.fields)).toContain(field);
      expect(count()).toBe(0);
    });
  }

  it("from the plan page form: 303 back to the plan, a duplicate post stores nothing new", async () => {
    const code = await submitted(true);
    const form = new URLSearchParams({ actionId: "vietqr_payments", platformId: "", channel: "phone", contact: "0912345678", message: "" });
    const res = await req(`/a/${code}/advice`, { method: "POST", body: form });
    expect(res.status).toBe(303);
    await req(`/a/${code}/advice`, { method: "POST", body: form });
    expect(count()).toBe(1);
    const page = await (await req(`/a/${code}/plan?sent=1`)).text();
    expect(page).toContain("Đã gửi yêu cầu");
  });

  it("from the plan page with a bad phone: 422 with the Vietnamese message, nothing stored", async () => {
    const code = await submitted(true);
    const form = new URLSearchParams({ actionId: "vietqr_payments", channel: "phone", contact: "abc" });
    const res = await req(`/a/${code}/advice`, { method: "POST", body: form });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("số điện thoại di động 10 số");
    expect(count()).toBe(0);
  });

  it("the owner can turn the contact consent on from the plan page, and it is recorded", async () => {
    const code = await submitted(false);
    const res = await req(`/a/${code}/consent/contact`, { method: "POST", body: new URLSearchParams({ granted: "yes" }) });
    expect(res.status).toBe(303);
    const view = (await (await req(`/api/v1/assessments/${code}`)).json()) as any;
    expect(view.consents.contact).toBe(true);
    expect((await req(`/api/v1/assessments/${code}/advice-requests`, json(body))).status).toBe(201);
  });
});

describe("pages", () => {
  it("the plan page reads without JavaScript: horizons, platform cards, support line", async () => {
    const code = await submitted(true);
    const html = await (await req(`/a/${code}/plan`)).text();
    expect(html).toContain("Làm ngay (0-3 tháng)");
    expect(html).toContain("VietQR");
    expect(html).toContain("Hỗ trợ anh/chị có thể nhận");
    expect(html).not.toMatch(/<script(?![^>]*src=)/);
  });

  it("the public catalogue filters with plain links", async () => {
    const html = await (await req("/platforms?sector=border_trade&category=border_trade")).text();
    expect(html).toContain("VNACCS");
    expect(html).not.toContain("Booking.com");
    const all = await (await req("/platforms?sector=nonsense")).text();
    expect(all).toContain("postmart");
  });
});

describe("the plan page reads plainly to the owner", () => {
  const page = async (code: string) => (await req(`/a/${code}/plan`)).text();
  const articleOf = (html: string, actionId: string) => {
    const from = html.indexOf(`<article class="action" id="a-${actionId}"`);
    return html.slice(from, html.indexOf("</article>", from));
  };

  it("support without a published amount says what it gives, not to ask about an amount", async () => {
    const code = await submitted(false, { legalForm: "cooperative", name: "Hợp tác xã Chè Tủa Chùa", taxCode: "5600123456" });
    const plan = (await (await req(`/api/v1/assessments/${code}/plan`)).json()) as any;
    const supported = plan.horizons.flatMap((h: any) => h.actions).find((a: any) => a.support.some((x: any) => x.schemeId === "cooperative_technology_support"));
    expect(supported).toBeDefined();
    const label = supported.supportLabels.find((l: string) => l.startsWith("Hỗ trợ hợp tác xã chuyển đổi số"));
    const note = t.content.schemes.find((x) => x.id === "cooperative_technology_support")!.coverage.note!;
    expect(label).toContain(note.replace(/\.$/, ""));
    expect(label).not.toContain("hỏi Trung tâm về mức hỗ trợ");
    // Not a promise of money: what the cooperative pays is the whole cost.
    expect(supported.ownerShareVnd).toEqual(supported.costVnd);
  });

  it("tells a cooperative plainly what it can get instead of Decree 80", async () => {
    const code = await submitted(false, { legalForm: "cooperative", name: "Hợp tác xã Chè Tủa Chùa", taxCode: "5600123456" });
    const html = await page(code);
    const support = html.slice(html.indexOf('id="support"'), html.indexOf("</section>", html.indexOf('id="support"')));
    expect(support).toContain("Hợp tác xã không thuộc Nghị định 80");
    expect(support).toContain("Luật Hợp tác xã 2023");
    expect(support).toContain("Hỗ trợ hợp tác xã chuyển đổi số (Luật Hợp tác xã)");
    expect(support).not.toContain("Nghị định 80)</strong>");
  });

  it("a draft scheme in the support summary is tagged once, its text not saying it again", async () => {
    const code = await submitted(false);
    const html = await page(code);
    const support = html.slice(html.indexOf('id="support"'), html.indexOf("</section>", html.indexOf('id="support"')));
    const draftItem = support.split("<li>").find((li) => li.includes("Phiếu hỗ trợ chuyển đổi số"))!;
    expect(draftItem).toContain('<span class="tag">dự thảo, chưa ban hành</span>');
    expect(draftItem.match(/dự thảo/gi)).toHaveLength(1);
    // The API has no tag: its text still says the support depends on the draft becoming law.
    const plan = (await (await req(`/api/v1/assessments/${code}/plan`)).json()) as any;
    expect(plan.supportSummary.find((x: any) => x.status === "draft").text).toMatch(/^Nếu được ban hành: /);
  });

  it("each action's support is a list, one scheme per item", async () => {
    const code = await submitted(false, { legalForm: "cooperative", name: "Hợp tác xã Chè Tủa Chùa", taxCode: "5600123456" });
    const plan = (await (await req(`/api/v1/assessments/${code}/plan`)).json()) as any;
    const twoSchemes = plan.horizons.flatMap((h: any) => h.actions).find((a: any) => a.supportLabels.length >= 2);
    expect(twoSchemes).toBeDefined();
    const article = articleOf(await page(code), twoSchemes.id);
    expect(article).toContain('<ul class="support-list">');
    expect(article.match(/<ul class="support-list">([^]*?)<\/ul>/)![1]!.match(/<li>/g)).toHaveLength(twoSchemes.supportLabels.length);
    expect(article).not.toContain(twoSchemes.supportLabels.join("; "));
  });

  it("says above the roadmap what the whole plan costs the owner in the first year", async () => {
    const code = await submitted(false);
    const plan = (await (await req(`/api/v1/assessments/${code}/plan`)).json()) as any;
    const actions = plan.horizons.flatMap((h: any) => h.actions);
    const sum = (k: "minVnd" | "maxVnd") => actions.reduce((n: number, a: any) => n + a.ownerShareVnd[k], 0);
    expect(sum("maxVnd")).toBeGreaterThan(0);
    const html = await page(code);
    const line = html.match(/<p class="lead" id="first-year-total">([^<]*)<\/p>/)?.[1];
    expect(line).toContain(formatVndRange({ minVnd: sum("minVnd"), maxVnd: sum("maxVnd") }, moneyWords(catalogues.vi)).replace(/^Từ/, "từ"));
    expect(line).toContain("chưa trừ hỗ trợ dự thảo và hỗ trợ có điều kiện");
    expect(html.indexOf('id="first-year-total"')).toBeLessThan(html.indexOf('class="card horizon"'));
  });

  it("the advice form says 'Thư điện tử', as the staff login does, never 'e-mail'", async () => {
    const code = await submitted(true);
    const form = articleOf(await page(code), "vietqr_payments");
    expect(form).toContain(">Thư điện tử</option>");
    expect(form).toContain("Số điện thoại hoặc địa chỉ thư điện tử");
    expect(form.toLowerCase()).not.toContain("e-mail");
    const bad = await req(`/a/${code}/advice`, { method: "POST", body: new URLSearchParams({ actionId: "vietqr_payments", channel: "email", contact: "khong-phai" }) });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("nhập địa chỉ thư điện tử, ví dụ ten@gmail.com");
    expect(html.toLowerCase()).not.toContain("e-mail");
  });

  it("a request for advice without a contact: an error summary linking to the field, the form open there", async () => {
    const code = await submitted(true);
    const res = await req(`/a/${code}/advice`, { method: "POST", body: new URLSearchParams({ actionId: "vietqr_payments", channel: "phone", contact: "" }) });
    expect(res.status).toBe(422);
    const html = await res.text();
    const summary = html.match(/<div class="alert" role="alert" id="errors">([^]*?)<\/div>/)?.[1];
    expect(summary).toContain("Yêu cầu chưa gửi được");
    expect(summary).toContain('<a href="#ct-vietqr_payments">Số điện thoại hoặc địa chỉ thư điện tử</a>');
    expect(html).toContain('id="ct-vietqr_payments"');
    expect(html).not.toContain('<p class="notice" role="status">Yêu cầu chưa gửi được');
    expect(articleOf(html, "vietqr_payments")).toContain('<details class="advice" open');
    expect(count()).toBe(0);
  });
});

describe("first-year total of the plan", () => {
  const decree80 = (vnd: number) => ({
    schemeId: "decree80_dx_support",
    name: "Nghị định 80",
    status: "in_force" as const,
    sharePercent: 50,
    capVndPerYear: 20_000_000,
    supportVnd: { minVnd: supportOn(vnd, 50, 20_000_000), maxVnd: supportOn(vnd, 50, 20_000_000) },
    condition: null,
  });
  const action = (vnd: number, support: any[] = [], costPer: "year" | "per_use" = "year") => ({ costVnd: { minVnd: vnd, maxVnd: vnd }, costPer, support });

  it("takes in-force support off, but a scheme's yearly cap holds for the year, not for each action", () => {
    // 30 + 30 million, 50 % each = 15 + 15 million, capped at 20 million a year in all.
    expect(firstYearOwnerTotal([action(30_000_000, [decree80(30_000_000)]), action(30_000_000, [decree80(30_000_000)])]).ownerVnd).toEqual({
      minVnd: 40_000_000,
      maxVnd: 40_000_000,
    });
    expect(firstYearOwnerTotal([action(4_000_000, [decree80(4_000_000)]), action(2_000_000)]).ownerVnd).toEqual({ minVnd: 4_000_000, maxVnd: 4_000_000 });
  });

  it("does not count drafts or support that depends on a condition, and says when per-use fees are left out", () => {
    const draft = { ...decree80(10_000_000), schemeId: "dx_voucher_draft", status: "draft" as const, capVndPerYear: null };
    const conditional = { ...decree80(10_000_000), schemeId: "free_einvoice_difficult_areas", condition: "difficult_area" as const };
    const total = firstYearOwnerTotal([action(10_000_000, [draft, conditional]), action(0, [], "per_use")]);
    expect(total).toEqual({ ownerVnd: { minVnd: 10_000_000, maxVnd: 10_000_000 }, perUseFees: true });
    expect(firstYearOwnerTotal([action(1_000_000)]).perUseFees).toBe(false);
  });
});

describe("the plan in English", () => {
  it("writes horizons, reasons, durations, costs, support and the owner's share in English, and the same plan in Vietnamese as before", async () => {
    const code = await submitted(false);
    const en = catalogues.en.plan.words;
    const vi = catalogues.vi.plan.words;
    const page = await (await req(`/a/${code}/plan?lang=en`)).text();
    expect(page).toContain(en.horizons.quick);
    expect(page).toContain("you answered");
    for (const phrase of [vi.horizons.quick, "anh/chị trả lời", "triệu đồng", "(tham khảo", " ngày<", "Miễn phí", "trong năm đầu", "Hỏi giá nhà cung cấp", "Có gói miễn phí"])
      expect(page, phrase).not.toContain(phrase);
    const viPage = await (await req(`/a/${code}/plan?lang=vi`)).text();
    expect(viPage).toContain(vi.horizons.quick);
    expect(viPage).toContain("anh/chị trả lời");
    expect(viPage).not.toContain(en.horizons.quick);
  });
});

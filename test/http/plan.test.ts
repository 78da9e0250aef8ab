// The roadmap through the API and pages: plan JSON, catalogue, requests for advice.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerAll, pickWorst } from "../answering.ts";
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
  await req(`/api/v1/assessments/${created.code}/answers`, json({ answers: answerAll(t.content.current, facts, pickWorst) }, "PUT"));
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
    expect(actions.length).toBeLessThanOrEqual(8);
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
    expect(html).toContain("Hỗ trợ bạn có thể nhận");
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

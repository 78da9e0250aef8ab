// From result to plan on a phone: a quick win with a named platform and the support line, and a
// request for advice, with JavaScript on and off.
import { expect, it } from "vitest";
import { answerAll, pickWorst } from "../answering.ts";
import { content } from "../helpers.ts";
import { browserSuite, phoneContext, useServerAndBrowser } from "./harness.ts";

const env = useServerAndBrowser();

async function submittedOcop(contact: boolean) {
  const post = (path: string, body: unknown, method = "POST") =>
    fetch(env.server.url + path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const profile = { name: "Hộ Lò Văn Pâng — chè Tủa Chùa", legalForm: "household", communeId: "tua_chua", activityGroup: "agriculture", sector: "ocop", staff: 2 };
  const { code } = (await (await post("/api/v1/assessments", { profile, consents: { report: true, statistics: true, contact } })).json()) as any;
  const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
  await post(`/api/v1/assessments/${code}/answers`, { answers: answerAll(content().current, facts, pickWorst) }, "PUT");
  await post(`/api/v1/assessments/${code}/submit`, {});
  return code as string;
}

browserSuite("plan page", () => {
  for (const js of [true, false]) {
    it(`JavaScript ${js ? "on" : "off"}: quick win with a named platform, support line, request for advice`, async () => {
      const code = await submittedOcop(false);
      const ctx = await phoneContext(env.browser, js);
      const page = await ctx.newPage();
      await page.goto(`${env.server.url}/a/${code}/result`);
      await Promise.all([page.waitForURL(/\/plan$/), page.click("text=Xem kế hoạch")]);
      const quick = page.locator("#h-quick");
      expect(await quick.locator("article.action").count()).toBeGreaterThan(0);
      const vietqr = page.locator("#a-vietqr_payments");
      expect(await vietqr.locator("li.platform").first().innerText()).toContain("VietQR");
      expect(await page.locator("#support").innerText()).toContain("Hỗ trợ anh/chị có thể nhận");

      // No consent yet: the button is off and says why; turn the consent on.
      expect(await vietqr.locator("button[disabled]").count()).toBe(1);
      expect(await vietqr.innerText()).toContain("chưa đồng ý");
      await Promise.all([page.waitForURL(/consent=1/), page.click("#consent button")]);

      await page.locator("#a-vietqr_payments details.advice summary").click();
      await page.selectOption("#ch-vietqr_payments", "zalo");
      await page.locator("#ct-vietqr_payments").pressSequentially("0912 345 678", { delay: 20 });
      await page.fill("#ms-vietqr_payments", "Nhờ cán bộ hướng dẫn đăng ký mã VietQR");
      await Promise.all([page.waitForURL(/sent=1/), page.click("#a-vietqr_payments button[type=submit]")]);
      expect(await page.locator("main .notice").first().innerText()).toContain("Đã gửi yêu cầu");
      const rows = env.server.db.$client.prepare("select action_id, channel, contact from advice_requests").all();
      expect(rows).toContainEqual({ action_id: "vietqr_payments", channel: "zalo", contact: "0912345678" });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await ctx.close();
    });
  }
});

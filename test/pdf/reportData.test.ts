// The pure parts of the report: which support applies and why not, the download name.
import { describe, expect, it } from "vitest";
import { asciiSlug, reportDisposition } from "../../src/pdf/fileName.ts";
import { qrPath, schemesFor } from "../../src/pdf/reportData.ts";
import { content } from "../helpers.ts";

const schemes = content().schemes;
const base = { vietnamese: "Báo cáo chuyển đổi số", ascii: "bao-cao-chuyen-doi-so" };

describe("support schemes in the report", () => {
  it("gives a small company the two Decree 80 supports, each with its own cap as the law words it", () => {
    const r = schemesFor(schemes, { legalForm: "company", sizeClass: "small", sector: "border_trade" });
    const solutions = r.schemes.find((s) => s.name.includes("thuê, mua giải pháp") && s.name.includes("Nghị định 80"))!;
    expect(solutions.coverage).toBe("tối đa 50% chi phí, không quá 50 triệu đồng mỗi năm");
    const consulting = r.schemes.find((s) => s.name.includes("tư vấn") && s.name.includes("Nghị định 80"))!;
    expect(consulting.coverage).toBe("tối đa 50% chi phí, không quá 50 triệu đồng mỗi hợp đồng mỗi năm");
    expect(r.notEligible.map((x) => x.name)).toEqual(["Hỗ trợ hợp tác xã chuyển đổi số (Luật Hợp tác xã)"]);
  });

  it("gives a micro company the solutions support but says why not the consulting one", () => {
    const r = schemesFor(schemes, { legalForm: "company", sizeClass: "micro", sector: "other" });
    expect(r.schemes.find((s) => s.name.includes("thuê, mua giải pháp"))!.coverage).toBe("tối đa 50% chi phí, không quá 20 triệu đồng mỗi năm");
    expect(r.notEligible).toContainEqual({ name: "Hỗ trợ thuê tư vấn chuyển đổi số (Nghị định 80)", reason: "dành cho cơ sở quy mô nhỏ hoặc vừa" });
  });

  it("tells a household why Decree 80 is not for it, and lists drafts after the schemes in force", () => {
    const r = schemesFor(schemes, { legalForm: "household", sizeClass: "micro", sector: "ocop" });
    expect(r.notEligible).toEqual([
      { name: "Hỗ trợ thuê tư vấn chuyển đổi số (Nghị định 80)", reason: "dành cho doanh nghiệp (công ty)" },
      { name: "Hỗ trợ thuê, mua giải pháp số (Nghị định 80)", reason: "dành cho doanh nghiệp (công ty)" },
      { name: "Hỗ trợ hợp tác xã chuyển đổi số (Luật Hợp tác xã)", reason: "dành cho hợp tác xã" },
    ]);
    const statuses = r.schemes.map((s) => s.status);
    expect(statuses.indexOf("draft")).toBeGreaterThan(statuses.lastIndexOf("in_force"));
  });

  it("names the size limit when a large business falls outside every SME scheme", () => {
    const r = schemesFor(schemes, { legalForm: "company", sizeClass: "large", sector: "other" });
    expect(r.notEligible.find((x) => x.name.includes("thuê, mua giải pháp số (Nghị định 80)"))?.reason).toBe("dành cho cơ sở quy mô siêu nhỏ, nhỏ hoặc vừa");
    // The free advice of the province has no size limit.
    expect(r.schemes.some((s) => s.name.includes("Trung tâm Đổi mới sáng tạo"))).toBe(true);
  });
});

describe("support only for difficult areas in the report", () => {
  const einvoice = (difficultArea: boolean | null) => schemesFor(schemes, { legalForm: "household", sizeClass: "micro", sector: "ocop" }, difficultArea);
  it("states the condition while the commune's status is not known", () => {
    const s = einvoice(null).schemes.find((x) => x.name.includes("hóa đơn điện tử"))!;
    expect(s.coverage).toContain("Chưa rõ xã, phường của cơ sở có thuộc địa bàn có điều kiện kinh tế - xã hội khó khăn hay không");
  });
  it("says why not in a commune known not to qualify, and drops the condition where it does", () => {
    expect(einvoice(false).notEligible.map((x) => x.reason)).toContain(
      "chỉ dành cho địa bàn có điều kiện kinh tế - xã hội khó khăn, mà xã, phường của cơ sở không thuộc diện này",
    );
    expect(einvoice(true).schemes.find((x) => x.name.includes("hóa đơn điện tử"))!.coverage).toBe(
      "tối đa 100% chi phí, trong 12 tháng. Xã, phường của cơ sở thuộc địa bàn có điều kiện kinh tế - xã hội khó khăn",
    );
  });
});

describe("the download name", () => {
  it("folds Vietnamese to ASCII for the fallback name", () => {
    expect(asciiSlug("Hộ kinh doanh Đào Thị Ngọc Ánh – Mường Ảng")).toBe("Ho-kinh-doanh-Dao-Thi-Ngoc-Anh-Muong-Ang");
  });

  it("keeps quotes, slashes and line breaks in a name out of the header", () => {
    const cd = reportDisposition('HTX "Sao Mai"\r\n/..\\ (Tủa Chùa)', base);
    expect(cd).not.toMatch(/[\r\n]/);
    expect(cd).toMatch(/^inline; filename="bao-cao-chuyen-doi-so-HTX-Sao-Mai-Tua-Chua\.pdf"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    const star = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(cd)![1]!);
    expect(star).toBe("Báo cáo chuyển đổi số - HTX Sao Mai .. (Tủa Chùa).pdf");
  });
});

describe("the QR code", () => {
  it("is one path of dark modules inside its quiet zone", () => {
    const qr = qrPath("https://danhgia.dienbien.gov.vn/a/7K2M-9QXA-4TBZ");
    expect(qr.size).toBeGreaterThanOrEqual(25);
    const coords = [...qr.path.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as const);
    expect(coords.length).toBeGreaterThan(50);
    for (const [x, y, w] of coords) {
      expect(x).toBeGreaterThanOrEqual(2);
      expect(y).toBeGreaterThanOrEqual(2);
      expect(x + w).toBeLessThanOrEqual(qr.size - 2);
    }
  });
});

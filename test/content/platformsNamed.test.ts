// Every platform the content names to an owner (in a question, an option, a help text, an action,
// a support scheme) is in the catalogue, so the service never sends someone to a product it cannot
// describe, price or vouch for. Scans every questionnaire version, so a new version is covered the
// day it lands.
//
// How a name is found: texts are checked against a watch list of product and service names in use in
// Vietnam (below), each with the catalogue id it stands for; a watched name must resolve to an entry.
// The list is extended when content starts naming a new product.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CONTENT_DIR, content } from "../helpers.ts";

/**
 * Product and service names content may use, each with the catalogue id it must resolve to. A name
 * written in content but missing here is not checked: add it when content first names it.
 */
const WATCHED: Record<string, string> = {
  // E-invoices, signatures, e-contracts
  "VNPT Invoice": "vnpt_invoice",
  "Viettel sInvoice": "viettel_sinvoice",
  sInvoice: "viettel_sinvoice",
  "MISA meInvoice": "misa_meinvoice",
  meInvoice: "misa_meinvoice",
  "Bkav eHoadon": "bkav_ehoadon",
  eHoadon: "bkav_ehoadon",
  "VNPT SmartCA": "vnpt_smartca",
  SmartCA: "vnpt_smartca",
  MySign: "viettel_mysign",
  "FPT.eContract": "fpt_econtract",
  "VNPT eContract": "vnpt_econtract",
  vContract: "viettel_vcontract",
  WeSign: "misa_amis_wesign",
  // Accounting, sales
  "MISA AMIS": "misa_amis_accounting",
  "MISA eShop": "misa_eshop",
  "Sổ thu chi MISA": "misa_so_thu_chi",
  "Sổ Thu Chi MISA": "misa_so_thu_chi",
  "Sổ Bán Hàng": "so_ban_hang",
  KiotViet: "kiotviet",
  Sapo: "sapo",
  Haravan: "haravan",
  "Nhanh.vn": "nhanh_vn",
  Fast: "fast_accounting",
  "Base.vn": "base_vn",
  ezCloud: "ezcloud",
  // Marketplaces, payments
  Postmart: "postmart",
  postmart: "postmart",
  Voso: "voso",
  voso: "voso",
  Shopee: "shopee",
  Lazada: "lazada",
  Tiki: "tiki",
  "TikTok Shop": "tiktok_shop",
  TikTok: "tiktok_shop",
  VietQR: "vietqr_napas",
  VIETQRGlobal: "vietqr_global_unionpay",
  "VietQR Global": "vietqr_global_unionpay",
  LaoQR: "napas_lapnet_qr",
  LAPNet: "napas_lapnet_qr",
  UnionPay: "vietqr_global_unionpay",
  MoMo: "momo",
  ZaloPay: "zalopay",
  "Viettel Money": "viettel_money",
  VNPAY: "vnpay",
  // Messaging, office, storage
  "Zalo OA": "zalo_official_account",
  "Zalo Official Account": "zalo_official_account",
  Zalo: "zalo",
  Facebook: "facebook_page",
  Fanpage: "facebook_page",
  Messenger: "messenger",
  WhatsApp: "whatsapp",
  WeChat: "wechat",
  "Google Workspace": "google_workspace",
  "Google Sheets": "google_workspace",
  "Google Forms": "google_workspace",
  "Google Calendar": "google_workspace",
  "Google Drive": "google_drive",
  "Microsoft 365": "microsoft_365",
  Excel: "microsoft_365",
  OneDrive: "microsoft_365",
  iCloud: "icloud",
  YouTube: "youtube",
  "Google Dịch": "google_translate",
  "Google Translate": "google_translate",
  // Security
  "Không gian mạng": "ncsc_khonggianmang",
  "Tín Nhiệm Mạng": "tinnhiemmang",
  // Traceability, barcodes
  "Cổng truy xuất nguồn gốc": "national_traceability_portal",
  GS1: "gs1_vietnam",
  iCheck: "icheck",
  // Tourism
  "Google Maps": "google_business_profile",
  "Google Business Profile": "google_business_profile",
  "Booking.com": "booking_com",
  Booking: "booking_com",
  Agoda: "agoda",
  Traveloka: "traveloka",
  Airbnb: "airbnb",
  Tripadvisor: "tripadvisor",
  TripAdvisor: "tripadvisor",
  // Border trade, logistics
  VNACCS: "vnaccs_vcis",
  ECUS: "ecus_thaison",
  "Cơ chế một cửa quốc gia": "vnsw",
  eCoSys: "ecosys_co",
  "Viettel Post": "viettel_post",
  "Giao Hàng Nhanh": "ghn",
  "Giao Hàng Tiết Kiệm": "ghtk",
  // Public e-services
  "eTax Mobile": "etax_mobile",
  VNeID: "vneid",
  "Cổng Dịch vụ công quốc gia": "national_public_service_portal",
  "Cổng dịch vụ công quốc gia": "national_public_service_portal",
  "Bình dân học vụ số": "binh_dan_hoc_vu_so",
  // AI assistants
  ChatGPT: "chatgpt",
  Gemini: "gemini",
  Copilot: "copilot",
};

/** Every string in a YAML document, with where it is. */
function strings(value: unknown, path: string, out: { path: string; text: string }[] = []) {
  if (typeof value === "string") out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

/** The content texts owners and advisors read: every questionnaire version, the actions, the support schemes. */
function contentTexts() {
  const files: string[] = [join(CONTENT_DIR, "actions.yaml"), join(CONTENT_DIR, "support-schemes.yaml")];
  const qdir = join(CONTENT_DIR, "dx-readiness");
  for (const version of readdirSync(qdir)) {
    const vdir = join(qdir, version);
    if (!statSync(vdir).isDirectory()) continue;
    for (const f of readdirSync(vdir)) if (f.endsWith(".yaml")) files.push(join(vdir, f));
  }
  return files.flatMap((file) => strings(parse(readFileSync(file, "utf8")), file.slice(CONTENT_DIR.length + 1)).map((t) => ({ ...t, file: file.slice(CONTENT_DIR.length + 1) })));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A watched name as a whole word (not "Fast" inside "Fastest", not "Booking" inside "Booking.com" twice). */
const wordOf = (name: string) => new RegExp(`(?<![\\p{L}\\p{N}.])${escape(name)}(?![\\p{L}\\p{N}])`, "u");

describe("every platform named in content exists in the catalogue", () => {
  const c = content();
  const ids = new Set(c.platforms.map((p) => p.id));

  it("the watch list points only at catalogue entries", () => {
    const missing = [...new Set(Object.values(WATCHED))].filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
  });

  it("scans every questionnaire version, the actions and the support schemes", () => {
    const texts = contentTexts();
    const sources = new Set(texts.map((t) => t.file));
    const versions = readdirSync(join(CONTENT_DIR, "dx-readiness")).filter((v) => statSync(join(CONTENT_DIR, "dx-readiness", v)).isDirectory());
    expect(versions.length).toBeGreaterThanOrEqual(2);
    for (const v of versions) expect([...sources].some((s) => s.startsWith(`dx-readiness/${v}/`)), v).toBe(true);
    expect(sources).toContain("actions.yaml");
    expect(sources).toContain("support-schemes.yaml");
    expect(texts.length).toBeGreaterThan(500);
  });

  it("no text names a watched product that is not in the catalogue", () => {
    const problems: string[] = [];
    for (const { path, text } of contentTexts())
      for (const [name, id] of Object.entries(WATCHED)) if (wordOf(name).test(text) && !ids.has(id)) problems.push(`${path}: «${name}» → ${id}`);
    expect(problems).toEqual([]);
  });

  it("every platform id an action or a question refers to exists (actions are also checked at load)", () => {
    for (const a of c.actions.actions) for (const p of a.platforms) expect(ids.has(p.id), `${a.id} → ${p.id}`).toBe(true);
  });

  it("the check can fail: a text naming a product outside the catalogue is caught", () => {
    const without = new Set([...ids].filter((x) => x !== "ecus_thaison"));
    const text = "Mua phần mềm khai hải quan (ví dụ ECUS)";
    const caught = Object.entries(WATCHED).filter(([name, id]) => wordOf(name).test(text) && !without.has(id));
    expect(caught.map(([n]) => n)).toEqual(["ECUS"]);
    expect(wordOf("Fast").test("Fastest delivery")).toBe(false);
    expect(wordOf("Booking").test("Booking.com")).toBe(true);
  });
});

// Names and free text typed anywhere are kept without NUL, line breaks in one-line fields, bidi
// overrides or zero-width characters; text stored before that rule never reaches an export or a
// file name with them.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRegistryTable } from "../../src/domain/registry.ts";
import { supportRecordSchema } from "../../src/domain/support.ts";
import { reportDisposition } from "../../src/pdf/fileName.ts";
import { changeAnswers, validate } from "../../src/services/advisor.ts";
import { createServices, findByCode } from "../../src/services/assessments.ts";
import { attachment, csvStream, listSheet, xlsxStream } from "../../src/services/exports.ts";
import { answerAll, pickMixed } from "../answering.ts";
import { consents, json, makeTestApp, profile, type TestApp } from "../helpers.ts";
import { addStaff, form, profileForm, signInAs } from "../staffHelpers.ts";

/** What none of the stored or exported texts may carry. */
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const BAD_NAME = "Hộ kinh doanh\u0000 Đào\r\nThị \u202EHằng\u200b";
const GOOD_NAME = "Hộ kinh doanh Đào Thị Hằng";

let t: TestApp;
const stored = (sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).pluck().get(...args) as string;
beforeAll(() => {
  t = makeTestApp();
});
afterAll(() => t.cleanup());

describe("at the edge: what people type is kept clean", () => {
  it("a business name through the API", async () => {
    const res = await t.app.request("/api/v1/assessments", json({ profile: profile({ name: BAD_NAME }), consents }));
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    const view = (await (await t.app.request(`/api/v1/assessments/${code}`)).json()) as { profile: { name: string } };
    expect(view.profile.name).toBe(GOOD_NAME);
  });

  it("a name of nothing but invisible characters is refused as too short, with the usual message", async () => {
    const res = await t.app.request("/api/v1/assessments", json({ profile: profile({ name: "\u202e\u0000\u200b x" }), consents }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.fields["profile.name"]).toContain("ít nhất 2 ký tự");
  });

  it("a business name through the owner's start form, and a correction on the data page", async () => {
    const start = await t.app.request("/assessments", {
      method: "POST",
      body: new URLSearchParams({ name: BAD_NAME, legalForm: "household", communeId: "tua_chua", activityGroup: "agriculture", sector: "ocop", staff: "3", "consent.report": "yes", "consent.statistics": "no", "consent.contact": "no" }),
    });
    expect(start.status).toBe(303);
    const code = /\/a\/([^/]+)\/code/.exec(start.headers.get("location")!)![1]!;
    expect(stored("select business_name from assessments order by id desc limit 1")).toBe(GOOD_NAME);
    const fix = await t.app.request(`/a/${code}/data/profile`, { method: "POST", body: new URLSearchParams({ name: "HTX\u2066 Chè\u2069\nShan", taxCode: "", communeId: "tua_chua" }) });
    expect(fix.status).toBe(303);
    expect(stored("select business_name from assessments order by id desc limit 1")).toBe("HTX Chè Shan");
  });

  it("an advice request's contact and message", async () => {
    const { code } = (await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents: { ...consents, contact: true } }))).json()) as { code: string };
    const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
    await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers: answerAll(t.content.current, facts, pickMixed) }, "PUT"));
    await t.app.request(`/api/v1/assessments/${code}/submit`, { method: "POST" });
    const res = await t.app.request(
      `/api/v1/assessments/${code}/advice-requests`,
      json({ actionId: "vietqr_payments", channel: "phone", contact: "0912\u200b345678", message: "Gọi buổi sáng\u0000\r\nsau 8 giờ\u202e" }),
    );
    expect(res.status).toBe(201);
    const row = t.db.$client.prepare("select contact, message from advice_requests order by id desc limit 1").get() as { contact: string; message: string };
    expect(row).toEqual({ contact: "0912345678", message: "Gọi buổi sáng\nsau 8 giờ" });
  });

  it("a name an advisor types for a guided session reaches the staff list of businesses and the business page clean", async () => {
    const cookie = await signInAs(t, await addStaff(t.db, "advisor"));
    const res = await t.app.request("/staff/businesses", form(profileForm({ name: `${BAD_NAME} Tủa`, taxCode: "", legalForm: "household" }), cookie));
    expect(res.status).toBe(303);
    const list = await (await t.app.request("/staff/businesses", { headers: { cookie } })).text();
    expect(list).toContain(`${GOOD_NAME} Tủa`);
    const id = /href="\/staff\/businesses\/(\d+)"[^>]*>[^<]*Hằng Tủa/.exec(list)?.[1];
    expect(id).toBeDefined();
    const page = await (await t.app.request(`/staff/businesses/${id}`, { headers: { cookie } })).text();
    for (const html of [list, page]) for (const c of ["\u0000", "\u202e", "\u200b", "Đào\r\nThị"]) expect(html).not.toContain(c);
  });

  it("a staff member's name, set by an admin", async () => {
    const cookie = await signInAs(t, await addStaff(t.db, "admin"));
    const res = await t.app.request("/staff/admin/users", form({ email: "moi@dienbien.gov.vn", name: "Nguyễn\u0000 Văn\u202e An\n", role: "advisor", password: "một mật khẩu đủ dài" }, cookie));
    expect(res.status).toBe(303);
    expect(stored("select name from staff where email = 'moi@dienbien.gov.vn'")).toBe("Nguyễn Văn An");
  });

  it("an advisor's reason for a change and note at validation; support notes; register rows", async () => {
    const s = createServices(t.db, t.content);
    const advisor = await addStaff(t.db, "advisor");
    const actor = { id: advisor.id, name: advisor.name, role: advisor.role };
    const { code } = (await (await t.app.request("/api/v1/assessments", json({ profile: profile(), consents }))).json()) as { code: string };
    const facts = { legalForm: "household", sizeClass: "micro", sector: "ocop", activityGroup: "agriculture" } as const;
    const answers = answerAll(t.content.current, facts, pickMixed);
    await t.app.request(`/api/v1/assessments/${code}/answers`, json({ answers }, "PUT"));
    const row = () => {
      const r = findByCode(s, code);
      if (!r.ok) throw new Error("not found");
      return r.value.row;
    };
    const [qid, value] = Object.entries(answers).find(([, v]) => typeof v === "string")!;
    const other = t.content.current.questions.find((q) => q.id === qid)!.options.find((o) => o.id !== value)!.id;
    expect(changeAnswers(s, actor, row(), { [qid]: other }, "Đã xem\u0000 sổ\u202e sách").ok).toBe(true);
    expect(stored("select reason from audit_log where action = 'answer_changed' order by id desc limit 1")).toBe("Đã xem sổ sách");
    expect(validate(s, actor, row(), "Đủ\u200b bằng chứng\r\ntại chỗ").ok).toBe(true);
    expect(stored("select reason from audit_log where action = 'validated' order by id desc limit 1")).toBe("Đủ bằng chứng\ntại chỗ");

    const support = supportRecordSchema("2026-12-31", new Set()).parse({ type: "training", date: "2026-01-05", amountVnd: null, platformId: null, note: "Lớp\u0000 học\u202e" });
    expect(support.note).toBe("Lớp học");

    const parsed = parseRegistryTable([["Tên", "Loại hình", "Xã/phường"], ["Hộ\u202e Lò\u0000 Văn\tA", "hộ kinh doanh", "Tủa Chùa"]], t.content.communes);
    expect(parsed.rows[0]?.name).toBe("Hộ Lò Văn A");
  });
});

describe("on the way out: text stored before the rule never breaks or disguises a file", () => {
  const legacy = "Cơ sở\u0000 cũ\u202Efdp.exe\r\n=1+1";

  it("CSV cells carry no control or bidi character, and formulas stay defused", async () => {
    const csv = await new Response(csvStream(listSheet("x", ["Tên"], [[legacy]]))).text();
    expect(csv.replace(/^\uFEFF/, "").replace(/\r\n/g, "").replace(/\n/g, "")).not.toMatch(INVISIBLE);
    expect(csv).toContain("Cơ sở cũfdp.exe");
    const formula = await new Response(csvStream(listSheet("x", ["Tên"], [["\u200b=HYPERLINK(1)"]]))).text();
    expect(formula).toContain("'=HYPERLINK(1)");
  });

  it("XLSX cells carry none either, and the workbook opens", async () => {
    const bytes = Buffer.from(await new Response(xlsxStream([listSheet("x", ["Tên"], [[legacy]])])).arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const value = String(wb.worksheets[0]!.getRow(2).getCell(1).value);
    expect(value).not.toMatch(INVISIBLE);
    expect(value).toContain("Cơ sở cũfdp.exe");
  });

  it("download names (the report's and the exports') carry none", () => {
    const report = reportDisposition(legacy, { vietnamese: "Báo cáo", ascii: "bao-cao" });
    expect(decodeURIComponent(report.split("''")[1]!)).not.toMatch(INVISIBLE);
    expect(decodeURIComponent(attachment(`bảng\u202e-${"x"}.csv`).split("''")[1]!)).toBe("bảng-x.csv");
  });
});

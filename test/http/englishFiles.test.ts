// Files and refusals worded by a service follow the request's language: a department officer who
// reads in English gets English column titles and notes, while the register's own column titles and
// values stay the ones the import reads; without `lang` everything stays Vietnamese.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REGISTRY_COLUMNS } from "../../src/domain/registry.ts";
import { parseCsv } from "../../src/domain/csv.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, form, get, signInAs } from "../staffHelpers.ts";

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.cleanup());

const text = async (res: Response) => (await res.text()).replace(/^\uFEFF/, "");

describe("files and refusals in the request's language", () => {
  it("the assessments export and the register template are titled in English with ?lang=en, in Vietnamese without", async () => {
    const cookie = await signInAs(t, await addStaff(t.db, "department"));

    const viCsv = parseCsv(await text(await t.app.request("/staff/department/exports/assessments.csv", get(cookie))));
    const enCsv = parseCsv(await text(await t.app.request("/staff/department/exports/assessments.csv?lang=en", get(cookie))));
    expect(viCsv[0]!.slice(0, 3)).toEqual(["Mã bài", "Lần đánh giá", "Tên cơ sở"]);
    expect(enCsv[0]!.slice(0, 3)).toEqual(["Assessment no.", "Round", "Business name"]);
    expect(enCsv[0]!.filter((h) => h.startsWith("Score: "))).toHaveLength(viCsv[0]!.filter((h) => h.startsWith("Điểm: ")).length);

    const template = parseCsv(await text(await t.app.request("/staff/department/registry/template.csv?lang=en", get(cookie))));
    expect(template[0]).toEqual([...REGISTRY_COLUMNS]);
    expect(template[1]![0]).toContain("Lines starting with # may be deleted or kept.");
    expect(template[1]![0]).toContain("300,000 rows");
  });

  it("a refused account form says why in English with ?lang=en", async () => {
    const cookie = await signInAs(t, await addStaff(t.db, "admin"));
    const fields = { email: "lan", name: "Lò Thị Lan", role: "advisor", password: "short" };
    const en = await (await t.app.request("/staff/admin/users?lang=en", form(fields, cookie))).text();
    expect(en).toContain("The account details are not valid.");
    expect(en).toContain("the password needs at least 12 characters");
    const vi = await (await t.app.request("/staff/admin/users", form(fields, cookie))).text();
    expect(vi).toContain("Thông tin tài khoản chưa hợp lệ.");
    expect(vi).toContain("mật khẩu cần ít nhất 12 ký tự");
  });

  it("an advisor's refused action says why in the request's language", async () => {
    const cookie = await signInAs(t, await addStaff(t.db, "advisor"));
    const en = await t.app.request("/staff/advice/1?lang=en", form({ status: "whatever" }, cookie));
    expect(en.status).toBe(422);
    expect(await en.text()).toContain("Invalid status.");
    const vi = await t.app.request("/staff/advice/1", form({ status: "whatever" }, cookie));
    expect(await vi.text()).toContain("Trạng thái không hợp lệ.");
  });
});

import { describe, expect, it } from "vitest";
import { checkTaxCode, communeMatcher, MAX_REGISTRY_ROWS, parseRegistrationDay, parseRegistryTable, registryKeyOf, registryParser, taxCodeCheckDigitOk } from "../../src/domain/registry.ts";
import { parseCsv, csvLine, detectDelimiter } from "../../src/domain/csv.ts";
import { foldVietnamese } from "../../src/domain/vnText.ts";
import { content } from "../helpers.ts";
import { validTaxCode } from "../statsFixtures.ts";

const communes = content().communes;

describe("tax codes", () => {
  it("accepts published enterprise codes and rejects one mistyped digit", () => {
    // 0100109106: Viettel's tax code, public
    expect(taxCodeCheckDigitOk("0100109106")).toBe(true);
    expect(taxCodeCheckDigitOk("0100109107")).toBe(false);
    expect(checkTaxCode(" 0100109106 ", "company")).toEqual({ ok: true, value: "0100109106" });
    expect(checkTaxCode("0100109106-001", "company")).toEqual({ ok: true, value: "0100109106-001" });
    expect(checkTaxCode("0100109106001", "company")).toEqual({ ok: true, value: "0100109106-001" });
  });
  it("explains what went wrong in Vietnamese", () => {
    expect(checkTaxCode("0100109107", "company")).toMatchObject({ ok: false, message: expect.stringContaining("sai chữ số kiểm tra") });
    expect(checkTaxCode("100109106", "company")).toMatchObject({ ok: false, message: expect.stringContaining("bỏ số 0 ở đầu") });
    expect(checkTaxCode("1.00109E+08", "company")).toMatchObject({ ok: false, message: expect.stringContaining("số mũ") });
    expect(checkTaxCode("abc", "company")).toMatchObject({ ok: false, message: expect.stringContaining("không đúng dạng") });
    expect(checkTaxCode("0100109106-000", "company")).toMatchObject({ ok: false });
  });
  it("12 digits (personal identification number) only for household businesses", () => {
    expect(checkTaxCode("011234567890", "household")).toEqual({ ok: true, value: "011234567890" });
    expect(checkTaxCode("011234567890", "company").ok).toBe(false);
  });
});

describe("communes", () => {
  const match = communeMatcher(communes);
  it("accepts names with or without diacritics, any case, with xã/phường, or the id", () => {
    for (const raw of ["Mường Thanh", "muong thanh", "PHƯỜNG MƯỜNG THANH", "P. Muong Thanh", "muong_thanh"]) expect(match(raw)).toEqual({ ok: true, id: "muong_thanh" });
    expect(match("Xã Tủa Chùa")).toEqual({ ok: true, id: "tua_chua" });
    expect(match("tua chua")).toEqual({ ok: true, id: "tua_chua" });
  });
  it("refuses an unknown commune and suggests the nearest name", () => {
    const r = match("Mường Thanhh");
    expect(r).toEqual({ ok: false, message: expect.stringContaining('có phải "Mường Thanh"') });
    expect(match("Hà Nội")).toMatchObject({ ok: false, message: expect.stringContaining("không có xã/phường") });
  });
  it("every commune's folded name is unique", () => {
    expect(new Set(communes.map((c) => foldVietnamese(c.name))).size).toBe(communes.length);
  });
});

describe("a register table", () => {
  const header = ["Mã số thuế", "Tên cơ sở", "Loại hình", "Xã/phường", "Ngành", "Quy mô"];
  const good = validTaxCode("560012345");
  it("reads good rows and maps every field", () => {
    const r = parseRegistryTable(
      [
        [...header, "Ngày đăng ký"],
        [good, "Công ty TNHH Chè Tủa Chùa", "Công ty TNHH", "Tủa Chùa", "OCOP", "Siêu nhỏ", "3/1/2024"],
        ["", "Hộ kinh doanh Lò Văn A", "HKD", "muong thanh", "Du lịch cộng đồng", "", ""],
      ],
      communes,
      "2026-12-03",
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, registryKey: good, taxCode: good, name: "Công ty TNHH Chè Tủa Chùa", legalForm: "company", communeId: "tua_chua", sector: "ocop", sizeClass: "micro", registeredOn: "2024-01-03" },
      { line: 3, registryKey: "hh:ho kinh doanh lo van a:muong_thanh", taxCode: null, name: "Hộ kinh doanh Lò Văn A", legalForm: "household", communeId: "muong_thanh", sector: "tourism", sizeClass: null, registeredOn: null },
    ]);
  });
  it("reads a registration day as registers write it, and refuses one that is not a real past day", () => {
    const today = "2026-12-03";
    expect(parseRegistrationDay("23/11/2026", today)).toEqual({ ok: true, value: "2026-11-23" });
    expect(parseRegistrationDay("3.1.2020", today)).toEqual({ ok: true, value: "2020-01-03" });
    expect(parseRegistrationDay("2026-11-23", today)).toEqual({ ok: true, value: "2026-11-23" });
    expect(parseRegistrationDay("31/02/2026", today)).toMatchObject({ ok: false, message: expect.stringContaining("không có thật") });
    expect(parseRegistrationDay("04/12/2026", today)).toMatchObject({ ok: false, message: expect.stringContaining("tương lai") });
    expect(parseRegistrationDay("hôm qua", today)).toMatchObject({ ok: false, message: expect.stringContaining("không đúng dạng") });
  });
  it("skips the template's note rows and tells a file of more than the limit to be split", () => {
    const r = parseRegistryTable([header, ["# Ghi chú của tệp mẫu"], [good, "Công ty A", "Công ty", "Tủa Chùa", "", ""]], communes);
    expect(r.errors).toEqual([]);
    expect(r.rows.length).toBe(1);
    const parser = registryParser(communes);
    parser.push(header);
    for (let i = 0; i <= MAX_REGISTRY_ROWS; i++) parser.push(["", `Hộ ${i}`, "HKD", "Tủa Chùa", "", ""]);
    parser.takeRows();
    parser.takeErrors();
    const end = parser.finish();
    expect(end.fileLevel).toBe(true);
    expect(end.rows).toEqual([]);
    expect(end.errors).toEqual([expect.objectContaining({ message: expect.stringContaining("hãy chia thành nhiều tệp") })]);
  });
  it("gives every bad row its line number and a Vietnamese reason, including duplicates inside the file", () => {
    const r = parseRegistryTable(
      [
        header,
        [good, "HTX A", "Hợp tác xã", "Tủa Chùa", "", ""],
        ["0100109107", "Công ty B", "Công ty", "Tủa Chùa", "", ""],
        ["", "Công ty C", "Công ty", "Tủa Chùa", "", ""],
        [good, "HTX A lần hai", "HTX", "Tuần Giáo", "", ""],
        ["", "Hộ D", "Hộ kinh doanh", "Xã Không Có", "", ""],
        ["", "Hộ E", "Tư nhân?", "Tủa Chùa", "nghề lạ", "to lắm"],
      ],
      communes,
    );
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, "taxCode"],
      [4, "taxCode"],
      [5, "taxCode"],
      [6, "communeId"],
      [7, "legalForm"],
      [7, "sector"],
      [7, "sizeClass"],
    ]);
    expect(r.errors[2]!.message).toBe(`mã số thuế ${good} trùng với dòng 2`);
    expect(r.rows.map((x) => x.line)).toEqual([2]);
  });
  it("names the missing columns", () => {
    const r = parseRegistryTable([["Tên", "Địa chỉ"], ["A", "B"]], communes);
    expect(r.errors[0]!.message).toContain("Loại hình, Xã/phường");
  });
  it("the key of a household without tax code ignores diacritics and case", () => {
    expect(registryKeyOf(null, "Hộ Lò Thị Hoa", "tua_chua")).toBe(registryKeyOf(null, "ho lo thi hoa", "tua_chua"));
  });
});

describe("CSV", () => {
  it("reads comma and semicolon files, with a BOM, quotes and CRLF", () => {
    expect(detectDelimiter("a;b;c\n1,5;2;3")).toBe(";");
    expect(parseCsv('\uFEFFMã số thuế;Tên\r\n0100109106;"Công ty ""A""; chi nhánh"\r\n')).toEqual([
      ["Mã số thuế", "Tên"],
      ["0100109106", 'Công ty "A"; chi nhánh'],
    ]);
    expect(parseCsv("a,b\n1,\n")).toEqual([
      ["a", "b"],
      ["1", ""],
    ]);
  });
  it("writes fields Excel reads back, and defuses formulas", () => {
    expect(csvLine(["Mường Thanh", 'a"b', 1.5, null, "=1+1", true])).toBe('Mường Thanh,"a""b",1.5,,\'=1+1,1\r\n');
    expect(parseCsv(csvLine(["x,y", "z"]))).toEqual([["x,y", "z"]]);
  });
});

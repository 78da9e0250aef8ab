// The register's template: the columns the import reads and the values it accepts, as a CSV (the
// header, then notes the import skips) and as an XLSX (a sheet to fill with drop-down lists, the
// notes, the communes). Communes come from the content; the other values from the same lists the
// import reads, so the template never offers what the import would refuse.
import ExcelJS from "exceljs";
import type { Commune } from "../content/load.ts";
import { csvLine, UTF8_BOM } from "../domain/csv.ts";
import { MAX_REGISTRY_ROWS, REGISTRY_COLUMNS, REGISTRY_VALUE_WORDS } from "../domain/registry.ts";

export interface TemplateColumn {
  header: (typeof REGISTRY_COLUMNS)[number];
  required: string;
  accepted: string;
  /** The values to pick from, when the column takes a list. */
  values?: string[];
}

export function templateColumns(communes: readonly Commune[]): TemplateColumn[] {
  const list = (o: Record<string, string>) => Object.values(o);
  return [
    {
      header: "Mã số thuế",
      required: "Bắt buộc với doanh nghiệp và hợp tác xã; hộ kinh doanh chưa có mã thì để trống",
      accepted: "10 chữ số (chi nhánh: 10 chữ số, dấu -, 3 chữ số); hộ kinh doanh: 12 chữ số. Định dạng cột là văn bản để Excel không bỏ số 0 ở đầu.",
    },
    { header: "Tên", required: "Bắt buộc", accepted: "Tên cơ sở như trong giấy đăng ký, 2 đến 200 ký tự" },
    { header: "Loại hình", required: "Bắt buộc", accepted: list(REGISTRY_VALUE_WORDS.legalForm).join(" | "), values: list(REGISTRY_VALUE_WORDS.legalForm) },
    {
      header: "Xã/phường",
      required: "Bắt buộc",
      accepted: `Một trong ${communes.length} xã, phường của tỉnh (ghi tên, có hoặc không có chữ "xã"/"phường"): ${communes.map((c) => c.name).join(" | ")}`,
      values: communes.map((c) => c.name),
    },
    { header: "Ngành", required: "Không bắt buộc (để trống là ngành khác)", accepted: list(REGISTRY_VALUE_WORDS.sector).join(" | "), values: list(REGISTRY_VALUE_WORDS.sector) },
    { header: "Quy mô", required: "Không bắt buộc (để trống: chưa rõ; nhập lại không xóa quy mô đã có)", accepted: list(REGISTRY_VALUE_WORDS.sizeClass).join(" | "), values: list(REGISTRY_VALUE_WORDS.sizeClass) },
    { header: "Ngày đăng ký", required: "Không bắt buộc", accepted: "Ngày cơ sở vào sổ đăng ký, dạng ngày/tháng/năm (ví dụ 23/11/2026): để tính sổ đăng ký tại một ngày trong quá khứ" },
  ];
}

const NOTE = `Mỗi dòng một cơ sở, tối đa ${MAX_REGISTRY_ROWS.toLocaleString("vi-VN")} dòng, tệp tối đa 20 MB. Nhập lại tệp mới cập nhật cơ sở đã có (theo mã số thuế; hộ kinh doanh không có mã: theo tên và xã/phường).`;

/** The CSV template: the header line, then one note per column (lines starting with # are skipped by the import). */
export function templateCsv(communes: readonly Commune[]): string {
  const cols = templateColumns(communes);
  const lines = [csvLine([...REGISTRY_COLUMNS]), csvLine([`# ${NOTE} Xóa hoặc giữ các dòng bắt đầu bằng # đều được.`])];
  for (const c of cols) lines.push(csvLine([`# ${c.header} (${c.required}): ${c.accepted}`]));
  return UTF8_BOM + lines.join("");
}

/** The XLSX template: the sheet to fill first (the import reads the first sheet), then the notes and the lists. */
export async function templateXlsx(communes: readonly Commune[]): Promise<Uint8Array<ArrayBuffer>> {
  const cols = templateColumns(communes);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Sổ đăng ký");
  const notes = wb.addWorksheet("Hướng dẫn");
  const lists = wb.addWorksheet("Danh sách giá trị");
  sheet.addRow([...REGISTRY_COLUMNS]).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  cols.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = c.header === "Tên" ? 40 : 18;
    if (c.header === "Mã số thuế") col.numFmt = "@";
    if (c.header === "Ngày đăng ký") col.numFmt = "dd/mm/yyyy";
  });
  // The lists the drop-downs take their values from, one column each.
  const listed = cols.filter((c) => c.values);
  listed.forEach((c, j) => {
    lists.getCell(1, j + 1).value = c.header;
    lists.getCell(1, j + 1).font = { bold: true };
    c.values!.forEach((v, k) => (lists.getCell(k + 2, j + 1).value = v));
  });
  const last = MAX_REGISTRY_ROWS + 1;
  listed.forEach((c, j) => {
    const column = String.fromCharCode(65 + REGISTRY_COLUMNS.indexOf(c.header));
    const source = String.fromCharCode(65 + j);
    // One rule over the whole column (the file keeps it as one range, not one per cell).
    (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${column}2:${column}${last}`, {
      type: "list",
      allowBlank: true,
      formulae: [`'Danh sách giá trị'!$${source}$2:$${source}$${c.values!.length + 1}`],
      showErrorMessage: c.header === "Loại hình" || c.header === "Xã/phường",
      errorTitle: c.header,
      error: `Chọn trong danh sách: ${c.header}`,
    });
  });
  notes.addRow(["Cột", "Bắt buộc", "Giá trị được nhận"]).font = { bold: true };
  for (const c of cols) notes.addRow([c.header, c.required, c.accepted]);
  notes.addRow([]);
  notes.addRow([NOTE]);
  notes.getColumn(1).width = 16;
  notes.getColumn(2).width = 40;
  notes.getColumn(3).width = 100;
  return new Uint8Array(await wb.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}

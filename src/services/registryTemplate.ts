// The register's template: the columns the import reads and the values it accepts, as a CSV (the
// header, then notes the import skips) and as an XLSX (a sheet to fill with drop-down lists, the
// notes, the communes). Communes come from the content; the other values from the same lists the
// import reads, so the template never offers what the import would refuse. The column titles and
// values are the file's format and stay as the import reads them; what is said about them comes
// from the catalogue, in the language asked for.
import ExcelJS from "exceljs";
import type { Commune } from "../content/load.ts";
import { csvLine, UTF8_BOM } from "../domain/csv.ts";
import { MAX_REGISTRY_ROWS, REGISTRY_COLUMNS, REGISTRY_VALUE_WORDS } from "../domain/registry.ts";
import { fmt, msg, type Messages } from "../../views/messages.ts";

export interface TemplateColumn {
  header: (typeof REGISTRY_COLUMNS)[number];
  required: string;
  accepted: string;
  /** The values to pick from, when the column takes a list. */
  values?: string[];
}

/** The columns in file order (REGISTRY_COLUMNS), each with what it needs, said in the words of `t`. */
export function templateColumns(communes: readonly Commune[], t: Messages = msg()): TemplateColumn[] {
  const words = t.department.registry.templateFile;
  const say = words.columns;
  const list = (o: Record<string, string>) => Object.values(o);
  const [taxCode, name, legalForm, commune, sector, sizeClass, registeredOn] = REGISTRY_COLUMNS;
  return [
    { header: taxCode, required: say.taxCode.required, accepted: say.taxCode.accepted },
    { header: name, required: words.required, accepted: say.name.accepted },
    { header: legalForm, required: words.required, accepted: list(REGISTRY_VALUE_WORDS.legalForm).join(" | "), values: list(REGISTRY_VALUE_WORDS.legalForm) },
    {
      header: commune,
      required: words.required,
      accepted: fmt(say.commune.accepted, { n: communes.length, names: communes.map((c) => c.name).join(" | ") }),
      values: communes.map((c) => c.name),
    },
    { header: sector, required: say.sector.required, accepted: list(REGISTRY_VALUE_WORDS.sector).join(" | "), values: list(REGISTRY_VALUE_WORDS.sector) },
    { header: sizeClass, required: say.sizeClass.required, accepted: list(REGISTRY_VALUE_WORDS.sizeClass).join(" | "), values: list(REGISTRY_VALUE_WORDS.sizeClass) },
    { header: registeredOn, required: say.registeredOn.required, accepted: say.registeredOn.accepted },
  ];
}

const note = (t: Messages) => fmt(t.department.registry.templateFile.note, { rows: MAX_REGISTRY_ROWS.toLocaleString(t.lang === "vi" ? "vi-VN" : "en-GB") });

/** The CSV template: the header line, then one note per column (lines starting with # are skipped by the import). */
export function templateCsv(communes: readonly Commune[], t: Messages = msg()): string {
  const cols = templateColumns(communes, t);
  const lines = [csvLine([...REGISTRY_COLUMNS]), csvLine([`# ${fmt(t.department.registry.templateFile.csvNote, { note: note(t) })}`])];
  for (const c of cols) lines.push(csvLine([`# ${c.header} (${c.required}): ${c.accepted}`]));
  return UTF8_BOM + lines.join("");
}

/** The XLSX template: the sheet to fill first (the import reads the first sheet), then the notes and the lists. */
export async function templateXlsx(communes: readonly Commune[], t: Messages = msg()): Promise<Uint8Array<ArrayBuffer>> {
  const words = t.department.registry.templateFile;
  const cols = templateColumns(communes, t);
  const [taxCode, name, legalForm, commune, , , registeredOn] = REGISTRY_COLUMNS;
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(words.sheet);
  const notes = wb.addWorksheet(words.notesSheet);
  const lists = wb.addWorksheet(words.listsSheet);
  sheet.addRow([...REGISTRY_COLUMNS]).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  cols.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = c.header === name ? 40 : 18;
    if (c.header === taxCode) col.numFmt = "@";
    if (c.header === registeredOn) col.numFmt = "dd/mm/yyyy";
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
      formulae: [`'${words.listsSheet}'!$${source}$2:$${source}$${c.values!.length + 1}`],
      showErrorMessage: c.header === legalForm || c.header === commune,
      errorTitle: c.header,
      error: fmt(words.pickFromList, { column: c.header }),
    });
  });
  notes.addRow([words.notesHeader.column, words.notesHeader.required, words.notesHeader.accepted]).font = { bold: true };
  for (const c of cols) notes.addRow([c.header, c.required, c.accepted]);
  notes.addRow([]);
  notes.addRow([note(t)]);
  notes.getColumn(1).width = 16;
  notes.getColumn(2).width = 40;
  notes.getColumn(3).width = 100;
  return new Uint8Array(await wb.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}

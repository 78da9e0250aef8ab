// CSV as spreadsheets in Vietnam write it: UTF-8 with or without BOM, comma or semicolon
// (Excel with a Vietnamese locale uses ";"), quoted fields with "" for a quote, CRLF or LF.

import { withoutInvisible } from "./text.ts";

export const UTF8_BOM = "\uFEFF";

/** The delimiter of the header line: the one of "," and ";" that occurs outside quotes most. */
export function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semis++;
  }
  return semis > commas ? ";" : ",";
}

/** Rows of cells. A lone trailing newline does not make an empty last row. */
export function parseCsv(input: string): string[][] {
  return [...csvRows(input)];
}

/** The rows of a CSV text one by one, so a large file is read without holding every row at once. */
export function* csvRows(input: string): Generator<string[]> {
  const text = input.startsWith(UTF8_BOM) ? input.slice(1) : input;
  const delim = detectDelimiter(text);
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === delim) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      yield row;
      row = [];
      cell = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    yield row;
  }
}

/**
 * How a CSV file is written. The standard one (comma, decimal point, ISO dates) is what other
 * programs read; Excel set to Vietnamese splits lines on ";" and reads "56,3" as a number and
 * 23/11/2026 as a date, so its variant writes exactly that.
 */
export interface CsvDialect {
  delimiter: "," | ";";
  decimalComma: boolean;
  /** Days as dd/mm/yyyy instead of yyyy-mm-dd. */
  dayFirstDates: boolean;
}
export const CSV_STANDARD: CsvDialect = { delimiter: ",", decimalComma: false, dayFirstDates: false };
export const CSV_EXCEL_VI: CsvDialect = { delimiter: ";", decimalComma: true, dayFirstDates: true };

/** A day (a Date at UTC midnight, as exports hold days) as the dialect writes it. */
function dayText(d: Date, dialect: CsvDialect): string {
  const iso = d.toISOString().slice(0, 10);
  return dialect.dayFirstDates ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/**
 * One CSV field: quoted when it holds a delimiter, quote or line break; formula-like text is
 * defused; control characters and bidi overrides are dropped even if stored before inputs were
 * cleaned (see text.ts).
 */
export function csvField(value: string | number | boolean | Date | null | undefined, dialect: CsvDialect = CSV_STANDARD): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    return dialect.decimalComma ? String(value).replace(".", ",") : String(value);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) return dayText(value, dialect);
  const clean = withoutInvisible(value);
  // A cell starting with = + - @ would run as a formula in Excel (CSV injection).
  const s = /^[=+\-@\t]/.test(clean) ? `'${clean}` : clean;
  // The standard file quotes on both separators, so either reader splits it right; the Vietnamese
  // variant leaves commas alone (they are decimal commas there).
  const special = dialect.delimiter === "," ? /[",;\r\n]/ : /[";\r\n]/;
  return special.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | boolean | Date | null | undefined)[], dialect: CsvDialect = CSV_STANDARD): string {
  return values.map((v) => csvField(v, dialect)).join(dialect.delimiter) + "\r\n";
}

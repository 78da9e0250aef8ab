// The province's register of businesses: reading one uploaded table (CSV or XLSX) into rows the
// registry can take, with a Vietnamese message for every row that cannot be taken.
// Pure: the caller turns the file into cells and gives the list of communes.
import { type LegalForm, type Sector, type SizeClass } from "./questionnaire.ts";
import { editDistance, foldVietnamese } from "./vnText.ts";
import { oneLine } from "./text.ts";
import { todayInVietnam } from "./vietnamTime.ts";

export const REGISTRY_FIELDS = ["taxCode", "name", "legalForm", "communeId", "sector", "sizeClass"] as const;
export type RegistryField = (typeof REGISTRY_FIELDS)[number];

export interface RegistryRow {
  /** Tax code, or for a household without one: "hh:" + folded name + ":" + commune id. */
  registryKey: string;
  taxCode: string | null;
  name: string;
  legalForm: LegalForm;
  communeId: string;
  sector: Sector;
  sizeClass: SizeClass | null;
  /** Day the business entered the register (YYYY-MM-DD), when the file gives it. */
  registeredOn?: string | null;
}

export interface RowError {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  field: RegistryField | "_";
  message: string;
  /** The row's name as written in the file (empty when it has none), so a bad row can be found. */
  name?: string;
}

export interface ParsedRegistry {
  rows: (RegistryRow & { line: number })[];
  errors: RowError[];
  /** Data rows of the file (blank lines not counted), good or bad. */
  dataRows: number;
  /** Column of the file each field was read from (header text), for the preview. */
  columns: Partial<Record<RegistryField, string>>;
}

export const MAX_REGISTRY_ROWS = 300_000;

// Header names as departments write them (folded: no diacritics, lower case).
const HEADERS: Record<RegistryField, string[]> = {
  taxCode: ["ma so thue", "mst", "ma so doanh nghiep", "ma so thue/ma so doanh nghiep", "tax code", "taxcode", "tax_code"],
  name: ["ten", "ten co so", "ten doanh nghiep", "ten co so kinh doanh", "ten don vi", "ten ho kinh doanh", "name"],
  legalForm: ["loai hinh", "loai hinh doanh nghiep", "loai hinh to chuc", "hinh thuc", "legal form", "legalform", "legal_form"],
  communeId: ["xa/phuong", "xa, phuong", "xa phuong", "xa", "phuong", "dia ban", "don vi hanh chinh", "commune", "commune_id", "communeid"],
  sector: ["nganh", "nganh nghe", "linh vuc", "nganh uu tien", "sector"],
  sizeClass: ["quy mo", "quy mo doanh nghiep", "size", "size class", "size_class", "sizeclass"],
};

/**
 * How the template writes each accepted value (the parser also takes other spellings: "HTX",
 * "Cty", without diacritics…). A test reads every one back through the parser.
 */
export const REGISTRY_VALUE_WORDS = {
  legalForm: { company: "doanh nghiệp", cooperative: "hợp tác xã", household: "hộ kinh doanh" },
  sector: { ocop: "OCOP/nông nghiệp", tourism: "du lịch", border_trade: "biên mậu", other: "khác" },
  sizeClass: { micro: "siêu nhỏ", small: "nhỏ", medium: "vừa", large: "lớn" },
} as const satisfies { legalForm: Record<LegalForm, string>; sector: Record<Sector, string>; sizeClass: Record<SizeClass, string> };

/** The columns of the register's file, as the template heads them, in its order. */
export const REGISTRY_COLUMNS = ["Mã số thuế", "Tên", "Loại hình", "Xã/phường", "Ngành", "Quy mô", "Ngày đăng ký"] as const;

/** The optional column of the day a business entered the register. */
const REGISTERED_ON_HEADERS = ["ngay dang ky", "ngay dang ky kinh doanh", "ngay cap", "ngay thanh lap", "registered on", "registered_on", "registeredon"];

const LEGAL_FORM_WORDS: [LegalForm, RegExp][] = [
  ["cooperative", /^(htx|hop tac xa|cooperative)\b|hop tac xa/],
  ["household", /^(hkd|ho kinh doanh|ho ca the|ho kd|household)\b|ho kinh doanh/],
  ["company", /^(dn|dntn|doanh nghiep|cong ty|cty|tnhh|co phan|company)\b|cong ty|doanh nghiep/],
];

const SECTOR_WORDS: [Sector, RegExp][] = [
  ["ocop", /ocop|nong nghiep/],
  ["tourism", /du lich|homestay|tourism/],
  ["border_trade", /bien mau|cua khau|border/],
  ["other", /^(khac|nganh khac|other)$/],
];

const SIZE_WORDS: [SizeClass, RegExp][] = [
  ["micro", /^(sieu nho|micro)$/],
  ["small", /^(nho|small)$/],
  ["medium", /^(vua|medium)$/],
  ["large", /^(lon|large)$/],
];

/** Vietnamese enterprise tax code check digit (10th digit), as published for MST. (verify) */
export function taxCodeCheckDigitOk(ten: string): boolean {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const sum = weights.reduce((s, w, i) => s + w * Number(ten[i]), 0);
  const check = 10 - (sum % 11);
  return check < 10 && check === Number(ten[9]);
}

export type TaxCodeCheck = { ok: true; value: string } | { ok: false; message: string };

/**
 * 10 digits (enterprise, cooperative; check digit verified), 10 + "-" + 3 (branch), or 12 digits
 * (personal identification number, the tax code of household businesses since 2025).
 */
export function checkTaxCode(raw: string, legalForm: LegalForm | null): TaxCodeCheck {
  const s = raw.replace(/[\s.]/g, "");
  const m = /^(\d{10})(?:-?(\d{3}))?$/.exec(s);
  if (m) {
    if (m[1]!.startsWith("00") || m[1]!.slice(2, 9) === "0000000")
      return { ok: false, message: `mã số thuế "${raw}" không hợp lệ` };
    if (!taxCodeCheckDigitOk(m[1]!))
      return { ok: false, message: `mã số thuế "${raw}" sai chữ số kiểm tra (có thể gõ nhầm một chữ số)` };
    if (m[2] === "000") return { ok: false, message: `mã chi nhánh "${raw}" không hợp lệ (3 số cuối không thể là 000)` };
    return { ok: true, value: m[2] ? `${m[1]}-${m[2]}` : m[1]! };
  }
  if (/^\d{12}$/.test(s)) {
    if (legalForm && legalForm !== "household")
      return { ok: false, message: `mã 12 chữ số chỉ dùng cho hộ kinh doanh; doanh nghiệp, hợp tác xã có mã 10 chữ số` };
    return { ok: true, value: s };
  }
  if (/^\d{9}$/.test(s))
    return { ok: false, message: `mã số thuế "${raw}" chỉ có 9 chữ số: có thể Excel đã bỏ số 0 ở đầu (hãy định dạng cột là văn bản)` };
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(raw.trim()))
    return { ok: false, message: `mã số thuế "${raw}" bị Excel đổi sang dạng số mũ (hãy định dạng cột là văn bản)` };
  return { ok: false, message: `mã số thuế "${raw}" không đúng dạng: 10 chữ số, chi nhánh thêm dấu - và 3 chữ số` };
}

export interface CommuneRef {
  id: string;
  name: string;
  kind: "ward" | "commune";
}

/** Matches commune names with or without diacritics, case, "xã"/"phường" prefixes, or the id. */
export function communeMatcher(communes: readonly CommuneRef[]) {
  const byFolded = new Map<string, CommuneRef[]>();
  const add = (k: string, c: CommuneRef) => byFolded.set(k, [...(byFolded.get(k) ?? []).filter((x) => x.id !== c.id), c]);
  for (const c of communes) {
    add(foldVietnamese(c.name), c);
    add(c.id, c);
    add(c.id.replace(/_/g, " "), c);
  }
  const strip = (s: string) => s.replace(/^(xa|phuong|p\.|x\.|p|x)\s+/, "").trim();
  return (raw: string): { ok: true; id: string } | { ok: false; message: string } => {
    const folded = foldVietnamese(raw);
    const found = byFolded.get(folded) ?? byFolded.get(strip(folded));
    if (found && found.length === 1) return { ok: true, id: found[0]!.id };
    if (found && found.length > 1)
      return { ok: false, message: `"${raw}" trùng tên nhiều đơn vị (${found.map((c) => c.name).join(", ")}): hãy ghi rõ xã hay phường` };
    const target = strip(folded);
    let best: CommuneRef | null = null;
    let bestD = Infinity;
    for (const c of communes) {
      const d = editDistance(target, foldVietnamese(c.name));
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    const hint = best && bestD <= 2 ? `; có phải "${best.name}"?` : "";
    return { ok: false, message: `không có xã/phường "${raw}" trong danh sách 45 đơn vị của tỉnh${hint}` };
  };
}

function pick<T extends string>(words: [T, RegExp][], raw: string): T | null {
  const f = foldVietnamese(raw);
  for (const [value, re] of words) if (re.test(f)) return value;
  return null;
}

function fieldOfHeader(header: string): RegistryField | "registeredOn" | null {
  const f = foldVietnamese(header).replace(/\s*\(.*\)\s*$/, "").replace(/[*:]+$/, "").trim();
  for (const field of REGISTRY_FIELDS) if (HEADERS[field].includes(f)) return field;
  if (REGISTERED_ON_HEADERS.includes(f)) return "registeredOn";
  return null;
}

/** The key that makes re-importing the same business update its row. */
export function registryKeyOf(taxCode: string | null, name: string, communeId: string): string {
  return taxCode ?? `hh:${foldVietnamese(name)}:${communeId}`;
}

/**
 * Reads a table (first row = headers). Every row with a problem gets a message; rows without
 * problems are returned, and the caller decides whether the valid rows alone may be saved.
 */
export function parseRegistryTable(table: readonly (readonly string[])[], communes: readonly CommuneRef[], today = todayInVietnam()): ParsedRegistry {
  const parser = registryParser(communes, today);
  for (const cells of table) parser.push(cells);
  const rows = parser.takeRows();
  const errors = parser.takeErrors();
  const end = parser.finish();
  return { rows: [...rows, ...end.rows], errors: [...errors, ...end.errors], dataRows: end.dataRows, columns: end.columns };
}

const FIELD_NAMES: Record<RegistryField | "registeredOn", string> = {
  taxCode: "Mã số thuế",
  name: "Tên",
  legalForm: "Loại hình",
  communeId: "Xã/phường",
  sector: "Ngành",
  sizeClass: "Quy mô",
  registeredOn: "Ngày đăng ký",
};

/**
 * A registration day as registers write it: 23/11/2026, 3/1/2026 or 2026-11-23 (an Excel date
 * cell arrives as 2026-11-23). Not in the future, not before 1945.
 */
export function parseRegistrationDay(raw: string, today: string): { ok: true; value: string } | { ok: false; message: string } {
  const s = raw.trim();
  let y: number, m: number, d: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else return { ok: false, message: `ngày đăng ký "${raw}" không đúng dạng: ghi ngày/tháng/năm, ví dụ 23/11/2026` };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, message: `ngày đăng ký "${raw}" không có thật` };
  const iso = date.toISOString().slice(0, 10);
  if (iso > today) return { ok: false, message: `ngày đăng ký "${raw}" ở tương lai` };
  if (y < 1945) return { ok: false, message: `ngày đăng ký "${raw}" quá xa` };
  return { ok: true, value: iso };
}

/**
 * The register read row by row (a file of 200,000 rows never needs all its cells at once): push
 * each row of cells in file order (the first non-empty one is the header), take the valid rows and
 * the errors found so far whenever convenient, then finish. A row whose only cell starts with "#"
 * is a note (the template's explanations) and is skipped.
 */
export function registryParser(communes: readonly CommuneRef[], today = todayInVietnam()) {
  let rows: (RegistryRow & { line: number })[] = [];
  let errors: (RowError & { registryKey?: string })[] = [];
  const columns: ParsedRegistry["columns"] = {};
  const columnOf = new Map<RegistryField | "registeredOn", number>();
  let line = 0;
  let header: "none" | "ok" | "bad" = "none";
  let headerLine = 0;
  let nonEmpty = 0;
  let tooMany = false;
  // What is wrong with the file as a whole (a bad header, too many rows): kept apart from the row
  // errors, so taking the errors along the way never loses it.
  let fileError: RowError | null = null;
  const matchCommune = communeMatcher(communes);
  const firstLineOfKey = new Map<string, number>();
  // The same tax code typed the same way is the same business whatever else is wrong on the row,
  // so it is reported at once rather than after the other errors are fixed.
  const firstLineOfRawTax = new Map<string, number>();

  function readHeader(cells: readonly string[]) {
    headerLine = line;
    cells.forEach((h, i) => {
      const field = fieldOfHeader(h);
      if (field && !columnOf.has(field)) {
        columnOf.set(field, i);
        if (field !== "registeredOn") columns[field] = h.trim();
      }
    });
    // Households may have no tax code, so a register of households alone may lack that column.
    const missing = (["name", "legalForm", "communeId"] as const).filter((f) => !columnOf.has(f));
    if (!missing.length) return "ok" as const;
    fileError = {
      row: line,
      field: "_",
      message: `dòng tiêu đề thiếu cột: ${missing.map((f) => FIELD_NAMES[f]).join(", ")} (cần các cột Tên, Loại hình, Xã/phường; Mã số thuế, Ngành, Quy mô và Ngày đăng ký nếu có)`,
    };
    return "bad" as const;
  }

  function readRow(cells: readonly string[]) {
    const get = (f: RegistryField | "registeredOn") => {
      const idx = columnOf.get(f);
      return idx === undefined ? "" : (cells[idx] ?? "").trim();
    };
    const rowErrors: (RowError & { registryKey?: string })[] = [];
    const name = oneLine(get("name"));
    const err = (field: RegistryField | "registeredOn", message: string) => rowErrors.push({ row: line, field: field === "registeredOn" ? "_" : field, message, name: name.slice(0, 200) });

    if (name.length < 2) err("name", "thiếu tên cơ sở");
    else if (name.length > 200) err("name", "tên dài quá 200 ký tự");

    const legalRaw = get("legalForm");
    const legalForm = legalRaw ? pick(LEGAL_FORM_WORDS, legalRaw) : null;
    if (!legalRaw) err("legalForm", "thiếu loại hình (doanh nghiệp, hợp tác xã hoặc hộ kinh doanh)");
    else if (!legalForm) err("legalForm", `loại hình "${legalRaw}" không rõ: ghi doanh nghiệp, hợp tác xã hoặc hộ kinh doanh`);

    const taxRaw = get("taxCode");
    let taxCode: string | null = null;
    if (taxRaw) {
      const t = checkTaxCode(taxRaw, legalForm);
      if (t.ok) taxCode = t.value;
      else err("taxCode", t.message);
      const raw = taxRaw.replace(/[\s.]/g, "");
      const sameRawTaxAs = firstLineOfRawTax.get(raw);
      if (sameRawTaxAs === undefined) firstLineOfRawTax.set(raw, line);
      else err("taxCode", `mã số thuế ${taxCode ?? `"${taxRaw}"`} trùng với dòng ${sameRawTaxAs}`);
    } else if (legalForm && legalForm !== "household") err("taxCode", "doanh nghiệp và hợp tác xã cần có mã số thuế");

    const communeRaw = get("communeId");
    let communeId: string | null = null;
    if (!communeRaw) err("communeId", "thiếu xã/phường");
    else {
      const c = matchCommune(communeRaw);
      if (c.ok) communeId = c.id;
      else err("communeId", c.message);
    }

    const sectorRaw = get("sector");
    const sector: Sector | null = sectorRaw ? pick(SECTOR_WORDS, sectorRaw) : "other";
    if (!sector) err("sector", `ngành "${sectorRaw}" không rõ: ghi OCOP/nông nghiệp, du lịch, biên mậu hoặc khác (để trống là ngành khác)`);

    const sizeRaw = get("sizeClass");
    const sizeClass: SizeClass | null = sizeRaw ? pick(SIZE_WORDS, sizeRaw) : null;
    if (sizeRaw && !sizeClass) err("sizeClass", `quy mô "${sizeRaw}" không rõ: ghi siêu nhỏ, nhỏ, vừa, lớn hoặc để trống`);

    const dayRaw = get("registeredOn");
    let registeredOn: string | null = null;
    if (dayRaw) {
      const d = parseRegistrationDay(dayRaw, today);
      if (d.ok) registeredOn = d.value;
      else err("registeredOn", d.message);
    }

    if (!rowErrors.length && legalForm && communeId && sector) {
      const registryKey = registryKeyOf(taxCode, name, communeId);
      const first = firstLineOfKey.get(registryKey);
      if (first !== undefined) {
        err(
          taxCode ? "taxCode" : "name",
          taxCode ? `mã số thuế ${taxCode} trùng với dòng ${first}` : `hộ kinh doanh "${name}" ở cùng xã/phường trùng với dòng ${first}`,
        );
      } else {
        firstLineOfKey.set(registryKey, line);
        rows.push({ line, registryKey, taxCode, name, legalForm, communeId, sector, sizeClass, registeredOn });
      }
    }
    // A bad row still names the business when its key can be told (it is in the file, not missing).
    const key = taxCode ?? (!taxRaw && communeId && name.length >= 2 ? registryKeyOf(null, name, communeId) : undefined);
    for (const e of rowErrors) errors.push(key ? { ...e, registryKey: key } : e);
  }

  return {
    push(cells: readonly string[]) {
      line++;
      if (header === "bad" || tooMany) return;
      if (cells.every((c) => c.trim() === "")) return;
      if (cells[0]?.trim().startsWith("#") && cells.slice(1).every((c) => c.trim() === "")) return;
      if (header === "none") {
        header = readHeader(cells);
        return;
      }
      nonEmpty++;
      if (nonEmpty > MAX_REGISTRY_ROWS) {
        tooMany = true;
        rows = [];
        errors = [];
        fileError = { row: line, field: "_", message: `tệp có hơn ${MAX_REGISTRY_ROWS} dòng, tối đa ${MAX_REGISTRY_ROWS} dòng mỗi lần: hãy chia thành nhiều tệp` };
        return;
      }
      readRow(cells);
    },
    /** Valid rows read since the last call, in file order. */
    takeRows() {
      const out = rows;
      rows = [];
      return out;
    },
    /** Errors found since the last call, in file order. */
    takeErrors() {
      const out = errors;
      errors = [];
      return out;
    },
    /** Whatever is left, and the file's figures. A file that says too much or too little has one error and no rows. */
    finish(): ParsedRegistry & { errors: (RowError & { registryKey?: string })[]; fileLevel: boolean } {
      if (header === "none") return { rows: [], errors: [{ row: 1, field: "_", message: "tệp không có dữ liệu" }], dataRows: 0, columns, fileLevel: true };
      if (fileError) return { rows: [], errors: [fileError], dataRows: 0, columns, fileLevel: true };
      const left = { rows: this.takeRows(), errors: this.takeErrors() };
      if (!nonEmpty) return { rows: [], errors: [{ row: headerLine + 1, field: "_", message: "tệp không có dòng dữ liệu nào" }], dataRows: 0, columns, fileLevel: true };
      return { ...left, dataRows: nonEmpty, columns, fileLevel: false };
    },
  };
}

export interface FieldChange {
  field: RegistryField;
  from: string | null;
  to: string | null;
}

/**
 * What committing this row would change in the stored row of the same registry key, field by
 * field, as the commit writes it: an empty size in the file keeps the stored size.
 */
export function registryChanges(row: RegistryRow, stored: Omit<RegistryRow, "registryKey">): FieldChange[] {
  const changes: FieldChange[] = [];
  const next: Omit<RegistryRow, "registryKey"> = { ...row, sizeClass: row.sizeClass ?? stored.sizeClass };
  for (const field of REGISTRY_FIELDS) if ((stored[field] ?? null) !== (next[field] ?? null)) changes.push({ field, from: stored[field] ?? null, to: next[field] ?? null });
  return changes;
}

// The province's register of businesses: reading one uploaded table (CSV or XLSX) into rows the
// registry can take, with a Vietnamese message for every row that cannot be taken.
// Pure: the caller turns the file into cells and gives the list of communes.
import { type LegalForm, type Sector, type SizeClass } from "./questionnaire.ts";
import { editDistance, foldVietnamese } from "./vnText.ts";
import { oneLine } from "./text.ts";

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

function fieldOfHeader(header: string): RegistryField | null {
  const f = foldVietnamese(header).replace(/\s*\(.*\)\s*$/, "").replace(/[*:]+$/, "").trim();
  for (const field of REGISTRY_FIELDS) if (HEADERS[field].includes(f)) return field;
  return null;
}

/** The key that makes re-importing the same business update its row. */
export function registryKeyOf(taxCode: string | null, name: string, communeId: string): string {
  return taxCode ?? `hh:${foldVietnamese(name)}:${communeId}`;
}

/**
 * Reads a table (first row = headers). Every row with a problem gets a message; rows without
 * problems are returned, but the caller must not commit anything while `errors` is not empty.
 */
export function parseRegistryTable(table: readonly (readonly string[])[], communes: readonly CommuneRef[]): ParsedRegistry {
  const errors: RowError[] = [];
  const rows: ParsedRegistry["rows"] = [];
  const headerIndex = table.findIndex((r) => r.some((c) => c.trim() !== ""));
  if (headerIndex < 0) return { rows, errors: [{ row: 1, field: "_", message: "tệp không có dữ liệu" }], dataRows: 0, columns: {} };
  const header = table[headerIndex]!;
  const columnOf = new Map<RegistryField, number>();
  const columns: ParsedRegistry["columns"] = {};
  header.forEach((h, i) => {
    const field = fieldOfHeader(h);
    if (field && !columnOf.has(field)) {
      columnOf.set(field, i);
      columns[field] = h.trim();
    }
  });
  // Households may have no tax code, so a register of households alone may lack that column.
  const missing = (["name", "legalForm", "communeId"] as const).filter((f) => !columnOf.has(f));
  if (missing.length) {
    const names: Record<RegistryField, string> = {
      taxCode: "Mã số thuế",
      name: "Tên",
      legalForm: "Loại hình",
      communeId: "Xã/phường",
      sector: "Ngành",
      sizeClass: "Quy mô",
    };
    return {
      rows,
      columns,
      dataRows: 0,
      errors: [
        {
          row: headerIndex + 1,
          field: "_",
          message: `dòng tiêu đề thiếu cột: ${missing.map((f) => names[f]).join(", ")} (cần các cột Tên, Loại hình, Xã/phường; Mã số thuế, Ngành và Quy mô nếu có)`,
        },
      ],
    };
  }
  const dataRows = table.length - headerIndex - 1;
  if (dataRows > MAX_REGISTRY_ROWS)
    return { rows, columns, dataRows: 0, errors: [{ row: 1, field: "_", message: `tệp có ${dataRows} dòng, tối đa ${MAX_REGISTRY_ROWS} dòng mỗi lần` }] };
  const matchCommune = communeMatcher(communes);
  const firstLineOfKey = new Map<string, number>();
  // The same tax code typed the same way is the same business whatever else is wrong on the row,
  // so it is reported at once rather than after the other errors are fixed.
  const firstLineOfRawTax = new Map<string, number>();
  let nonEmpty = 0;
  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i]!;
    const line = i + 1;
    if (cells.every((c) => c.trim() === "")) continue;
    nonEmpty++;
    const get = (f: RegistryField) => {
      const idx = columnOf.get(f);
      return idx === undefined ? "" : (cells[idx] ?? "").trim();
    };
    const rowErrors: RowError[] = [];
    const name = oneLine(get("name"));
    const err = (field: RegistryField, message: string) => rowErrors.push({ row: line, field, message, name: name.slice(0, 200) });

    if (name.length < 2) err("name", "thiếu tên cơ sở");
    else if (name.length > 200) err("name", "tên dài quá 200 ký tự");

    const legalRaw = get("legalForm");
    const legalForm = legalRaw ? pick(LEGAL_FORM_WORDS, legalRaw) : null;
    if (!legalRaw) err("legalForm", "thiếu loại hình (doanh nghiệp, hợp tác xã hoặc hộ kinh doanh)");
    else if (!legalForm) err("legalForm", `loại hình "${legalRaw}" không rõ: ghi doanh nghiệp, hợp tác xã hoặc hộ kinh doanh`);

    const taxRaw = get("taxCode");
    let taxCode: string | null = null;
    let sameRawTaxAs: number | undefined;
    if (taxRaw) {
      const t = checkTaxCode(taxRaw, legalForm);
      if (t.ok) taxCode = t.value;
      else err("taxCode", t.message);
      const raw = taxRaw.replace(/[\s.]/g, "");
      sameRawTaxAs = firstLineOfRawTax.get(raw);
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
        rows.push({ line, registryKey, taxCode, name, legalForm, communeId, sector, sizeClass });
      }
    }
    errors.push(...rowErrors);
  }
  if (!rows.length && !errors.length) errors.push({ row: headerIndex + 2, field: "_", message: "tệp không có dòng dữ liệu nào" });
  return { rows, errors, dataRows: nonEmpty, columns };
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

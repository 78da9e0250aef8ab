// The register's history: every change to a registry row leaves the version it replaced, with the
// days each was valid, so "the register as it stood on 31/12" can be read back whenever the yearly
// report is made. Closing a row ends its validity on the closing day and takes it out of reach.
import { afterEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { openDatabase, type Db } from "../../db/connection.ts";
import { registryAsOf, registryCount, registryRevision, versionsOf } from "../../db/registry.ts";
import { registryHistorySql } from "../../src/migrationSql/statistics.ts";
import { tempDir } from "../helpers.ts";

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function freshDb(): Db {
  const t = tempDir("dx-reghist-");
  const db = openDatabase(join(t.dir, "r.sqlite"));
  cleanups.push(() => {
    db.$client.close();
    t.cleanup();
  });
  return db;
}

// Vietnam is UTC+7: 20:00 UTC on the 9th is already the 10th in Điện Biên.
const at = (day: string) => `${day}T01:00:00.000Z`;

function insertRow(db: Db, key: string, v: { name?: string; commune?: string; importedAt: string; registeredOn?: string | null }) {
  return Number(
    db.$client
      .prepare(
        `INSERT INTO registry (registry_key, tax_code, name, legal_form, commune_id, sector, size_class, imported_at, updated_at, registered_on) VALUES (?, ?, ?, 'company', ?, 'ocop', 'small', ?, ?, ?)`,
      )
      .run(key, key, v.name ?? "Công ty A", v.commune ?? "tua_chua", v.importedAt, v.importedAt, v.registeredOn ?? null).lastInsertRowid,
  );
}
const update = (db: Db, id: number, set: string, when: string, ...args: unknown[]) =>
  db.$client.prepare(`UPDATE registry SET ${set}, updated_at = ? WHERE id = ?`).run(...args, when, id);
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe("the register's history", () => {
  it("keeps each state of a row with the days it was valid, and answers 'as it stood on a day'", () => {
    const db = freshDb();
    const id = insertRow(db, "5600123456", { importedAt: "2026-03-09T20:00:00.000Z" });
    expect(versionsOf(db, id).map((v) => [v.validFrom, v.validTo])).toEqual([["2026-03-10", null]]);
    update(db, id, "commune_id = 'muong_thanh'", at("2026-06-01"));
    update(db, id, "closed_on = '2026-09-30'", at("2026-10-05"));
    expect(versionsOf(db, id).map((v) => [v.communeId, v.validFrom, v.validTo])).toEqual([
      ["tua_chua", "2026-03-10", "2026-06-01"],
      ["muong_thanh", "2026-06-01", "2026-09-30"],
    ]);
    expect(registryAsOf(db, "2026-03-09")).toEqual([]);
    expect(registryAsOf(db, "2026-05-31").map((r) => r.communeId)).toEqual(["tua_chua"]);
    expect(registryAsOf(db, "2026-06-01").map((r) => r.communeId)).toEqual(["muong_thanh"]);
    expect(registryAsOf(db, "2026-09-29")).toHaveLength(1);
    // closed on the 30th: not in the register that day
    expect(registryAsOf(db, "2026-09-30")).toEqual([]);
    expect(registryAsOf(db, "2026-12-31")).toEqual([]);
    expect(registryCount(db)).toBe(0);
    // reopening withdraws the closure
    update(db, id, "closed_on = NULL", at("2026-10-06"));
    expect(registryAsOf(db, "2026-12-31").map((r) => r.communeId)).toEqual(["muong_thanh"]);
  });

  it("a row whose file gives its registration day is valid from that day, not from the import", () => {
    const db = freshDb();
    insertRow(db, "5600123456", { name: "Công ty cũ", importedAt: at("2027-02-15"), registeredOn: "2019-05-20" });
    insertRow(db, "0100109106", { name: "Công ty mới", importedAt: at("2027-02-15") });
    expect(names(registryAsOf(db, "2026-12-31"))).toEqual(["Công ty cũ"]);
    expect(names(registryAsOf(db, "2027-02-15"))).toEqual(["Công ty cũ", "Công ty mới"]);
  });

  it("deleting a wrongly imported row deletes its history", () => {
    const db = freshDb();
    const id = insertRow(db, "5600123456", { importedAt: at("2026-03-10") });
    update(db, id, "name = 'Công ty B'", at("2026-04-10"));
    db.$client.prepare(`DELETE FROM registry WHERE id = ?`).run(id);
    expect(db.$client.prepare(`SELECT count(*) n FROM registry_versions`).get()).toEqual({ n: 0 });
  });

  it("the revision moves with every change to the register or to a hand link", () => {
    const db = freshDb();
    const seen = [registryRevision(db)];
    const id = insertRow(db, "5600123456", { importedAt: at("2026-03-10") });
    seen.push(registryRevision(db));
    update(db, id, "name = 'Công ty B'", at("2026-04-10"));
    seen.push(registryRevision(db));
    db.$client.prepare(`INSERT INTO questionnaire_versions VALUES ('h', 'q', '1.0', '{}', 'x')`).run();
    const a = Number(
      db.$client
        .prepare(
          `INSERT INTO assessments (code_hash, questionnaire_hash, questionnaire_id, questionnaire_version, business_name, legal_form, commune_id, activity_group, sector, staff, size_class, size_basis, created_at, updated_at) VALUES ('c', 'h', 'q', '1.0', 'Hộ A', 'household', 'tua_chua', 'agriculture', 'ocop', 1, 'micro', 'staff_only', 'x', 'x')`,
        )
        .run().lastInsertRowid,
    );
    db.$client.prepare(`INSERT INTO registry_links (assessment_id, registry_id, linked_at) VALUES (?, ?, 'x')`).run(a, id);
    seen.push(registryRevision(db));
    db.$client.prepare(`DELETE FROM registry_links`).run();
    seen.push(registryRevision(db));
    db.$client.prepare(`DELETE FROM registry`).run();
    seen.push(registryRevision(db));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });

  it("migration 0010 gives every row already imported one version from its import day", () => {
    const db = freshDb();
    insertRow(db, "5600123456", { importedAt: at("2026-03-10") });
    insertRow(db, "0100109106", { importedAt: at("2026-04-02"), registeredOn: "2020-01-01" });
    db.$client.prepare(`DELETE FROM registry_versions`).run();
    for (const sql of registryHistorySql().filter((x) => x.startsWith("INSERT INTO registry_versions"))) db.$client.exec(sql);
    expect(db.$client.prepare(`SELECT registry_key k, valid_from f, valid_to t FROM registry_versions ORDER BY id`).all()).toEqual([
      { k: "5600123456", f: "2026-03-10", t: null },
      { k: "0100109106", f: "2020-01-01", t: null },
    ]);
  });
});

describe("migration 0016's folded names", () => {
  it("fold in SQL exactly as foldVietnamese folds in code, for every commune and the names businesses carry", async () => {
    const { foldSql } = await import("../../src/migrationSql/statistics.ts");
    const { foldVietnamese } = await import("../../src/domain/vnText.ts");
    const { content } = await import("../helpers.ts");
    const db = freshDb();
    const names = [
      ...content().communes.map((c) => c.name),
      "Công ty TNHH Chè Tủa Chùa",
      "HỢP TÁC XÃ DỊCH VỤ NÔNG NGHIỆP ĐIỆN BIÊN ĐÔNG",
      "Hộ kinh doanh Lò Thị Ỷ",
      "Cửa hàng Quàng Văn Ữ",
      "  Cơ sở Mường Phăng  ",
    ];
    const fold = db.$client.prepare(`SELECT ${foldSql("?")} AS f`);
    for (const n of names) expect((fold.get(n) as { f: string }).f).toBe(foldVietnamese(n));
  });
});

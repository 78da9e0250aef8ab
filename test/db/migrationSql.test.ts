// The statistics triggers are written by a generator (src/migrationSql/) and run from the committed
// migrations. The two must not drift: every statement the generator writes is in a committed
// migration, and the database the migrations build holds exactly the triggers, views and indexes the
// generator now writes (the latest writer of each name wins, in the order the migrations ran them).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.ts";
import * as generator from "../../src/migrationSql/statistics.ts";
import { tempDir } from "../helpers.ts";

const MIGRATIONS = join(import.meta.dirname, "..", "..", "db", "migrations");

/** The generator's functions in the order their migrations ran them (a later one replaces an earlier one's objects). */
const IN_ORDER: [string, () => string[]][] = [
  ["statsSchemaSql", generator.statsSchemaSql],
  ["demandRollupSql", generator.demandRollupSql],
  ["unlinkedAndQuarterRollupSql", generator.unlinkedAndQuarterRollupSql],
  ["registryDeleteSql", generator.registryDeleteSql],
  ["peerVersionSql", generator.peerVersionSql],
  ["reachDetailSql", generator.reachDetailSql],
  ["reachPlatformValidatedSql", generator.reachPlatformValidatedSql],
  ["registryHistorySql", generator.registryHistorySql],
  ["figuresVersionSql", generator.figuresVersionSql],
  ["countedOnceSql", () => generator.countedOnceSql()],
  ["countedOnceSql({ lineage: true })", () => generator.countedOnceSql({ lineage: true })],
  ["copyLineageSql", generator.copyLineageSql],
  ["importAndSearchSql", generator.importAndSearchSql],
];

const normalise = (sql: string) =>
  sql
    .replace(/--[^\n]*\n/g, "\n")
    .replace(/\s+/g, " ")
    .replace(/ IF NOT EXISTS/gi, "")
    .replace(/\s*;\s*$/, "")
    .trim();

const CREATE = /^CREATE (?:UNIQUE )?(TRIGGER|VIEW|INDEX|TABLE) (?:IF NOT EXISTS )?[`"]?(\w+)[`"]?/i;
const DROP = /^DROP (TRIGGER|VIEW|INDEX|TABLE) (?:IF EXISTS )?[`"]?(\w+)[`"]?/i;

describe("the statistics SQL generator and the committed migrations", () => {
  it("every statement the generator writes is in a committed migration", () => {
    const committed = readdirSync(MIGRATIONS)
      .filter((f) => f.endsWith(".sql"))
      .map((f) => normalise(readFileSync(join(MIGRATIONS, f), "utf8")));
    let statements = 0;
    for (const [name, write] of IN_ORDER)
      for (const statement of write()) {
        statements++;
        const s = normalise(statement);
        expect(committed.some((m) => m.includes(s)), `${name}: ${s.slice(0, 120)}…`).toBe(true);
      }
    expect(statements).toBeGreaterThan(200);
  });

  it("what `npm run migration:sql -- <number>` prints is in the migration of that number", () => {
    const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql"));
    for (const [number, write] of Object.entries(generator.GENERATED_MIGRATIONS)) {
      const file = files.find((f) => f.startsWith(`${number}_`));
      expect(file, number).toBeDefined();
      const migration = normalise(readFileSync(join(MIGRATIONS, file!), "utf8"));
      for (const statement of write()) expect(migration.includes(normalise(statement)), `${file}: ${normalise(statement).slice(0, 120)}…`).toBe(true);
    }
  });

  it("the migrated database holds the triggers, views and indexes the generator writes now", () => {
    const expected = new Map<string, string>();
    for (const [, write] of IN_ORDER)
      for (const statement of write()) {
        const s = normalise(statement);
        const created = CREATE.exec(s);
        const dropped = DROP.exec(s);
        if (created && created[1]!.toUpperCase() !== "TABLE") expected.set(created[2]!, s);
        else if (dropped) expected.delete(dropped[2]!);
      }
    expect(expected.size).toBeGreaterThan(20);

    const t = tempDir("migration-sql-");
    try {
      const db = openDatabase(join(t.dir, "m.sqlite"));
      const rows = db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('trigger','view','index') AND sql IS NOT NULL").all() as {
        name: string;
        sql: string;
      }[];
      db.$client.close();
      const inDatabase = new Map(rows.map((r) => [r.name, normalise(r.sql)]));
      for (const [name, sql] of expected) expect(inDatabase.get(name), name).toBe(sql);
    } finally {
      t.cleanup();
    }
  });
});

// Pure rules of the advisor workspace: roles, Decree 80 cap warnings, T0 → T1 comparison,
// when a re-assessment is due.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { supportSchemeFileSchema } from "../../src/domain/catalogue.ts";
import { compareAssessments, supportBetween, type Snapshot } from "../../src/domain/comparison.ts";
import { reassessmentDue } from "../../src/domain/reassessment.ts";
import { PERMISSIONS, ROLES, may, newStaffSchema, sessionAlive, SESSION_IDLE_MS } from "../../src/domain/staff.ts";
import { decree80Warnings, parseVnd, supportRecordSchema } from "../../src/domain/support.ts";

const schemes = supportSchemeFileSchema.parse(parse(readFileSync(new URL("../../questionnaires/support-schemes.yaml", import.meta.url), "utf8"))).schemes;
const decree80 = schemes.find((s) => s.id === "decree80_dx_support")!;
const caps = decree80.coverage.capsVndPerYear!;

describe("roles", () => {
  it("the department reads but never advises; the admin manages accounts but reads no business", () => {
    expect(may("department", "readBusinesses")).toBe(true);
    expect(may("department", "advise")).toBe(false);
    expect(may("admin", "manageAccounts")).toBe(true);
    expect(may("admin", "readBusinesses")).toBe(false);
    expect(may("advisor", "manageAccounts")).toBe(false);
    // Every role can manage itself (password, logout); every permission belongs to someone.
    for (const r of ROLES) expect(may(r, "self")).toBe(true);
    for (const p of Object.values(PERMISSIONS)) expect(p.length).toBeGreaterThan(0);
  });

  it("accounts need a real e-mail, a name, a known role and a 12-character password", () => {
    const ok = newStaffSchema.safeParse({ email: " Lan@DienBien.gov.vn ", name: "Lò Thị Lan", role: "advisor", password: "một câu dài đủ" });
    expect(ok.success && ok.data.email).toBe("lan@dienbien.gov.vn");
    const bad = newStaffSchema.safeParse({ email: "lan", name: "L", role: "owner", password: "short" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["email", "name", "password", "role"]);
  });

  it("a session ends at its expiry or after two idle hours, whichever comes first", () => {
    const t = Date.parse("2026-11-23T08:00:00Z");
    const s = { expiresAt: "2026-11-23T20:00:00Z", lastSeenAt: "2026-11-23T08:00:00Z" };
    expect(sessionAlive(s, t + SESSION_IDLE_MS - 1)).toBe(true);
    expect(sessionAlive(s, t + SESSION_IDLE_MS)).toBe(false);
    expect(sessionAlive({ ...s, lastSeenAt: "2026-11-23T19:59:00Z" }, Date.parse("2026-11-23T20:00:00Z"))).toBe(false);
  });
});

describe("support records", () => {
  it("reads amounts as people type them and refuses anything else", () => {
    expect(parseVnd("20.000.000")).toBe(20_000_000);
    expect(parseVnd("20 000 000")).toBe(20_000_000);
    expect(parseVnd("1500000")).toBe(1_500_000);
    expect(parseVnd("")).toBe(null);
    for (const bad of ["20tr", "-5", "1.5", "20.00.000", "1e9"]) expect(parseVnd(bad)).toBe("invalid");
  });

  it("a Decree 80 subsidy needs an amount; dates in the future and unknown platforms are refused", () => {
    const schema = supportRecordSchema("2026-11-23", new Set(["misa_amis"]));
    const base = { type: "platform_subsidy", date: "2026-11-20", amountVnd: 10_000_000, platformId: null, note: null } as const;
    expect(schema.safeParse(base).success).toBe(true);
    const fields = (x: object) => schema.safeParse({ ...base, ...x }).error?.issues.map((i) => i.path.join("."));
    expect(fields({ amountVnd: null })).toEqual(["amountVnd"]);
    expect(fields({ date: "2026-11-24" })).toEqual(["date"]);
    expect(fields({ platformId: "nope" })).toEqual(["platformId"]);
    expect(schema.safeParse({ ...base, type: "training", amountVnd: null }).success).toBe(true);
  });

  const company = (sizeClass: "micro" | "small" | "medium" | "large") => ({ legalForm: "company" as const, sizeClass });
  const subsidy = (date: string, amountVnd: number) => ({ type: "platform_subsidy" as const, date, amountVnd });

  it("warns when a year's Decree 80 total goes over the cap of the size class, never for other types", () => {
    for (const size of ["micro", "small", "medium"] as const) {
      const cap = caps[size]!;
      expect(decree80Warnings(decree80, company(size), subsidy("2026-05-01", cap), [])).toEqual([]);
      expect(decree80Warnings(decree80, company(size), subsidy("2026-05-01", cap + 1), [])).toEqual([
        { kind: "over_cap", year: 2026, cap, total: cap + 1 },
      ]);
      // Earlier subsidies of the same year count; last year's do not.
      const others = [subsidy("2026-01-10", cap - 1), subsidy("2025-12-31", cap)];
      expect(decree80Warnings(decree80, company(size), subsidy("2026-06-01", 2), others)).toEqual([
        { kind: "over_cap", year: 2026, cap, total: cap + 1 },
      ]);
      expect(decree80Warnings(decree80, company(size), { type: "training", date: "2026-06-01", amountVnd: cap * 10 }, others)).toEqual([]);
    }
  });

  it("warns that households, cooperatives and large firms are outside Decree 80", () => {
    expect(decree80Warnings(decree80, { legalForm: "household", sizeClass: "micro" }, subsidy("2026-05-01", 1), [])).toEqual([
      { kind: "form_not_covered", legalForm: "household" },
    ]);
    expect(decree80Warnings(decree80, company("large"), subsidy("2026-05-01", 1), [])).toEqual([{ kind: "size_not_covered", sizeClass: "large" }]);
  });

  it("property: the warning appears exactly when the year's total exceeds the cap", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("micro", "small", "medium" as const),
        fc.array(fc.record({ month: fc.integer({ min: 1, max: 12 }), year: fc.constantFrom(2025, 2026), amount: fc.integer({ min: 0, max: 60_000_000 }) }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 120_000_000 }),
        (size, earlier, amount) => {
          const others = earlier.map((e) => subsidy(`${e.year}-${String(e.month).padStart(2, "0")}-01`, e.amount));
          const total = amount + earlier.filter((e) => e.year === 2026).reduce((s, e) => s + e.amount, 0);
          const w = decree80Warnings(decree80, company(size), subsidy("2026-07-01", amount), others);
          expect(w.some((x) => x.kind === "over_cap")).toBe(total > caps[size]!);
        },
      ),
    );
  });
});

describe("T0 → T1 comparison", () => {
  const snap = (hash: string, pillars: [string, number | null][], overall: number, level: number): Snapshot => ({
    questionnaireHash: hash,
    questionnaireVersion: hash,
    overall,
    level,
    pillars: pillars.map(([id, score]) => ({ id, name: id.toUpperCase(), score })),
  });

  it("same version: every scored pillar is compared, with the change and the level change", () => {
    const c = compareAssessments(snap("v1", [["a", 20], ["b", 50], ["c", null]], 30, 2), snap("v1", [["a", 45.5], ["b", 40], ["c", null]], 41.2, 2));
    expect(c.sameVersion).toBe(true);
    expect(c.pillars).toEqual([
      { id: "a", name: "A", before: 20, after: 45.5, change: 25.5 },
      { id: "b", name: "B", before: 50, after: 40, change: -10 },
    ]);
    expect(c.notCompared).toEqual([{ id: "c", name: "C", why: "not_scored" }]);
    expect(c.overall).toEqual({ before: 30, after: 41.2, change: 11.2 });
    expect(c.level).toEqual({ before: 2, after: 2, change: 0 });
  });

  it("different versions: says so and compares only the pillars present in both", () => {
    const c = compareAssessments(snap("v1", [["a", 20], ["old", 10]], 15, 1), snap("v2", [["a", 30], ["new", 90]], 60, 3));
    expect(c.sameVersion).toBe(false);
    expect(c.pillars.map((p) => p.id)).toEqual(["a"]);
    expect(c.notCompared).toEqual([
      { id: "new", name: "NEW", why: "only_after" },
      { id: "old", name: "OLD", why: "only_before" },
    ]);
    expect(c.level.change).toBe(2);
  });

  it("property: every pillar of either side is either compared or listed as not compared, once", () => {
    const pillar = fc.tuple(fc.constantFrom("a", "b", "c", "d", "e"), fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }));
    const uniq = fc.uniqueArray(pillar, { selector: (p) => p[0], maxLength: 5 });
    fc.assert(
      fc.property(uniq, uniq, (p0, p1) => {
        const c = compareAssessments(snap("x", p0, 0, 0), snap("y", p1, 0, 0));
        const all = new Set([...p0, ...p1].map((p) => p[0]));
        const seen = [...c.pillars.map((p) => p.id), ...c.notCompared.map((p) => p.id)];
        expect(new Set(seen)).toEqual(all);
        expect(seen.length).toBe(all.size);
        for (const p of c.pillars) expect(p.change).toBeCloseTo(p.after - p.before, 5);
      }),
    );
  });

  it("support between two assessments: from T0's submission day to T1's, inclusive, by date", () => {
    const r = [{ date: "2026-01-01" }, { date: "2026-03-05" }, { date: "2026-02-01" }, { date: "2026-09-09" }];
    expect(supportBetween(r, "2026-02-01T10:00:00Z", "2026-03-05T09:00:00Z").map((x) => x.date)).toEqual(["2026-02-01", "2026-03-05"]);
  });
});

describe("re-assessment due", () => {
  const at = (iso: string) => Date.parse(iso);
  const last = { submittedAt: "2026-01-15T09:00:00Z" };
  const PERIODS = { afterSupportMonths: 3, withoutSupportMonths: 12 };
  it("three months after the first support received since the last assessment", () => {
    expect(reassessmentDue(PERIODS, last, ["2026-02-01"], at("2026-04-30T00:00:00Z")).due).toBe(false);
    expect(reassessmentDue(PERIODS, last, ["2026-02-01"], at("2026-05-01T00:00:00Z"))).toEqual({ due: true, reason: "after_support" });
    // Support before the last assessment does not count.
    expect(reassessmentDue(PERIODS, last, ["2025-12-01"], at("2026-05-01T00:00:00Z")).due).toBe(false);
  });
  it("a year after the last assessment without support; never while a re-assessment is in progress", () => {
    expect(reassessmentDue(PERIODS, last, [], at("2027-01-15T08:59:00Z")).due).toBe(false);
    expect(reassessmentDue(PERIODS, last, [], at("2027-01-15T09:00:00Z"))).toEqual({ due: true, reason: "yearly" });
    expect(reassessmentDue(PERIODS, last, ["2026-02-01"], at("2027-06-01T00:00:00Z"), true).due).toBe(false);
  });
});

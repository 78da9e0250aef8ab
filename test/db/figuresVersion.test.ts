// The version the slow outputs (yearly report, dashboard at a date) are kept under moves with every
// write that can change a figure, and only with those: a draft being typed leaves it alone.
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { figuresVersion } from "../../db/stats.ts";
import { assessments, businesses, registry, supportRecords } from "../../db/schema.ts";
import { mergeRecords, undoMerge } from "../../db/businessMerges.ts";
import { pickBest } from "../answering.ts";
import { makeTestApp } from "../helpers.ts";
import { addAdvisor, addBusiness, addRegistryRows, addSupport, servicesOf, submitOwner, validTaxCode, withdrawStatistics } from "../statsFixtures.ts";
import { startAssessment } from "../../src/services/assessments.ts";

const t = makeTestApp();
const s = servicesOf(t);
afterAll(() => t.cleanup());

describe("figures version", () => {
  it("moves on submit, validation, consent, register, hand link, support, merges and a record's tax code; not on a draft", async () => {
    const v = () => figuresVersion(t.db);
    let last = v();
    const moved = () => {
      const now = v();
      const m = now > last;
      last = now;
      return m;
    };
    const started = startAssessment(s, { name: "Hộ Lò Văn Nháp", legalForm: "household", taxCode: null, communeId: "tua_chua", activityGroup: "agriculture", sector: "ocop", staff: 1, revenueBnVnd: 1, capitalBnVnd: null }, { report: true, statistics: true, contact: false });
    if (!started.ok) throw new Error("start");
    // starting a draft writes its consents (they count once it is submitted): the draft's own edits do not move it
    moved();
    t.db.update(assessments).set({ businessName: "Hộ Lò Văn Nháp 2", updatedAt: "x" }).where(eq(assessments.id, started.value.row.id)).run();
    expect(moved()).toBe(false);
    const o = { name: "Công ty TNHH Phiên bản", legalForm: "company" as const, taxCode: validTaxCode("571234567"), communeId: "tua_chua", sector: "ocop" as const, statistics: true, pick: pickBest };
    const row = await submitOwner(s, o);
    expect(moved()).toBe(true);
    t.db.update(assessments).set({ validatedAt: new Date().toISOString() }).where(eq(assessments.id, row.id)).run();
    expect(moved()).toBe(true);
    withdrawStatistics(s, row.id);
    expect(moved()).toBe(true);
    const [reg] = addRegistryRows(s, [{ taxCode: null, name: "Hộ Lò Thị Sổ", legalForm: "household", communeId: "tua_chua", sector: "ocop" }]);
    expect(moved()).toBe(true);
    t.db.update(registry).set({ closedOn: "2026-11-30" }).where(eq(registry.id, reg!.id)).run();
    expect(moved()).toBe(true);
    const adv = addAdvisor(s);
    const kept = addBusiness(s, o);
    const sup = addSupport(s, kept.id, "training", "2026-11-01", adv.id);
    expect(moved()).toBe(true);
    t.db.update(supportRecords).set({ withdrawnAt: new Date().toISOString(), withdrawnBy: adv.id, withdrawnReason: "ghi nhầm" }).where(eq(supportRecords.id, sup.id)).run();
    expect(moved()).toBe(true);
    // one business counted once: a second record of the same business merged, the merge undone, a record's tax code typed
    const second = { ...o, name: "Công ty TNHH Phiên Bản (bản 2)", taxCode: null };
    const other = await submitOwner(s, second);
    const otherRecord = addBusiness(s, second);
    t.db.update(assessments).set({ businessId: otherRecord.id }).where(eq(assessments.id, other.id)).run();
    moved();
    const m = mergeRecords(t.db, { keptId: kept.id, mergedId: otherRecord.id, staffId: adv.id, reason: "cùng một công ty" });
    expect(moved()).toBe(true);
    expect(undoMerge(t.db, m.id, adv.id, "nhầm")).toBe("undone");
    expect(moved()).toBe(true);
    t.db.update(businesses).set({ updatedAt: "x" }).where(eq(businesses.id, otherRecord.id)).run();
    expect(moved()).toBe(false);
    t.db.update(businesses).set({ taxCode: validTaxCode("571234568") }).where(eq(businesses.id, otherRecord.id)).run();
    expect(moved()).toBe(true);
  });
});

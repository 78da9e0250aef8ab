import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { supportBetween } from "../../src/domain/comparison.ts";
import { reassessmentDue } from "../../src/domain/reassessment.ts";
import { endOfVietnamDay, startOfVietnamYear, todayInVietnam, vietnamDateTime, vietnamDay, vietnamYear } from "../../src/domain/vietnamTime.ts";

// Instants are UTC; people in Điện Biên live at UTC+7. From 17:00 to 24:00 UTC the calendars disagree.
describe("days and years in Điện Biên", () => {
  it("names the Vietnam day of an instant, including the seven hours when UTC is still on the day before", () => {
    expect(vietnamDay("2026-12-03T16:59:59.999Z")).toBe("2026-12-03");
    expect(vietnamDay("2026-12-03T17:00:00.000Z")).toBe("2026-12-04");
    expect(vietnamDay("2026-12-31T17:30:00.000Z")).toBe("2027-01-01");
    expect(todayInVietnam(Date.parse("2026-12-03T17:30:00Z"))).toBe("2026-12-04");
    expect(vietnamYear(Date.parse("2026-12-31T17:30:00Z"))).toBe(2027);
    expect(vietnamYear(Date.parse("2026-12-31T16:30:00Z"))).toBe(2026);
    expect(vietnamDateTime(new Date("2027-03-05T07:20:00Z"))).toBe("05/03/2027 14:20");
  });

  it("a year starts at 17:00 UTC on 31 December and a day ends at 17:00 UTC", () => {
    expect(startOfVietnamYear(2027)).toBe("2026-12-31T17:00:00.000Z");
    expect(endOfVietnamDay("2026-12-04")).toBe("2026-12-04T17:00:00.000Z");
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const day = vietnamDay(ms);
        const end = Date.parse(endOfVietnamDay(day));
        expect(ms < end && ms >= end - 86_400_000).toBe(true);
        const year = Number(day.slice(0, 4));
        expect(ms >= Date.parse(startOfVietnamYear(year)) && ms < Date.parse(startOfVietnamYear(year + 1))).toBe(true);
      }),
    );
  });

  it("support given today in Điện Biên falls between a T0 and a T1 submitted the same night", () => {
    const records = [{ date: "2026-12-03", n: "before" }, { date: "2026-12-04", n: "tonight" }, { date: "2026-12-05", n: "after" }];
    // T0 at 00:10 and T1 at 00:50 on 4 December in Vietnam.
    expect(supportBetween(records, "2026-12-03T17:10:00Z", "2026-12-03T17:50:00Z").map((r) => r.n)).toEqual(["tonight"]);
  });

  it("support given after midnight in Điện Biên counts as after a T0 submitted that night", () => {
    const periods = { afterSupportMonths: 3, withoutSupportMonths: 12 };
    const last = { submittedAt: "2026-12-03T17:10:00Z" }; // 00:10 on 4 December in Vietnam
    expect(reassessmentDue(periods, last, ["2026-12-04"], Date.parse("2027-03-05T00:00:00Z"))).toEqual({ due: true, reason: "after_support" });
    expect(reassessmentDue(periods, last, ["2026-12-03"], Date.parse("2027-03-05T00:00:00Z"))).toEqual({ due: false, reason: null });
  });
});

// Decision records that state a number the code enforces say the number the code enforces.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/http/rateLimit.ts";

const DIR = join(import.meta.dirname, "..", "..", "docs", "decisions");
const records = readdirSync(DIR)
  .filter((f) => /^\d{3}-.*\.md$/.test(f))
  .map((f) => ({ file: f, text: readFileSync(join(DIR, f), "utf8") }));

/** "N per M minutes" stated for codes that find nothing, in either wording a record has used. */
function statedAllowance(text: string): { max: number; minutes: number } | null {
  const m =
    /(\d+) codes that find nothing per (\d+) minutes/i.exec(text) ?? /codes that find nothing[^.]*?\((\d+) per (\d+) minutes\)/i.exec(text);
  return m ? { max: Number(m[1]), minutes: Number(m[2]) } : null;
}

/** A record whose status line says its allowance has been superseded no longer states the rule. */
const inForce = (text: string) => !/^(Date:[^\n]*)?Status:[^\n]*allowance[^\n]*superseded/im.test(text);

describe("the resume-code allowance", () => {
  it("every decision record in force states the allowance the code enforces", () => {
    const stating = records.filter((r) => inForce(r.text) && statedAllowance(r.text));
    expect(stating.map((r) => r.file).length).toBeGreaterThanOrEqual(1);
    const { max, windowMs } = DEFAULT_LIMITS.lookup;
    for (const r of stating) expect(statedAllowance(r.text), r.file).toEqual({ max, minutes: windowMs / 60_000 });
  });
});

describe("every decision record", () => {
  it("says when it was taken and whether it stands, and a record it names as superseding it exists", () => {
    expect(records.length).toBeGreaterThanOrEqual(25);
    const numbers = new Set(records.map((r) => r.file.slice(0, 3)));
    for (const r of records) {
      const head = r.text.split("\n").slice(0, 6).join("\n");
      expect(head, r.file).toMatch(/Date: \d{4}-\d{2}-\d{2}/);
      expect(head, r.file).toMatch(/Status: \S/);
      for (const m of head.matchAll(/superseded by \[?(\d{3})/gi)) expect(numbers.has(m[1]!), `${r.file} names ${m[1]}`).toBe(true);
    }
  });

  it("has a number of its own", () => {
    const numbers = records.map((r) => r.file.slice(0, 3));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

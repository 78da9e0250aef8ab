import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatResumeCode, newResumeCode, parseResumeCode } from "../../src/domain/resumeCode.ts";

describe("resume code", () => {
  it("has 12 Crockford symbols and reads back in any typing, with a phone's dashes, or pasted as a link", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 11, maxLength: 11 }), (bytes) => {
        const code = newResumeCode(() => bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
        const shown = formatResumeCode(code);
        expect(shown).toMatch(/^.{4}-.{4}-.{4}$/);
        const pasted = [shown.replace(/-/g, "–"), shown.replace(/-/g, "—"), `https://dx.dienbien.gov.vn/a/${shown}`, `http://localhost:3000/a/${shown}/p/2?more=1`];
        for (const typed of [shown, shown.toLowerCase(), ` ${shown.replace(/-/g, " ")} `, code.replace(/0/g, "O").replace(/1/g, "l"), ...pasted]) {
          expect(parseResumeCode(typed)).toEqual({ ok: true, code });
        }
      }),
    );
  });

  it("catches every single mistyped symbol with its check symbol", () => {
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 11, maxLength: 11 }), fc.nat(11), fc.nat(31), (bytes, pos, sym) => {
        const code = newResumeCode(() => bytes);
        const wrong = alphabet[sym]!;
        fc.pre(code[pos] !== wrong);
        const typo = code.slice(0, pos) + wrong + code.slice(pos + 1);
        expect(parseResumeCode(typo)).toEqual({ ok: false, reason: "check" });
      }),
    );
  });

  it("explains malformed input", () => {
    expect(parseResumeCode("ABC")).toEqual({ ok: false, reason: "length" });
    expect(parseResumeCode("ABCD-EFGH-JKMNP")).toEqual({ ok: false, reason: "length" });
    expect(parseResumeCode("ABCD-EFGH-JKM#")).toEqual({ ok: false, reason: "symbol" });
    expect(parseResumeCode("ABCD-EFGH-JKU0")).toEqual({ ok: false, reason: "symbol" });
  });

  it("draws fresh codes that do not repeat and use the whole alphabet", () => {
    const codes = Array.from({ length: 20_000 }, () => newResumeCode());
    expect(new Set(codes).size).toBe(20_000);
    const firstSymbols = new Set(codes.map((c) => c[0]));
    expect(firstSymbols.size).toBe(32);
  });
});

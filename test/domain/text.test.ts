// Free text is kept without the invisible characters that disguise or break it downstream.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { multiLine, oneLine, withoutInvisible } from "../../src/domain/text.ts";

/** Characters none of the cleaned texts may hold (line breaks only where multi-line text keeps "\n"). */
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const nasty = fc.string({ unit: fc.oneof(fc.constantFrom("\u0000", "\r", "\n", "\r\n", "\t", "\u202e", "\u2066", "\u200b", "\u200f", "\ufeff", "\u2028", "\u0085", "\u007f", "\ud800", "\udc00", "  "), fc.constantFrom(..."Hộ kinh doanh Đào Thị Hằng 123-ABC (chè)")) });

describe("oneLine", () => {
  it("drops NUL, bidi overrides and zero-width characters; turns breaks and tabs into one space", () => {
    expect(oneLine("Hộ kinh doanh\u0000 Đào\r\nThị\tHằng")).toBe("Hộ kinh doanh Đào Thị Hằng");
    expect(oneLine("Cơ sở ABC\u202Efdp.exe")).toBe("Cơ sở ABCfdp.exe");
    expect(oneLine("\u200bHTX\u2066 Chè\u2069\ufeff ")).toBe("HTX Chè");
    expect(oneLine("HTX \ud800Chè")).toBe("HTX Chè");
  });
  it("keeps Vietnamese as typed, in its composed form (NFC)", () => {
    expect(oneLine("Hợp tác xã Mường Thanh")).toBe("Hợp tác xã Mường Thanh");
    expect(oneLine("Ho\u0323\u0302 kinh doanh")).toBe("Hộ kinh doanh".normalize("NFC")); // decomposed, as some phone keyboards send it
    expect(oneLine("Cà phê ☕️ 🇻🇳")).toBe("Cà phê ☕️ 🇻🇳");
  });
  it("never leaves a forbidden character or a line break, and cleaning twice changes nothing", () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const once = oneLine(s);
        expect(once).not.toMatch(FORBIDDEN);
        expect(once).not.toMatch(/\n/);
        expect(oneLine(once)).toBe(once);
      }),
    );
  });
});

describe("multiLine", () => {
  it("keeps line breaks as \\n, drops the rest", () => {
    expect(multiLine("Dòng một\r\nDòng hai\u2028Dòng ba\u0000\u202e")).toBe("Dòng một\nDòng hai\nDòng ba");
    expect(multiLine("a\n\n\n\n\nb")).toBe("a\n\nb");
  });
  it("never leaves a forbidden character, and cleaning twice changes nothing", () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const once = multiLine(s);
        expect(once).not.toMatch(FORBIDDEN);
        expect(multiLine(once)).toBe(once);
      }),
    );
  });
});

describe("withoutInvisible (text already stored, on its way out)", () => {
  it("returns clean text untouched and drops only what is invisible or breaks a file", () => {
    const clean = "  Hộ kinh doanh  Đào\nghi chú\t2 ";
    expect(withoutInvisible(clean)).toBe(clean);
    expect(withoutInvisible("Hộ\u0000 A\u202eB\r\nC")).toBe("Hộ AB\nC");
  });
  it("never leaves a forbidden character other than tab", () => {
    fc.assert(
      fc.property(nasty, (s) => {
        expect(withoutInvisible(s).replace(/\t/g, "")).not.toMatch(FORBIDDEN);
      }),
    );
  });
});

// Vietnamese text belongs in the message catalogue (views/messages.ts and views/messages/), where a
// second language can be added beside it; code returns codes and parameters. The code still holds
// text from before that rule, so this test is a ratchet: the count may only go down. When you move
// text to the catalogue, lower MEASURED to the new count; never raise it.
import { describe, expect, it } from "vitest";
import { sourceFiles } from "./importGraph.ts";
import { countVietnameseLiterals, vietnameseLiterals } from "./vietnameseLiterals.ts";

/** Vietnamese literals in src/ when the ratchet was set (2026-12-03). It must only go down. */
const MEASURED = 391;

describe("Vietnamese text in src/", () => {
  it(`stays at or below ${MEASURED} literals`, () => {
    const byFile = countVietnameseLiterals(sourceFiles("src"));
    const total = [...byFile.values()].reduce((a, b) => a + b, 0);
    const worst = [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([f, n]) => `${n} ${f}`).join("\n");
    expect(total, `Vietnamese literals in src/ (move new text to views/messages/):\n${worst}`).toBeLessThanOrEqual(MEASURED);
  });

  it("counts string, template and JSX text with a Vietnamese letter, once each, and no comment", () => {
    const source = [
      '// "Chú thích" is a comment',
      "/* `Không tính` */",
      'const a = "Xin chào";',
      'const b = "hello";',
      "const c = `Còn ${n} câu, ${m} phút`;",
      "const d = `plain ${x}`;",
      'const e = /đ/.test(s) ? "ok" : "Điện Biên";',
      "const f = <p title={`x`}>Được lưu</p>;",
    ].join("\n");
    expect(vietnameseLiterals("x.tsx", source)).toBe(4);
  });
});

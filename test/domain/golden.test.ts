// Version 1.0 stays exactly as it was: its files byte for byte, and every score, pillar, level and
// band of a fixed set of 1.0 answer sets as the engine computed them before version 1.1 (captured
// once by test/fixtures/golden/capture-1.0.ts). The file also records the old "what lifts you one
// level" of each set; that is advice, not a score, and it now comes from the one advice computation
// (the roadmap), so it is kept as history and not compared.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { score, type AnswerValue, type ProfileFacts } from "../../src/domain/scoring.ts";
import { CONTENT_DIR, content } from "../helpers.ts";

interface Golden {
  version: string;
  hash: string;
  files: Record<string, string>;
  cases: { profile: ProfileFacts; answers: Record<string, AnswerValue>; detail: unknown }[];
}
const golden = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "golden", "scores-1.0.json"), "utf8")) as Golden;
const v10 = () => content().questionnaires.find((q) => q.version === golden.version)!;

describe("questionnaire 1.0 is frozen", () => {
  it("its files are unchanged byte for byte and its content hash is the one old assessments carry", () => {
    for (const [file, sha] of Object.entries(golden.files)) {
      const bytes = readFileSync(join(CONTENT_DIR, "dx-readiness", golden.version, file));
      expect(createHash("sha256").update(bytes).digest("hex"), file).toBe(sha);
    }
    expect(v10().hash).toBe(golden.hash);
  });

  it(`re-scores ${golden.cases.length} recorded 1.0 answer sets exactly as before`, () => {
    const levels = new Set<number>();
    for (const [i, c] of golden.cases.entries()) {
      const detail = score(v10(), c.profile, c.answers);
      // Fields added later (euScore, notApplicable) are not part of what 1.0 promised; every field it had must match exactly.
      expect(detail, `case ${i}`).toMatchObject(c.detail as object);
      levels.add(detail.nationalLevel);
      // 1.0 has no "not applicable" answers and bands its overall score.
      expect(detail.euScore).toBe(detail.overall);
      expect(detail.contributions.some((x) => x.notApplicable)).toBe(false);
    }
    // The set covers every level, so every cut-off is exercised.
    expect([...levels].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

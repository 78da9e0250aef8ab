// Translation overlays: checked against the Vietnamese at start-up, applied by localizeContent,
// never touching ids, points, amounts or content hashes.
import { afterEach, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ContentError, loadContent, type Content } from "../../src/content/load.ts";
import { localizeContent, localizeQuestionnaire, untranslatedTexts } from "../../src/content/translations.ts";
import fc from "fast-check";
import { ACTIVITY_GROUPS, LEGAL_FORMS, SECTORS, SIZE_CLASSES, type Question, type Questionnaire } from "../../src/domain/questionnaire.ts";
import { score, type AnswerValue, type ProfileFacts } from "../../src/domain/scoring.ts";
import { content, copyContent } from "../helpers.ts";


let cleanup = () => {};
afterEach(() => cleanup());

/** The real content with only the given overlays (path under translations/en/ → YAML text). */
function withOverlays(overlays: Record<string, string>): Content {
  const t = copyContent();
  cleanup = t.cleanup;
  rmSync(join(t.dir, "translations"), { recursive: true, force: true });
  for (const [file, yaml] of Object.entries(overlays)) {
    const path = join(t.dir, "translations", "en", file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, yaml);
  }
  return loadContent(t.dir);
}

function refused(overlays: Record<string, string>): ContentError {
  try {
    withOverlays(overlays);
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    return e as ContentError;
  }
  throw new Error("the overlay was accepted");
}

const META = "dx-readiness/1.1/meta.yaml";
const COMMON = "dx-readiness/1.1/common.yaml";

describe("an overlay translates texts by id and leaves everything else Vietnamese", () => {
  it("puts English where the overlay has it, keeps Vietnamese where it has none, and never changes ids, points or the hash", () => {
    const content = withOverlays({
      [META]: 'pillars:\n  strategy:\n    name: "Strategic direction"\nlevels:\n  0:\n    name: "Not started"\n',
      [COMMON]: 'module:\n  name: "Common part"\nquestions:\n  str_plan:\n    text: "Plan?"\n    options:\n      plan_none:\n        label: "Not yet"\n',
      "support-schemes.yaml": 'schemes:\n  decree80_dx_support:\n    howToApply:\n' + "      - step\n".repeat(4),
    });
    const vi = content.current;
    const en = localizeContent(content, "en").current;
    expect(en.pillars[0]!.name).toBe("Strategic direction");
    expect(en.pillars[1]!.name).toBe(vi.pillars[1]!.name);
    expect(en.levels.find((l) => l.level === 0)!.name).toBe("Not started");
    expect(en.modules.find((m) => m.id === "common")!.name).toBe("Common part");
    const q = en.questions.find((x) => x.id === "str_plan")!;
    expect(q.text).toBe("Plan?");
    expect(q.help).toBe(vi.questions.find((x) => x.id === "str_plan")!.help);
    expect(q.options.map((o) => o.label)[0]).toBe("Not yet");
    expect(en.hash).toBe(vi.hash);
    expect(en.questions.map((x) => [x.id, x.options.map((o) => [o.id, o.points])])).toEqual(vi.questions.map((x) => [x.id, x.options.map((o) => [o.id, o.points])]));
    // The Vietnamese content is not changed by localizing it.
    expect(content.current.pillars[0]!.name).not.toBe("Strategic direction");
  });

  it("is memoised: the same language gives the same object; Vietnamese is the content itself", () => {
    const content = withOverlays({ [META]: 'title: "Readiness"\n' });
    expect(localizeContent(content, "en")).toBe(localizeContent(content, "en"));
    expect(localizeContent(content, "vi")).toBe(content);
    const en = localizeContent(content, "en");
    expect(en.current).toBe(en.questionnaires.find((q) => q.version === en.current.version));
    const v10 = content.questionnaires.find((q) => q.version === "1.0")!;
    expect(localizeQuestionnaire(content, v10, "en").title).toBe(v10.title);
    expect(localizeQuestionnaire(content, content.current, "en").title).toBe("Readiness");
    // A version read back from the database is found by its content hash, not its number.
    expect(localizeQuestionnaire(content, structuredClone(content.current), "en").title).toBe("Readiness");
    expect(localizeQuestionnaire(content, { ...content.current, hash: "0000000000000000" }, "en").title).toBe(content.current.title);
  });

  it("translates lists without ids in order, and the catalogues keyed by their ids", () => {
    const content = withOverlays({
      "legal-duties.yaml": 'topics:\n  personal_data:\n    duties:\n      - text: "Ask first."\n      - {}\n      - {}\n      - {}\n      - {}\n',
      "platforms.yaml": 'platforms:\n  vnpt_invoice:\n    summary: "An e-invoice service."\n',
    });
    const en = localizeContent(content, "en");
    const vi = content.legalDuties.topics.find((t) => t.id === "personal_data")!;
    const tr = en.legalDuties.topics.find((t) => t.id === "personal_data")!;
    expect(tr.duties[0]!.text).toBe("Ask first.");
    expect(tr.duties[1]!.text).toBe(vi.duties[1]!.text);
    expect(en.platformById.get("vnpt_invoice")?.summary).toBe("An e-invoice service.");
    expect(en.platforms.find((p) => p.id === "vnpt_invoice")?.summary).toBe("An e-invoice service.");
    expect(en.schemes).toBe(content.schemes);
  });
});

describe("a wrong overlay stops start-up, naming the file, the key and the reason", () => {
  it("an id the Vietnamese file does not have", () => {
    const e = refused({ [COMMON]: 'questions:\n  str_nonexistent:\n    text: "x"\n' });
    expect(e.file).toMatch(/translations\/en\/dx-readiness\/1\.1\/common\.yaml$/);
    expect(e.path).toBe("questions.str_nonexistent");
    expect(e.reason).toMatch(/no item "str_nonexistent"/);
  });

  it("an option id the question does not have", () => {
    const e = refused({ [COMMON]: 'questions:\n  str_plan:\n    options:\n      aw_want:\n        label: "x"\n' });
    expect(e.path).toBe("questions.str_plan.options.aw_want");
  });

  it("a level that does not exist", () => {
    expect(refused({ [META]: 'levels:\n  6:\n    name: "x"\n' }).path).toBe("levels.6");
  });

  it("a key that is not a text: points, ids and conditions cannot be translated", () => {
    expect(refused({ [COMMON]: "questions:\n  str_plan:\n    type: multi\n" }).reason).toMatch(/not a text/);
    expect(refused({ [COMMON]: "questions:\n  str_plan:\n    options:\n      plan_none:\n        points: 3\n" }).reason).toMatch(/not a text/);
    expect(refused({ "actions.yaml": "actions:\n  vietqr_payments:\n    pillars: [strategy]\n" }).reason).toMatch(/list of codes/);
  });

  it("a key the Vietnamese file does not have", () => {
    const e = refused({ [META]: 'subtitle: "x"\n' });
    expect(e.path).toBe("subtitle");
    expect(e.reason).toMatch(/no "subtitle"/);
  });

  it("a wrong shape: a list where ids are expected, an empty text, a list of the wrong length", () => {
    expect(refused({ [META]: 'pillars:\n  - name: "x"\n' }).reason).toMatch(/by id/);
    expect(refused({ [META]: 'title: "  "\n' }).reason).toMatch(/non-empty text/);
    expect(refused({ "legal-duties.yaml": 'topics:\n  personal_data:\n    duties:\n      - text: "x"\n' }).reason).toMatch(/list of \d+ items/);
    expect(refused({ [META]: "- a\n- b\n" }).path).toBe("");
  });

  it("a file with no Vietnamese file of that name, and a folder that is not a language", () => {
    expect(refused({ "dx-readiness/1.1/sector-fishing.yaml": 'module:\n  name: "x"\n' }).reason).toMatch(/no Vietnamese file/);
    expect(refused({ "../fr/actions.yaml": 'costNote: "x"\n' }).reason).toMatch(/not a language/);
  });
});

describe("the questionnaires in English, as published", () => {
  const real = () => content();

  it("has an English translation of every text an owner reads, in 1.1 and in 1.0 (old assessments re-render on it)", () => {
    const missing = untranslatedTexts(real(), "en").filter((x) => x.file.startsWith("dx-readiness/"));
    expect(missing).toEqual([]);
    const files = real().translations!.byLocale.en!.map((f) => f.file).filter((f) => f.startsWith("dx-readiness/"));
    const perVersion = ["common.yaml", "meta.yaml", "sector-border-trade.yaml", "sector-ocop.yaml", "sector-tourism.yaml"];
    expect(files.sort()).toEqual(["1.0", "1.1"].flatMap((v) => perVersion.map((f) => `dx-readiness/${v}/${f}`)));
  });

  it("reports every text an overlay leaves in Vietnamese, by file and path", () => {
    const c = withOverlays({ [META]: 'title: "Readiness"\n' });
    const missing = untranslatedTexts(c, "en");
    expect(missing).toContainEqual({ file: COMMON, path: "questions.str_awareness.text" });
    expect(missing).toContainEqual({ file: COMMON, path: "questions.str_plan.options.plan_none.label" });
    expect(missing).toContainEqual({ file: META, path: "levels.3.name" });
    expect(missing).toContainEqual({ file: "support-schemes.yaml", path: "schemes.decree80_dx_support.howToApply" });
    expect(missing).not.toContainEqual({ file: META, path: "title" });
    // Ids, points and conditions are not texts: never reported.
    expect(missing.some((x) => /\.(id|points|pillar|type)$/.test(x.path))).toBe(false);
  });

  it("scores the same answers the same in Vietnamese and English, for every version and every kind of business", () => {
    for (const vi of real().questionnaires) {
      const en = localizeQuestionnaire(real(), vi, "en");
      expect(en.questions[0]!.text).not.toBe(vi.questions[0]!.text);
      expect(en.hash).toBe(vi.hash);
      fc.assert(
        fc.property(profileArb, answersArb(vi), (profile, answers) => {
          expect(score(en, profile, answers)).toEqual(score(vi, profile, answers));
        }),
        { numRuns: 200 },
      );
    }
  });
});

const profileArb: fc.Arbitrary<ProfileFacts> = fc.record({
  legalForm: fc.constantFrom(...LEGAL_FORMS),
  sizeClass: fc.constantFrom(...SIZE_CLASSES),
  sector: fc.constantFrom(...SECTORS),
  activityGroup: fc.constantFrom(...ACTIVITY_GROUPS),
});

function answersArb(q: Questionnaire): fc.Arbitrary<Record<string, AnswerValue>> {
  const value = (x: Question): fc.Arbitrary<AnswerValue> => {
    const ids = x.options.map((o) => o.id);
    return x.type === "single" ? fc.constantFrom(...ids) : fc.subarray(ids, { minLength: 1 });
  };
  return fc.record(Object.fromEntries(q.questions.map((x) => [x.id, value(x)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, AnswerValue>>;
}

// questionnaires/indicators.yaml is content like the rest: read and checked once at start-up, so a
// broken file stops the service at once (it used to pass start-up and fail on the first dashboard
// request). Each broken copy below must be refused with the file, the place in it and the reason.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ContentError, loadContent } from "../../src/content/load.ts";
import { copyContent, tempDir } from "../helpers.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** A copy of the content with indicators.yaml changed by `edit` (raw text or the parsed object). */
function brokenCopy(edit: ((y: Record<string, any>) => void) | string): string {
  const t = copyContent();
  cleanups.push(t.cleanup);
  const file = join(t.dir, "indicators.yaml");
  if (typeof edit === "string") writeFileSync(file, edit);
  else {
    const y = parse(readFileSync(file, "utf8")) as Record<string, any>;
    edit(y);
    writeFileSync(file, stringify(y));
  }
  return t.dir;
}

function refusal(dir: string): ContentError {
  try {
    loadContent(dir);
  } catch (e) {
    if (e instanceof ContentError) return e;
    throw e;
  }
  throw new Error("the broken file was accepted");
}

describe("indicators.yaml is checked at start-up", () => {
  it("the real file loads, with SMEs as Decree 80 defines them and cooperatives and households apart", () => {
    const t = copyContent();
    cleanups.push(t.cleanup);
    const ind = loadContent(t.dir).indicators;
    const sme = ind.populations.find((p) => p.id === "sme")!;
    expect(sme.legalForms).toEqual(["company"]);
    expect(sme.sizeClasses).toEqual(["micro", "small", "medium"]);
    expect(ind.populations.find((p) => p.id === "cooperative")!.legalForms).toEqual(["cooperative"]);
    expect(ind.populations.find((p) => p.id === "household")!.legalForms).toEqual(["household"]);
    for (const x of ind.indicators) {
      expect(x.population).toBe("sme");
      expect(x.compareWith).toContain("all");
      // the plan states only the 2030 targets: the yearly steps are marked as not the department's yet
      expect(x.milestones.status).toBe("placeholder");
    }
  });

  const cases: [string, ((y: Record<string, any>) => void) | string, string, RegExp][] = [
    ["a YAML syntax error", "plan: [unclosed\n", "dòng", /YAML sai cú pháp/],
    ["a misspelt key", (y) => ((y.indicators[0].numerater = "reached"), delete y.indicators[0].numerator), "indicators[0]", /numerater/],
    ["a population that does not exist", (y) => (y.indicators[1].population = "smes"), "indicators[1].population", /không có nhóm "smes"/],
    ["a size class that does not exist", (y) => (y.populations[0].sizeClasses = ["micro", "tiny"]), "populations[0].sizeClasses[1]", /./],
    ["a numerator that is its denominator", (y) => (y.indicators[0].numerator = "registered"), "indicators[0].numerator", /tử số/],
    ["a milestone above the target", (y) => (y.indicators[1].milestones.byYear[2029] = 60), "indicators[1].milestones.byYear.2029", /không được vượt chỉ tiêu 50%/],
    ["a milestone going down", (y) => (y.indicators[0].milestones.byYear[2027] = 10), "indicators[0].milestones.byYear.2027", /không được thấp hơn/],
    ["a milestone for the target year", (y) => (y.indicators[0].milestones.byYear[2030] = 100), "indicators[0].milestones.byYear.2030", /năm 2030 là chỉ tiêu/],
    ["approved milestones without the decision that set them", (y) => (y.indicators[0].milestones.status = "approved"), "indicators[0].milestones.approvedBy", /văn bản duyệt/],
    ["a pillar not in the questionnaire", (y) => (y.infrastructureAndSkills.pillars = ["infrastructure", "skills"]), "infrastructureAndSkills.pillars[1]", /không có trụ cột "skills"/],
  ];
  for (const [what, edit, path, reason] of cases)
    it(`refuses ${what}`, () => {
      const e = refusal(brokenCopy(edit));
      expect(e.file).toMatch(/indicators\.yaml$/);
      expect(e.path).toContain(path);
      expect(e.reason).toMatch(reason);
    });

  it("the server does not start on a broken file, and says why in one line", () => {
    const dir = brokenCopy((y) => (y.indicators[1].population = "smes"));
    const db = tempDir();
    cleanups.push(db.cleanup);
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "39871", CONTENT_DIR: dir, DATABASE_PATH: join(db.dir, "x.sqlite"), NODE_ENV: "test", LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 30_000,
    });
    // it exits by itself (a server that started would be killed by the timeout instead)
    expect(r.signal).toBeNull();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("indicators.yaml: indicators[1].population");
  }, 60_000);
});

// The English staff and owner catalogues say the same things as the Vietnamese ones: every string
// carries exactly the placeholders of its Vietnamese twin (a {name} lost in translation would show
// nothing, a new one would show "{name}" to the reader), and no Vietnamese sentence was left
// untranslated. That the shapes match is checked by the compiler (Translation<T>).
import { describe, expect, it } from "vitest";
import { access as viAccess } from "../../views/messages/access.ts";
import { answers as viAnswers } from "../../views/messages/answers.ts";
import { problems as viProblems } from "../../views/messages/problems.ts";
import { records as viRecords } from "../../views/messages/records.ts";
import { data as viData } from "../../views/messages/data.ts";
import { plan as viPlan } from "../../views/messages/plan.ts";
import { staff as viStaff } from "../../views/messages/staff.ts";
import { offline as viOffline } from "../../views/messages/offline.ts";
import { department as viDepartment } from "../../views/messages/department.ts";
import { report as viReport } from "../../views/messages/report.ts";
import { access as enAccess } from "../../views/messages/en/access.ts";
import { answers as enAnswers } from "../../views/messages/en/answers.ts";
import { problems as enProblems } from "../../views/messages/en/problems.ts";
import { records as enRecords } from "../../views/messages/en/records.ts";
import { data as enData } from "../../views/messages/en/data.ts";
import { plan as enPlan } from "../../views/messages/en/plan.ts";
import { staff as enStaff } from "../../views/messages/en/staff.ts";
import { offline as enOffline } from "../../views/messages/en/offline.ts";
import { department as enDepartment } from "../../views/messages/en/department.ts";
import { report as enReport } from "../../views/messages/en/report.ts";
import { vi as viAll } from "../../views/messages.ts";
import { en as enAll } from "../../views/messages/en.ts";

/** The sections written in views/messages.ts itself (site, landing, result…), without those of views/messages/. */
const ownSections = (catalogue: object) =>
  Object.fromEntries(Object.entries(catalogue).filter(([k]) => !["report", "plan", "staff", "data", "department", "access", "offline", "records", "problems", "answers"].includes(k)));

const twins: [string, unknown, unknown][] = [
  ["access", viAccess, enAccess],
  ["answers", viAnswers, enAnswers],
  ["problems", viProblems, enProblems],
  ["records", viRecords, enRecords],
  ["data", viData, enData],
  ["plan", viPlan, enPlan],
  ["staff", viStaff, enStaff],
  ["offline", viOffline, enOffline],
  ["department", viDepartment, enDepartment],
  ["report", viReport, enReport],
  ["top-level sections", ownSections(viAll), ownSections(enAll)],
];

/** Every string of a catalogue with its path, e.g. ["merge.problems.same_record", "…"]. */
function strings(node: unknown, path = ""): [string, string][] {
  if (typeof node === "string") return [[path, node]];
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const VIETNAMESE_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

describe("English catalogues", () => {
  for (const [name, vi, en] of twins) {
    const viStrings = new Map(strings(vi));
    const enStrings = strings(en);

    it(`${name}: has a string for every Vietnamese one and no other`, () => {
      expect(enStrings.map(([p]) => p).sort()).toEqual([...viStrings.keys()].sort());
    });

    it(`${name}: keeps exactly the placeholders of the Vietnamese string`, () => {
      const differ = enStrings
        .filter(([p, s]) => placeholders(s).join() !== placeholders(viStrings.get(p) ?? "").join())
        .map(([p, s]) => `${p}: ${s}`);
      expect(differ).toEqual([]);
    });

    it(`${name}: leaves no Vietnamese sentence untranslated`, () => {
      // The currency's name, đồng, is the same in English ("500,000 đồng", "1.5 million đồng").
      const same = enStrings.filter(([p, s]) => s === viStrings.get(p) && VIETNAMESE_LETTER.test(s.replaceAll("đồng", ""))).map(([p]) => p);
      expect(same).toEqual([]);
    });
  }

  it("finds a changed placeholder (the check can fail)", () => {
    expect(placeholders("Còn {n} câu, {m} phút")).toEqual(["m", "n"]);
    expect(placeholders("{n} questions left").join()).not.toBe(placeholders("Còn {n} câu, {m} phút").join());
  });
});

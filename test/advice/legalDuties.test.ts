// "What the law asks of you": chosen by the answers and the profile, every duty with its source, on
// every questionnaire version (new assessments take 1.1; 1.0 assessments still get their duties).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent } from "../../src/content/load.ts";
import { conditionIn } from "../../src/domain/legalDuties.ts";
import { content, copyContent } from "../helpers.ts";
import { adviseFor } from "./advise.ts";
import { OWNER_PERSONAS } from "./ownerPersonas.ts";
import { OWNER_PERSONAS_11 } from "./ownerPersonas11.ts";
import { PERSONAS_11 } from "./personas11.ts";
import type { Persona } from "./persona.ts";

const OWNERS: Record<string, Persona[]> = { "1.0": OWNER_PERSONAS, "1.1": OWNER_PERSONAS_11 };
const topicsOf = (p: Persona, change: (a: Record<string, unknown>) => void = () => {}) => {
  const copy = structuredClone(p);
  change(copy.answers);
  return adviseFor(copy).legalDuties;
};
const ids = (p: Persona, change?: (a: Record<string, unknown>) => void) => topicsOf(p, change).map((t) => t.id);

for (const version of ["1.0", "1.1"]) {
  const persona = (id: string) => OWNERS[version]!.find((p) => p.id === id)!;
  describe(`legal duties on questionnaire ${version}`, () => {
    it("a homestay with overnight guests gets the personal data law and the guest registration duty", () => {
      expect(ids(persona("owner_homestay_with_page"))).toEqual(expect.arrayContaining(["personal_data", "guest_registration", "e_invoice_household"]));
    });
    it("a border-trade company signing with partners gets e-contracts and the e-invoice duty of enterprises, not the household one", () => {
      const t = ids(persona("owner_border_company_spreadsheet"));
      expect(t).toEqual(expect.arrayContaining(["e_contracts", "e_invoice_enterprise", "personal_data"]));
      expect(t).not.toContain("e_invoice_household");
      expect(t).not.toContain("guest_registration");
    });
    it("a household that keeps no customer details and sells only in person gets no personal-data or online-selling duties", () => {
      const t = ids(persona("owner_tea_household"), (a) => {
        a.inv_customer_contact = ["cc_none"];
        if (version === "1.0") delete a.sec_customer_data;
        else {
          a.sec_customer_data = "cd_not_kept";
          a.sec_data_retention = "dr_not_kept";
        }
      });
      expect(t).not.toContain("personal_data");
      expect(t).not.toContain("online_selling");
      expect(t).toContain("e_invoice_household");
    });
    it("a business selling on Zalo or a marketplace gets the online-selling duty", () => {
      expect(ids(persona("owner_coffee_cooperative"))).toContain("online_selling");
    });
  });
}

describe("legal duties that only 1.1 can tell", () => {
  const owner = (id: string) => OWNER_PERSONAS_11.find((p) => p.id === id)!;
  const cashRegister = /máy tính tiền/;
  it("a household under a billion a year is not told the cash-register e-invoice is its duty; one over a billion is", () => {
    const tea = topicsOf(owner("owner_tea_household")).find((t) => t.id === "e_invoice_household")!;
    expect(tea.duties.some((d) => cashRegister.test(d.text))).toBe(false);
    expect(tea.duties.length).toBeGreaterThan(0);
    const grocery = topicsOf(PERSONAS_11.find((p) => p.id === "hh_grocery_over_a_billion")!).find((t) => t.id === "e_invoice_household")!;
    expect(grocery.duties.some((d) => cashRegister.test(d.text))).toBe(true);
    // Unknown revenue: the duty is said, with its "ask the tax office".
    const unsure = topicsOf(owner("owner_tea_household"), (a) => (a.hh_revenue_band = "rev_unknown")).find((t) => t.id === "e_invoice_household")!;
    expect(unsure.duties.some((d) => cashRegister.test(d.text))).toBe(true);
  });
  it("a tourism business without overnight guests is not told to register guests", () => {
    const t = ids(owner("owner_homestay_with_page"), (a) => (a.tour_lodging_report = "ld_no_overnight"));
    expect(t).not.toContain("guest_registration");
  });
  it("a homestay that keeps no guest details but has overnight guests still gets the personal data law (the lodging report needs their papers)", () => {
    const t = ids(owner("owner_homestay_with_page"), (a) => {
      a.inv_customer_contact = ["cc_none"];
      a.sec_customer_data = "cd_not_kept";
      a.sec_data_retention = "dr_not_kept";
    });
    expect(t).toContain("personal_data");
  });
});

describe("the legal duties file", () => {
  it("every duty names its source, and a duty not checked against the text says so", () => {
    for (const topic of content().legalDuties.topics)
      for (const d of topic.duties) {
        expect(d.source, topic.id).toMatch(/\d+\/\d{4}\/(QH\d+|NĐ-CP)/);
        if (d.verify) expect(d.verify.length).toBeGreaterThan(10);
      }
  });

  it("every condition names questions and options that exist in each version it claims, and every answer-chosen topic has a condition in every version", () => {
    const c = content();
    let checked = 0;
    for (const topic of c.legalDuties.topics) {
      const conditions = [...(topic.when ?? []), ...topic.duties.flatMap((d) => d.unless ?? [])];
      for (const cond of conditions)
        for (const q of c.questionnaires.filter((x) => conditionIn(cond, x.version))) {
          const question = q.questions.find((x) => x.id === cond.question);
          expect(question, `${topic.id}: ${cond.question} in ${q.version}`).toBeDefined();
          for (const o of cond.anyOf) expect(question!.options.map((x) => x.id), `${topic.id}: ${cond.question}.${o} in ${q.version}`).toContain(o);
          checked++;
        }
      if (topic.when) for (const q of c.questionnaires) expect(topic.when.some((w) => conditionIn(w, q.version)), `${topic.id} in ${q.version}`).toBe(true);
    }
    expect(checked).toBeGreaterThan(20);
  });

  describe("start-up refuses", () => {
    let cleanup = () => {};
    afterEach(() => cleanup());
    const broken = (edit: (text: string) => string) => {
      const t = copyContent();
      cleanup = t.cleanup;
      const path = join(t.dir, "legal-duties.yaml");
      const before = readFileSync(path, "utf8");
      const after = edit(before);
      expect(after).not.toBe(before);
      writeFileSync(path, after);
      try {
        loadContent(t.dir);
      } catch (e) {
        expect(e).toBeInstanceOf(ContentError);
        return (e as ContentError).message;
      }
      throw new Error("broken content was accepted");
    };
    it("a condition naming a question one of its versions lacks (1.0's guest data, claimed for every version)", () => {
      expect(broken((s) => s.replace(/, versions: \["1\.0"\] \}\n(\s+# 1\.1: khách)/, " }\n$1"))).toMatch(/1\.1 không có câu "tour_guest_data"/);
    });
    it("an option one of its versions lacks (1.0's consent option, claimed for 1.1)", () => {
      expect(broken((s) => s.replace('anyOf: [cd_consent], versions: ["1.0"]', 'anyOf: [cd_consent], versions: ["1.1"]'))).toMatch(/1\.1 không có lựa chọn "cd_consent"/);
    });
    it("a version that is not on disk", () => {
      expect(broken((s) => s.replace('anyOf: [rev_under_1bn], versions: ["1.1"]', 'anyOf: [rev_under_1bn], versions: ["1.2"]'))).toMatch(/phiên bản "1\.2"/);
    });
    it("a topic chosen by answers with no condition for one version (it would never be said there)", () => {
      expect(broken((s) => s.replace(/(# 1\.0 hỏi mọi cơ sở du lịch[^\n]*\n[^\n]*\n)\s+- \{ question: tour_lodging_report[^\n]*\n/, "$1"))).toMatch(/guest_registration.*1\.1/);
    });
  });
});

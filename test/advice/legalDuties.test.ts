// "What the law asks of you": chosen by the answers and the profile, every duty with its source.
import { describe, expect, it } from "vitest";
import { content } from "../helpers.ts";
import { adviseFor } from "./advise.ts";
import { OWNER_PERSONAS } from "./ownerPersonas.ts";

const persona = (id: string) => OWNER_PERSONAS.find((p) => p.id === id)!;
const topics = (id: string, change: (a: Record<string, unknown>) => void = () => {}) => {
  const p = structuredClone(persona(id));
  change(p.answers);
  return adviseFor(p).legalDuties.map((t) => t.id);
};

describe("legal duties", () => {
  it("a homestay keeping guests' ID photos gets the personal data law and the guest registration duty", () => {
    expect(topics("owner_homestay_with_page")).toEqual(expect.arrayContaining(["personal_data", "guest_registration", "e_invoice_household"]));
  });
  it("a border-trade company signing with partners gets e-contracts and the e-invoice duty of enterprises, not the household one", () => {
    const t = topics("owner_border_company_spreadsheet");
    expect(t).toEqual(expect.arrayContaining(["e_contracts", "e_invoice_enterprise", "personal_data"]));
    expect(t).not.toContain("e_invoice_household");
    expect(t).not.toContain("guest_registration");
  });
  it("a household that keeps no customer details and sells only in person gets no personal-data or online-selling duties", () => {
    const t = topics("owner_tea_household", (a) => {
      a.inv_customer_contact = ["cc_none"];
      delete a.sec_customer_data;
    });
    expect(t).not.toContain("personal_data");
    expect(t).not.toContain("online_selling");
    expect(t).toContain("e_invoice_household");
  });
  it("a business selling on Zalo or a marketplace gets the online-selling duty", () => {
    expect(topics("owner_coffee_cooperative")).toContain("online_selling");
  });
  it("every duty in the file names its source, and a duty not checked against the text says so", () => {
    for (const topic of content().legalDuties.topics)
      for (const d of topic.duties) {
        expect(d.source, topic.id).toMatch(/\d+\/\d{4}\/(QH\d+|NĐ-CP)/);
        if (d.verify) expect(d.verify.length).toBeGreaterThan(10);
      }
  });
});

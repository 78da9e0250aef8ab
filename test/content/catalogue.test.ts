// The real content files: platforms.yaml and support-schemes.yaml must parse, validate and agree.
import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { parse } from "yaml";
import {
  PLATFORM_CATEGORIES,
  crossCheckCatalogue,
  platformCatalogueSchema,
  supportSchemeFileSchema,
  type PlatformCatalogue,
  type SupportSchemeFile,
} from "../../src/domain/catalogue";

const CONTENT = new URL("../../questionnaires/", import.meta.url);

function loadYaml(name: string): unknown {
  return parse(readFileSync(new URL(name, CONTENT), "utf8"));
}

function validCatalogue(): PlatformCatalogue {
  const result = platformCatalogueSchema.safeParse(loadYaml("platforms.yaml"));
  if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
  return result.data;
}

function validSchemes(): SupportSchemeFile {
  const result = supportSchemeFileSchema.safeParse(loadYaml("support-schemes.yaml"));
  if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
  return result.data;
}

/** A deep copy of the raw YAML, to break on purpose. */
function rawCatalogue(): { platforms: Record<string, unknown>[] } & Record<string, unknown> {
  return structuredClone(loadYaml("platforms.yaml")) as { platforms: Record<string, unknown>[] };
}

describe("platforms.yaml", () => {
  it("validates against the schema", () => {
    const result = platformCatalogueSchema.safeParse(loadYaml("platforms.yaml"));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("lists at least 40 platforms", () => {
    expect(validCatalogue().platforms.length).toBeGreaterThanOrEqual(40);
  });

  it("has at least two entries in every category", () => {
    const platforms = validCatalogue().platforms;
    for (const category of PLATFORM_CATEGORIES) {
      const count = platforms.filter((p) => p.category === category).length;
      expect(count, `category ${category}`).toBeGreaterThanOrEqual(2);
    }
  });

  it("includes the state-promoted farm floors postmart.vn and voso.vn, for OCOP", () => {
    const platforms = validCatalogue().platforms;
    for (const id of ["postmart", "voso"]) {
      const p = platforms.find((x) => x.id === id);
      expect(p, id).toBeDefined();
      expect(p?.category).toBe("ecommerce");
      expect(p?.sectors).toContain("ocop");
    }
  });

  it("keeps sectors right: border-trade tools are not for tourism, booking sites only for tourism", () => {
    const platforms = validCatalogue().platforms;
    for (const p of platforms.filter((x) => x.category === "border_trade")) {
      expect(p.sectors, p.id).not.toContain("tourism");
    }
    for (const id of ["booking_com", "agoda", "traveloka", "airbnb", "tripadvisor"]) {
      expect(platforms.find((x) => x.id === id)?.sectors).toEqual(["tourism"]);
    }
  });

  it("dates every price check and names a source", () => {
    const catalogue = validCatalogue();
    for (const p of catalogue.platforms) {
      // Checked on a real day, never after the catalogue's own date.
      expect(p.price.checkedOn >= "2026-01-01" && p.price.checkedOn <= catalogue.updatedOn, p.id).toBe(true);
      expect(p.source.length, p.id).toBeGreaterThan(0);
    }
  });
});

describe("support-schemes.yaml", () => {
  it("validates against the schema", () => {
    const result = supportSchemeFileSchema.safeParse(loadYaml("support-schemes.yaml"));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("holds the national and provincial schemes, the draft one clearly marked", () => {
    const schemes = validSchemes().schemes;
    const ids = schemes.map((s) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "decree80_dx_support",
        "free_einvoice_difficult_areas",
        "dx_voucher_draft",
        "plan2902_provincial",
        "dienbien_innovation_centre_advice",
      ]),
    );
    const draft = schemes.find((s) => s.id === "dx_voucher_draft");
    expect(draft?.status).toBe("draft");
    expect(draft?.verify).toBeDefined();

    const decree80 = schemes.find((s) => s.id === "decree80_dx_support");
    expect(decree80?.coverage.sharePercent).toBe(50);
    expect(decree80?.coverage.capsVndPerYear).toEqual({ micro: 20_000_000, small: 50_000_000, medium: 100_000_000 });
    expect(decree80?.eligibility.legalForms).toEqual(["company"]);

    const plan = schemes.find((s) => s.id === "plan2902_provincial");
    expect(plan?.kind).toBe("provincial");
    expect(plan?.coverage.sharePercent).toBeUndefined();
    expect(plan?.coverage.capsVndPerYear).toBeUndefined();
  });
});

describe("crossCheckCatalogue", () => {
  it("finds no problem between the two real files", () => {
    expect(crossCheckCatalogue(validCatalogue(), validSchemes())).toEqual([]);
  });

  it("reports unknown scheme ids, inverted levels and schemes that do not pay for the category", () => {
    const catalogue = validCatalogue();
    const schemes = validSchemes();
    const [first, second, third] = catalogue.platforms;
    if (!first || !second || !third) throw new Error("catalogue too short");
    const broken: PlatformCatalogue = {
      ...catalogue,
      platforms: [
        { ...first, supportSchemes: ["no_such_scheme"] },
        { ...second, levels: { min: 4, max: 1 } },
        { ...third, category: "tourism_listing", supportSchemes: ["free_einvoice_difficult_areas"] },
      ],
    };
    const problems = crossCheckCatalogue(broken, schemes);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("no_such_scheme");
    expect(problems[1]).toContain(second.id);
    expect(problems[2]).toContain("free_einvoice_difficult_areas");
  });
});

describe("a broken entry is refused, with the path to the fault", () => {
  it("points at platforms[i].category and platforms[j].website", () => {
    const raw = rawCatalogue();
    const badCategory = 3;
    const noWebsite = 7;
    raw.platforms[badCategory]!.category = "crypto_exchange";
    delete raw.platforms[noWebsite]!.website;

    const result = platformCatalogueSchema.safeParse(raw);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => i.path);
    expect(paths).toContainEqual(["platforms", badCategory, "category"]);
    expect(paths).toContainEqual(["platforms", noWebsite, "website"]);
  });

  it("refuses a plain-http website, a duplicate id and a contact price without a note", () => {
    const raw = rawCatalogue();
    raw.platforms[0]!.website = "http://example.vn";
    raw.platforms[2]!.id = raw.platforms[1]!.id;
    const price = raw.platforms[5]!.price as Record<string, unknown>;
    price.band = "contact";
    delete price.note;

    const result = platformCatalogueSchema.safeParse(raw);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => i.path);
    expect(paths).toContainEqual(["platforms", 0, "website"]);
    expect(paths).toContainEqual(["platforms", 2, "id"]);
    expect(paths).toContainEqual(["platforms", 5, "price", "note"]);
  });

  it("refuses a scheme that gives both a yearly cap and a per-contract cap (one scheme, one way the law caps it)", () => {
    const raw = structuredClone(loadYaml("support-schemes.yaml")) as { schemes: { id: string; coverage: Record<string, unknown> }[] };
    const i = raw.schemes.findIndex((s) => s.id === "decree80_dx_consulting");
    raw.schemes[i]!.coverage.capsVndPerYear = { small: 50_000_000 };
    const result = supportSchemeFileSchema.safeParse(raw);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((x) => x.path);
    expect(paths).toContainEqual(["schemes", i, "coverage", "capsVndPerContractPerYear"]);
  });

  it("refuses a draft scheme without a verify note", () => {
    const raw = structuredClone(loadYaml("support-schemes.yaml")) as { schemes: Record<string, unknown>[] };
    const i = raw.schemes.findIndex((s) => s.id === "dx_voucher_draft");
    delete raw.schemes[i]!.verify;
    const result = supportSchemeFileSchema.safeParse(raw);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((x) => x.path);
    expect(paths).toContainEqual(["schemes", i, "verify"]);
  });
});

// The real content loads; a broken file is refused with the file, the path inside it and the reason.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent } from "../../src/content/load.ts";
import { askedQuestions } from "../../src/domain/scoring.ts";
import { BUSINESS_FUNCTIONS, SECTORS } from "../../src/domain/questionnaire.ts";
import { content, copyContent } from "../helpers.ts";

// Broken-content cases edit the version in force (older versions are frozen and never edited).
const V1 = join("dx-readiness", "1.1");

describe("questionnaire content", () => {
  it("loads and validates; 1.1 is in force and 1.0 is kept for the assessments taken on it", () => {
    const c = content();
    expect(c.current.status).toBe("in_force");
    expect(c.current.version).toBe("1.1");
    expect(c.questionnaires.map((q) => q.version)).toEqual(["1.0", "1.1"]);
    expect(c.communes).toHaveLength(45);
  });

  it("gives every commune its national 5-digit code, each once", () => {
    const c = content();
    const codes = c.communes.map((u) => u.code);
    expect(new Set(codes).size).toBe(45);
    for (const code of codes) expect(code).toMatch(/^\d{5}$/);
    // Spot checks against the code list (Decision 19/2025/QĐ-TTg): the three wards and the two ends of the range.
    const byName = new Map(c.communes.map((u) => [u.name, u.code]));
    expect([byName.get("Điện Biên Phủ"), byName.get("Mường Lay"), byName.get("Mường Thanh")]).toEqual(["03127", "03151", "03334"]);
    expect([byName.get("Sín Thầu"), byName.get("Tìa Dình")]).toEqual(["03158", "03385"]);
  });
});

// Common set size: 1.1 adds AI, public e-services, data practice and green questions.
const COMMON_SIZE: Record<string, [number, number]> = { "1.0": [25, 35], "1.1": [30, 40] };

for (const version of ["1.0", "1.1"])
  describe(`questionnaire content ${version}`, () => {
    const v = () => content().questionnaires.find((q) => q.version === version)!;

    it("has the seven pillars, five confirmed by Decision 2158 and two provisional", () => {
      const p = v().pillars;
      expect(p.map((x) => x.name)).toEqual([
        "Định hướng chiến lược",
        "Trải nghiệm khách hàng và bán hàng đa kênh",
        "Chuỗi cung ứng",
        "Hệ thống thông tin và quản trị dữ liệu",
        "Quản lý rủi ro và an toàn thông tin mạng",
        "Nhân lực và văn hóa số",
        "Hạ tầng và kết nối số",
      ]);
      expect(p.filter((x) => x.status === "provisional").map((x) => x.id)).toEqual(["people", "infrastructure"]);
    });

    it("has a common set with a tool inventory over the eight business functions, at least 3 questions per pillar", () => {
      const q = v();
      const common = q.modules.find((m) => !m.sectors)!;
      const [min, max] = COMMON_SIZE[version]!;
      expect(common.questionIds.length).toBeGreaterThanOrEqual(min);
      expect(common.questionIds.length).toBeLessThanOrEqual(max);
      const fns = new Set(q.questions.filter((x) => x.businessFunction).map((x) => x.businessFunction));
      expect([...fns].sort()).toEqual([...BUSINESS_FUNCTIONS].sort());
      for (const p of q.pillars) expect(q.questions.filter((x) => x.pillar === p.id && common.questionIds.includes(x.id)).length).toBeGreaterThanOrEqual(3);
    });

    it("has a module of 8-12 questions for each priority sector, none for 'other'", () => {
      const q = v();
      for (const sector of ["ocop", "tourism", "border_trade"] as const) {
        const m = q.modules.filter((x) => x.sectors?.includes(sector));
        expect(m).toHaveLength(1);
        expect(m[0]!.questionIds.length).toBeGreaterThanOrEqual(8);
        expect(m[0]!.questionIds.length).toBeLessThanOrEqual(12);
      }
      expect(q.modules.some((x) => x.sectors?.includes("other"))).toBe(false);
    });

    it("a micro household business sees at most 50 questions in any sector", () => {
      const q = v();
      for (const sector of SECTORS) {
        const n = askedQuestions(q, { legalForm: "household", sizeClass: "micro", sector, activityGroup: "agriculture" }, {}).length;
        expect(n).toBeLessThanOrEqual(50);
      }
    });

    it("offers 'Tôi không biết / chưa rõ' where an owner may not know", () => {
      const dontKnow = v().questions.filter((x) => x.options.some((o) => o.dontKnow));
      expect(dontKnow.length).toBeGreaterThanOrEqual(5);
    });
  });

describe("a broken content file stops start-up, naming the file, the path and the reason", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function broken(file: string, edit: (s: string) => string): ContentError {
    const t = copyContent();
    cleanup = t.cleanup;
    const path = join(t.dir, file);
    writeFileSync(path, edit(readFileSync(path, "utf8")));
    try {
      loadContent(t.dir);
    } catch (e) {
      expect(e).toBeInstanceOf(ContentError);
      return e as ContentError;
    }
    throw new Error("broken content was accepted");
  }

  it("a question with a negative point value", () => {
    const e = broken(join(V1, "common.yaml"), (s) => s.replace(/points: 0\b/, "points: -2"));
    expect(e.file).toMatch(/common\.yaml$/);
    expect(e.path).toMatch(/^questions\[\d+\]\.options\[\d+\]\.points$/);
  });

  it("a question pointing at a pillar that does not exist", () => {
    const e = broken(join(V1, "common.yaml"), (s) => s.replace(/pillar: strategy/, "pillar: marketing"));
    expect(e.path).toMatch(/^questions\[\d+\]\.pillar$/);
    expect(e.reason).toContain("marketing");
  });

  it("an unknown key (a typo) in meta.yaml", () => {
    const e = broken(join(V1, "meta.yaml"), (s) => s.replace(/^title:/m, "titel:"));
    expect(e.file).toMatch(/meta\.yaml$/);
    expect(e.message).toMatch(/titel/);
  });

  it("YAML that does not parse gives the line", () => {
    const e = broken(join(V1, "sector-ocop.yaml"), (s) => s.replace(/questions:/, "questions: [\n  - : :"));
    expect(e.path).toMatch(/dòng \d+/);
  });

  it("a commune listed twice", () => {
    const e = broken("communes.yaml", (s) => s + '  - { id: muong_phang, code: "09999", name: "Mường Phăng", kind: commune, difficultArea: unknown }\n');
    expect(e.file).toMatch(/communes\.yaml$/);
    expect(e.reason).toContain("muong_phang");
  });

  // The fair-scoring rules: what a version may not say.
  const option = (id: string, edit: (block: string) => string) => (s: string) => {
    const i = s.indexOf(`- id: ${id}\n`);
    const j = s.indexOf("\n      - id:", i + 1);
    const k = s.indexOf("\n\n", i + 1);
    const end = Math.min(...[j, k].filter((x) => x > 0));
    return s.slice(0, i) + edit(s.slice(i, end)) + s.slice(end);
  };

  it("an exclusive option ('only cash') that carries points", () => {
    const e = broken(join(V1, "common.yaml"), option("pay_cash_only", (b) => b.replace("points: 0", "points: 1")));
    expect(e.path).toMatch(/^questions\[\d+\]\.options\[0\]\.points$/);
    expect(e.reason).toMatch(/exclusive/);
  });

  it("a 'not applicable' option that carries points", () => {
    const e = broken(join(V1, "common.yaml"), option("cd_not_kept", (b) => b.replace("points: 0", "points: 1")));
    expect(e.reason).toMatch(/không áp dụng/);
  });

  it("a 'not applicable' option that can be ticked with others", () => {
    const e = broken(join(V1, "common.yaml"), option("ic_alone", (b) => b.replace("        exclusive: true\n", "")));
    expect(e.path).toMatch(/\.exclusive$/);
    expect(e.reason).toMatch(/không áp dụng/);
  });

  it("a paper notebook worth more than a digital tool in a digitalFirst question", () => {
    const e = broken(join(V1, "common.yaml"), option("stock_paper", (b) => b.replace("points: 1", "points: 3")));
    expect(e.reason).toMatch(/không phải công cụ số/);
  });

  it("a question asked for context that carries points", () => {
    const e = broken(join(V1, "sector-ocop.yaml"), option("star_3", (b) => b.replace("points: 0", "points: 2")));
    expect(e.reason).toMatch(/scored: false/);
  });

  it("a scored follow-up opened by a context answer", () => {
    const e = broken(join(V1, "sector-ocop.yaml"), (s) =>
      s.replace("  - id: ocop_livestream\n    pillar: customer\n", "  - id: ocop_livestream\n    pillar: customer\n    askIf:\n      answer:\n        question: ocop_star\n        anyOf: [star_3, star_4plus]\n"),
    );
    expect(e.path).toMatch(/askIf$/);
    expect(e.reason).toMatch(/không tính điểm/);
  });

  it("a roadmap step triggered by a 'not applicable' answer", () => {
    const e = broken("actions.yaml", (s) => s.replace("{ question: sc_delivery, anyOf: [ship_bus] }", "{ question: sc_delivery, anyOf: [ship_none, ship_bus] }"));
    expect(e.file).toMatch(/actions\.yaml$/);
    expect(e.reason).toMatch(/ship_none.*không áp dụng/);
  });

  it("a version that replaces one that is not on disk", () => {
    const e = broken(join(V1, "meta.yaml"), (s) => s.replace('replaces: "1.0"', 'replaces: "0.9"'));
    expect(e.reason).toMatch(/0\.9/);
  });

  it("two versions in force when neither replaces the other", () => {
    const e = broken(join(V1, "meta.yaml"), (s) => s.replace('replaces: "1.0"\n', ""));
    expect(e.reason).toMatch(/in_force/);
  });

  it("two communes with the same national code", () => {
    const e = broken("communes.yaml", (s) => s + '  - { id: xa_moi, code: "03127", name: "Xã Mới", kind: commune, difficultArea: unknown }\n');
    expect(e.path).toMatch(/units\[45\]\.code/);
    expect(e.reason).toContain("03127");
  });

  it("a national code that is not 5 digits", () => {
    const e = broken("communes.yaml", (s) => s.replace('code: "03127"', 'code: "3127"'));
    expect(e.path).toMatch(/units\[0\]\.code/);
    expect(e.reason).toContain("5 chữ số");
  });

  it("a commune marked as a difficult area (or not) without saying on what source", () => {
    const e = broken("communes.yaml", (s) =>
      s.replace('id: tua_chua, code: "03217", name: "Tủa Chùa", kind: commune, difficultArea: unknown', 'id: tua_chua, code: "03217", name: "Tủa Chùa", kind: commune, difficultArea: yes'),
    );
    expect(e.file).toMatch(/communes\.yaml$/);
    expect(e.path).toMatch(/difficultAreaSource/);
    expect(e.reason).toContain("difficultAreaSource");
  });

  it("a difficult-area status that is not yes, no or unknown (a true/false left from the old format)", () => {
    const e = broken("communes.yaml", (s) => s.replace("difficultArea: unknown", "difficultArea: true"));
    expect(e.path).toMatch(/units\[0\]\.difficultArea/);
    expect(e.reason).toContain("unknown");
  });
});

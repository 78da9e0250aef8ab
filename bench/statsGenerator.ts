// Fills a database with realistic assessments for the dashboard benchmark: sectors, communes,
// legal forms and sizes skewed as in a mountain province, levels from real scoring of generated
// answers, statistics consent, guided sessions and validation, T0 → T1 re-assessments with the
// support received in between, requests for advice, and a register of businesses of which about two
// thirds are reached. Writes go through the same tables and triggers as the service.
// Bench only: nothing here is ever used by the running service.
import { createHash } from "node:crypto";
import { openDatabase, type Db } from "../db/connection.ts";
import { saveQuestionnaireVersion } from "../db/assessments.ts";
import { insertStaff } from "../db/staff.ts";
import { loadContent, type Content } from "../src/content/load.ts";
import type { ActivityGroup, LegalForm, Question, Questionnaire, Sector, SizeClass } from "../src/domain/questionnaire.ts";
import { askedQuestions, score, type AnswerValue } from "../src/domain/scoring.ts";
import { sizeClass } from "../src/domain/sizeClass.ts";
import { createServices, type Services } from "../src/services/assessments.ts";
import { demandItemsFor } from "../src/services/stats.ts";

export interface Generated {
  db: Db;
  content: Content;
  services: Services;
  submitted: number;
  businesses: number;
  registry: number;
  seconds: number;
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(r: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) <= 0) return v;
  return items[items.length - 1]![0];
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
function taxCode(n: number): string {
  for (let bump = 0; ; bump++) {
    const base = String(5600000000 / 10 + n * 7 + bump).padStart(9, "0").slice(-9);
    const check = 10 - (TAX_WEIGHTS.reduce((s, w, i) => s + w * Number(base[i]), 0) % 11);
    if (check < 10) return base + check;
  }
}

interface Persona {
  answers: Record<string, AnswerValue>;
  overall: number;
  level: number;
  euBand: string;
  platform: boolean;
  pillars: { id: string; score: number | null }[];
  demand: string;
  answerRows: [string, string][];
}

/** Answers of an owner with a given propensity (0 = nothing digital, 1 = everything). */
function answersFor(q: Questionnaire, facts: { legalForm: LegalForm; sizeClass: SizeClass; sector: Sector; activityGroup: ActivityGroup }, p: number, r: () => number) {
  const pick = (question: Question): AnswerValue => {
    const sorted = [...question.options].sort((a, b) => a.points - b.points);
    if (question.type === "single") {
      const i = Math.max(0, Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1) + (r() - 0.5) * 1.6)));
      return sorted[i]!.id;
    }
    const chosen = question.options.filter((o) => !o.exclusive && o.points > 0 && r() < p);
    if (chosen.length) return chosen.map((o) => o.id);
    return [sorted.find((o) => o.points === 0)!.id];
  };
  const answers: Record<string, AnswerValue> = {};
  for (let round = 0; round < 10; round++) {
    let added = false;
    for (const question of askedQuestions(q, facts, answers)) {
      if (answers[question.id] === undefined) {
        answers[question.id] = pick(question);
        added = true;
      }
    }
    if (!added) break;
  }
  return answers;
}

export interface GenerateOptions {
  answers: boolean;
  seed?: number;
  log?: (s: string) => void;
  /**
   * Sizes (submitted assessments) at which the database is settled — register rows never assessed
   * and hand links added for the slice so far, ANALYZE, synchronous=FULL as the service runs — and
   * handed to `atCheckpoint` before generation goes on: one growing database measured at several
   * sizes instead of one database per size.
   */
  checkpoints?: number[];
  atCheckpoint?: (g: Generated) => Promise<void>;
}

export async function generateStatsDb(path: string, submittedTarget: number, opts: GenerateOptions): Promise<Generated> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const r = rng(opts.seed ?? 2902);
  const content = loadContent(new URL("../questionnaires", import.meta.url).pathname);
  const db = openDatabase(path);
  const c = db.$client;
  // Bulk load: durability is not the point of a benchmark fixture (the service opens with FULL).
  c.pragma("synchronous = OFF");
  c.pragma("cache_size = -262144");
  const q = content.current;
  saveQuestionnaireVersion(db, q);
  const s = createServices(db, content);
  const advisors = Array.from({ length: 25 }, (_, i) => insertStaff(db, { email: `tuvan${i}@dienbien.gov.vn`, name: `Cán bộ tư vấn ${i + 1}`, role: "advisor", passwordHash: "x" }).id);

  // ── distributions ──
  const communeWeights: [string, number][] = content.communes.map((u, i) => [u.id, u.kind === "ward" ? 6 + (i % 3) * 2 : 1 + ((i * 7) % 5) * 0.6]);
  const sectorWeights: [Sector, number][] = [
    ["ocop", 35],
    ["tourism", 15],
    ["border_trade", 10],
    ["other", 40],
  ];
  const formWeights: [LegalForm, number][] = [
    ["household", 70],
    ["company", 22],
    ["cooperative", 8],
  ];
  const wards = new Set(content.communes.filter((u) => u.kind === "ward").map((u) => u.id));

  // ── personas: real answers, really scored, reused across businesses of the same profile ──
  const personas = new Map<string, Persona[]>();
  const personaOf = (facts: { legalForm: LegalForm; sizeClass: SizeClass; sector: Sector; activityGroup: ActivityGroup }, quantile: number): Persona => {
    const key = `${facts.sector}|${facts.legalForm}|${facts.sizeClass}|${facts.activityGroup}`;
    let pool: Persona[] | undefined = personas.get(key);
    if (!pool) {
      const pr = rng(key.length * 7919 + key.charCodeAt(0) * 104729);
      pool = Array.from({ length: 40 }, (_, i) => {
        const p = Math.min(1, Math.max(0, i / 39 + (pr() - 0.5) * 0.1));
        const answers = answersFor(q, facts, p, pr);
        const d = score(q, facts, answers);
        return {
          answers,
          overall: d.overall,
          level: d.nationalLevel,
          euBand: d.euBand,
          platform: d.usesDigitalPlatforms,
          pillars: d.pillars.map((x) => ({ id: x.id, score: x.score })),
          demand: JSON.stringify(demandItemsFor(s, q, facts, answers)),
          answerRows: Object.entries(answers).map(([k, v]): [string, string] => [k, JSON.stringify(v)]),
        };
      }).sort((a, b) => a.overall - b.overall);
      personas.set(key, pool);
    }
    return pool![Math.min(pool.length - 1, Math.floor(quantile * pool.length))]!;
  };

  // ── statements ──
  const insDraft = c.prepare(
    `INSERT INTO assessments (code_hash, questionnaire_hash, questionnaire_id, questionnaire_version, status, business_name, legal_form, tax_code, commune_id, activity_group, sector, staff, revenue_bn_vnd, capital_bn_vnd, size_class, size_basis, business_id, round, previous_assessment_id, method, created_by_staff_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insConsent = c.prepare(`INSERT INTO consents (assessment_id, purpose, granted, policy_version, method, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const insAnswer = c.prepare(`INSERT INTO answers (assessment_id, question_id, value, updated_at) VALUES (?, ?, ?, ?)`);
  const submitStmt = c.prepare(
    `UPDATE assessments SET status = 'submitted', submitted_at = ?, updated_at = ?, overall_score = ?, national_level = ?, eu_band = ?, uses_digital_platforms = ?, pillar_scores = ?, validated_by_staff_id = ?, validated_at = ? WHERE id = ?`,
  );
  const setDemand = c.prepare(`UPDATE stat_facts SET demand = ? WHERE assessment_id = ?`);
  const insBusiness = c.prepare(`INSERT INTO businesses (name, legal_form, tax_code, commune_id, activity_group, sector, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insSupport = c.prepare(`INSERT INTO support_records (business_id, assessment_id, type, date, amount_vnd, platform_id, note, staff_id, created_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)`);
  const insAdvice = c.prepare(
    `INSERT INTO advice_requests (assessment_id, action_id, platform_id, channel, contact, message, status, dedupe_key, created_at, updated_at) VALUES (?, ?, NULL, 'phone', '0900000000', NULL, ?, ?, ?, ?)`,
  );
  const insRegistry = c.prepare(
    `INSERT INTO registry (registry_key, tax_code, name, legal_form, commune_id, sector, size_class, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insLink = c.prepare(`INSERT INTO registry_links (assessment_id, registry_id, staff_id, linked_at) VALUES (?, ?, NULL, ?)`);

  const policy = content.consent.policyVersion;
  // Nearly five years of use up to now (about 19 quarters), all in the past.
  const START = Date.parse("2022-01-10T02:00:00Z");
  const END = Date.parse("2026-09-30T10:00:00Z");
  const iso = (t: number) => new Date(t).toISOString();
  const actions = content.actions.actions.map((a) => a.id);
  const supportTypes: ["consultation" | "training" | "platform_subsidy" | "provider_connection" | "einvoice_free_period", number][] = [
    ["training", 40],
    ["consultation", 30],
    ["platform_subsidy", 12],
    ["provider_connection", 12],
    ["einvoice_free_period", 6],
  ];
  const adviceStatus: [string, number][] = [
    ["new", 40],
    ["in_progress", 20],
    ["done", 35],
    ["cancelled", 5],
  ];

  const businessesTarget = Math.round(submittedTarget / 1.15);
  let submitted = 0;
  let registryRows = 0;
  let registryAssessed = 0;
  let seq = 0;
  const pendingLinks: [number, string][] = [];

  const submitOne = (b: { name: string; legalForm: LegalForm; taxCode: string | null; communeId: string; activityGroup: ActivityGroup; sector: Sector; staff: number; revenue: number; size: SizeClass; basis: string; businessId: number | null }, persona: Persona, at: number, round: number, prev: number | null, guided: boolean, statistics: boolean, validated: boolean): number => {
    const t = iso(at);
    const advisor = advisors[Math.floor(r() * advisors.length)]!;
    const id = Number(
      insDraft.run(
        createHash("sha256").update(`bench-${++seq}`).digest("hex"),
        q.hash,
        q.id,
        q.version,
        b.name,
        b.legalForm,
        b.taxCode,
        b.communeId,
        b.activityGroup,
        b.sector,
        b.staff,
        b.revenue,
        b.size,
        b.basis,
        b.businessId,
        round,
        prev,
        guided ? "guided" : "self",
        guided ? advisor : null,
        t,
        t,
      ).lastInsertRowid,
    );
    insConsent.run(id, "report", 1, policy, guided ? "in_person" : "online", t);
    insConsent.run(id, "statistics", statistics ? 1 : 0, policy, guided ? "in_person" : "online", t);
    insConsent.run(id, "contact", r() < 0.4 ? 1 : 0, policy, guided ? "in_person" : "online", t);
    if (opts.answers) for (const [qid, v] of persona.answerRows) insAnswer.run(id, qid, v, t);
    submitStmt.run(t, t, persona.overall, persona.level, persona.euBand, persona.platform ? 1 : 0, JSON.stringify(persona.pillars), validated ? advisor : null, validated ? iso(at + 86400_000 * (1 + r() * 20)) : null, id);
    setDemand.run(persona.demand, id);
    if (r() < 0.1) {
      const st = weighted(r, adviceStatus);
      insAdvice.run(id, actions[Math.floor(r() * actions.length)] ?? "act", st, `bench-${id}`, t, t);
    }
    submitted++;
    return id;
  };

  const createdAt = iso(START);
  let unreachedRows = 0;
  const generated = (): Generated => ({ db, content, services: s, submitted, businesses: businessesDone, registry: registryRows, seconds: (performance.now() - started) / 1000 });
  // Businesses in the register never assessed (reach ends near two thirds), the links made by hand
  // so far, fresh statistics for the planner, and the durability the service runs with.
  const settle = async () => {
    const unreached = Math.round(registryAssessed * 0.5) - unreachedRows;
    c.transaction(() => {
      for (let j = 0; j < unreached; j++) {
        const k = unreachedRows++;
        const sector = weighted(r, sectorWeights);
        const legalForm = weighted(r, formWeights);
        const communeId = weighted(r, communeWeights);
        const tc = legalForm === "household" ? null : taxCode_(businessesTarget + k);
        insRegistry.run(tc ?? `hh:chua-danh-gia-${k}:${communeId}`, tc, `Cơ sở chưa đánh giá ${k + 1}`, legalForm, communeId, sector, null, createdAt, createdAt);
        registryRows++;
      }
      const t = iso(END);
      for (const [assessmentId, regId] of pendingLinks) insLink.run(assessmentId, Number(regId), t);
      pendingLinks.length = 0;
    })();
    c.exec("ANALYZE");
    c.pragma("wal_checkpoint(TRUNCATE)");
    c.pragma("synchronous = FULL");
  };
  const checkpoints = [...(opts.checkpoints ?? [])].sort((a, b) => a - b);
  let businessesDone = 0;
  const chunk = 2000;
  for (let i0 = 0; i0 < businessesTarget; i0 += chunk) {
    c.transaction(() => {
      for (let i = i0; i < Math.min(businessesTarget, i0 + chunk); i++) {
        const sector = weighted(r, sectorWeights);
        const legalForm = weighted(r, formWeights);
        const communeId = weighted(r, communeWeights);
        const activityGroup: ActivityGroup =
          sector === "ocop" ? "agriculture" : sector === "other" ? weighted(r, [["industry", 3], ["trade_services", 5], ["agriculture", 2]] as [ActivityGroup, number][]) : "trade_services";
        const staff =
          legalForm === "household" ? Math.floor(r() * r() * 5) : legalForm === "cooperative" ? 3 + Math.floor(r() * r() * 40) : 2 + Math.floor(Math.exp(r() * r() * 6.2));
        const revenue = Math.round((0.2 + staff * (0.3 + r() * 1.5)) * 10) / 10;
        const sz = sizeClass({ activityGroup, staff, revenueBnVnd: revenue }, content.sizeThresholds);
        const taxCode = legalForm === "household" ? null : taxCode_(i);
        const name = `${legalForm === "household" ? "Hộ kinh doanh" : legalForm === "cooperative" ? "HTX" : "Công ty TNHH"} Điện Biên ${i + 1}`;
        const guided = r() < 0.25;
        const reassessed = r() < 0.15;
        const businessId = guided || reassessed ? Number(insBusiness.run(name, legalForm, taxCode, communeId, activityGroup, sector, createdAt, createdAt).lastInsertRowid) : null;
        const b = { name, legalForm, taxCode, communeId, activityGroup, sector, staff, revenue, size: sz.sizeClass, basis: sz.basis, businessId };
        const propensity = Math.min(0.999, Math.max(0, 0.3 + (wards.has(communeId) ? 0.15 : 0) + (sz.sizeClass === "micro" ? 0 : 0.15) + (legalForm === "household" ? -0.1 : 0.05) + (r() - 0.5) * 0.7));
        const facts = { legalForm, sizeClass: sz.sizeClass, sector, activityGroup };
        const statistics = r() < 0.8;
        const t0At = START + r() * (END - START) * (reassessed ? 0.7 : 1);
        const t0 = submitOne(b, personaOf(facts, propensity), t0At, 1, null, guided, statistics, guided ? r() < 0.6 : r() < 0.05);
        let last = t0;
        if (reassessed) {
          const t1At = t0At + (90 + r() * 360) * 86400_000;
          if (businessId && r() < 0.7) {
            const n = 1 + Math.floor(r() * 2.2);
            for (let k = 0; k < n; k++) {
              const day = iso(t0At + r() * (t1At - t0At)).slice(0, 10);
              insSupport.run(businessId, t0, weighted(r, supportTypes), day, r() < 0.3 ? Math.round(r() * 40) * 1_000_000 : null, advisors[Math.floor(r() * advisors.length)]!, createdAt);
            }
          }
          last = submitOne(b, personaOf(facts, Math.min(0.999, propensity + 0.1 + r() * 0.3)), t1At, 2, t0, true, r() < 0.85, r() < 0.7);
        }
        // The register: every company and cooperative, 60 % of households (half of them linked by hand).
        if (legalForm !== "household") {
          insRegistry.run(taxCode, taxCode, name, legalForm, communeId, sector, r() < 0.7 ? sz.sizeClass : null, createdAt, createdAt);
          registryRows++;
          registryAssessed++;
        } else if (r() < 0.6) {
          const key = `hh:${name}:${communeId}`;
          const regId = Number(insRegistry.run(key, null, name, legalForm, communeId, sector, null, createdAt, createdAt).lastInsertRowid);
          registryRows++;
          registryAssessed++;
          if (r() < 0.5) pendingLinks.push([last, String(regId)]);
        }
      }
    })();
    businessesDone = Math.min(businessesTarget, i0 + chunk);
    if ((i0 / chunk) % 25 === 0) log(`  … ${submitted.toLocaleString("en")} assessments submitted`);
    if (checkpoints.length && submitted >= checkpoints[0]! && businessesDone < businessesTarget) {
      while (checkpoints.length && submitted >= checkpoints[0]!) checkpoints.shift();
      await settle();
      await opts.atCheckpoint?.(generated());
      c.pragma("synchronous = OFF");
    }
  }
  await settle();
  return generated();

  function taxCode_(n: number) {
    return taxCode(n);
  }
}

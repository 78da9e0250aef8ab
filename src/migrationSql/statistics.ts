// The dashboard's pre-aggregated tables and the SQLite triggers that keep them up to date on every
// write, whichever code makes it (owner submit, advisor validation, consent withdrawal, deletion,
// registry import, support records). See docs/decisions/004-dashboard-pre-aggregated-by-triggers.md.
//
// This file GENERATES the SQL of a migration; the committed migration is what runs, and nothing in
// the running service imports this file. To change a trigger, write a new migration that drops it
// and creates the new text (never edit an old one). `npm run migration:sql -- <number>` prints the
// statements of one migration; test/db/migrationSql.test.ts holds them to the committed migrations.

import { foldVietnamese } from "../domain/vnText.ts";

/** Latest statistics consent of assessment `id` (append-only consents: the latest row is in force). */
const consentOf = (id: string) =>
  `coalesce((SELECT c.granted FROM consents c WHERE c.assessment_id = ${id} AND c.purpose = 'statistics' ORDER BY c.id DESC LIMIT 1), 0)`;

/** The registry row of an assessment: a link made by hand first, else the same tax code. */
const registryOf = (id: string, taxCode: string) =>
  `coalesce((SELECT l.registry_id FROM registry_links l JOIN registry r ON r.id = l.registry_id WHERE l.assessment_id = ${id}), ` +
  `(SELECT r.id FROM registry r WHERE ${taxCode} IS NOT NULL AND r.tax_code = ${taxCode} ORDER BY r.id LIMIT 1))`;

/** Quarter of submission in Vietnam time (UTC+7). */
const quarterOf = (ts: string) =>
  `strftime('%Y', ${ts}, '+7 hours') || '-Q' || ((CAST(strftime('%m', ${ts}, '+7 hours') AS INTEGER) + 2) / 3)`;

const FACT_COLUMNS = [
  "assessment_id",
  "prev_id",
  "business_id",
  "tax_code",
  "registry_id",
  "sector",
  "commune_id",
  "size_class",
  "legal_form",
  "method",
  "validated",
  "consent",
  "current",
  "quarter",
  "submitted_at",
  "level",
  "platform",
  "overall",
  "pillar_scores",
  "demand",
] as const;

/** The facts row of assessment alias `a` (NEW in a trigger, a table alias in a backfill). */
function factValues(a: string, current: string): string {
  const submitted = `coalesce(${a}.submitted_at, ${a}.updated_at)`;
  return [
    `${a}.id`,
    `${a}.previous_assessment_id`,
    `${a}.business_id`,
    `${a}.tax_code`,
    registryOf(`${a}.id`, `${a}.tax_code`),
    `${a}.sector`,
    `${a}.commune_id`,
    `${a}.size_class`,
    `${a}.legal_form`,
    `${a}.method`,
    `(${a}.validated_at IS NOT NULL)`,
    consentOf(`${a}.id`),
    current,
    quarterOf(submitted),
    submitted,
    `coalesce(${a}.national_level, 0)`,
    `coalesce(${a}.uses_digital_platforms, 0)`,
    `coalesce(${a}.overall_score, 0)`,
    `coalesce(${a}.pillar_scores, '[]')`,
    "NULL",
  ].join(", ");
}

const GROUP = ["sector", "commune_id", "size_class", "legal_form"];
const LEVEL_COLS = [0, 1, 2, 3, 4, 5].map((l) => `l${l}`);

interface Cube {
  table: string;
  /** Key columns of the cube and the expression giving each from facts row R (and json item j). */
  keys: [string, string][];
  measures: [string, string][];
  /** Which facts rows count. */
  where: string;
  /** A table-valued source joined to the row, e.g. json_each(R.pillar_scores) j. */
  from?: string;
  /** Facts columns whose change changes this cube (for the update trigger's WHEN). */
  relevant: string[];
}

const rowMeasures: [string, string][] = [
  ["n", "1"],
  ["platform", "R.platform"],
  ["overall_sum", "R.overall"],
  ...LEVEL_COLS.map((c, l): [string, string] => [c, `(R.level = ${l})`]),
];

const CUBES: Cube[] = [
  {
    table: "stat_cube_current",
    keys: [...GROUP.map((g): [string, string] => [g, `R.${g}`]), ["method", "R.method"], ["validated", "R.validated"], ["consent", "R.consent"]],
    measures: rowMeasures,
    where: "R.current = 1",
    relevant: ["current", ...GROUP, "method", "validated", "consent", "platform", "overall", "level"],
  },
  {
    table: "stat_cube_quarter",
    keys: [["quarter", "R.quarter"], ...GROUP.map((g): [string, string] => [g, `R.${g}`]), ["consent", "R.consent"]],
    measures: rowMeasures,
    where: "1",
    relevant: ["quarter", ...GROUP, "consent", "platform", "overall", "level"],
  },
  {
    table: "stat_cube_pillar",
    keys: [...GROUP.map((g): [string, string] => [g, `R.${g}`]), ["pillar_id", "json_extract(j.value, '$.id')"]],
    measures: [
      ["n", "1"],
      ["score_sum", "json_extract(j.value, '$.score')"],
    ],
    from: "json_each(R.pillar_scores) j",
    where: "R.current = 1 AND R.consent = 1 AND json_extract(j.value, '$.score') IS NOT NULL",
    relevant: ["current", "consent", ...GROUP, "pillar_scores"],
  },
  {
    table: "stat_peer_hist",
    keys: [
      ["sector", "R.sector"],
      ["size_class", "R.size_class"],
      ["pillar_id", "json_extract(j.value, '$.id')"],
      ["score_tenths", "CAST(round(json_extract(j.value, '$.score') * 10) AS INTEGER)"],
    ],
    measures: [["n", "1"]],
    from: "json_each(R.pillar_scores) j",
    where: "R.current = 1 AND R.consent = 1 AND json_extract(j.value, '$.score') IS NOT NULL",
    relevant: ["current", "consent", "sector", "size_class", "pillar_scores"],
  },
  {
    table: "stat_peer_hist",
    keys: [
      ["sector", "R.sector"],
      ["size_class", "R.size_class"],
      ["pillar_id", "'_overall'"],
      ["score_tenths", "CAST(round(R.overall * 10) AS INTEGER)"],
    ],
    measures: [["n", "1"]],
    where: "R.current = 1 AND R.consent = 1",
    relevant: ["current", "consent", "sector", "size_class", "overall"],
  },
  {
    table: "stat_demand_cube",
    keys: [...GROUP.map((g): [string, string] => [g, `R.${g}`]), ["item", "j.value"]],
    measures: [["n", "1"]],
    from: "json_each(R.demand) j",
    where: "R.current = 1 AND R.consent = 1 AND R.demand IS NOT NULL",
    relevant: ["current", "consent", ...GROUP, "demand"],
  },
];

/** Add (sign 1) or remove (sign -1) the contribution of facts row `row` (NEW or OLD) to a cube. */
function contribution(cube: Cube, row: "NEW" | "OLD", sign: 1 | -1): string[] {
  const sub = (e: string) => e.replace(/\bR\./g, `${row}.`).replace(/json_each\(R\./g, `json_each(${row}.`);
  const keyCols = cube.keys.map(([k]) => k);
  const cols = [...keyCols, ...cube.measures.map(([m]) => m)];
  const values = [...cube.keys.map(([, e]) => sub(e)), ...cube.measures.map(([, e]) => (sign === 1 ? sub(e) : `-(${sub(e)})`))];
  const from = cube.from ? ` FROM ${sub(cube.from)}` : "";
  const upsert =
    `INSERT INTO ${cube.table} (${cols.join(", ")}) SELECT ${values.join(", ")}${from} WHERE ${sub(cube.where)} ` +
    `ON CONFLICT (${keyCols.join(", ")}) DO UPDATE SET ${cube.measures.map(([m]) => `${m} = ${m} + excluded.${m}`).join(", ")};`;
  if (sign === 1) return [upsert];
  // Keep cubes small: drop cells that are back to zero (only those this row touched).
  const fixed = cube.keys.filter(([, e]) => !e.includes("j.")).map(([k, e]) => `${k} = ${sub(e)}`);
  return [upsert, `DELETE FROM ${cube.table} WHERE ${[...fixed, "n = 0"].join(" AND ")};`];
}

function changed(cols: string[]): string {
  return cols.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(" OR ");
}

/** Pairs (T0 → T1) of consecutive submitted assessments, and the support received in between. */
const PAIR_SELECT = `SELECT t1.assessment_id, t0.assessment_id, t1.business_id, t1.sector, t1.commune_id, t1.size_class, t1.legal_form, t1.consent,
  t0.overall, t1.overall, t0.level, t1.level, t0.platform, t1.platform,
  (SELECT json_group_array(type) FROM (SELECT DISTINCT sr.type AS type FROM support_records sr
     WHERE t1.business_id IS NOT NULL AND sr.business_id = t1.business_id
       AND sr.date >= date(t0.submitted_at, '+7 hours') AND sr.date <= date(t1.submitted_at, '+7 hours') ORDER BY sr.type))
  FROM stat_facts t1 JOIN stat_facts t0 ON t0.assessment_id = t1.prev_id`;
const PAIR_COLS = `(t1_id, t0_id, business_id, sector, commune_id, size_class, legal_form, consent, t0_overall, t1_overall, t0_level, t1_level, t0_platform, t1_platform, support_types)`;

const pairsWhere = (where: string) => [`INSERT INTO stat_pairs ${PAIR_COLS} ${PAIR_SELECT} WHERE ${where};`];

function changeContribution(row: "NEW" | "OLD", sign: 1 | -1): string[] {
  const s = (e: string) => (sign === 1 ? e : `-(${e})`);
  const measures = `${s("1")}, ${s(`${row}.t0_overall`)}, ${s(`${row}.t1_overall`)}, ${s(`(${row}.t1_level > ${row}.t0_level)`)}, ${s(`${row}.t0_platform`)}, ${s(`${row}.t1_platform`)}`;
  const keys = `${row}.sector, ${row}.commune_id, ${row}.size_class, ${row}.legal_form, ${row}.consent`;
  const cols = `(sector, commune_id, size_class, legal_form, consent, support_type, n, t0_sum, t1_sum, level_up, t0_platform, t1_platform)`;
  const conflict = `ON CONFLICT (sector, commune_id, size_class, legal_form, consent, support_type) DO UPDATE SET n = n + excluded.n, t0_sum = t0_sum + excluded.t0_sum, t1_sum = t1_sum + excluded.t1_sum, level_up = level_up + excluded.level_up, t0_platform = t0_platform + excluded.t0_platform, t1_platform = t1_platform + excluded.t1_platform;`;
  const types = `json_each(CASE WHEN ${row}.support_types = '[]' THEN '["_none"]' ELSE ${row}.support_types END) j`;
  const out = [
    `INSERT INTO stat_change_cube ${cols} SELECT ${keys}, j.value, ${measures} FROM ${types} WHERE 1 ${conflict}`,
    `INSERT INTO stat_change_cube ${cols} SELECT ${keys}, '_all', ${measures} WHERE 1 ${conflict}`,
  ];
  if (sign === -1)
    out.push(
      `DELETE FROM stat_change_cube WHERE sector = ${row}.sector AND commune_id = ${row}.commune_id AND size_class = ${row}.size_class AND legal_form = ${row}.legal_form AND consent = ${row}.consent AND n = 0;`,
    );
  return out;
}

const reachDelta = (r: string, registered: string, reached: string) =>
  `INSERT INTO stat_reach_cube (sector, commune_id, size_class, legal_form, registered, reached) VALUES (${r}.sector, ${r}.commune_id, coalesce(${r}.size_class, 'unknown'), ${r}.legal_form, ${registered}, ${reached}) ` +
  `ON CONFLICT (sector, commune_id, size_class, legal_form) DO UPDATE SET registered = registered + excluded.registered, reached = reached + excluded.reached;`;
const reachCleanup = (r: string) =>
  `DELETE FROM stat_reach_cube WHERE sector = ${r}.sector AND commune_id = ${r}.commune_id AND size_class = coalesce(${r}.size_class, 'unknown') AND legal_form = ${r}.legal_form AND registered = 0 AND reached = 0;`;

const resolveFacts = (where: string) => `UPDATE stat_facts SET registry_id = ${registryOf("stat_facts.assessment_id", "stat_facts.tax_code")} WHERE ${where};`;
const hitsOf = (id: string) => `EXISTS (SELECT 1 FROM stat_registry_hits h WHERE h.registry_id = ${id})`;

const adviceDelta = (r: string, sign: 1 | -1) =>
  `INSERT INTO stat_advice_cube (sector, commune_id, size_class, legal_form, status, n) SELECT a.sector, a.commune_id, a.size_class, a.legal_form, ${r}.status, ${sign} FROM assessments a WHERE a.id = ${r}.assessment_id ` +
  `ON CONFLICT (sector, commune_id, size_class, legal_form, status) DO UPDATE SET n = n + excluded.n;`;
const adviceCleanup = `DELETE FROM stat_advice_cube WHERE n = 0;`;

const trigger = (name: string, when: string, body: string[]) => `CREATE TRIGGER ${name} ${when} BEGIN\n  ${body.join("\n  ")}\nEND;`;

const groupCols = (extra: string[]) => [...GROUP, ...extra].map((c) => `${c} TEXT NOT NULL`).join(", ");
const measureCols = `n INTEGER NOT NULL DEFAULT 0, platform INTEGER NOT NULL DEFAULT 0, overall_sum REAL NOT NULL DEFAULT 0, ${LEVEL_COLS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(", ")}`;

export function statsSchemaSql(): string[] {
  const out: string[] = [];
  // ── tables ──
  out.push(`CREATE TABLE stat_facts (
  assessment_id INTEGER PRIMARY KEY NOT NULL,
  prev_id INTEGER,
  business_id INTEGER,
  tax_code TEXT,
  registry_id INTEGER,
  sector TEXT NOT NULL,
  commune_id TEXT NOT NULL,
  size_class TEXT NOT NULL,
  legal_form TEXT NOT NULL,
  method TEXT NOT NULL,
  validated INTEGER NOT NULL,
  consent INTEGER NOT NULL,
  current INTEGER NOT NULL,
  quarter TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  level INTEGER NOT NULL,
  platform INTEGER NOT NULL,
  overall REAL NOT NULL,
  pillar_scores TEXT NOT NULL,
  demand TEXT
);`);
  out.push(`CREATE INDEX stat_facts_prev_idx ON stat_facts (prev_id) WHERE prev_id IS NOT NULL;`);
  out.push(`CREATE INDEX stat_facts_tax_idx ON stat_facts (tax_code) WHERE tax_code IS NOT NULL;`);
  out.push(`CREATE INDEX stat_facts_registry_idx ON stat_facts (registry_id) WHERE registry_id IS NOT NULL;`);
  out.push(`CREATE INDEX stat_facts_business_idx ON stat_facts (business_id) WHERE business_id IS NOT NULL;`);
  out.push(`CREATE INDEX stat_facts_pending_idx ON stat_facts (assessment_id) WHERE demand IS NULL;`);
  out.push(`CREATE INDEX stat_facts_unlinked_idx ON stat_facts (commune_id, sector) WHERE registry_id IS NULL AND current = 1;`);
  out.push(`CREATE INDEX stat_facts_group_idx ON stat_facts (commune_id, sector, size_class, legal_form, current);`);
  out.push(`CREATE TABLE stat_cube_current (${groupCols(["method"])}, validated INTEGER NOT NULL, consent INTEGER NOT NULL, ${measureCols},
  PRIMARY KEY (sector, commune_id, size_class, legal_form, method, validated, consent)) WITHOUT ROWID;`);
  out.push(`CREATE TABLE stat_cube_quarter (quarter TEXT NOT NULL, ${groupCols([])}, consent INTEGER NOT NULL, ${measureCols},
  PRIMARY KEY (quarter, sector, commune_id, size_class, legal_form, consent)) WITHOUT ROWID;`);
  out.push(`CREATE TABLE stat_cube_pillar (${groupCols(["pillar_id"])}, n INTEGER NOT NULL DEFAULT 0, score_sum REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (sector, commune_id, size_class, legal_form, pillar_id)) WITHOUT ROWID;`);
  out.push(`CREATE TABLE stat_peer_hist (sector TEXT NOT NULL, size_class TEXT NOT NULL, pillar_id TEXT NOT NULL, score_tenths INTEGER NOT NULL, n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sector, size_class, pillar_id, score_tenths)) WITHOUT ROWID;`);
  out.push(`CREATE TABLE stat_demand_cube (${groupCols(["item"])}, n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sector, commune_id, size_class, legal_form, item)) WITHOUT ROWID;`);
  out.push(`CREATE TABLE stat_registry_hits (registry_id INTEGER PRIMARY KEY NOT NULL, n INTEGER NOT NULL);`);
  out.push(`CREATE TABLE stat_reach_cube (${groupCols([])}, registered INTEGER NOT NULL DEFAULT 0, reached INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sector, commune_id, size_class, legal_form)) WITHOUT ROWID;`);
  out.push(`CREATE TABLE stat_pairs (
  t1_id INTEGER PRIMARY KEY NOT NULL, t0_id INTEGER NOT NULL, business_id INTEGER,
  sector TEXT NOT NULL, commune_id TEXT NOT NULL, size_class TEXT NOT NULL, legal_form TEXT NOT NULL, consent INTEGER NOT NULL,
  t0_overall REAL NOT NULL, t1_overall REAL NOT NULL, t0_level INTEGER NOT NULL, t1_level INTEGER NOT NULL,
  t0_platform INTEGER NOT NULL, t1_platform INTEGER NOT NULL, support_types TEXT NOT NULL
);`);
  out.push(`CREATE INDEX stat_pairs_t0_idx ON stat_pairs (t0_id);`);
  out.push(`CREATE INDEX stat_pairs_business_idx ON stat_pairs (business_id) WHERE business_id IS NOT NULL;`);
  out.push(`CREATE TABLE stat_change_cube (${groupCols([])}, consent INTEGER NOT NULL, support_type TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0, t0_sum REAL NOT NULL DEFAULT 0, t1_sum REAL NOT NULL DEFAULT 0, level_up INTEGER NOT NULL DEFAULT 0,
  t0_platform INTEGER NOT NULL DEFAULT 0, t1_platform INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sector, commune_id, size_class, legal_form, consent, support_type)) WITHOUT ROWID;`);
  out.push(`CREATE TABLE stat_advice_cube (${groupCols(["status"])}, n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sector, commune_id, size_class, legal_form, status)) WITHOUT ROWID;`);

  // ── assessments → facts ──
  const currentOfNew = `NOT EXISTS (SELECT 1 FROM stat_facts s WHERE s.prev_id = NEW.id)`;
  const upsertFact =
    `INSERT INTO stat_facts (${FACT_COLUMNS.join(", ")}) SELECT ${factValues("NEW", currentOfNew)} WHERE NEW.status = 'submitted' ` +
    `ON CONFLICT (assessment_id) DO UPDATE SET ${FACT_COLUMNS.filter((c) => c !== "assessment_id" && c !== "demand")
      .map((c) => `${c} = excluded.${c}`)
      .join(", ")}, demand = CASE WHEN stat_facts.overall IS excluded.overall AND stat_facts.pillar_scores IS excluded.pillar_scores THEN stat_facts.demand ELSE NULL END;`;
  const recomputeCurrent = (ids: string) =>
    `UPDATE stat_facts SET current = NOT EXISTS (SELECT 1 FROM stat_facts s WHERE s.prev_id = stat_facts.assessment_id) WHERE assessment_id IN (${ids});`;
  out.push(trigger("stat_assessments_ai", "AFTER INSERT ON assessments WHEN NEW.status = 'submitted'", [upsertFact, recomputeCurrent("NEW.previous_assessment_id")]));
  out.push(
    trigger("stat_assessments_au", "AFTER UPDATE ON assessments WHEN NEW.status = 'submitted' OR OLD.status = 'submitted'", [
      `DELETE FROM stat_facts WHERE assessment_id = NEW.id AND NEW.status <> 'submitted';`,
      upsertFact,
      recomputeCurrent("OLD.previous_assessment_id, NEW.previous_assessment_id"),
    ]),
  );
  // BEFORE: the facts go before cascades delete consents and links (see the decision record).
  out.push(
    trigger("stat_assessments_bd", "BEFORE DELETE ON assessments", [
      `DELETE FROM stat_facts WHERE assessment_id = OLD.id;`,
      recomputeCurrent("OLD.previous_assessment_id"),
      // Cascades delete its requests for advice after the row is gone, when their own trigger can
      // no longer find the group: take them out of the cube here.
      `INSERT INTO stat_advice_cube (sector, commune_id, size_class, legal_form, status, n) SELECT OLD.sector, OLD.commune_id, OLD.size_class, OLD.legal_form, ar.status, -count(*) FROM advice_requests ar WHERE ar.assessment_id = OLD.id GROUP BY ar.status ` +
        `ON CONFLICT (sector, commune_id, size_class, legal_form, status) DO UPDATE SET n = n + excluded.n;`,
      adviceCleanup,
    ]),
  );

  // A corrected profile moves the business's requests for advice to its new group.
  const adviceMove = (r: string, sign: 1 | -1) =>
    `INSERT INTO stat_advice_cube (sector, commune_id, size_class, legal_form, status, n) SELECT ${r}.sector, ${r}.commune_id, ${r}.size_class, ${r}.legal_form, ar.status, ${sign} * count(*) FROM advice_requests ar WHERE ar.assessment_id = ${r}.id GROUP BY ar.status ` +
    `ON CONFLICT (sector, commune_id, size_class, legal_form, status) DO UPDATE SET n = n + excluded.n;`;
  out.push(
    trigger("stat_assessments_advice_au", `AFTER UPDATE ON assessments WHEN ${changed(GROUP)}`, [adviceMove("OLD", -1), adviceMove("NEW", 1), adviceCleanup]),
  );

  // ── consents → facts.consent ──
  const setConsent = (id: string) => `UPDATE stat_facts SET consent = ${consentOf(id)} WHERE assessment_id = ${id};`;
  out.push(trigger("stat_consents_ai", "AFTER INSERT ON consents WHEN NEW.purpose = 'statistics'", [setConsent("NEW.assessment_id")]));
  out.push(trigger("stat_consents_ad", "AFTER DELETE ON consents WHEN OLD.purpose = 'statistics'", [setConsent("OLD.assessment_id")]));
  out.push(trigger("stat_consents_au", "AFTER UPDATE ON consents", [setConsent("OLD.assessment_id"), setConsent("NEW.assessment_id")]));

  // ── answers changed after submission → demand to recompute ──
  const pending = (id: string) => `UPDATE stat_facts SET demand = NULL WHERE assessment_id = ${id} AND demand IS NOT NULL;`;
  out.push(trigger("stat_answers_ai", "AFTER INSERT ON answers", [pending("NEW.assessment_id")]));
  out.push(trigger("stat_answers_au", "AFTER UPDATE ON answers", [pending("OLD.assessment_id"), pending("NEW.assessment_id")]));
  out.push(trigger("stat_answers_ad", "AFTER DELETE ON answers", [pending("OLD.assessment_id")]));

  // ── registry and links → facts.registry_id; registry → reach cube ──
  out.push(
    trigger("stat_registry_ai", "AFTER INSERT ON registry", [
      reachDelta("NEW", "1", "0"),
      `UPDATE stat_facts SET registry_id = NEW.id WHERE NEW.tax_code IS NOT NULL AND tax_code = NEW.tax_code AND registry_id IS NULL;`,
    ]),
  );
  out.push(
    trigger("stat_registry_au", `AFTER UPDATE ON registry WHEN ${changed(["sector", "commune_id", "size_class", "legal_form", "tax_code", "id"])}`, [
      reachDelta("OLD", "-1", `-${hitsOf("OLD.id")}`),
      reachCleanup("OLD"),
      reachDelta("NEW", "1", hitsOf("NEW.id")),
      resolveFacts(`OLD.tax_code IS NOT NEW.tax_code AND (registry_id = OLD.id OR (NEW.tax_code IS NOT NULL AND tax_code = NEW.tax_code))`),
    ]),
  );
  out.push(
    trigger("stat_registry_ad", "AFTER DELETE ON registry", [
      reachDelta("OLD", "-1", `-${hitsOf("OLD.id")}`),
      reachCleanup("OLD"),
      resolveFacts(`registry_id = OLD.id`),
      `DELETE FROM stat_registry_hits WHERE registry_id = OLD.id;`,
    ]),
  );
  out.push(trigger("stat_links_ai", "AFTER INSERT ON registry_links", [resolveFacts(`assessment_id = NEW.assessment_id`)]));
  out.push(trigger("stat_links_ad", "AFTER DELETE ON registry_links", [resolveFacts(`assessment_id = OLD.assessment_id`)]));
  out.push(trigger("stat_links_au", "AFTER UPDATE ON registry_links", [resolveFacts(`assessment_id IN (OLD.assessment_id, NEW.assessment_id)`)]));

  // ── facts → registry hits → reach cube ──
  const hitAdd = (r: string) =>
    `INSERT INTO stat_registry_hits (registry_id, n) SELECT ${r}.registry_id, 1 WHERE ${r}.registry_id IS NOT NULL ON CONFLICT (registry_id) DO UPDATE SET n = n + 1;`;
  const hitRemove = (r: string) => [
    `UPDATE stat_registry_hits SET n = n - 1 WHERE registry_id = ${r}.registry_id;`,
    `DELETE FROM stat_registry_hits WHERE registry_id = ${r}.registry_id AND n <= 0;`,
  ];
  out.push(trigger("stat_facts_hits_ai", "AFTER INSERT ON stat_facts", [hitAdd("NEW")]));
  out.push(trigger("stat_facts_hits_ad", "AFTER DELETE ON stat_facts", hitRemove("OLD")));
  out.push(trigger("stat_facts_hits_au", "AFTER UPDATE ON stat_facts WHEN OLD.registry_id IS NOT NEW.registry_id", [...hitRemove("OLD"), hitAdd("NEW")]));
  const registryGroup = (id: string) =>
    `(SELECT r.sector, r.commune_id, coalesce(r.size_class, 'unknown'), r.legal_form FROM registry r WHERE r.id = ${id})`;
  out.push(
    trigger("stat_hits_ai", "AFTER INSERT ON stat_registry_hits", [
      `INSERT INTO stat_reach_cube (sector, commune_id, size_class, legal_form, registered, reached) SELECT r.sector, r.commune_id, coalesce(r.size_class, 'unknown'), r.legal_form, 0, 1 FROM registry r WHERE r.id = NEW.registry_id ` +
        `ON CONFLICT (sector, commune_id, size_class, legal_form) DO UPDATE SET reached = reached + 1;`,
    ]),
  );
  out.push(
    trigger("stat_hits_ad", "AFTER DELETE ON stat_registry_hits", [
      `UPDATE stat_reach_cube SET reached = reached - 1 WHERE (sector, commune_id, size_class, legal_form) = ${registryGroup("OLD.registry_id")};`,
      `DELETE FROM stat_reach_cube WHERE registered = 0 AND reached = 0;`,
    ]),
  );

  // ── facts → cubes ──
  CUBES.forEach((cube, i) => {
    const name = `${cube.table}_${i}`;
    out.push(trigger(`${name}_ai`, "AFTER INSERT ON stat_facts", contribution(cube, "NEW", 1)));
    out.push(trigger(`${name}_ad`, "AFTER DELETE ON stat_facts", contribution(cube, "OLD", -1)));
    out.push(
      trigger(`${name}_au`, `AFTER UPDATE ON stat_facts WHEN ${changed(cube.relevant)}`, [
        ...contribution(cube, "OLD", -1),
        ...contribution(cube, "NEW", 1),
      ]),
    );
  });

  // ── facts → pairs (T0 → T1) → change cube ──
  const pairRelevant = ["prev_id", "business_id", "consent", ...GROUP, "overall", "level", "platform", "submitted_at"];
  out.push(
    trigger("stat_facts_pairs_ai", "AFTER INSERT ON stat_facts", [
      `DELETE FROM stat_pairs WHERE t1_id = NEW.assessment_id OR t0_id = NEW.assessment_id;`,
      ...pairsWhere(`t1.assessment_id = NEW.assessment_id OR t1.prev_id = NEW.assessment_id`),
    ]),
  );
  out.push(trigger("stat_facts_pairs_ad", "AFTER DELETE ON stat_facts", [`DELETE FROM stat_pairs WHERE t1_id = OLD.assessment_id OR t0_id = OLD.assessment_id;`]));
  out.push(
    trigger("stat_facts_pairs_au", `AFTER UPDATE ON stat_facts WHEN ${changed(pairRelevant)}`, [
      `DELETE FROM stat_pairs WHERE t1_id = NEW.assessment_id OR t0_id = NEW.assessment_id;`,
      ...pairsWhere(`t1.assessment_id = NEW.assessment_id OR t1.prev_id = NEW.assessment_id`),
    ]),
  );
  const repairBusiness = (b: string) => [
    `DELETE FROM stat_pairs WHERE business_id = ${b};`,
    ...pairsWhere(`t1.business_id = ${b}`),
  ];
  out.push(trigger("stat_support_ai", "AFTER INSERT ON support_records", repairBusiness("NEW.business_id")));
  out.push(trigger("stat_support_ad", "AFTER DELETE ON support_records", repairBusiness("OLD.business_id")));
  out.push(
    trigger("stat_support_au", `AFTER UPDATE ON support_records WHEN ${changed(["business_id", "type", "date"])}`, [
      ...repairBusiness("OLD.business_id"),
      ...repairBusiness("NEW.business_id"),
    ]),
  );
  out.push(trigger("stat_pairs_ai", "AFTER INSERT ON stat_pairs", changeContribution("NEW", 1)));
  out.push(trigger("stat_pairs_ad", "AFTER DELETE ON stat_pairs", changeContribution("OLD", -1)));

  // ── advice requests → advice cube ──
  out.push(trigger("stat_advice_ai", "AFTER INSERT ON advice_requests", [adviceDelta("NEW", 1)]));
  out.push(trigger("stat_advice_ad", "AFTER DELETE ON advice_requests", [adviceDelta("OLD", -1), adviceCleanup]));
  out.push(
    trigger("stat_advice_au", `AFTER UPDATE ON advice_requests WHEN ${changed(["status", "assessment_id"])}`, [
      adviceDelta("OLD", -1),
      adviceDelta("NEW", 1),
      adviceCleanup,
    ]),
  );

  // ── backfill what exists already (the triggers above fill the cubes) ──
  out.push(
    `INSERT INTO stat_reach_cube (sector, commune_id, size_class, legal_form, registered, reached) SELECT sector, commune_id, coalesce(size_class, 'unknown'), legal_form, count(*), 0 FROM registry GROUP BY 1, 2, 3, 4;`,
  );
  out.push(
    `INSERT INTO stat_advice_cube (sector, commune_id, size_class, legal_form, status, n) SELECT a.sector, a.commune_id, a.size_class, a.legal_form, ar.status, count(*) FROM advice_requests ar JOIN assessments a ON a.id = ar.assessment_id GROUP BY 1, 2, 3, 4, 5;`,
  );
  out.push(
    `INSERT INTO stat_facts (${FACT_COLUMNS.join(", ")}) SELECT ${factValues(
      "a",
      "NOT EXISTS (SELECT 1 FROM assessments s WHERE s.previous_assessment_id = a.id AND s.status = 'submitted')",
    )} FROM assessments a WHERE a.status = 'submitted' ORDER BY a.id;`,
  );
  return out;
}

/**
 * Migration 0003: the demand summed by commune and item only. The dashboard's most common views
 * (the whole province, or one commune) read its few thousand rows instead of the full demand cube.
 */
export function demandRollupSql(): string[] {
  const cube: Cube = {
    table: "stat_demand_commune",
    keys: [
      ["commune_id", "R.commune_id"],
      ["item", "j.value"],
    ],
    measures: [["n", "1"]],
    from: "json_each(R.demand) j",
    where: "R.current = 1 AND R.consent = 1 AND R.demand IS NOT NULL",
    relevant: ["current", "consent", "commune_id", "demand"],
  };
  const name = "stat_demand_commune";
  return [
    `CREATE TABLE stat_demand_commune (commune_id TEXT NOT NULL, item TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (commune_id, item)) WITHOUT ROWID;`,
    trigger(`${name}_ai`, "AFTER INSERT ON stat_facts", contribution(cube, "NEW", 1)),
    trigger(`${name}_ad`, "AFTER DELETE ON stat_facts", contribution(cube, "OLD", -1)),
    trigger(`${name}_au`, `AFTER UPDATE ON stat_facts WHEN ${changed(cube.relevant)}`, [...contribution(cube, "OLD", -1), ...contribution(cube, "NEW", 1)]),
    `INSERT INTO stat_demand_commune (commune_id, item, n) SELECT commune_id, item, sum(n) FROM stat_demand_cube GROUP BY commune_id, item HAVING sum(n) <> 0;`,
  ];
}

/**
 * Migration 0004: assessed businesses not found in the registry, by group (counted on every view;
 * counting the facts took most of a second at a million with a size filter), and submissions by
 * quarter and commune only (the trend of the province or of one commune without the full cube).
 */
export function unlinkedAndQuarterRollupSql(): string[] {
  const unlinked: Cube = {
    table: "stat_unlinked_cube",
    keys: GROUP.map((g): [string, string] => [g, `R.${g}`]),
    measures: [["n", "1"]],
    where: "R.current = 1 AND R.registry_id IS NULL",
    relevant: ["current", "registry_id", ...GROUP],
  };
  const quarter: Cube = {
    table: "stat_quarter_commune",
    keys: [
      ["quarter", "R.quarter"],
      ["commune_id", "R.commune_id"],
      ["consent", "R.consent"],
    ],
    measures: rowMeasures,
    where: "1",
    relevant: ["quarter", "commune_id", "consent", "platform", "overall", "level"],
  };
  const out = [
    `CREATE TABLE stat_unlinked_cube (${groupCols([])}, n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (sector, commune_id, size_class, legal_form)) WITHOUT ROWID;`,
    `CREATE TABLE stat_quarter_commune (quarter TEXT NOT NULL, commune_id TEXT NOT NULL, consent INTEGER NOT NULL, ${measureCols}, PRIMARY KEY (quarter, commune_id, consent)) WITHOUT ROWID;`,
  ];
  for (const cube of [unlinked, quarter]) {
    out.push(trigger(`${cube.table}_ai`, "AFTER INSERT ON stat_facts", contribution(cube, "NEW", 1)));
    out.push(trigger(`${cube.table}_ad`, "AFTER DELETE ON stat_facts", contribution(cube, "OLD", -1)));
    out.push(trigger(`${cube.table}_au`, `AFTER UPDATE ON stat_facts WHEN ${changed(cube.relevant)}`, [...contribution(cube, "OLD", -1), ...contribution(cube, "NEW", 1)]));
  }
  out.push(
    `INSERT INTO stat_unlinked_cube (sector, commune_id, size_class, legal_form, n) SELECT sector, commune_id, size_class, legal_form, count(*) FROM stat_facts WHERE current = 1 AND registry_id IS NULL GROUP BY 1, 2, 3, 4;`,
  );
  out.push(
    `INSERT INTO stat_quarter_commune (quarter, commune_id, consent, ${rowMeasures.map(([m]) => m).join(", ")}) SELECT quarter, commune_id, consent, ${rowMeasures
      .map(([m]) => `sum(${m})`)
      .join(", ")} FROM stat_cube_quarter GROUP BY 1, 2, 3;`,
  );
  return out;
}

/**
 * Migration 0005: a registry row is taken out of the reach cube BEFORE it is deleted. Deleting it
 * cascades to its links first, and the link triggers re-resolve the facts and drop the row's hits
 * while the row is already gone, so the AFTER DELETE trigger of 0002 could no longer find the
 * cell to take "reached" from (found by the random-writes test: registered 0, reached 1).
 */
export function registryDeleteSql(): string[] {
  return [
    `DROP TRIGGER stat_registry_ad;`,
    trigger("stat_registry_bd", "BEFORE DELETE ON registry", [
      reachDelta("OLD", "-1", "0"),
      // stat_hits_ad takes the "reached" away while the row can still be read
      `DELETE FROM stat_registry_hits WHERE registry_id = OLD.id;`,
      reachCleanup("OLD"),
    ]),
    trigger("stat_registry_ad", "AFTER DELETE ON registry", [resolveFacts(`registry_id = OLD.id`)]),
    // repair databases already off by this bug: hits recounted from the facts, reach from the registry
    `DELETE FROM stat_registry_hits;`,
    `INSERT INTO stat_registry_hits (registry_id, n) SELECT registry_id, count(*) FROM stat_facts WHERE registry_id IS NOT NULL GROUP BY 1;`,
    `DELETE FROM stat_reach_cube;`,
    `INSERT INTO stat_reach_cube (sector, commune_id, size_class, legal_form, registered, reached) SELECT r.sector, r.commune_id, coalesce(r.size_class, 'unknown'), r.legal_form, count(*), sum(${hitsOf("r.id")}) FROM registry r GROUP BY 1, 2, 3, 4;`,
  ];
}

/**
 * Migration 0006: a version per peer group (sector × size class), bumped by every change to its
 * histogram, so a result page or report can reuse the histogram it read last (thousands of rows
 * per group at 100,000 assessments) until the group changes.
 */
export function peerVersionSql(): string[] {
  // (SELECT … WHERE rather than VALUES: an upsert from a SELECT needs its WHERE to parse)
  const bump = (r: "NEW" | "OLD", when = "1") =>
    `INSERT INTO stat_peer_versions (sector, size_class, v) SELECT ${r}.sector, ${r}.size_class, 1 WHERE ${when} ON CONFLICT (sector, size_class) DO UPDATE SET v = v + 1;`;
  return [
    `CREATE TABLE stat_peer_versions (sector TEXT NOT NULL, size_class TEXT NOT NULL, v INTEGER NOT NULL, PRIMARY KEY (sector, size_class)) WITHOUT ROWID;`,
    trigger("stat_peer_versions_ai", "AFTER INSERT ON stat_peer_hist", [bump("NEW")]),
    trigger("stat_peer_versions_au", "AFTER UPDATE ON stat_peer_hist", [bump("OLD"), bump("NEW", "OLD.sector IS NOT NEW.sector OR OLD.size_class IS NOT NEW.size_class")]),
    trigger("stat_peer_versions_ad", "AFTER DELETE ON stat_peer_hist", [bump("OLD")]),
  ];
}

/** A per-registry-row flag of the reach cube: counted in stat_registry_hits, summed by group in stat_reach_cube. */
interface ReachFlag {
  /** Column of stat_registry_hits: how many linked facts have the property. */
  hit: string;
  /** Column of stat_reach_cube: how many registry rows of the group have at least one. */
  cube: string;
  /** Whether facts row `r` has the property (0 or 1). */
  of: (r: string) => string;
}
/** A bare 0/1 column as a condition, the way the backfill of migration 0008 wrote it. */
const asCondition = (e: string) => (/^\w+\.\w+$/.test(e) ? `${e} = 1` : e);
const currentPlatform = (r: string) => `(${r}.current = 1 AND ${r}.consent = 1 AND ${r}.platform = 1)`;
const VALIDATED_FLAG: ReachFlag = { hit: "validated", cube: "reached_validated", of: (r) => `${r}.validated` };
const PLATFORM_FLAG: ReachFlag = { hit: "platform", cube: "platform", of: currentPlatform };
const PLATFORM_VALIDATED_FLAG: ReachFlag = { hit: "platform_validated", cube: "platform_validated", of: (r) => `(${currentPlatform(r)} AND ${r}.validated = 1)` };
/** Every flag the reach cube has now: a migration that re-creates the reach triggers passes these. */
const REACH_FLAGS = [VALIDATED_FLAG, PLATFORM_FLAG, PLATFORM_VALIDATED_FLAG];

/**
 * The facts → hits → reach cube triggers (and the registry update trigger that moves a row's
 * contribution between groups) for a set of flags, with `added` the flags whose columns are new.
 * Re-creating every trigger keeps one text per trigger, whatever migration added the last flag.
 */
function reachFlagsSql(flags: readonly ReachFlag[], added: readonly ReachFlag[], existingFlagTriggers: boolean, openOnly = true, resolve: (where: string) => string = resolveFacts): string[] {
  // From migration 0010 a closed registry row counts neither as registered nor as reached (openOnly).
  const isOpen = (r: string) => (openOnly ? ` AND ${r}.closed_on IS NULL` : "");
  const openTimes = (r: string, e: string) => (openOnly ? `(${r}.closed_on IS NULL AND ${e})` : e);
  const hitCols = flags.map((f) => f.hit);
  const cubeCols = flags.map((f) => f.cube);
  const hitAdd = (r: string) =>
    `INSERT INTO stat_registry_hits (registry_id, n, ${hitCols.join(", ")}) SELECT ${r}.registry_id, 1, ${flags.map((f) => f.of(r)).join(", ")} WHERE ${r}.registry_id IS NOT NULL ` +
    `ON CONFLICT (registry_id) DO UPDATE SET n = n + 1, ${hitCols.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")};`;
  const hitRemove = (r: string) => [
    `UPDATE stat_registry_hits SET n = n - 1, ${flags.map((f) => `${f.hit} = ${f.hit} - ${f.of(r)}`).join(", ")} WHERE registry_id = ${r}.registry_id;`,
    `DELETE FROM stat_registry_hits WHERE registry_id = ${r}.registry_id AND n <= 0;`,
  ];
  const group = (id: string) => `(SELECT r.sector, r.commune_id, coalesce(r.size_class, 'unknown'), r.legal_form FROM registry r WHERE r.id = ${id}${isOpen("r")})`;
  const flag = (id: string, col: string) => `coalesce((SELECT h.${col} > 0 FROM stat_registry_hits h WHERE h.registry_id = ${id}), 0)`;
  /** Move a registry row's whole contribution (registered, reached and the flags) in or out of its group. */
  const move = (r: string, sign: "" | "-") =>
    `INSERT INTO stat_reach_cube (sector, commune_id, size_class, legal_form, registered, reached, ${cubeCols.join(", ")}) VALUES (${r}.sector, ${r}.commune_id, coalesce(${r}.size_class, 'unknown'), ${r}.legal_form, ${sign}${openOnly ? `(${r}.closed_on IS NULL)` : "1"}, ${sign}${openTimes(r, hitsOf(`${r}.id`))}, ${flags.map((f) => `${sign}${openTimes(r, flag(`${r}.id`, f.hit))}`).join(", ")}) ` +
    `ON CONFLICT (sector, commune_id, size_class, legal_form) DO UPDATE SET registered = registered + excluded.registered, reached = reached + excluded.reached, ${cubeCols.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")};`;
  return [
    ...added.map((f) => `ALTER TABLE stat_registry_hits ADD COLUMN ${f.hit} INTEGER NOT NULL DEFAULT 0;`),
    ...added.map((f) => `ALTER TABLE stat_reach_cube ADD COLUMN ${f.cube} INTEGER NOT NULL DEFAULT 0;`),
    // facts → hits, with the flags
    `DROP TRIGGER stat_facts_hits_ai;`,
    `DROP TRIGGER stat_facts_hits_ad;`,
    `DROP TRIGGER stat_facts_hits_au;`,
    ...(existingFlagTriggers ? [`DROP TRIGGER stat_facts_hits_flags_au;`] : []),
    trigger("stat_facts_hits_ai", "AFTER INSERT ON stat_facts", [hitAdd("NEW")]),
    trigger("stat_facts_hits_ad", "AFTER DELETE ON stat_facts", hitRemove("OLD")),
    trigger("stat_facts_hits_au", "AFTER UPDATE ON stat_facts WHEN OLD.registry_id IS NOT NEW.registry_id", [...hitRemove("OLD"), hitAdd("NEW")]),
    trigger(
      "stat_facts_hits_flags_au",
      `AFTER UPDATE ON stat_facts WHEN OLD.registry_id IS NEW.registry_id AND NEW.registry_id IS NOT NULL AND (${flags.map((f) => `${f.of("OLD")} IS NOT ${f.of("NEW")}`).join(" OR ")})`,
      [`UPDATE stat_registry_hits SET ${flags.map((f) => `${f.hit} = ${f.hit} - ${f.of("OLD")} + ${f.of("NEW")}`).join(", ")} WHERE registry_id = NEW.registry_id;`],
    ),
    // hits → reach cube
    `DROP TRIGGER stat_hits_ai;`,
    `DROP TRIGGER stat_hits_ad;`,
    ...(existingFlagTriggers ? [`DROP TRIGGER stat_hits_au;`] : []),
    trigger("stat_hits_ai", "AFTER INSERT ON stat_registry_hits", [
      `INSERT INTO stat_reach_cube (sector, commune_id, size_class, legal_form, registered, reached, ${cubeCols.join(", ")}) SELECT r.sector, r.commune_id, coalesce(r.size_class, 'unknown'), r.legal_form, 0, 1, ${flags.map((f) => `NEW.${f.hit} > 0`).join(", ")} FROM registry r WHERE r.id = NEW.registry_id${isOpen("r")} ` +
        `ON CONFLICT (sector, commune_id, size_class, legal_form) DO UPDATE SET reached = reached + 1, ${cubeCols.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")};`,
    ]),
    trigger("stat_hits_au", `AFTER UPDATE ON stat_registry_hits WHEN ${flags.map((f) => `(OLD.${f.hit} > 0) IS NOT (NEW.${f.hit} > 0)`).join(" OR ")}`, [
      `UPDATE stat_reach_cube SET ${flags.map((f) => `${f.cube} = ${f.cube} - (OLD.${f.hit} > 0) + (NEW.${f.hit} > 0)`).join(", ")} WHERE (sector, commune_id, size_class, legal_form) = ${group("NEW.registry_id")};`,
    ]),
    trigger("stat_hits_ad", "AFTER DELETE ON stat_registry_hits", [
      `UPDATE stat_reach_cube SET reached = reached - 1, ${flags.map((f) => `${f.cube} = ${f.cube} - (OLD.${f.hit} > 0)`).join(", ")} WHERE (sector, commune_id, size_class, legal_form) = ${group("OLD.registry_id")};`,
      `DELETE FROM stat_reach_cube WHERE registered = 0 AND reached = 0;`,
    ]),
    // a registry row that changes group takes its flags along (before its facts are re-resolved)
    `DROP TRIGGER stat_registry_au;`,
    trigger("stat_registry_au", `AFTER UPDATE ON registry WHEN ${changed(["sector", "commune_id", "size_class", "legal_form", "tax_code", "id", ...(openOnly ? ["closed_on"] : [])])}`, [
      move("OLD", "-"),
      reachCleanup("OLD"),
      move("NEW", ""),
      ...(openOnly ? [reachCleanup("NEW")] : []),
      resolve(`OLD.tax_code IS NOT NEW.tax_code AND (registry_id = OLD.id OR (NEW.tax_code IS NOT NULL AND tax_code = NEW.tax_code))`),
    ]),
    // backfill
    `UPDATE stat_registry_hits SET ${flags.map((f) => `${f.hit} = (SELECT count(*) FROM stat_facts f WHERE f.registry_id = stat_registry_hits.registry_id AND ${asCondition(f.of("f"))})`).join(", ")};`,
    `DELETE FROM stat_reach_cube;`,
    `INSERT INTO stat_reach_cube (sector, commune_id, size_class, legal_form, registered, reached, ${cubeCols.join(", ")}) SELECT r.sector, r.commune_id, coalesce(r.size_class, 'unknown'), r.legal_form, count(*), count(h.registry_id), ${flags.map((f) => `coalesce(sum(h.${f.hit} > 0), 0)`).join(", ")} ` +
      `FROM registry r LEFT JOIN stat_registry_hits h ON h.registry_id = r.id${openOnly ? " WHERE r.closed_on IS NULL" : ""} GROUP BY 1, 2, 3, 4;`,
  ];
}

/**
 * Migration 0008: per registry row, whether a validated assessment reached it and whether its
 * current consenting assessment uses digital platforms; summed by registry group in the reach cube
 * (`reached_validated`, `platform`). The Plan 2902 indicators count both over the register, with
 * the register's own group (legal form, size class), so "validated only" and "uses platforms"
 * have the same denominator as reach.
 */
export function reachDetailSql(): string[] {
  return reachFlagsSql([VALIDATED_FLAG, PLATFORM_FLAG], [VALIDATED_FLAG, PLATFORM_FLAG], false, false);
}

/** Migration 0009: the same for platform users whose current assessment an advisor validated (the validated-only platform indicator). */
export function reachPlatformValidatedSql(): string[] {
  return reachFlagsSql([VALIDATED_FLAG, PLATFORM_FLAG, PLATFORM_VALIDATED_FLAG], [PLATFORM_VALIDATED_FLAG], true, false);
}

/**
 * Migration 0010: the register's history and its revision, and closed rows out of reach.
 * - registry_versions: a row per state of a registry row with the days it was valid, written on
 *   every insert and change (a change closes the version in force on the day of the change and
 *   opens a new one; closing the business sets the end of the version in force to its closing day;
 *   reopening clears it). "The register as it stood on day D" = versions with valid_from <= D and
 *   (valid_to IS NULL OR valid_to > D).
 * - registry_state.revision: raised by every change to the register or to a hand link, so a
 *   preview can tell whether what it counted is still what it would write.
 * - A closed row (closed_on set) leaves the reach cube: neither registered nor reached from then.
 */
export function registryHistorySql(): string[] {
  const fields = ["registry_key", "tax_code", "name", "legal_form", "commune_id", "sector", "size_class"];
  // (a row written without a readable timestamp is dated today)
  const day = (ts: string) => `coalesce(date(${ts}, '+7 hours'), date('now', '+7 hours'))`;
  const latest = (id: string) => `(SELECT max(v.id) FROM registry_versions v WHERE v.registry_id = ${id})`;
  const openVersion = (from: string) =>
    `INSERT INTO registry_versions (registry_id, ${fields.join(", ")}, valid_from, valid_to, recorded_at) VALUES (NEW.id, ${fields.map((f) => `NEW.${f}`).join(", ")}, ${from}, NEW.closed_on, NEW.updated_at);`;
  const bump = `UPDATE registry_state SET revision = revision + 1 WHERE id = 1;`;
  const open = (r: string) => `(${r}.closed_on IS NULL)`;
  const out: string[] = [
    `INSERT INTO registry_state (id, revision) VALUES (1, 1);`,
    ...["registry", "registry_links"].flatMap((t) =>
      (["INSERT", "UPDATE", "DELETE"] as const).map((op) => trigger(`registry_state_${t}_${op.toLowerCase()}`, `AFTER ${op} ON ${t}`, [bump])),
    ),
    trigger("registry_versions_ai", "AFTER INSERT ON registry", [openVersion(`coalesce(NEW.registered_on, ${day("NEW.imported_at")})`)]),
    trigger("registry_versions_au_fields", `AFTER UPDATE ON registry WHEN ${changed(fields)}`, [
      // The version in force ends on the day of the change (or earlier, when it had ended already).
      `UPDATE registry_versions SET valid_to = CASE WHEN valid_to IS NOT NULL AND valid_to < ${day("NEW.updated_at")} THEN valid_to ELSE max(valid_from, ${day("NEW.updated_at")}) END WHERE id = ${latest("NEW.id")};`,
      openVersion(day("NEW.updated_at")),
    ]),
    trigger("registry_versions_au_closed", `AFTER UPDATE ON registry WHEN OLD.closed_on IS NOT NEW.closed_on AND NOT (${changed(fields)})`, [
      `UPDATE registry_versions SET valid_to = NEW.closed_on WHERE id = ${latest("NEW.id")};`,
    ]),
    trigger("registry_versions_au_registered", `AFTER UPDATE ON registry WHEN OLD.registered_on IS NOT NEW.registered_on AND NEW.registered_on IS NOT NULL`, [
      `UPDATE registry_versions SET valid_from = NEW.registered_on WHERE id = (SELECT min(v.id) FROM registry_versions v WHERE v.registry_id = NEW.id);`,
    ]),
    // ── reach: closed rows count neither as registered nor as reached ──
    `DROP TRIGGER stat_registry_ai;`,
    `DROP TRIGGER stat_registry_bd;`,
    trigger("stat_registry_ai", "AFTER INSERT ON registry", [
      reachDelta("NEW", open("NEW"), "0"),
      reachCleanup("NEW"),
      `UPDATE stat_facts SET registry_id = NEW.id WHERE NEW.tax_code IS NOT NULL AND tax_code = NEW.tax_code AND registry_id IS NULL;`,
    ]),
    trigger("stat_registry_bd", "BEFORE DELETE ON registry", [
      reachDelta("OLD", `-${open("OLD")}`, "0"),
      // stat_hits_ad takes the "reached" away while the row can still be read
      `DELETE FROM stat_registry_hits WHERE registry_id = OLD.id;`,
      reachCleanup("OLD"),
    ]),
    // the hits → reach triggers and the registry update trigger, with the closed-row rule (and the backfill of reach)
    ...reachFlagsSql(REACH_FLAGS, [], true),
    // ── what exists already: one open version per row from its import day; reach recounted ──
    `INSERT INTO registry_versions (registry_id, ${fields.join(", ")}, valid_from, valid_to, recorded_at) SELECT id, ${fields.join(", ")}, coalesce(registered_on, ${day("imported_at")}), closed_on, updated_at FROM registry ORDER BY id;`,
  ];
  return out;
}

/**
 * Migration 0013: one counter raised by every write that can change a published figure (submitted
 * assessments, consents, the register and its history, hand links, support records). Outputs that
 * take seconds to compute (the yearly report, the dashboard at a past date) are kept under it and
 * computed again only when it moves; a draft being typed or a staff session never moves it.
 */
export function figuresVersionSql(): string[] {
  const bump = `UPDATE figures_version SET v = v + 1 WHERE id = 1;`;
  const on = (table: string, when: { ins?: string; upd?: string; del?: string } = {}) => [
    trigger(`figures_${table}_ai`, `AFTER INSERT ON ${table}${when.ins ? ` WHEN ${when.ins}` : ""}`, [bump]),
    trigger(`figures_${table}_au`, `AFTER UPDATE ON ${table}${when.upd ? ` WHEN ${when.upd}` : ""}`, [bump]),
    trigger(`figures_${table}_ad`, `AFTER DELETE ON ${table}${when.del ? ` WHEN ${when.del}` : ""}`, [bump]),
  ];
  return [
    `CREATE TABLE figures_version (id INTEGER PRIMARY KEY NOT NULL, v INTEGER NOT NULL);`,
    `INSERT INTO figures_version (id, v) VALUES (1, 1);`,
    ...on("assessments", { ins: "NEW.status = 'submitted'", upd: "OLD.status = 'submitted' OR NEW.status = 'submitted'", del: "OLD.status = 'submitted'" }),
    ...on("consents"),
    ...on("registry"),
    ...on("registry_versions"),
    ...on("registry_links"),
    ...on("support_records"),
  ];
}

/**
 * One business, counted once (migration 0014).
 * - Each fact gets a `unit`: the business it counts for. Assessments with the same tax code (their
 *   own, their business record's, or their registry row's) are one unit; without a tax code, one
 *   registry row (linked by hand, for any round of the business record) is one unit; then the
 *   business record (merged records share one); else the assessment alone.
 * - `current` = the latest submitted fact of its unit (by submission time, then id): a second
 *   self-assessment of the same business replaces the first in every "current" figure, the first
 *   stays in the quarters (history). This replaces "not superseded by a re-assessment", which it
 *   covers (a re-assessment belongs to the same business record).
 * - A hand link counts for every round of the business record, not only the linked one.
 * - Support records withdrawn by staff no longer count between T0 and T1.
 * The migration computes units for existing facts and recounts `current`; the cube triggers carry
 * every change into the cubes.
 */
export function countedOnceSql(opts: { lineage?: boolean } = {}): string[] {
  // From migration 0015 an assessment started again from a copy is the same business as the one it
  // was copied from: with no tax code, registry row or business record, both count as their lineage.
  const alone = (assessmentId: string) =>
    opts.lineage ? `coalesce((SELECT x.lineage_id FROM assessments x WHERE x.id = ${assessmentId}), ${assessmentId})` : assessmentId;
  const registryOfRound = (id: string, taxCode: string, businessId: string) =>
    `coalesce((SELECT l.registry_id FROM registry_links l WHERE l.assessment_id = ${id}), ` +
    `(SELECT l.registry_id FROM registry_links l JOIN assessments x ON x.id = l.assessment_id WHERE ${businessId} IS NOT NULL AND x.business_id = ${businessId} ORDER BY l.linked_at, l.assessment_id LIMIT 1), ` +
    `(SELECT r.id FROM registry r WHERE ${taxCode} IS NOT NULL AND r.tax_code = ${taxCode} ORDER BY r.id LIMIT 1))`;
  const unitOf = (assessmentId: string, businessId: string, taxCode: string, registryId: string) =>
    `coalesce('t:' || coalesce((SELECT b.tax_code FROM businesses b WHERE b.id = ${businessId}), ${taxCode}, (SELECT r.tax_code FROM registry r WHERE r.id = ${registryId})), ` +
    `'r:' || ${registryId}, 'b:' || ${businessId}, 'a:' || ${alone(assessmentId)})`;
  /** No other fact of the unit was submitted later (then the higher id wins a tie). */
  const latestIn = (unit: string, submittedAt: string, assessmentId: string) =>
    `NOT EXISTS (SELECT 1 FROM stat_facts s WHERE s.unit = ${unit} AND s.assessment_id <> ${assessmentId} AND (s.submitted_at > ${submittedAt} OR (s.submitted_at = ${submittedAt} AND s.assessment_id > ${assessmentId})))`;
  // A row's unit and current are written by the same statement that changes what they depend on:
  // a trigger that wrote them back into the row afterwards would leave its sibling triggers (reach
  // flags, cubes) reading the row as it was before.
  const F = "stat_facts";
  const R = registryOfRound(`${F}.assessment_id`, `${F}.tax_code`, `${F}.business_id`);
  const U = (registry: string) => unitOf(`${F}.assessment_id`, `${F}.business_id`, `${F}.tax_code`, registry);
  const resolve = (where: string) =>
    `UPDATE stat_facts SET registry_id = ${R}, unit = ${U(R)}, current = ${latestIn(U(R), `${F}.submitted_at`, `${F}.assessment_id`)} WHERE ${where};`;
  const reunit = (where: string) =>
    `UPDATE stat_facts SET unit = ${U(`${F}.registry_id`)}, current = ${latestIn(U(`${F}.registry_id`), `${F}.submitted_at`, `${F}.assessment_id`)} WHERE ${where} AND unit IS NOT ${U(`${F}.registry_id`)};`;
  /** The other facts of a unit, after one of them came, went or moved. */
  const recount = (unit: string) =>
    `UPDATE stat_facts SET current = ${latestIn(`${F}.unit`, `${F}.submitted_at`, `${F}.assessment_id`)} WHERE unit = ${unit} AND current IS NOT ${latestIn(`${F}.unit`, `${F}.submitted_at`, `${F}.assessment_id`)};`;
  // The facts row of an assessment, unit and current included.
  const cols = [...FACT_COLUMNS.filter((c) => c !== "current"), "unit", "current"];
  const values = (a: string) => {
    const submitted = `coalesce(${a}.submitted_at, ${a}.updated_at)`;
    const registry = registryOfRound(`${a}.id`, `${a}.tax_code`, `${a}.business_id`);
    const unit = unitOf(`${a}.id`, `${a}.business_id`, `${a}.tax_code`, registry);
    return [
      `${a}.id`, `${a}.previous_assessment_id`, `${a}.business_id`, `${a}.tax_code`, registry,
      `${a}.sector`, `${a}.commune_id`, `${a}.size_class`, `${a}.legal_form`, `${a}.method`, `(${a}.validated_at IS NOT NULL)`, consentOf(`${a}.id`),
      quarterOf(submitted), submitted, `coalesce(${a}.national_level, 0)`, `coalesce(${a}.uses_digital_platforms, 0)`, `coalesce(${a}.overall_score, 0)`,
      `coalesce(${a}.pillar_scores, '[]')`, "NULL", unit, latestIn(unit, submitted, `${a}.id`),
    ].join(", ");
  };
  const upsertFact =
    `INSERT INTO stat_facts (${cols.join(", ")}) SELECT ${values("NEW")} WHERE NEW.status = 'submitted' ` +
    `ON CONFLICT (assessment_id) DO UPDATE SET ${cols.filter((c) => c !== "assessment_id" && c !== "demand").map((c) => `${c} = excluded.${c}`).join(", ")}, ` +
    `demand = CASE WHEN stat_facts.overall IS excluded.overall AND stat_facts.pillar_scores IS excluded.pillar_scores THEN stat_facts.demand ELSE NULL END;`;
  const pairSelect = PAIR_SELECT.replace("AND sr.date >= date(t0.submitted_at, '+7 hours')", "AND sr.withdrawn_at IS NULL AND sr.date >= date(t0.submitted_at, '+7 hours')");
  if (pairSelect === PAIR_SELECT) throw new Error("pair text not found");
  const pairs = (where: string) => [`INSERT INTO stat_pairs ${PAIR_COLS} ${pairSelect} WHERE ${where};`];
  const repairBusiness = (b: string) => [`DELETE FROM stat_pairs WHERE business_id = ${b};`, ...pairs(`t1.business_id = ${b}`)];
  const pairRelevant = ["prev_id", "business_id", "consent", ...GROUP, "overall", "level", "platform", "submitted_at"];
  return [
    `ALTER TABLE stat_facts ADD COLUMN unit TEXT;`,
    // ── existing data: business-wide hand links and units, then who is current (the cube triggers follow) ──
    `UPDATE stat_facts SET registry_id = ${R} WHERE registry_id IS NOT ${R};`,
    `UPDATE stat_facts SET unit = ${U(`${F}.registry_id`)};`,
    `CREATE INDEX stat_facts_unit_idx ON stat_facts (unit, submitted_at, assessment_id);`,
    `UPDATE stat_facts SET current = ${latestIn(`${F}.unit`, `${F}.submitted_at`, `${F}.assessment_id`)} WHERE current IS NOT ${latestIn(`${F}.unit`, `${F}.submitted_at`, `${F}.assessment_id`)};`,
    // ── assessments → facts ──
    `DROP TRIGGER stat_assessments_ai;`,
    `DROP TRIGGER stat_assessments_au;`,
    `DROP TRIGGER stat_assessments_bd;`,
    trigger("stat_assessments_ai", "AFTER INSERT ON assessments WHEN NEW.status = 'submitted'", [upsertFact]),
    trigger("stat_assessments_au", "AFTER UPDATE ON assessments WHEN NEW.status = 'submitted' OR OLD.status = 'submitted'", [
      `DELETE FROM stat_facts WHERE assessment_id = NEW.id AND NEW.status <> 'submitted';`,
      upsertFact,
    ]),
    // A round moved to another business record (a merge, a validation) carries hand links both ways.
    trigger("stat_assessments_business_au", "AFTER UPDATE OF business_id ON assessments WHEN OLD.business_id IS NOT NEW.business_id", [
      resolve(`business_id IS NOT NULL AND business_id IN (OLD.business_id, NEW.business_id) AND assessment_id <> NEW.id`),
    ]),
    trigger("stat_assessments_bd", "BEFORE DELETE ON assessments", [
      `DELETE FROM stat_facts WHERE assessment_id = OLD.id;`,
      // its hand link goes now, while the other rounds of its business can still be found
      `DELETE FROM registry_links WHERE assessment_id = OLD.id;`,
      `INSERT INTO stat_advice_cube (sector, commune_id, size_class, legal_form, status, n) SELECT OLD.sector, OLD.commune_id, OLD.size_class, OLD.legal_form, ar.status, -count(*) FROM advice_requests ar WHERE ar.assessment_id = OLD.id GROUP BY ar.status ` +
        `ON CONFLICT (sector, commune_id, size_class, legal_form, status) DO UPDATE SET n = n + excluded.n;`,
      `DELETE FROM stat_advice_cube WHERE n = 0;`,
    ]),
    // ── the other facts of a unit when one comes, goes or moves ──
    trigger("stat_facts_current_ai", "AFTER INSERT ON stat_facts", [recount("NEW.unit")]),
    trigger("stat_facts_current_au", "AFTER UPDATE OF unit, submitted_at ON stat_facts", [recount("OLD.unit"), recount("NEW.unit")]),
    trigger("stat_facts_current_ad", "AFTER DELETE ON stat_facts", [recount("OLD.unit")]),
    trigger("stat_businesses_unit_au", "AFTER UPDATE OF tax_code ON businesses", [reunit(`business_id = NEW.id`)]),
    // ── hand links count for every round of the business record ──
    `DROP TRIGGER stat_links_ai;`,
    `DROP TRIGGER stat_links_ad;`,
    `DROP TRIGGER stat_links_au;`,
    trigger("stat_links_ai", "AFTER INSERT ON registry_links", [
      resolve(`assessment_id = NEW.assessment_id OR business_id = (SELECT x.business_id FROM assessments x WHERE x.id = NEW.assessment_id)`),
    ]),
    trigger("stat_links_ad", "AFTER DELETE ON registry_links", [
      resolve(`assessment_id = OLD.assessment_id OR business_id = (SELECT x.business_id FROM assessments x WHERE x.id = OLD.assessment_id)`),
    ]),
    trigger("stat_links_au", "AFTER UPDATE ON registry_links", [
      resolve(`assessment_id IN (OLD.assessment_id, NEW.assessment_id) OR business_id IN (SELECT x.business_id FROM assessments x WHERE x.id IN (OLD.assessment_id, NEW.assessment_id))`),
    ]),
    `DROP TRIGGER stat_registry_ad;`,
    trigger("stat_registry_ad", "AFTER DELETE ON registry", [resolve(`registry_id = OLD.id`)]),
    // the registry's own update trigger (reach flags of migrations 0008-0010) with the same resolution, and units of its rows
    ...reachFlagsSql(REACH_FLAGS, [], true, true, resolve),
    trigger("stat_registry_unit_au", "AFTER UPDATE OF tax_code ON registry", [reunit(`registry_id = NEW.id`)]),
    // ── T0 → T1 pairs: withdrawn support no longer counts ──
    `DROP TRIGGER stat_facts_pairs_ai;`,
    `DROP TRIGGER stat_facts_pairs_au;`,
    `DROP TRIGGER stat_support_ai;`,
    `DROP TRIGGER stat_support_ad;`,
    `DROP TRIGGER stat_support_au;`,
    trigger("stat_facts_pairs_ai", "AFTER INSERT ON stat_facts", [
      `DELETE FROM stat_pairs WHERE t1_id = NEW.assessment_id OR t0_id = NEW.assessment_id;`,
      ...pairs(`t1.assessment_id = NEW.assessment_id OR t1.prev_id = NEW.assessment_id`),
    ]),
    trigger("stat_facts_pairs_au", `AFTER UPDATE ON stat_facts WHEN ${changed(pairRelevant)}`, [
      `DELETE FROM stat_pairs WHERE t1_id = NEW.assessment_id OR t0_id = NEW.assessment_id;`,
      ...pairs(`t1.assessment_id = NEW.assessment_id OR t1.prev_id = NEW.assessment_id`),
    ]),
    trigger("stat_support_ai", "AFTER INSERT ON support_records", repairBusiness("NEW.business_id")),
    trigger("stat_support_ad", "AFTER DELETE ON support_records", repairBusiness("OLD.business_id")),
    trigger("stat_support_au", `AFTER UPDATE ON support_records WHEN ${changed(["business_id", "type", "date", "withdrawn_at"])}`, [
      ...repairBusiness("OLD.business_id"),
      ...repairBusiness("NEW.business_id"),
    ]),
    // a business record's tax code decides which unit its rounds count for: the published figures move
    trigger("figures_businesses_au", "AFTER UPDATE OF tax_code ON businesses WHEN OLD.tax_code IS NOT NEW.tax_code", [`UPDATE figures_version SET v = v + 1 WHERE id = 1;`]),
  ];
}

/**
 * Migration 0015: copies count once. An owner who starts again from a copy gets a new assessment
 * (lineage_id = the first of the chain) with the same tax code; its registry hand link is copied
 * with it. Where nothing else names the business, the unit of counted-once is now the lineage, so
 * the latest submitted of the copies is the one current. Re-creates every trigger of 0014 that
 * computes a unit, with that text; no fact changes (no copy exists before this migration).
 */
export function copyLineageSql(): string[] {
  const unitTriggers = countedOnceSql({ lineage: true }).filter((x) => x.startsWith("CREATE TRIGGER ") && x.includes("'a:' ||"));
  return unitTriggers.flatMap((x) => [`DROP TRIGGER ${/^CREATE TRIGGER (\w+)/.exec(x)![1]};`, x]);
}

/**
 * `expr` folded as foldVietnamese folds it (Vietnamese letters without their marks, đ → d, lower
 * case), in SQL: for the one-time fill of the search columns in a migration. Code writes the
 * column with foldVietnamese from then on.
 */
export function foldSql(expr: string): string {
  // Written as combining marks (breve, circumflex, horn; the five tones) composed to one letter, so
  // the table is built the way the alphabet is: each vowel with its marks.
  const tones = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
  const vowels = ["a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"].map((v) => v.normalize("NFC"));
  const letters = new Set<string>([String.fromCodePoint(0x111), String.fromCodePoint(0x110)]); // đ, Đ
  for (const base of vowels) {
    const forms = [base, ...tones.map((t) => (base + t).normalize("NFC"))].filter((x) => !/^[a-z]$/.test(x));
    for (const f of forms) {
      letters.add(f);
      letters.add(f.toUpperCase());
    }
  }
  let out = expr;
  for (const ch of letters) out = `replace(${out}, '${ch}', '${foldVietnamese(ch)}')`;
  return `trim(lower(${out}))`;
}

/**
 * Migration 0016: previews written in steps are marked complete (the earlier ones were written at
 * once), and names get their folded form for the business search.
 */
export function importAndSearchSql(): string[] {
  return [
    `UPDATE registry_imports SET prepared_at = created_at WHERE prepared_at IS NULL;`,
    `UPDATE businesses SET name_folded = ${foldSql("name")};`,
    `UPDATE registry SET name_folded = ${foldSql("name")};`,
  ];
}

/** The migrations this file wrote, by number: what `npm run migration:sql -- <number>` prints. */
export const GENERATED_MIGRATIONS: Readonly<Record<string, () => string[]>> = {
  "0002": statsSchemaSql,
  "0003": demandRollupSql,
  "0004": unlinkedAndQuarterRollupSql,
  "0005": registryDeleteSql,
  "0006": peerVersionSql,
  "0008": reachDetailSql,
  "0009": reachPlatformValidatedSql,
  "0010": registryHistorySql,
  "0013": figuresVersionSql,
  "0014": () => countedOnceSql(),
  "0015": copyLineageSql,
  "0016": importAndSearchSql,
};

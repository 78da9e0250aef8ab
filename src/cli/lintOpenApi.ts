// npm run lint:openapi: writes the API's OpenAPI document (as GET /api/v1/openapi.json serves it)
// to a temporary file and lints it with Redocly CLI (rules in redocly.yaml). Exits non-zero on any
// error or warning. Offline: telemetry and the update check are switched off.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { openDatabase } from "../../db/connection.ts";
import { loadContent } from "../content/load.ts";
import { createApp } from "../http/app.ts";

const ROOT = join(import.meta.dirname, "..", "..");

export interface LintProblem {
  severity: "error" | "warn";
  ruleId: string;
  message: string;
  pointer: string;
}

/** The document the server serves, built on an empty in-memory database. */
export async function openApiDocument(): Promise<unknown> {
  const db = openDatabase(":memory:");
  try {
    const app = createApp({ db, content: loadContent(join(ROOT, "questionnaires")) });
    return await (await app.request("/api/v1/openapi.json")).json();
  } finally {
    db.$client.close();
  }
}

export async function lintOpenApi(doc: unknown): Promise<{ errors: number; warnings: number; problems: LintProblem[] }> {
  const dir = mkdtempSync(join(tmpdir(), "dx-openapi-"));
  const file = join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const cli = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin", "cli.js");
  try {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [cli, "lint", file, "--config", join(ROOT, "redocly.yaml"), "--format", "json"],
        { cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" }, maxBuffer: 16 * 2 ** 20, timeout: 120_000 },
        // Redocly exits 1 when it finds errors; the JSON report on stdout says which.
        (err, out) => (out.trim().startsWith("{") ? resolve(out) : reject(err ?? new Error(`redocly printed no report: ${out.slice(0, 200)}`))),
      ),
    );
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { severity: "error" | "warn"; ruleId: string; message: string; location: { pointer: string }[] }[] };
    return {
      errors: report.totals.errors,
      warnings: report.totals.warnings,
      problems: report.problems.map((p) => ({ severity: p.severity, ruleId: p.ruleId, message: p.message, pointer: p.location[0]?.pointer ?? "" })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await lintOpenApi(await openApiDocument());
  for (const p of r.problems) console.log(`${p.severity} ${p.ruleId} ${p.pointer}: ${p.message}`);
  console.log(`openapi.json: ${r.errors} errors, ${r.warnings} warnings`);
  process.exit(r.errors + r.warnings > 0 ? 1 : 0);
}

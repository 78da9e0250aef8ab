// A staff route on /assessments/:id… or /businesses/:id… reads its row through the loader
// middleware of src/http/staff/common.tsx (withAssessment, withBusiness), placed after its role
// check: the loader refuses a missing or hidden row before the handler runs. A route that read the
// row itself could forget the access check, so this holds every such route to the rule.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "./importGraph.ts";

const REGISTRATION = /app\.(get|post|put|patch|delete)\(\s*"(\/(assessments|businesses)\/:id[^"]*)"([\s\S]*?)(?:async\s*)?\(c\)\s*=>/g;

/** Each staff route on a row's path, with what its registration lists before the handler. */
function rowRoutes(files: { file: string; text: string }[]) {
  return files.flatMap(({ file, text }) =>
    [...text.matchAll(REGISTRATION)].map((m) => ({ file, route: `${m[1]!.toUpperCase()} ${m[2]}`, kind: m[3] as "assessments" | "businesses", chain: m[4]! })),
  );
}

const problems = (routes: ReturnType<typeof rowRoutes>) =>
  routes.flatMap(({ file, route, kind, chain }) => {
    const loader = kind === "assessments" ? "withAssessment(" : "withBusiness(";
    const at = chain.indexOf(loader);
    if (at < 0) return [`${file}: ${route} does not load its row with ${loader}…)`];
    const need = chain.indexOf("need(");
    return need < 0 || need > at ? [`${file}: ${route} loads its row before its role check`] : [];
  });

describe("staff routes on a row's path", () => {
  const files = sourceFiles("src/http/staff").map((file) => ({ file, text: readFileSync(join(ROOT, file), "utf8") }));
  const routes = rowRoutes(files);

  it("all load the row through the loader middleware, after the role check", () => {
    expect(routes.map((r) => r.route)).toEqual(expect.arrayContaining(["GET /assessments/:id", "POST /assessments/:id/validate", "GET /businesses/:id", "POST /businesses/:id/support/:supportId"]));
    expect(problems(routes)).toEqual([]);
  });

  it("no route module reads an assessment by the path's id itself", () => {
    const readers = files.filter(({ file, text }) => !file.endsWith("common.tsx") && /\bassessmentById\(/.test(text)).map((f) => f.file);
    expect(readers).toEqual([]);
  });

  it("the check finds a route without its loader, and one that loads before the role check", () => {
    const text = [
      'app.get("/assessments/:id/x", need("advise"), (c) => {',
      'app.post("/businesses/:id/y", withBusiness(s), need("advise"), async (c) => {',
      'app.post("/businesses/:id/z", need("advise"), withBusiness(s), async (c) => {',
    ].join("\n");
    expect(problems(rowRoutes([{ file: "f.tsx", text }]))).toEqual([
      "f.tsx: GET /assessments/:id/x does not load its row with withAssessment(…)",
      "f.tsx: POST /businesses/:id/y loads its row before its role check",
    ]);
  });
});

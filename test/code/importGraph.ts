// The run-time import graph of the code, read from the import statements themselves: which module
// loads which when the service starts. `import type` and type-only specifiers are left out (the
// compiler erases them), as are dynamic import() calls (they load later, once both sides exist).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

/** Every .ts/.tsx file under `dir` (relative to the repository), recursively. */
export function sourceFiles(dir: string, root = ROOT): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(join(root, d), { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

// `import … from "x"`, `export … from "x"` and `import "x"`, across lines.
const STATEMENT = /(?:^|;|\n)\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']/g;

/** Whether an import's clause brings in a value (not only types). */
function loadsValue(clause: string): boolean {
  const braces = /\{([^}]*)\}/.exec(clause);
  const outside = clause.replace(/\{[^}]*\}/, "").replace(/,/g, " ").trim();
  if (outside) return true; // a default or namespace import, or `export *`
  if (!braces) return true;
  const names = braces[1]!.split(",").map((n) => n.trim()).filter(Boolean);
  return names.length === 0 || names.some((n) => !n.startsWith("type "));
}

/** The repository files `file` loads at run time (relative imports only; packages are not ours). */
export function runtimeImports(file: string, root = ROOT): string[] {
  const text = readFileSync(join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const out: string[] = [];
  for (const m of text.matchAll(STATEMENT)) {
    const spec = m[4] ?? m[5]!;
    if (m[2] || (m[4] && !loadsValue(m[3]!))) continue;
    if (!spec.startsWith(".")) continue;
    const target = relative(root, resolve(root, dirname(file), spec));
    if (existsSync(join(root, target))) out.push(target);
  }
  return out;
}

/** Every cycle of the run-time graph reachable from `entries`, each as the files in import order. */
export function importCycles(entries: string[], root = ROOT): string[][] {
  const edges = new Map<string, string[]>();
  const visit = (f: string) => {
    if (edges.has(f)) return;
    const to = runtimeImports(f, root);
    edges.set(f, to);
    to.forEach(visit);
  };
  entries.forEach(visit);
  // Tarjan's strongly connected components: a component of more than one file (or a file that
  // imports itself) holds a cycle; one cycle through it is reported.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(cycleThrough(v, new Set(component), edges));
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) strong(v);
  return cycles;
}

/** A shortest path from `start` back to itself inside one strongly connected component. */
function cycleThrough(start: string, component: Set<string>, edges: Map<string, string[]>): string[] {
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(from.get(path[0]!)!);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

// No run-time import cycle in the service's code. In a cycle, whichever module loads first sees the
// other half-initialised: a function or constant it imports is still undefined when its top level
// runs, and whether that happens depends on which file some test or entry point imports first.
// A type-only import is fine (the compiler erases it).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers.ts";
import { importCycles, sourceFiles } from "./importGraph.ts";

describe("run-time imports", () => {
  it("make no cycle from anything in src/ (through views/ and db/ too)", () => {
    expect(importCycles(sourceFiles("src")).map((c) => c.join(" → "))).toEqual([]);
  });

  const t = tempDir("dx-imports-");
  afterAll(() => t.cleanup());
  const write = (file: string, text: string) => {
    mkdirSync(join(t.dir, file, ".."), { recursive: true });
    writeFileSync(join(t.dir, file), text);
  };

  it("the walk finds a cycle through a page module and its sub-pages, and ignores type-only imports", () => {
    write("a/index.tsx", 'import { sub } from "./sub.tsx";\nimport type { T } from "./types.ts";\nexport const helper = 1;\n');
    write("a/sub.tsx", '// import { nothing } from "./gone.ts";\nimport {\n  helper,\n  type Env,\n} from "./index.tsx";\nexport const sub = helper;\n');
    write("a/types.ts", 'import { type helper } from "./index.tsx";\nexport type T = typeof helper;\n');
    expect(importCycles(["a/index.tsx"], t.dir)).toEqual([["a/index.tsx", "a/sub.tsx", "a/index.tsx"]]);
    write("a/sub.tsx", 'import type { Env } from "./index.tsx";\nexport { other } from "./other.ts";\nexport const sub = 1;\n');
    write("a/other.ts", 'export * from "./index.tsx";\n');
    expect(importCycles(["a/index.tsx"], t.dir)).toEqual([["a/index.tsx", "a/sub.tsx", "a/other.ts", "a/index.tsx"]]);
    write("a/other.ts", "export const other = 2;\n");
    expect(importCycles(["a/index.tsx"], t.dir)).toEqual([]);
  });
});

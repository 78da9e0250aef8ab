// Builds the browser scripts from src/client with esbuild, in memory, when the server starts: the
// owner's page script and service worker, and the advisor's offline app, which carries src/domain
// (the same scoring and advice code the server runs). Nothing built is written to disk or committed.
import { build, buildSync, type BuildOptions, type Plugin } from "esbuild";
import { join } from "node:path";

const CLIENT = import.meta.dirname;

/** Old Android phones run old browsers: modern syntax is lowered to what they read. */
const COMMON: BuildOptions = {
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: ["es2018"],
  write: false,
  legalComments: "none",
  logLevel: "silent",
  // The server's sources run under Node: nothing of Node may reach a browser bundle.
  conditions: ["browser"],
};

export interface BuiltScript {
  body: Buffer;
}

function one(result: { outputFiles?: { contents: Uint8Array }[] }): BuiltScript {
  const out = result.outputFiles?.[0];
  if (!out) throw new Error("esbuild produced no output");
  return { body: Buffer.from(out.contents) };
}

/** The owner's page script (no service worker needed to run it). */
export function buildOwnerPageScript(): BuiltScript {
  return one(buildSync({ ...COMMON, entryPoints: [join(CLIENT, "owner", "page.ts")] }));
}

/** The owner's service worker, told the page assets it keeps (hashed URLs). */
export function buildOwnerServiceWorker(assets: { css: string; scripts: string[] }): BuiltScript {
  return one(buildSync({ ...COMMON, entryPoints: [join(CLIENT, "owner", "sw.ts")], define: { __OWNER_ASSETS__: JSON.stringify(assets) } }));
}

/**
 * zod's namespace object carries every locale and its JSON Schema converters; the device needs
 * only Vietnamese messages and never converts schemas. These stand-ins keep them out of the
 * download (about 40 KB compressed).
 */
const zodForTheDevice: Plugin = {
  name: "zod-for-the-device",
  setup(b) {
    b.onResolve({ filter: /(^|\/)locales\/index\.js$/ }, (a) => (a.importer.includes(`${"/"}zod${"/"}`) ? { path: join(CLIENT, "zodLocales.ts") } : undefined));
    b.onResolve({ filter: /(^|\/)(from-json-schema|json-schema-processors|json-schema-generator|to-json-schema)\.js$/ }, (a) =>
      a.importer.includes(`${"/"}zod${"/"}`) ? { path: join(CLIENT, "zodNoJsonSchema.ts") } : undefined,
    );
  },
};

/**
 * The device has Web Crypto, not Node's: random bytes come from it; a hash is never made there
 * (the device makes the owner's code, the server stores its hash).
 */
const webCrypto: Plugin = {
  name: "web-crypto",
  setup(b) {
    b.onResolve({ filter: /^node:crypto$/ }, () => ({ path: join(CLIENT, "webCrypto.ts") }));
  },
};

/** The advisor's offline app (see src/client/field). */
export async function buildFieldApp(): Promise<BuiltScript> {
  return one(await build({ ...COMMON, entryPoints: [join(CLIENT, "field", "app.tsx")], plugins: [zodForTheDevice, webCrypto] }));
}

/** The offline app's service worker, told the page and files it keeps. */
export function buildFieldServiceWorker(assets: { shell: string; files: string[] }): BuiltScript {
  return one(buildSync({ ...COMMON, entryPoints: [join(CLIENT, "field", "sw.ts")], define: { __FIELD_ASSETS__: JSON.stringify(assets) } }));
}

// Says loudly, at the end of the run, when browser tests were skipped and how to enable them.
import { existsSync } from "node:fs";

export default function setup() {
  return () => {
    const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
    if (existsSync(path)) return;
    const line = "!".repeat(78);
    console.warn(
      `\n${line}\n!! BROWSER TESTS WERE SKIPPED: no Chromium at ${path}.\n` +
        `!! Enable them with: apt-get install chromium   (or set CHROMIUM_PATH)\n` +
        `!! CI (.ci/run) installs it and sets REQUIRE_BROWSER=1, which fails instead of skipping.\n${line}\n`,
    );
  };
}

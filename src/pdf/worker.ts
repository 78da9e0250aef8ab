// Entry point of a render worker thread (started by pool.ts through workerBoot.mjs).
import { RENDERERS } from "./kinds.ts";
import { warmUpRenderer } from "./render.ts";
import { serveRenders } from "./workerMain.ts";

// The first render of a thread pays for loading the layout engine and parsing the fonts; pay it
// before saying "ready", so no owner waits for it.
await warmUpRenderer();
serveRenders(RENDERERS);

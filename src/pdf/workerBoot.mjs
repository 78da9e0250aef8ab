// Starts a render worker thread on the TypeScript sources. Node 20 does not apply the hooks of
// `--import tsx` inside worker threads (tsx registers them only on the main thread there), so the
// worker registers tsx itself, then loads the TypeScript module named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);

// A render worker for queue tests: no layout, each "render" sleeps a set time and returns a few
// bytes naming what it rendered, so the order and fairness of the queue can be checked quickly
// whatever the machine's load.
import { serveRenders } from "../../src/pdf/workerMain.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

serveRenders({
  ownerReport: async (input: { label?: string; ms?: number; assessment?: { code: string } }) => {
    await sleep(input.ms ?? 300);
    return new TextEncoder().encode(`%PDF-test ${input.label ?? input.assessment?.code ?? "report"}`);
  },
});

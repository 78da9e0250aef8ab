// A render worker for tests: the real renderer, except that a marker in the business name makes
// it fail the way a real one might (throw, loop forever, or take a while). Production workers
// (src/pdf/worker.ts) have no such branch.
import { ownerReportData, type OwnerReportInput } from "../../src/pdf/kinds.ts";
import { renderReportPdf } from "../../src/pdf/render.ts";
import { serveRenders } from "../../src/pdf/workerMain.ts";
import { HANG, SLOW, THROW } from "./faults.ts";

serveRenders({
  ownerReport: async (input: OwnerReportInput) => {
    const data = ownerReportData(input);
    const name = data.business.name;
    if (name.includes(THROW)) throw new Error("injected render failure");
    if (name.includes(HANG)) for (;;); // a render stuck in a loop: only terminating the thread stops it
    if (name.includes(SLOW)) await new Promise((r) => setTimeout(r, 1500));
    return renderReportPdf(data);
  },
});

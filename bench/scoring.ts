// Scoring throughput on one core: complete answer sets of realistic businesses, scored one by one.
import { loadContent } from "../src/content/load.ts";
import { score } from "../src/domain/scoring.ts";
import { answerAll, pickBest, pickMixed, pickWorst } from "../test/answering.ts";
import type { BenchModule } from "./types.ts";

export const scoringBench: BenchModule = {
  name: "scoring",
  async run() {
    const c = loadContent("questionnaires");
    const q = c.current;
    const sectors = ["ocop", "tourism", "border_trade", "other"] as const;
    const cases = sectors.flatMap((sector) =>
      [pickMixed, pickBest, pickWorst].map((pick) => {
        const profile = { legalForm: "household", sizeClass: "micro", sector, activityGroup: "agriculture" } as const;
        return { profile, answers: answerAll(q, profile, pick) };
      }),
    );
    // Warm up, then measure for about 2 seconds.
    for (let i = 0; i < 5000; i++) score(q, cases[i % cases.length]!.profile, cases[i % cases.length]!.answers);
    let n = 0;
    let sink = 0;
    const started = performance.now();
    while (performance.now() - started < 2000) {
      for (let i = 0; i < 1000; i++, n++) sink += score(q, cases[n % cases.length]!.profile, cases[n % cases.length]!.answers).overall;
    }
    const perSecond = n / ((performance.now() - started) / 1000);
    return [
      {
        title: "Scoring throughput (one core)",
        rows: [
          ["measure", "value", "goal"],
          ["assessments scored per second", Math.round(perSecond).toLocaleString("en-US"), "≥ 10,000"],
          ["ratio to goal", `${(perSecond / 10_000).toFixed(1)}×`, "≥ 1.0×"],
        ],
        notes: [`${q.questions.length} questions, 12 answer sets (4 sectors × best/mixed/worst); checksum ${Math.round(sink)}`],
      },
    ];
  },
};

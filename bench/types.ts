// A benchmark module prints a small table; bench/run.ts runs them all and keeps bench/RESULTS.md.
export interface BenchResult {
  title: string;
  /** First row is the header. */
  rows: string[][];
  notes?: string[];
}

export interface BenchModule {
  name: string;
  /** Runs only when named (`npm run bench <name>`): too long for every full run. */
  onlyWhenNamed?: boolean;
  run(): Promise<BenchResult[]>;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
export const ratio = (x: number) => `${x.toFixed(2)}×`;


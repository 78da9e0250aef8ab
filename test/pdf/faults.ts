// Markers that make the test render worker (faultyWorker.ts) fail on purpose.
export const THROW = "[[throw]]";
export const HANG = "[[hang]]";
export const SLOW = "[[slow]]";

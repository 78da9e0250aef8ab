// What a capture's conflicts mean, in the advisor's words: on the device right after a sync, and on
// the review page later. Runs in the browser too (no server imports).
import type { CaptureConflict } from "../src/domain/captured.ts";
import { fmt } from "./messages.ts";
import { offline } from "./messages/offline.ts";

const m = offline.conflicts;

export function explainConflict(c: CaptureConflict, day: (iso: string) => string): string {
  switch (c.kind) {
    case "business_known":
      return `${fmt(m.businessKnown, { stage: c.round - 1 })}${c.previous ? ` ${fmt(m.businessKnownPrevious, { at: day(c.previous.at), by: c.previous.by ?? m.someone })}` : ""}`;
    case "version_replaced":
      return fmt(m.versionReplaced, { capturedOn: c.capturedOn, inForce: c.inForce });
    case "code_taken":
      return fmt(m.codeTaken, { code: c.code });
    case "score_differs":
      return fmt(m.scoreDiffers, { shown: String(c.shown.overall), server: String(c.server.overall) });
  }
}

// A refused account operation, worded for the reader: the service says why by code, this says it
// in the words of the catalogue given (the request's language).
import { MIN_PASSWORD_LENGTH, type AccountFieldProblem } from "../../src/domain/staff.ts";
import type { AccountRefusal } from "../../src/services/staffAccounts.ts";
import { fmt, msg, type Messages } from "../messages.ts";

export function wordAccountRefusal(e: AccountRefusal, t: Messages = msg()): { message: string; fields: Record<string, string> } {
  const words: Record<string, string | undefined> = t.staff.accountFields satisfies Record<AccountFieldProblem, string>;
  const field = (p: string) => {
    const template = words[p];
    // A rule without a code of ours (zod's own) comes with zod's message, already worded.
    return template === undefined ? p : fmt(template, { min: MIN_PASSWORD_LENGTH });
  };
  return {
    message: t.staff.accountProblems[e.code],
    fields: Object.fromEntries(Object.entries(e.fields ?? {}).map(([k, p]) => [k, field(p)])),
  };
}

// English twin of views/messages/records.ts.
import type { records as vi } from "../records.ts";
import type { Translation } from "../translation.ts";
export const records: Translation<typeof vi> = {
  linkHouseholdToCompany:
    "Not linked: {row} is a company or cooperative with tax code {code}, while the assessment is of a household business without a tax code, so these are two different businesses.",
  linkRowTaken:
    "Not linked: the row “{row}” in the register is already matched to another business. If it is the same business, merge the two records on the business's page (this can be undone).",
  linkTakenHidden: "Rows of the register already matched to another business are not offered.",
  registryLink: "In the register",
  registryLinkByHand: "matched by hand on {date}",
  registryLinkByTax: "matched by tax code",
  noRegistryLink: "Not yet matched to any row of the register.",
  unlink: "Remove the link",
  merge: {
    heading: "Merge duplicate records",
    lead: "If one business has two records (for example a household business without a tax code that was assessed twice), merge the other record into this one: its assessments and support move here, are renumbered in date order, and only the latest assessment counts. The merge is recorded and can be undone.",
    other: "Record to merge into this one (the record number in the page address, or the tax code)",
    suggestions: "Possible duplicates",
    check: "Check before merging",
    confirmHeading: "Merge “{merged}” into “{kept}”",
    confirmLead: "After the merge, the record “{merged}” becomes part of this record. The assessments of the two records:",
    reason: "Reason for the merge",
    reasonHint: "for example: same household head, same address, confirmed by phone",
    reasonMissing: "Give the reason for the merge (3 to 500 characters).",
    confirm: "Merge the two records",
    done: "The two records were merged. This can be undone under “Records merged into this one”.",
    undone: "The merge was undone: the two records are separate again, as before.",
    mergedHere: "Records merged into this one",
    mergedLine: "{name} · merged on {date} by {staff} · reason: {reason}",
    undo: "Undo",
    undoReason: "Reason for undoing",
    notFound: "This record was not found among the businesses you can see.",
    problems: {
      same_record: "This is the same record.",
      already_merged: "One of the two records has already been merged into another record.",
      tax_codes_differ: "The two records have different tax codes: they are two different businesses and cannot be merged.",
      keep_the_one_with_tax_code: "The other record has a tax code: open that record and merge this one into it (keep the record that has the tax code).",
    },
    undoProblems: {
      not_found: "There is no such merge.",
      already_undone: "This merge has already been undone.",
      changed_since: "The record has had a new assessment since the merge; it can no longer be undone.",
    },
    movedTo: "This record has been merged into another record.",
  },
};

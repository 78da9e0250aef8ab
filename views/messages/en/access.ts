// English twin of views/messages/access.ts.
import type { access as vi } from "../access.ts";
import type { Translation } from "../translation.ts";
export const access: Translation<typeof vi> = {
  listHidden:
    "An assessment shows its name here only once it was done with an advisor or validated by an advisor; for advisors, also a self-assessment whose owner gave them the code or sent a request for advice. Other self-assessments still count in the aggregate figures but are not shown by name.",
  adviceHidden: "{n} more requests from owners who assessed themselves: counted in the figures only, details not shown.",
  linkHidden:
    "{n} more self-assessments not yet matched to the register that you cannot see (the owner has not shared them). An assessment is matched when the owner's tax code is in the register, or when an advisor validates it with the owner.",
  hiddenSide: "self-assessment (name not shown)",
};

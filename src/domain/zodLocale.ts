// Validation messages in Vietnamese by default (people read them: owners, department reviewers).
// Only the Vietnamese locale is imported: the same rules run in the advisor's offline app, whose
// download would otherwise carry every language zod knows.
import { z } from "zod";
import vi from "zod/v4/locales/vi.js";

z.config(vi());

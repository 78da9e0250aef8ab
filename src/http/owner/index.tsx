// Owner pages. Plain HTML forms with 303 after POST; htmx autosaves on change when present.
// Every rule comes from the same services as the JSON API. Each area registers its routes from
// its own module; this file holds the order they run in.
import { Hono } from "hono";
import type { Services } from "../../services/assessments.ts";
import { PageMemo } from "../pageMemo.ts";
import { rateLimited } from "../rateLimit.ts";
import { inRequestLanguage } from "../locale.ts";
import { registerAnswering } from "./answering.tsx";
import { findAssessment, readAssessment, type OwnerEnv } from "./common.tsx";
import { correctionPages } from "./corrections.tsx";
import { dataPages } from "./data.tsx";
import { planPages } from "./plan.tsx";
import { registerResult } from "./result.tsx";
import { registerStart } from "./start.tsx";

export function ownerPages(s: Services, opts: { publicUrl: string; secureCookies: boolean }) {
  // What the pages show of the content is in the owner's language.
  const shown = inRequestLanguage(s);
  const app = new Hono<OwnerEnv>();
  const pages = new PageMemo();

  registerStart(app, shown);

  // Everything under /a/:code needs the assessment; unknown codes count against the address.
  // Kept pages (pageMemo.ts) are answered between finding the assessment and reading its row:
  // these registrations run in this order.
  app.use("/a/:code/*", rateLimited("lookup"), findAssessment(s, opts.secureCookies));
  app.use("/a/:code", rateLimited("lookup"), findAssessment(s, opts.secureCookies));
  // The part page shows the profile (its parts) and the answers: both move the revision.
  app.get("/a/:code/p/:n", pages.answer<OwnerEnv>((c) => `part|${c.get("stamp").id}|${c.get("stamp").revision}|${c.req.param("n")}|${c.req.query("more") ? 1 : 0}`));
  // The result also shows the peers (their group's version; the business's own place in the group
  // moves it too) and the validating advisor's name.
  app.get("/a/:code/result", pages.answer<OwnerEnv>((c) => {
    const { id, revision, peerVersion, validatedBy } = c.get("stamp");
    return `result|${id}|${revision}|${peerVersion}|${validatedBy ?? ""}`;
  }));
  app.use("/a/:code/*", readAssessment(s));
  app.use("/a/:code", readAssessment(s));

  registerAnswering(app, shown, { publicUrl: opts.publicUrl, pages });
  registerResult(app, shown, { pages });

  app.route("/", planPages(shown));
  app.route("/", dataPages(shown));
  app.route("/", correctionPages(shown));
  return app;
}

// The stable JSON API (/api/v1). Routes are declared with the zod schemas that validate them
// (schemas.ts), so the OpenAPI document at /api/v1/openapi.json cannot drift from what is enforced.
// Each area registers its routes from its own module, in the order the document lists them.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Services } from "../../../services/assessments.ts";
import { msg } from "../../../../views/messages.ts";
import type { AppEnv } from "../../env.ts";
import { apiError, fieldsOf } from "../../errors.ts";
import { registerAssessments } from "./assessments.ts";
import { businessesApi } from "./businesses.ts";
import { registerContent, registerPlatforms } from "./content.ts";
import { fieldApi } from "./field.ts";
import { serveOpenApi } from "./openapi.ts";
import { statsApi } from "./stats.ts";

export function apiV1(s: Services) {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return apiError(c, 400, "invalid_input", msg().problems.invalidInput, fieldsOf(result.error));
    },
  });
  // One business's data: never kept by a browser or a proxy.
  api.use("/assessments/*", async (c, next) => {
    c.header("Cache-Control", "no-store"); // before the handler, so its response is built with it
    await next();
  });

  registerContent(api, s);
  registerAssessments(api, s);
  registerPlatforms(api, s);

  // Staff-only routes (session cookie), described in the same document.
  api.route("/", businessesApi(s));
  // The advisor's offline app: content to download, captured assessments to sync (field.ts).
  api.route("/", fieldApi(s));

  // The department's statistics for other systems (staff token), described in this same document.
  api.route("/stats", statsApi(s));

  serveOpenApi(api, s.content.consent.controller);
  return api;
}

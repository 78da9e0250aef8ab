// Staff pages (/staff/…): sign-in, the advisor's worklist, guided sessions, review and
// validation, support given, re-assessment and comparison, counts, accounts. Every route states
// the permission it needs; the check runs on the server (see session.ts and the route × role test).
// Each area registers its routes from its own module; the order below is the order routes match
// (the new-business form before a business's page).
import { Hono } from "hono";
import type { Services } from "../../services/assessments.ts";
import { registerAdmin } from "./admin.tsx";
import { registerAuth } from "./auth.tsx";
import { registerBusinesses } from "./businesses.tsx";
import type { StaffDeps } from "./common.tsx";
import { registerReview } from "./review.tsx";
import { registerSessions } from "./sessions.tsx";
import { loadStaff, type StaffEnv } from "./session.ts";
import { registerSupport } from "./support.tsx";
import { registerWorkspace } from "./workspace.tsx";

export function staffPages(s: Services, opts: { secureCookies: boolean; codeGrantsKey: Buffer }) {
  const app = new Hono<StaffEnv>();
  app.use("*", loadStaff());
  const deps: StaffDeps = { s, ...opts };
  registerAuth(app, deps);
  registerWorkspace(app, deps);
  registerSessions(app, deps);
  registerBusinesses(app, deps);
  registerSupport(app, deps);
  registerReview(app, deps);
  registerAdmin(app, deps);
  return app;
}

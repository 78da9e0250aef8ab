// The department's pages (/staff/department/…): the Plan 2902 dashboard, the lists behind its
// numbers, the registry import (preview, then commit), linking by hand, exports and the yearly
// report. Staff session and role checks come from the staff area (session.ts). Each area
// registers its routes from its own module, in the order they match ("/exports/tables.xlsx"
// before "/exports/:file").
import { Hono } from "hono";
import type { Services } from "../../services/assessments.ts";
import { FiguresService } from "../../services/figures.ts";
import type { ReportPool } from "../../pdf/pool.ts";
import { loadStaff, type StaffEnv } from "../staff/session.ts";
import type { DepartmentDeps } from "./common.tsx";
import { registerDashboard } from "./dashboard.tsx";
import { registerExports } from "./exports.tsx";
import { registerLinks } from "./links.tsx";
import { registerRegistry } from "./registry.tsx";

/** The one request body larger than 64 KB in the service (app.ts exempts it from the global limit). */
export const REGISTRY_UPLOAD_PATH = "/staff/department/registry/preview";

export function departmentPages(s: Services, opts: { databasePath: string; pool?: ReportPool }) {
  const app = new Hono<StaffEnv>();
  app.use("*", loadStaff());
  const deps: DepartmentDeps = {
    s,
    databasePath: opts.databasePath,
    communes: new Map(s.content.communes.map((x) => [x.id, x])),
    // Figures at the end of a past day (the yearly report, the dashboard at a date): computed in the
    // render pool, one at a time, once per day and data version however many ask at once.
    figures: new FiguresService(s.db, { databasePath: opts.databasePath, pool: opts.pool }),
  };
  registerDashboard(app, deps);
  registerRegistry(app, deps);
  registerLinks(app, deps);
  registerExports(app, deps);
  return app;
}

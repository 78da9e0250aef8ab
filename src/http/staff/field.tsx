// The advisor's offline app (/staff/field/): one page, whose script draws every screen on the
// device and talks to the server through /api/v1/field. Its service worker and manifest are
// served with the other built files (assets.ts).
import { Hono } from "hono";
import { FIELD_MANIFEST, FIELD_SHELL, fieldAssets } from "../assets.ts";
import { FieldShellPage } from "../../../views/field/shell.tsx";
import { ForbiddenPage } from "../../../views/staff/pages.tsx";
import { loadStaff, requires, type StaffEnv } from "./session.ts";

/** Mounted at the root: the page's address ends with "/" (the service worker's scope is the folder). */
export function fieldPages() {
  const app = new Hono<StaffEnv>();
  app.get(FIELD_SHELL.slice(0, -1), (c) => c.redirect(FIELD_SHELL, 301));
  app.get(FIELD_SHELL, loadStaff(), requires("advise", (c) => c.html(<ForbiddenPage me={c.get("staff")} />, 403)), async (c) => {
    const { app: script } = await fieldAssets();
    return c.html(<FieldShellPage me={c.get("staff")!} app={{ manifest: FIELD_MANIFEST, script: script.url }} />);
  });
  return app;
}

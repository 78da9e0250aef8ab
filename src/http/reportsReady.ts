// After a request that may have changed a submitted assessment, keep its report ready (rendered in
// the background) or, if the assessment is gone, forget its kept report. Only where the code is
// in hand: an owner's page or API call (the code is in the address), or an advisor's session that
// holds the code of its guided session (a code grant). Elsewhere the owner's next tap renders it.
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { OwnerReports } from "../services/ownerReports.ts";
import { grantedCodeById } from "../services/codeGrants.ts";
import type { AppEnv } from "./env.ts";
import { STAFF_COOKIE } from "./csrf.ts";

const OWNER = /^\/a\/([^/]+)\//;
const API = /^\/api\/v1\/assessments\/([^/]+)\//;
const STAFF = /^\/staff\/assessments\/(\d+)\//;

export function keepReportsReady(reports: OwnerReports, codeGrantsKey: Buffer): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!reports.keeping || (c.req.method !== "POST" && c.req.method !== "PUT")) return next();
    const path = c.req.path;
    const codeInPath = OWNER.exec(path)?.[1] ?? API.exec(path)?.[1];
    const staffId = codeInPath ? undefined : STAFF.exec(path)?.[1];
    if (!codeInPath && !staffId) return next();
    const idBefore = codeInPath ? reports.idOf(codeInPath) : undefined;
    await next();
    if (c.res.status >= 400) return; // refused: nothing changed
    const token = staffId ? getCookie(c, STAFF_COOKIE) : undefined;
    const code = codeInPath ?? (token ? grantedCodeById(c.get("services").db, codeGrantsKey, token, Number(staffId)) : null);
    // The owner's own write is in the language their next tap will ask for; a staff write in Vietnamese.
    if (code) reports.afterWrite(code, idBefore, codeInPath ? c.var.locale : "vi");
  };
}

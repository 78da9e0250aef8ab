// Who is signed in, and the role check every staff route makes on the server.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AssessmentRow } from "../../../db/assessments.ts";
import type { BusinessRow } from "../../../db/businesses.ts";
import type { StaffRow } from "../../../db/staff.ts";
import { may, SESSION_MAX_AGE_MS, type Permission } from "../../domain/staff.ts";
import { staffForToken } from "../../services/staffAccounts.ts";
import type { AppEnv } from "../env.ts";
import { apiError, isApiRequest } from "../errors.ts";
import { msg } from "../../../views/messages.ts";

export const SESSION_COOKIE = "dx_staff";

export type StaffEnv = AppEnv & {
  Variables: {
    staff: StaffRow | null;
    sessionToken: string | null;
    /** The assessment or business named in the path, once its loader (common.tsx) has let the request through. */
    assessment?: AssessmentRow;
    business?: BusinessRow;
  };
};

/** Reads the session cookie (if any) into `staff`; never refuses by itself. */
export function loadStaff(): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    // Tokens are 43 base64url characters; anything else (an owner's code, junk) finds nobody.
    const staff = token && /^[A-Za-z0-9_-]{43}$/.test(token) ? staffForToken(c.get("services").db, token) : null;
    c.set("staff", staff);
    c.set("sessionToken", staff ? token! : null);
    await next();
    // Staff pages hold personal data: never cached, never shown from the back-forward cache.
    c.header("Cache-Control", "no-store");
  };
}

export function setSessionCookie(c: Context, token: string, secure: boolean) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    maxAge: Math.floor(SESSION_MAX_AGE_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, secure: boolean) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure, httpOnly: true, sameSite: "Lax" });
}

/**
 * The role check. Pages: no session → 303 to the login page (coming back afterwards), wrong
 * role → 403 page. API: 401 / 403 JSON.
 */
export function requires(permission: Permission, forbidden: (c: Context<StaffEnv>) => Response | Promise<Response>): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const staff = c.get("staff");
    const api = isApiRequest(c);
    if (!staff) {
      if (api) return apiError(c, 401, "unauthenticated", msg().problems.needsStaffSignIn);
      const back = c.req.method === "GET" ? `?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ""))}` : "";
      return c.redirect(`/staff/login${back}`, 303);
    }
    if (!may(staff.role, permission)) {
      if (api) return apiError(c, 403, "forbidden", msg().problems.roleNotAllowed);
      return forbidden(c);
    }
    await next();
  };
}

/** Only same-site paths after login (no open redirect). */
export function safeNext(next: string | undefined): string | null {
  return next && /^\/staff(\/[A-Za-z0-9\-_/]*)?(\?[A-Za-z0-9\-_=&%.]*)?$/.test(next) ? next : null;
}

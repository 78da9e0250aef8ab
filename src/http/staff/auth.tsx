// Signing in and out, and changing one's own password.
import { msg } from "../../../views/messages.ts";
import { normaliseEmail, changePassword, signIn, signOut } from "../../services/staffAccounts.ts";
import { LoginPage, PasswordPage } from "../../../views/staff/pages.tsx";
import { wordAccountRefusal } from "../../../views/staff/accountRefusal.ts";
import { rateLimited, recordMiss, tooMany } from "../rateLimit.ts";
import { flat, formValues } from "../forms.ts";
import { clearSessionCookie, safeNext, setSessionCookie } from "./session.ts";
import { need, staffOf, type StaffApp, type StaffDeps } from "./common.tsx";

export const ROLE_HOME = { advisor: "/staff/advisor", department: "/staff/department", admin: "/staff/admin/users" } as const;

export function registerAuth(app: StaffApp, { s, secureCookies }: StaffDeps) {
  app.get("/login", (c) => {
    const staff = c.get("staff");
    if (staff) return c.redirect(ROLE_HOME[staff.role], 303);
    return c.html(<LoginPage next={safeNext(c.req.query("next"))} notice={c.req.query("out") ? msg().staff.login.loggedOut : undefined} />);
  });

  app.post("/login", rateLimited("login"), async (c) => {
    const form = flat(await formValues(c));
    const email = (form.email ?? "").slice(0, 200);
    const account = normaliseEmail(email) ?? email.trim().toLowerCase();
    const limiter = c.get("limiter");
    // Per account as well as per address: a guesser rotating addresses still meets the account's limit.
    const wait = limiter.blockedFor("login", `account:${account}`);
    if (wait > 0) return tooMany(c, wait);
    const signed = await signIn(s.db, email, form.password ?? "");
    const next = safeNext(c.req.query("next"));
    if (!signed) {
      recordMiss(c, "login");
      limiter.hit("login", `account:${account}`);
      return c.html(<LoginPage email={email} next={next} error={msg().staff.login.failed} />, 422);
    }
    setSessionCookie(c, signed.token, secureCookies);
    return c.redirect(next ?? ROLE_HOME[signed.staff.role], 303);
  });

  app.post("/logout", need("self"), (c) => {
    signOut(s.db, c.get("sessionToken")!);
    clearSessionCookie(c, secureCookies);
    return c.redirect("/staff/login?out=1", 303);
  });

  app.get("/", need("self"), (c) => c.redirect(ROLE_HOME[staffOf(c).role], 303));

  app.get("/password", need("self"), (c) => c.html(<PasswordPage me={staffOf(c)} notice={c.req.query("done") ? msg().staff.password.done : undefined} />));

  app.post("/password", need("self"), async (c) => {
    const form = flat(await formValues(c));
    const r = await changePassword(s.db, staffOf(c).id, form.current ?? "", form.next ?? "", c.get("sessionToken")!);
    if (!r.ok) return c.html(<PasswordPage me={staffOf(c)} errors={wordAccountRefusal(r.error).fields} />, 422);
    return c.redirect("/staff/password?done=1", 303);
  });
}

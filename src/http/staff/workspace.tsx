// The advisor's worklist and advice requests, the counts, the business directory, and opening an
// owner's self-assessment with the owner's code.
import { businessDirectory, validationCounts } from "../../../db/businesses.ts";
import { oneLine } from "../../domain/text.ts";
import { advisorWorklist, handleAdviceRequest, openByCode } from "../../services/advisor.ts";
import { BusinessListPage, CountsPage, FindPage, WorklistPage } from "../../../views/staff/pages.tsx";
import { resumeCodeProblem } from "../errors.ts";
import { rateLimited, recordMiss } from "../rateLimit.ts";
import { formValues, idParam, single } from "../forms.ts";
import { actorOf, canAdvise, forbiddenOr422, need, notFound, placeFilter, staffOf, type StaffApp, type StaffDeps } from "./common.tsx";

const DIRECTORY_PAGE = 50;

export function registerWorkspace(app: StaffApp, { s }: StaffDeps) {
  app.get("/advisor", need("advise"), (c) => {
    const filter = placeFilter(c, s);
    return c.html(<WorklistPage me={staffOf(c)} data={advisorWorklist(s, actorOf(c), filter)} communes={s.content.communes} filter={filter} />);
  });

  app.post("/advice/:id", need("advise"), async (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return notFound(c);
    const r = handleAdviceRequest(s, actorOf(c), id, single((await formValues(c)).status) ?? "");
    if (!r.ok) return r.error.status === 404 ? notFound(c) : forbiddenOr422(c, r.error.message);
    return c.redirect("/staff/advisor#requests", 303);
  });

  app.get("/counts", need("readAggregates"), (c) => {
    const filter = placeFilter(c, s);
    return c.html(<CountsPage me={staffOf(c)} counts={validationCounts(s.db, filter)} communes={s.content.communes} filter={filter} />);
  });

  app.get("/businesses", need("readBusinesses"), (c) => {
    const filter = { ...placeFilter(c, s), q: oneLine(c.req.query("q") ?? "").trim().slice(0, 100) || undefined };
    const page = Math.min(100_000, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
    const found = businessDirectory(s.db, actorOf(c), filter, page, DIRECTORY_PAGE);
    return c.html(
      <BusinessListPage me={staffOf(c)} rows={found.rows} total={found.total} page={page} perPage={DIRECTORY_PAGE} communes={s.content.communes} filter={filter} canAdvise={canAdvise(c)} />,
    );
  });

  // ── An owner's self-assessment, opened with the owner's code ──

  app.get("/find", need("advise"), (c) => c.html(<FindPage me={staffOf(c)} />));

  app.post("/find", need("advise"), rateLimited("lookup"), async (c) => {
    const typed = (single((await formValues(c)).code) ?? "").slice(0, 40);
    const r = openByCode(s, actorOf(c), typed);
    if (!r.ok) {
      recordMiss(c);
      return c.html(<FindPage me={staffOf(c)} value={typed} error={resumeCodeProblem(r.error)} />, r.error.status === 400 ? 400 : 404);
    }
    return c.redirect(`/staff/assessments/${r.value.id}`, 303);
  });
}

// Assessments linked by hand to a row of the register (and unlinked), where the automatic match
// could not decide.
import { findRegistry, linkByHand, manualLinks, registryCandidates, registryRowTakenFor, submittedAssessment, unlink, unlinkedAssessments } from "../../../db/registry.ts";
import type { Filter } from "../../domain/aggregates.ts";
import { linkProblem } from "../../domain/businessRecords.ts";
import type { LegalForm } from "../../domain/questionnaire.ts";
import { foldVietnamese } from "../../domain/vnText.ts";
import { seesAssessment } from "../../services/advisor.ts";
import { fmt, msg } from "../../../views/messages.ts";
import { LinkPage } from "../../../views/department/pages.tsx";
import { me, need, viewer, withFilter, type Ctx, type DepartmentApp, type DepartmentDeps } from "./common.tsx";

function linkPage(deps: DepartmentDeps, c: Ctx, f: Filter, status: 200 | 400 | 422, extra: { notice?: string; error?: string } = {}) {
  const { s } = deps;
  const unlinked = unlinkedAssessments(s.db, f, viewer(c), 30);
  const items = unlinked.rows.map((it) => {
    const words = foldVietnamese(it.name);
    const candidates = registryCandidates(s.db, it.communeId)
      // Only rows this assessment could be: not another tax code, not a company for a household,
      // not a row already matched to another business (an unlinked assessment is not that business).
      .filter((r) => linkProblem({ taxCode: it.taxCode, legalForm: it.legalForm as LegalForm }, r, r.reached) === null)
      .map((r) => ({ id: r.id, name: r.name, taxCode: r.taxCode, reached: r.reached, score: foldVietnamese(r.name) === words ? 2 : words.split(" ").filter((w) => w.length > 2 && foldVietnamese(r.name).includes(w)).length }))
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .slice(0, 50);
    return { ...it, candidates };
  });
  return c.html(<LinkPage me={me(c)} items={items} hidden={unlinked.hidden} links={manualLinks(s.db, f, viewer(c))} communes={s.content.communes} f={f} {...extra} />, status);
}

export function registerLinks(app: DepartmentApp, deps: DepartmentDeps) {
  const { s } = deps;

  app.get("/registry/link", need("manageRegistry"), (c) =>
    withFilter(s, c, (f) => linkPage(deps, c, f, 200, { notice: c.req.query("done") ? msg().department.registry.linked : c.req.query("unlinked") ? msg().department.registry.unlinked : undefined })),
  );
  app.post("/registry/link", need("manageRegistry"), async (c) => {
    const body = await c.req.parseBody();
    const assessmentId = Number(body.assessmentId);
    const registryId = Number(body.registryId);
    const found = Number.isInteger(assessmentId) ? submittedAssessment(s.db, assessmentId) : undefined;
    // Only an assessment the officer may see can be linked (the form never offers another).
    const a = found && seesAssessment(s, { ...viewer(c), name: me(c).name }, found) ? found : undefined;
    const r = Number.isInteger(registryId) ? findRegistry(s.db, registryId) : undefined;
    if (!a || !r || r.communeId !== a.communeId) return linkPage(deps, c, {}, 422, { error: msg().department.registry.linkInvalid });
    const problem = linkProblem(a, r, registryRowTakenFor(s.db, r.id, a.id));
    if (problem === "tax_code_differs") return linkPage(deps, c, {}, 422, { error: fmt(msg().department.registry.linkTaxCodeDiffers, { assessment: a.taxCode ?? "", registry: r.taxCode ?? "" }) });
    if (problem === "household_to_company") return linkPage(deps, c, {}, 422, { error: fmt(msg().records.linkHouseholdToCompany, { row: r.name, code: r.taxCode ?? "" }) });
    if (problem === "row_taken") return linkPage(deps, c, {}, 422, { error: fmt(msg().records.linkRowTaken, { row: r.name }) });
    linkByHand(s.db, a.id, r.id, me(c).id);
    return c.redirect(`/staff/department/registry/link?done=1`, 303);
  });
  app.post("/registry/unlink", need("manageRegistry"), async (c) => {
    const body = await c.req.parseBody();
    const assessmentId = Number(body.assessmentId);
    if (!Number.isInteger(assessmentId) || assessmentId <= 0) return linkPage(deps, c, {}, 422, { error: msg().department.registry.linkInvalid });
    unlink(s.db, assessmentId);
    // Unlinked where the link was shown: a business page sends its own address back.
    const back = String(body.back ?? "");
    return c.redirect(/^\/staff\/businesses\/\d+$/.test(back) ? `${back}?unlinked=1#registry` : `/staff/department/registry/link?unlinked=1`, 303);
  });
}

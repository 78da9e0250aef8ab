// One business: its page (rounds, support, record identity), two records of one business merged
// (audited, undoable), and two rounds compared.
import { businessById, supportOfBusiness, type BusinessRow } from "../../../db/businesses.ts";
import { mergeProblem } from "../../domain/businessRecords.ts";
import { may } from "../../domain/staff.ts";
import type { CapWarning } from "../../domain/support.ts";
import { comparison, roundsSeen, supportWarnings } from "../../services/advisor.ts";
import type { Services } from "../../services/assessments.ts";
import { mergeInto, recordFor, recordIdentity, undoMergeOf } from "../../services/businessRecords.ts";
import { msg } from "../../../views/messages.ts";
import { BusinessPage, ComparePage } from "../../../views/staff/business.tsx";
import { MergeConfirmPage, RecordIdentity } from "../../../views/staff/records.tsx";
import { flat, formValues, idParam, single } from "../forms.ts";
import { actorOf, businessOf, canAdvise, need, notFound, staffOf, withBusiness, type Ctx, type StaffApp, type StaffDeps } from "./common.tsx";

export function supportLines(s: Services, businessId: number, warnings: Map<number, CapWarning[]>) {
  return supportOfBusiness(s.db, businessId).map(({ record, staffName }) => ({ record, staffName, warnings: warnings.get(record.id) ?? [] }));
}

export function businessPage(
  s: Services,
  c: Ctx,
  business: BusinessRow,
  extra: { status?: 200 | 404 | 409 | 422; notice?: string; mergeError?: string; otherValue?: string; supportError?: string } = {},
) {
  const rounds = roundsSeen(s, actorOf(c), business.id);
  const warnings = supportWarnings(s, business, rounds);
  const saved = idParam(c.req.query("saved"));
  const role = staffOf(c).role;
  const notice = extra.notice ?? (saved ? msg().staff.support.saved : c.req.query("corrected") ? msg().staff.support.corrected : c.req.query("withdrawn") ? msg().staff.support.withdrawn : c.req.query("merged") ? msg().records.merge.done : c.req.query("unmerged") ? msg().records.merge.undone : c.req.query("unlinked") ? msg().department.registry.unlinked : undefined);
  return c.html(
    <BusinessPage
      me={staffOf(c)}
      business={business}
      rounds={rounds}
      support={supportLines(s, business.id, warnings)}
      communes={s.content.communeById}
      platforms={s.content.platformById}
      levelNames={(r) => s.questionnaireByHash(r.questionnaireHash).levels.find((l) => l.level === r.nationalLevel)?.name ?? ""}
      canAdvise={canAdvise(c)}
      notice={notice}
      error={extra.supportError}
      schemes={new Map(s.content.schemes.map((x) => [x.id, x.shortName]))}
      highlight={saved ?? idParam(c.req.query("corrected")) ?? undefined}
      identity={
        <RecordIdentity
          business={business}
          identity={recordIdentity(s, actorOf(c), business)}
          canUnlink={may(role, "manageRegistry")}
          canMerge={may(role, "mergeRecords")}
          mergeError={extra.mergeError}
          otherValue={extra.otherValue}
        />
      }
    />,
    extra.status ?? 200,
  );
}

function mergeConfirm(s: Services, c: Ctx, kept: BusinessRow, merged: BusinessRow, status: 200 | 422, reason?: string, error?: string) {
  return c.html(
    <MergeConfirmPage
      me={staffOf(c)}
      kept={kept}
      merged={merged}
      rounds={[kept, merged].map((record) => ({ record, rows: roundsSeen(s, actorOf(c), record.id) }))}
      communes={s.content.communeById}
      reason={reason}
      error={error}
    />,
    status,
  );
}

export function registerBusinesses(app: StaffApp, { s }: StaffDeps) {
  app.get("/businesses/:id", need("readBusinesses"), withBusiness(s, { followMerged: true }), (c) => businessPage(s, c, businessOf(c)));

  // ── Two records of one business merged (audited, undoable) ──

  app.get("/businesses/:id/merge", need("mergeRecords"), withBusiness(s), (c) => {
    const kept = businessOf(c);
    const input = (c.req.query("other") ?? "").slice(0, 20);
    const merged = recordFor(s, actorOf(c), input);
    if (!merged) return businessPage(s, c, kept, { status: 404, mergeError: msg().records.merge.notFound, otherValue: input });
    const problem = mergeProblem(kept, merged);
    if (problem) return businessPage(s, c, kept, { status: 409, mergeError: msg().records.merge.problems[problem], otherValue: input });
    return mergeConfirm(s, c, kept, merged, 200);
  });

  app.post("/businesses/:id/merge", need("mergeRecords"), withBusiness(s), async (c) => {
    const kept = businessOf(c);
    const form = flat(await formValues(c));
    const otherId = idParam(form.other ?? "");
    const r = mergeInto(s, actorOf(c), kept, otherId ?? 0, form.reason ?? "");
    if (!r.ok) {
      if (r.problem === "not_found") return businessPage(s, c, kept, { status: 404, mergeError: msg().records.merge.notFound });
      if (r.problem === "reason") return mergeConfirm(s, c, kept, businessById(s.db, otherId!)!, 422, form.reason, msg().records.merge.reasonMissing);
      return businessPage(s, c, kept, { status: 409, mergeError: msg().records.merge.problems[r.problem] });
    }
    return c.redirect(`/staff/businesses/${kept.id}?merged=${r.mergeId}#merges`, 303);
  });

  app.post("/merges/:id/undo", need("mergeRecords"), async (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return notFound(c);
    const r = undoMergeOf(s, actorOf(c), id, single((await formValues(c)).reason) ?? "");
    if (r.outcome === "undone") return c.redirect(`/staff/businesses/${r.keptId}?unmerged=1`, 303);
    const kept = r.keptId ? businessById(s.db, r.keptId) : undefined;
    if (!kept || r.outcome === "not_found") return notFound(c, msg().records.merge.undoProblems.not_found);
    const message = r.outcome === "reason" ? msg().records.merge.reasonMissing : msg().records.merge.undoProblems[r.outcome];
    return businessPage(s, c, kept, { status: r.outcome === "reason" ? 422 : 409, mergeError: message });
  });

  // ── Two rounds compared (T0 → T1, …) ──

  app.get("/businesses/:id/compare", need("readBusinesses"), withBusiness(s), (c) => {
    const business = businessOf(c);
    const r = comparison(s, actorOf(c), business, idParam(c.req.query("from")) ?? undefined, idParam(c.req.query("to")) ?? undefined);
    if (!r.ok) return notFound(c, msg().staff.compare.nothing);
    const warnings = supportWarnings(s, business, roundsSeen(s, actorOf(c), business.id));
    const lines = supportLines(s, business.id, warnings).filter((l) => r.value.support.some((x) => x.id === l.record.id));
    const q = s.questionnaireByHash(r.value.after.questionnaireHash);
    return c.html(
      <ComparePage
        me={staffOf(c)}
        business={business}
        before={r.value.before}
        after={r.value.after}
        comparison={r.value.comparison}
        levelNames={r.value.levelNames}
        support={lines}
        submitted={r.value.submitted}
        platforms={s.content.platformById}
        pillarShortNames={new Map(q.pillars.map((p) => [p.id, p.shortName]))}
      />,
    );
  });
}

// The department's pages (/staff/department/…): the Plan 2902 dashboard, the lists behind its
// numbers, the registry import (preview, then commit), linking by hand, exports and the yearly
// report. Staff session and role checks come from the staff area (session.ts).
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { adviceList, LIST_KINDS, listAssessments, type ListKind } from "../../../db/stats.ts";
import { registryRowTakenFor } from "../../../db/registry.ts";
import type { LegalForm } from "../../domain/questionnaire.ts";
import { findImport, linkByHand, listRegistry, manualLinks, recentImports, registryCandidates, registryCount, submittedAssessment, unlink, unlinkedAssessments } from "../../../db/registry.ts";
import { linkProblem } from "../../domain/businessRecords.ts";
import { findRegistry } from "../../../db/registry.ts";
import type { Filter } from "../../domain/aggregates.ts";
import { foldVietnamese } from "../../domain/vnText.ts";
import { CSV_EXCEL_VI, CSV_STANDARD } from "../../domain/csv.ts";
import type { Services } from "../../services/assessments.ts";
import { assessmentsSheet, answersSheet, attachment, csvStream, supportSheet, tableSheet, xlsxStream, type Sheet } from "../../services/exports.ts";
import { commitRegistry, MAX_REGISTRY_BYTES, previewRegistry } from "../../services/registryImport.ts";
import { dashboardData } from "../../services/stats.ts";
import { yearReportInWorker } from "../../services/yearReport.ts";
import { seesAssessment } from "../../services/advisor.ts";
import { fmt, vi } from "../../../views/messages.ts";
import { AdviceListPage, committedCounts, DashboardPage, ExportsPage, LinkPage, ListPage, qs, RegistryListPage, RegistryPage, type PreviewView } from "../../../views/department/pages.tsx";
import { ForbiddenPage, NotFoundPage } from "../../../views/staff/pages.tsx";
import { StaffPage } from "../../../views/staff/common.tsx";
import { loadStaff, requires, type StaffEnv } from "../staff/session.ts";
import type { Permission } from "../../domain/staff.ts";
import { parseFilter } from "./filters.ts";

const d = vi.department;
type Ctx = Context<StaffEnv>;

/** The one request body larger than 64 KB in the service (app.ts exempts it from the global limit). */
export const REGISTRY_UPLOAD_PATH = "/staff/department/registry/preview";

export function departmentPages(s: Services, opts: { databasePath: string }) {
  const app = new Hono<StaffEnv>();
  app.use("*", loadStaff());
  const forbidden = (c: Ctx) => c.html(<ForbiddenPage me={c.get("staff")} />, 403);
  const need = (p: Permission) => requires(p, forbidden);
  const me = (c: Ctx) => c.get("staff")!;
  /** Who is looking, for the access policy (src/domain/access.ts). */
  const viewer = (c: Ctx) => ({ id: me(c).id, role: me(c).role });
  const communes = new Map(s.content.communes.map((x) => [x.id, x]));

  const badFilter = (c: Ctx, fields: Record<string, string>) =>
    c.html(
      <StaffPage me={me(c)} title={d.dashboard.title} error={Object.values(fields).join("; ")}>
        <p>
          <a href="/staff/department">{d.dashboard.clear}</a>
        </p>
      </StaffPage>,
      400,
    );
  /** Parse the filters or answer 400 with a Vietnamese message. */
  const withFilter = (c: Ctx, then: (f: Filter) => Response | Promise<Response>) => {
    const r = parseFilter(s, c.req.query());
    return r.ok ? then(r.filter) : badFilter(c, r.fields);
  };

  app.get("/", need("readAggregates"), (c) =>
    withFilter(c, (f) => {
      const data = dashboardData(s, f);
      return c.html(<DashboardPage me={me(c)} data={data} communes={s.content.communes} years={data.years} />);
    }),
  );

  // ── the lists behind the numbers ──
  app.get("/list", need("readBusinesses"), (c) =>
    withFilter(c, (f) => {
      const kind = c.req.query("kind") as ListKind;
      if (!LIST_KINDS.includes(kind)) return badFilter(c, { kind: "loại danh sách không đúng" });
      const level = c.req.query("level");
      const before = Number(c.req.query("before") ?? 0) || undefined;
      const quarter = /^\d{4}-Q[1-4]$/.test(c.req.query("quarter") ?? "") ? c.req.query("quarter") : undefined;
      const item = c.req.query("item")?.slice(0, 120);
      const all = c.req.query("all") === "1";
      const rows = listAssessments(s.db, { ...f, kind, level: level === undefined ? undefined : Number(level), item, quarter, all, before, limit: 101, viewer: viewer(c) });
      const more = rows.length > 100;
      const shown = rows.slice(0, 100);
      const title =
        kind === "level" ? fmt(d.list.kinds.level, { level: Number(level ?? 0) }) : kind === "item" ? `${d.list.title}: ${item ?? ""}` : d.list.kinds[kind];
      const params = { kind, ...f, level, item, quarter, all: all ? 1 : undefined };
      return c.html(
        <ListPage
          me={me(c)}
          title={title}
          rows={shown}
          communes={communes}
          next={more ? `/staff/department/list${qs({ ...params, before: shown[shown.length - 1]!.id })}` : undefined}
          exportHref={`/staff/department/exports/assessments.csv${qs(f as Record<string, string>)}`}
        />,
      );
    }),
  );

  app.get("/registry/list", need("readBusinesses"), (c) => {
    const query = { ...c.req.query() };
    const sizeUnknown = query.sizeClass === "unknown";
    if (sizeUnknown) delete query.sizeClass;
    const r = parseFilter(s, query);
    if (!r.ok) return badFilter(c, r.fields);
    const f = { ...r.filter, ...(sizeUnknown ? { sizeClass: "unknown" as never } : {}) };
    const reachedQ = c.req.query("reached");
    const reached = reachedQ === "1" ? true : reachedQ === "0" ? false : undefined;
    const before = Number(c.req.query("before") ?? 0) || undefined;
    const rows = listRegistry(s.db, { ...f, reached, before, limit: 101 });
    const shown = rows.slice(0, 100);
    const title = reached === true ? d.list.kinds.reached : reached === false ? d.list.kinds.unreached : d.list.kinds.registered;
    return c.html(
      <RegistryListPage
        me={me(c)}
        title={title}
        rows={shown}
        communes={communes}
        next={rows.length > 100 ? `/staff/department/registry/list${qs({ ...f, reached: reachedQ, before: shown[shown.length - 1]!.id })}` : undefined}
      />,
    );
  });

  app.get("/advice", need("readBusinesses"), (c) =>
    withFilter(c, (f) => {
      const status = c.req.query("status");
      const statuses = Object.keys(d.adviceStatuses);
      if (status && !statuses.includes(status)) return badFilter(c, { status: "trạng thái không đúng" });
      const list = adviceList(s.db, f, status, 200, viewer(c));
      const rows = list.rows.map((r) => ({ ...r, actionTitle: s.content.actions.actions.find((a) => a.id === r.actionId)?.title ?? r.actionId }));
      return c.html(<AdviceListPage me={me(c)} rows={rows} hidden={list.hidden} communes={communes} title={`${d.dashboard.advice}${status ? `: ${(d.adviceStatuses as Record<string, string>)[status]}` : ""}`} />);
    }),
  );

  // ── registry ──
  const registryPage = (c: Ctx, status: 200 | 400 | 404 | 409 | 413 | 422, extra: { preview?: PreviewView; notice?: string; error?: string } = {}) =>
    c.html(<RegistryPage me={me(c)} count={registryCount(s.db)} history={recentImports(s.db)} communes={communes} {...extra} />, status);

  app.get("/registry", need("manageRegistry"), (c) => {
    const done = Number(c.req.query("done") ?? 0);
    const imp = done ? findImport(s.db, done) : undefined;
    return registryPage(c, 200, {
      notice: imp?.committedAt ? fmt(d.registry.committed, committedCounts(imp)) : undefined,
    });
  });

  app.post(
    "/registry/preview",
    need("manageRegistry"),
    bodyLimit({ maxSize: MAX_REGISTRY_BYTES + 64 * 1024, onError: (c) => registryPage(c as Ctx, 413, { error: d.registry.tooLarge }) }),
    async (c) => {
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File) || file.size === 0) return registryPage(c, 400, { error: d.registry.noFile });
      const r = await previewRegistry(s, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, me(c).id);
      if (!r.ok) return registryPage(c, r.problem === "too_large" ? 413 : 400, { error: r.problem === "too_large" ? d.registry.tooLarge : r.problem === "empty" ? d.registry.noFile : d.registry.badFile });
      return registryPage(c, r.preview.errors.length ? 422 : 200, { preview: r.preview });
    },
  );

  app.post("/registry/commit", need("manageRegistry"), async (c) => {
    const body = await c.req.parseBody();
    const id = Number(body.importId);
    if (!Number.isInteger(id) || id <= 0) return registryPage(c, 400, { error: d.registry.noFile });
    const r = commitRegistry(s, id);
    if (!r.ok) {
      if (r.reason === "not_found") return registryPage(c, 404, { error: d.registry.noFile });
      if (r.reason === "already_committed") return registryPage(c, 409, { error: d.registry.alreadyCommitted });
      return registryPage(c, 422, { error: d.registry.hasErrors });
    }
    return c.redirect(`/staff/department/registry?done=${id}`, 303);
  });

  const linkPage = (c: Ctx, f: Filter, status: 200 | 400 | 422, extra: { notice?: string; error?: string } = {}) => {
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
  };
  app.get("/registry/link", need("manageRegistry"), (c) =>
    withFilter(c, (f) => linkPage(c, f, 200, { notice: c.req.query("done") ? d.registry.linked : c.req.query("unlinked") ? d.registry.unlinked : undefined })),
  );
  app.post("/registry/link", need("manageRegistry"), async (c) => {
    const body = await c.req.parseBody();
    const assessmentId = Number(body.assessmentId);
    const registryId = Number(body.registryId);
    const found = Number.isInteger(assessmentId) ? submittedAssessment(s.db, assessmentId) : undefined;
    // Only an assessment the officer may see can be linked (the form never offers another).
    const a = found && seesAssessment(s, { ...viewer(c), name: me(c).name }, found) ? found : undefined;
    const r = Number.isInteger(registryId) ? findRegistry(s.db, registryId) : undefined;
    if (!a || !r || r.communeId !== a.communeId) return linkPage(c, {}, 422, { error: d.registry.linkInvalid });
    const problem = linkProblem(a, r, registryRowTakenFor(s.db, r.id, a.id));
    if (problem === "tax_code_differs") return linkPage(c, {}, 422, { error: fmt(d.registry.linkTaxCodeDiffers, { assessment: a.taxCode ?? "", registry: r.taxCode ?? "" }) });
    if (problem === "household_to_company") return linkPage(c, {}, 422, { error: fmt(vi.records.linkHouseholdToCompany, { row: r.name, code: r.taxCode ?? "" }) });
    if (problem === "row_taken") return linkPage(c, {}, 422, { error: fmt(vi.records.linkRowTaken, { row: r.name }) });
    linkByHand(s.db, a.id, r.id, me(c).id);
    return c.redirect(`/staff/department/registry/link?done=1`, 303);
  });
  app.post("/registry/unlink", need("manageRegistry"), async (c) => {
    const body = await c.req.parseBody();
    const assessmentId = Number(body.assessmentId);
    if (!Number.isInteger(assessmentId) || assessmentId <= 0) return linkPage(c, {}, 422, { error: d.registry.linkInvalid });
    unlink(s.db, assessmentId);
    // Unlinked where the link was shown: a business page sends its own address back.
    const back = String(body.back ?? "");
    return c.redirect(/^\/staff\/businesses\/\d+$/.test(back) ? `${back}?unlinked=1#registry` : `/staff/department/registry/link?unlinked=1`, 303);
  });

  // ── exports ──
  // ?excel=vi: the variant Excel set to Vietnamese opens as it is (";" and decimal commas).
  const csv = (c: Ctx, sheet: Sheet, fileName: string) => {
    const vi = c.req.query("excel") === "vi";
    return c.body(csvStream(sheet, vi ? CSV_EXCEL_VI : CSV_STANDARD), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(vi ? fileName.replace(/\.csv$/, "-excel.csv") : fileName),
    });
  };
  const xlsx = (c: Ctx, sheets: Sheet[], fileName: string) =>
    c.body(xlsxStream(sheets), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachment(fileName),
    });
  const stamp = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  // Download names are Vietnamese folded to ASCII, like "bai-danh-gia-…": a table is named after its title.
  const fileStem = (title: string) => foldVietnamese(title).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");

  app.get("/exports", need("readBusinesses"), (c) =>
    withFilter(c, (f) => {
      const tables = dashboardData(s, f, { outbound: true, refresh: false }).tables.map((t) => ({ id: t.id, title: t.title }));
      return c.html(<ExportsPage me={me(c)} f={f} tables={tables} communes={s.content.communes} />);
    }),
  );
  const rowSheets = { assessments: assessmentsSheet, answers: answersSheet, support: supportSheet } as const;
  const names = { assessments: "bai-danh-gia", answers: "cau-tra-loi", support: "ho-tro" } as const;
  // Registered before "/exports/:file" so the name is not read as a row-level export.
  app.get("/exports/tables.xlsx", need("readAggregates"), (c) =>
    withFilter(c, (f) => {
      const tables = dashboardData(s, f, { outbound: true }).tables;
      return xlsx(c, tables.map((t, i) => tableSheet(t, `${i + 1}. ${t.title}`)), `bang-tong-hop-${stamp()}.xlsx`);
    }),
  );
  app.get("/exports/tables/:file", need("readAggregates"), (c) =>
    withFilter(c, (f) => {
      const m = /^([a-zA-Z-]+)\.csv$/.exec(c.req.param("file"));
      const t = m ? dashboardData(s, f, { outbound: true }).tables.find((x) => x.id === m[1]) : undefined;
      if (!t) return c.html(<NotFoundPage me={me(c)} />, 404);
      return csv(c, tableSheet(t), `${fileStem(t.title)}-${stamp()}.csv`);
    }),
  );
  app.get("/exports/:file", need("readBusinesses"), (c) =>
    withFilter(c, (f) => {
      const m = /^(assessments|answers|support)\.(csv|xlsx)$/.exec(c.req.param("file"));
      if (!m) return c.html(<NotFoundPage me={me(c)} />, 404);
      const kind = m[1] as keyof typeof rowSheets;
      const sheet = rowSheets[kind](s, f, viewer(c));
      const name = `${names[kind]}-${stamp()}.${m[2]}`;
      return m[2] === "csv" ? csv(c, sheet, name) : xlsx(c, [sheet], name);
    }),
  );

  app.get("/report-761.xlsx", need("readAggregates"), async (c) => {
    const year = Number(c.req.query("year"));
    const thisYear = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    if (!Number.isInteger(year) || year < 2020 || year > thisYear) return badFilter(c, { year: `năm báo cáo phải từ 2020 đến ${thisYear}` });
    const bytes = await yearReportInWorker(opts.databasePath, s.content.dir, year);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachment(`bao-cao-chuyen-doi-so-nam-${year}.xlsx`),
    });
  });

  return app;
}

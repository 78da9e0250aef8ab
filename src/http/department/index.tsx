// The department's pages (/staff/department/…): the Plan 2902 dashboard, the lists behind its
// numbers, the registry import (preview, then commit), linking by hand, exports and the yearly
// report. Staff session and role checks come from the staff area (session.ts).
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { adviceList, LIST_KINDS, listAssessments, type ListKind } from "../../../db/stats.ts";
import { registryRowTakenFor } from "../../../db/registry.ts";
import type { LegalForm } from "../../domain/questionnaire.ts";
import {
  changedRowsOfImport,
  closeRegistryRows,
  deleteRegistryRow,
  errorPage,
  findImport,
  importHistory,
  importHistoryRow,
  linkByHand,
  listRegistry,
  manualLinks,
  missingPage,
  missingStillOpen,
  registryCandidates,
  registryCount,
  rowsOfImport,
  submittedAssessment,
  unlink,
  unlinkedAssessments,
} from "../../../db/registry.ts";
import { parseRegistrationDay, registryChanges } from "../../domain/registry.ts";
import { todayInVietnam, vietnamYear } from "../../domain/vietnamTime.ts";
import { oneLine } from "../../domain/text.ts";
import { idParam } from "../forms.ts";
import { ImportHistoryPage, ImportPage, MissingPage, RegistryPage } from "../../../views/department/registry.tsx";
import { templateCsv, templateXlsx } from "../../services/registryTemplate.ts";
import { linkProblem } from "../../domain/businessRecords.ts";
import { findRegistry } from "../../../db/registry.ts";
import type { Filter } from "../../domain/aggregates.ts";
import { foldVietnamese } from "../../domain/vnText.ts";
import { CSV_EXCEL_VI, CSV_STANDARD } from "../../domain/csv.ts";
import type { Services } from "../../services/assessments.ts";
import { assessmentsSheet, answersSheet, attachment, csvStream, supportSheet, tableSheet, xlsxStream, type Sheet } from "../../services/exports.ts";
import { commitRegistry, MAX_REGISTRY_BYTES, previewInWorker } from "../../services/registryImport.ts";
import { dashboardData } from "../../services/stats.ts";
import { EDITIONS, renderYearReport, reportCutoff, type Edition } from "../../services/yearReport.ts";
import { FiguresService, KeptOnce } from "../../services/figures.ts";
import type { ReportPool } from "../../pdf/pool.ts";
import { seesAssessment } from "../../services/advisor.ts";
import { fmt, vi } from "../../../views/messages.ts";
import { AdviceListPage, DashboardPage, ExportsPage, LinkPage, ListPage, qs, RegistryListPage } from "../../../views/department/pages.tsx";
import { ForbiddenPage, NotFoundPage } from "../../../views/staff/pages.tsx";
import { StaffPage } from "../../../views/staff/common.tsx";
import { loadStaff, requires, type StaffEnv } from "../staff/session.ts";
import type { Permission } from "../../domain/staff.ts";
import { parseFilter } from "./filters.ts";

const d = vi.department;
type Ctx = Context<StaffEnv>;

/** The one request body larger than 64 KB in the service (app.ts exempts it from the global limit). */
export const REGISTRY_UPLOAD_PATH = "/staff/department/registry/preview";

export function departmentPages(s: Services, opts: { databasePath: string; pool?: ReportPool }) {
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

  // Figures at the end of a past day (the yearly report, the dashboard at a date): computed in the
  // render pool, one at a time, once per day and data version however many ask at once.
  const figures = new FiguresService(s.db, { databasePath: opts.databasePath, pool: opts.pool });
  // The workbook too is made once per figures, edition and person asking: it says who made it and
  // when, which stays true until the data changes (then the key changes).
  const workbooks = new KeptOnce<Buffer>(16);
  // Workbooks are built on this thread (they name who made them): one at a time, each after a turn
  // of the event loop, so twenty people asking at once do not hold every other request for the
  // twenty builds back to back.
  let lastBuild: Promise<unknown> = Promise.resolve();
  const inTurn = <T,>(make: () => Promise<T>): Promise<T> => {
    const run = lastBuild.then(() => new Promise<void>((r) => setImmediate(r))).then(make);
    lastBuild = run.catch(() => undefined);
    return run;
  };
  const isDay = (x: string) => /^\d{4}-\d{2}-\d{2}$/.test(x) && !Number.isNaN(Date.parse(x)) && new Date(`${x}T00:00:00Z`).toISOString().startsWith(x);
  /** The figures of a past day, or a page saying to try again when the worker failed or timed out. */
  const figuresOrBusy = async (c: Ctx, job: Parameters<FiguresService["get"]>[0]) => {
    try {
      return { ok: true as const, figures: await figures.get(job) };
    } catch (e) {
      console.error("figures", job, e);
      c.header("Retry-After", "60");
      const page = (
        <StaffPage me={me(c)} title={d.dashboard.title} error={d.report.busy}>
          <p>
            <a href="/staff/department">{d.dashboard.clear}</a>
          </p>
        </StaffPage>
      );
      return { ok: false as const, page: c.html(page, 503) };
    }
  };

  app.get("/", need("readAggregates"), (c) =>
    withFilter(c, async (f) => {
      const date = c.req.query("date");
      if (date) {
        if (!isDay(date) || date < "2020-01-01" || date > todayInVietnam()) return badFilter(c, { date: d.dashboard.dateInvalid });
        const r = await figuresOrBusy(c, { day: date });
        if (!r.ok) return r.page;
        const data = dashboardData(s, f, { outbound: false, asOf: { day: date, current: r.figures.current, reach: r.figures.reach } });
        return c.html(<DashboardPage me={me(c)} data={data} communes={s.content.communes} years={data.years} />);
      }
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
  const registryPage = (c: Ctx, status: 200 | 400 | 413 | 422, extra: { notice?: string; error?: string } = {}) => {
    const history = importHistory(s.db, 1, 11);
    return c.html(<RegistryPage me={me(c)} count={registryCount(s.db)} history={history.slice(0, 10)} moreHistory={history.length > 10} {...extra} />, status);
  };
  const ERRORS_PER_PAGE = 100;
  /** Changed rows listed on a preview (all of them are counted). */
  const LISTED_CHANGES = 100;
  const pageOf = (c: Ctx) => Math.min(100_000, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const importPage = (c: Ctx, id: number, status: 200 | 404 | 409 | 422, extra: { notice?: string; error?: string } = {}) => {
    const imp = importHistoryRow(s.db, id);
    if (!imp) return c.html(<NotFoundPage me={me(c)} />, 404);
    const pages = Math.max(1, Math.ceil(imp.errorRows / ERRORS_PER_PAGE));
    const page = Math.min(pageOf(c), pages);
    const errorRows = imp.errorCount ? errorPage(s.db, id, page, ERRORS_PER_PAGE) : [];
    const live = !imp.committedAt && !imp.supersededBy;
    const changes = live ? changedRowsOfImport(s.db, id, LISTED_CHANGES).map((x) => ({ line: x.line, row: x.row, changes: registryChanges(x.row, x.stored) })) : [];
    const view = {
      imp,
      errorRows,
      page,
      pages,
      changes,
      sample: live ? rowsOfImport(s.db, id, 0, 5) : [],
      fileLevel: imp.errorCount > 0 && imp.rowCount === 0,
      missingOpen: imp.committedAt && imp.missing ? missingStillOpen(s.db, id) : 0,
    };
    return c.html(<ImportPage me={me(c)} view={view} communes={communes} {...extra} />, status);
  };

  app.get("/registry", need("manageRegistry"), (c) => registryPage(c, 200));

  app.get("/registry/template.csv", need("manageRegistry"), (c) =>
    c.body(templateCsv(s.content.communes), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment("mau-so-dang-ky.csv") }),
  );
  app.get("/registry/template.xlsx", need("manageRegistry"), async (c) =>
    c.body(await templateXlsx(s.content.communes), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachment("mau-so-dang-ky.xlsx"),
    }),
  );

  app.post(
    "/registry/preview",
    need("manageRegistry"),
    bodyLimit({ maxSize: MAX_REGISTRY_BYTES + 64 * 1024, onError: (c) => registryPage(c as Ctx, 413, { error: d.registry.tooLarge }) }),
    async (c) => {
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File) || file.size === 0) return registryPage(c, 400, { error: d.registry.noFile });
      // Read and checked off the request thread: a register of 200,000 rows takes seconds.
      const r = await previewInWorker(
        opts.databasePath,
        s.content.communes,
        { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), staffId: me(c).id, fullRegister: body.fullRegister === "1" },
      );
      if (!r.ok) return registryPage(c, r.problem === "too_large" ? 413 : 400, { error: r.problem === "too_large" ? d.registry.tooLarge : r.problem === "empty" ? d.registry.noFile : d.registry.badFile });
      return c.redirect(`/staff/department/registry/imports/${r.importId}`, 303);
    },
  );

  app.get("/registry/imports", need("manageRegistry"), (c) => {
    const page = pageOf(c);
    const rows = importHistory(s.db, page, 51);
    return c.html(<ImportHistoryPage me={me(c)} rows={rows.slice(0, 50)} page={page} hasNext={rows.length > 50} />);
  });

  app.get("/registry/imports/:id", need("manageRegistry"), (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return c.html(<NotFoundPage me={me(c)} />, 404);
    const stale = idParam(c.req.query("stale"));
    return importPage(c, id, 200, { notice: c.req.query("saved") ? d.registry.saved : undefined, error: stale ? d.registry.stale : undefined });
  });

  app.post("/registry/commit", need("manageRegistry"), async (c) => {
    const body = await c.req.parseBody();
    const id = idParam(String(body.importId ?? ""));
    if (id === null) return registryPage(c, 400, { error: d.registry.noFile });
    const r = await commitRegistry(opts.databasePath, s.db, id, { staffId: me(c).id, skipErrors: body.skipErrors === "1" });
    if (r.ok) return c.redirect(`/staff/department/registry/imports/${id}?saved=1`, 303);
    // The register moved since this preview was made: nothing saved, a fresh preview of the same file instead.
    if (r.reason === "stale" && "freshId" in r) return c.redirect(`/staff/department/registry/imports/${r.freshId}?stale=${id}`, 303);
    const refusal = {
      not_found: [404, d.registry.noFile],
      already_committed: [409, d.registry.alreadyCommitted],
      superseded: [409, fmt(d.registry.supersededBy, { link: d.registry.supersededLink })],
      not_ready: [409, d.registry.notReady],
      stale: [409, d.registry.stale],
      has_errors: [422, d.registry.hasErrors],
      nothing_valid: [422, d.registry.nothingValid],
    } as const;
    const [status, message] = refusal[r.reason];
    if (r.reason === "not_found") return c.html(<NotFoundPage me={me(c)} />, 404);
    return importPage(c, id, status, { error: message });
  });

  // ── rows of the register a full import did not have: closed from a day, or deleted ──
  const MISSING_PER_PAGE = 100;
  const missingPage_ = (c: Ctx, importId: number, status: 200 | 404 | 422, extra: { notice?: string; error?: string } = {}) => {
    const imp = importHistoryRow(s.db, importId);
    if (!imp || !imp.committedAt) return c.html(<NotFoundPage me={me(c)} />, 404);
    const pages = Math.max(1, Math.ceil(imp.missing / MISSING_PER_PAGE));
    const page = Math.min(pageOf(c), pages);
    return c.html(
      <MissingPage
        me={me(c)}
        imp={imp}
        rows={missingPage(s.db, importId, page, MISSING_PER_PAGE)}
        page={page}
        pages={pages}
        openCount={missingStillOpen(s.db, importId)}
        today={todayInVietnam()}
        communes={communes}
        {...extra}
      />,
      status,
    );
  };
  app.get("/registry/imports/:id/missing", need("manageRegistry"), (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return c.html(<NotFoundPage me={me(c)} />, 404);
    const closed = Number(c.req.query("closed") ?? 0);
    return missingPage_(c, id, 200, { notice: closed ? fmt(d.registry.closedDone, { n: closed }) : c.req.query("deleted") ? d.registry.deletedDone : undefined });
  });
  /** A closing day: a real day, not in the future. */
  const closingDay = (raw: unknown) => {
    const v = typeof raw === "string" ? raw.trim() : "";
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseRegistrationDay(v, todayInVietnam()) : parseRegistrationDay(v || "x", todayInVietnam());
    return parsed.ok ? parsed.value : null;
  };
  /** Back to the list the form was on (only a missing-rows page of this app). */
  const backTo = (raw: unknown, fallback: string) => {
    const v = typeof raw === "string" ? raw : "";
    return /^\/staff\/department\/registry\/imports\/\d+\/missing(\?page=\d+)?$/.test(v) ? v : fallback;
  };
  const withParam = (url: string, p: string) => `${url}${url.includes("?") ? "&" : "?"}${p}`;
  app.post("/registry/imports/:id/missing/close", need("manageRegistry"), async (c) => {
    const id = idParam(c.req.param("id"));
    const imp = id === null ? undefined : findImport(s.db, id);
    if (!imp || !imp.committedAt) return c.html(<NotFoundPage me={me(c)} />, 404);
    const body = await c.req.parseBody();
    const closedOn = closingDay(body.closedOn);
    if (!closedOn) return missingPage_(c, imp.id, 422, { error: d.registry.closeDateInvalid });
    const ids = (s.db.$client.prepare(`SELECT registry_id id FROM registry_import_missing WHERE import_id = ?`).all(imp.id) as { id: number }[]).map((x) => x.id);
    const closed = closeRegistryRows(s.db, ids, closedOn, me(c).id, imp.id);
    return c.redirect(`/staff/department/registry/imports/${imp.id}/missing?closed=${closed}`, 303);
  });
  app.post("/registry/rows/:id/close", need("manageRegistry"), async (c) => {
    const id = idParam(c.req.param("id"));
    const row = id === null ? undefined : findRegistry(s.db, id);
    const body = await c.req.parseBody();
    const back = backTo(body.back, "/staff/department/registry");
    if (!row) return registryPage(c, 422, { error: d.registry.rowNotFound });
    const closedOn = closingDay(body.closedOn);
    if (!closedOn) {
      const importId = /imports\/(\d+)\//.exec(back)?.[1];
      return importId ? missingPage_(c, Number(importId), 422, { error: d.registry.closeDateInvalid }) : registryPage(c, 422, { error: d.registry.closeDateInvalid });
    }
    const closed = closeRegistryRows(s.db, [row.id], closedOn, me(c).id, null);
    return c.redirect(withParam(back, `closed=${closed}`), 303);
  });
  app.post("/registry/rows/:id/delete", need("manageRegistry"), async (c) => {
    const id = idParam(c.req.param("id"));
    const body = await c.req.parseBody();
    const back = backTo(body.back, "/staff/department/registry");
    const reason = typeof body.reason === "string" ? oneLine(body.reason).trim() : "";
    if (reason.length < 3 || reason.length > 500) {
      const importId = /imports\/(\d+)\//.exec(back)?.[1];
      return importId ? missingPage_(c, Number(importId), 422, { error: d.registry.deleteReasonMissing }) : registryPage(c, 422, { error: d.registry.deleteReasonMissing });
    }
    if (id === null || !deleteRegistryRow(s.db, id, me(c).id, reason)) return registryPage(c, 422, { error: d.registry.rowNotFound });
    return c.redirect(withParam(back, "deleted=1"), 303);
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
      return xlsx(c, tables.map((t, i) => tableSheet(t, `${i + 1}. ${t.title}`)), `bang-tong-hop-${todayInVietnam()}.xlsx`);
    }),
  );
  app.get("/exports/tables/:file", need("readAggregates"), (c) =>
    withFilter(c, (f) => {
      const m = /^([a-zA-Z-]+)\.csv$/.exec(c.req.param("file"));
      const t = m ? dashboardData(s, f, { outbound: true }).tables.find((x) => x.id === m[1]) : undefined;
      if (!t) return c.html(<NotFoundPage me={me(c)} />, 404);
      return csv(c, tableSheet(t), `${fileStem(t.title)}-${todayInVietnam()}.csv`);
    }),
  );
  app.get("/exports/:file", need("readBusinesses"), (c) =>
    withFilter(c, (f) => {
      const m = /^(assessments|answers|support)\.(csv|xlsx)$/.exec(c.req.param("file"));
      if (!m) return c.html(<NotFoundPage me={me(c)} />, 404);
      const kind = m[1] as keyof typeof rowSheets;
      const sheet = rowSheets[kind](s, f, viewer(c));
      const name = `${names[kind]}-${todayInVietnam()}.${m[2]}`;
      return m[2] === "csv" ? csv(c, sheet, name) : xlsx(c, [sheet], name);
    }),
  );

  app.get("/report-761.xlsx", need("readAggregates"), async (c) => {
    const year = Number(c.req.query("year"));
    const thisYear = vietnamYear();
    if (!Number.isInteger(year) || year < 2020 || year > thisYear) return badFilter(c, { year: `năm báo cáo phải từ 2020 đến ${thisYear}` });
    const edition = (c.req.query("edition") ?? "published") as Edition;
    if (!EDITIONS.includes(edition)) return badFilter(c, { edition: "chọn bản công bố hoặc bản của Sở" });
    const now = new Date();
    const r = await figuresOrBusy(c, { day: reportCutoff(year, now).day, year });
    if (!r.ok) return r.page;
    const fig = r.figures;
    const bytes = await workbooks.get(`${fig.day}|${year}|${fig.version}|${edition}|${me(c).id}`, () =>
      inTurn(() => renderYearReport(s, fig, { edition, generatedBy: me(c).name, generatedAt: now })),
    );
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachment(`bao-cao-chuyen-doi-so-nam-${year}${edition === "internal" ? "-ban-cua-so" : ""}.xlsx`),
    });
  });

  return app;
}

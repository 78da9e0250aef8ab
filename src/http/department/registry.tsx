// The business register: imported from a file (preview, then commit), the history of imports,
// and the rows a full import did not have (closed from a day, or deleted).
import { bodyLimit } from "hono/body-limit";
import {
  changedRowsOfImport,
  closeRegistryRows,
  deleteRegistryRow,
  errorPage,
  findImport,
  findRegistry,
  importHistory,
  importHistoryRow,
  missingPage,
  missingStillOpen,
  registryCount,
  rowsOfImport,
} from "../../../db/registry.ts";
import { parseRegistrationDay, registryChanges } from "../../domain/registry.ts";
import { oneLine } from "../../domain/text.ts";
import { todayInVietnam } from "../../domain/vietnamTime.ts";
import { attachment } from "../../services/exports.ts";
import { commitRegistry, MAX_REGISTRY_BYTES, previewInWorker } from "../../services/registryImport.ts";
import { templateCsv, templateXlsx } from "../../services/registryTemplate.ts";
import { fmt, msg } from "../../../views/messages.ts";
import { ImportHistoryPage, ImportPage, MissingPage, RegistryPage } from "../../../views/department/registry.tsx";
import { NotFoundPage } from "../../../views/staff/pages.tsx";
import { idParam } from "../forms.ts";
import { me, need, type Ctx, type DepartmentApp, type DepartmentDeps } from "./common.tsx";

function registryPage(deps: DepartmentDeps, c: Ctx, status: 200 | 400 | 413 | 422, extra: { notice?: string; error?: string } = {}) {
  const { s } = deps;
  const history = importHistory(s.db, 1, 11);
  return c.html(<RegistryPage me={me(c)} count={registryCount(s.db)} history={history.slice(0, 10)} moreHistory={history.length > 10} {...extra} />, status);
}
const ERRORS_PER_PAGE = 100;
/** Changed rows listed on a preview (all of them are counted). */
const LISTED_CHANGES = 100;
const pageOf = (c: Ctx) => Math.min(100_000, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
function importPage(deps: DepartmentDeps, c: Ctx, id: number, status: 200 | 404 | 409 | 422, extra: { notice?: string; error?: string } = {}) {
  const { s, communes } = deps;
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
}

const MISSING_PER_PAGE = 100;
function missingRowsPage(deps: DepartmentDeps, c: Ctx, importId: number, status: 200 | 404 | 422, extra: { notice?: string; error?: string } = {}) {
  const { s, communes } = deps;
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
}

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

export function registerRegistry(app: DepartmentApp, deps: DepartmentDeps) {
  const { s } = deps;

  app.get("/registry", need("manageRegistry"), (c) => registryPage(deps, c, 200));

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
    bodyLimit({ maxSize: MAX_REGISTRY_BYTES + 64 * 1024, onError: (c) => registryPage(deps, c as Ctx, 413, { error: msg().department.registry.tooLarge }) }),
    async (c) => {
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File) || file.size === 0) return registryPage(deps, c, 400, { error: msg().department.registry.noFile });
      // Read and checked off the request thread: a register of 200,000 rows takes seconds.
      const r = await previewInWorker(
        deps.databasePath,
        s.content.communes,
        { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), staffId: me(c).id, fullRegister: body.fullRegister === "1" },
      );
      if (!r.ok) return registryPage(deps, c, r.problem === "too_large" ? 413 : 400, { error: r.problem === "too_large" ? msg().department.registry.tooLarge : r.problem === "empty" ? msg().department.registry.noFile : msg().department.registry.badFile });
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
    return importPage(deps, c, id, 200, { notice: c.req.query("saved") ? msg().department.registry.saved : undefined, error: stale ? msg().department.registry.stale : undefined });
  });

  app.post("/registry/commit", need("manageRegistry"), async (c) => {
    const body = await c.req.parseBody();
    const id = idParam(String(body.importId ?? ""));
    if (id === null) return registryPage(deps, c, 400, { error: msg().department.registry.noFile });
    const r = await commitRegistry(deps.databasePath, s.db, id, { staffId: me(c).id, skipErrors: body.skipErrors === "1" });
    if (r.ok) return c.redirect(`/staff/department/registry/imports/${id}?saved=1`, 303);
    // The register moved since this preview was made: nothing saved, a fresh preview of the same file instead.
    if (r.reason === "stale" && "freshId" in r) return c.redirect(`/staff/department/registry/imports/${r.freshId}?stale=${id}`, 303);
    const refusal = {
      not_found: [404, msg().department.registry.noFile],
      already_committed: [409, msg().department.registry.alreadyCommitted],
      superseded: [409, fmt(msg().department.registry.supersededBy, { link: msg().department.registry.supersededLink })],
      not_ready: [409, msg().department.registry.notReady],
      stale: [409, msg().department.registry.stale],
      has_errors: [422, msg().department.registry.hasErrors],
      nothing_valid: [422, msg().department.registry.nothingValid],
    } as const;
    const [status, message] = refusal[r.reason];
    if (r.reason === "not_found") return c.html(<NotFoundPage me={me(c)} />, 404);
    return importPage(deps, c, id, status, { error: message });
  });


  // ── rows of the register a full import did not have: closed from a day, or deleted ──
  app.get("/registry/imports/:id/missing", need("manageRegistry"), (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return c.html(<NotFoundPage me={me(c)} />, 404);
    const closed = Number(c.req.query("closed") ?? 0);
    return missingRowsPage(deps, c, id, 200, { notice: closed ? fmt(msg().department.registry.closedDone, { n: closed }) : c.req.query("deleted") ? msg().department.registry.deletedDone : undefined });
  });
  app.post("/registry/imports/:id/missing/close", need("manageRegistry"), async (c) => {
    const id = idParam(c.req.param("id"));
    const imp = id === null ? undefined : findImport(s.db, id);
    if (!imp || !imp.committedAt) return c.html(<NotFoundPage me={me(c)} />, 404);
    const body = await c.req.parseBody();
    const closedOn = closingDay(body.closedOn);
    if (!closedOn) return missingRowsPage(deps, c, imp.id, 422, { error: msg().department.registry.closeDateInvalid });
    const ids = (s.db.$client.prepare(`SELECT registry_id id FROM registry_import_missing WHERE import_id = ?`).all(imp.id) as { id: number }[]).map((x) => x.id);
    const closed = closeRegistryRows(s.db, ids, closedOn, me(c).id, imp.id);
    return c.redirect(`/staff/department/registry/imports/${imp.id}/missing?closed=${closed}`, 303);
  });
  app.post("/registry/rows/:id/close", need("manageRegistry"), async (c) => {
    const id = idParam(c.req.param("id"));
    const row = id === null ? undefined : findRegistry(s.db, id);
    const body = await c.req.parseBody();
    const back = backTo(body.back, "/staff/department/registry");
    if (!row) return registryPage(deps, c, 422, { error: msg().department.registry.rowNotFound });
    const closedOn = closingDay(body.closedOn);
    if (!closedOn) {
      const importId = /imports\/(\d+)\//.exec(back)?.[1];
      return importId ? missingRowsPage(deps, c, Number(importId), 422, { error: msg().department.registry.closeDateInvalid }) : registryPage(deps, c, 422, { error: msg().department.registry.closeDateInvalid });
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
      return importId ? missingRowsPage(deps, c, Number(importId), 422, { error: msg().department.registry.deleteReasonMissing }) : registryPage(deps, c, 422, { error: msg().department.registry.deleteReasonMissing });
    }
    if (id === null || !deleteRegistryRow(s.db, id, me(c).id, reason)) return registryPage(deps, c, 422, { error: msg().department.registry.rowNotFound });
    return c.redirect(withParam(back, "deleted=1"), 303);
  });
}

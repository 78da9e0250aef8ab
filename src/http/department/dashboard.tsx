// The Plan 2902 dashboard (today, or at the end of a past day) and the lists behind its numbers:
// assessments, registered businesses, requests for advice.
import { adviceList, LIST_KINDS, listAssessments, type ListKind } from "../../../db/stats.ts";
import { listRegistry } from "../../../db/registry.ts";
import { todayInVietnam } from "../../domain/vietnamTime.ts";
import { dashboardData } from "../../services/stats.ts";
import { fmt, msg } from "../../../views/messages.ts";
import { AdviceListPage, DashboardPage, ListPage, qs, RegistryListPage } from "../../../views/department/pages.tsx";
import { parseFilter } from "./filters.ts";
import { badFilter, figuresOrBusy, me, need, viewer, withFilter, type DepartmentApp, type DepartmentDeps } from "./common.tsx";

const isDay = (x: string) => /^\d{4}-\d{2}-\d{2}$/.test(x) && !Number.isNaN(Date.parse(x)) && new Date(`${x}T00:00:00Z`).toISOString().startsWith(x);

export function registerDashboard(app: DepartmentApp, deps: DepartmentDeps) {
  const { s, communes, figures } = deps;

  app.get("/", need("readAggregates"), (c) =>
    withFilter(s, c, async (f) => {
      const date = c.req.query("date");
      if (date) {
        if (!isDay(date) || date < "2020-01-01" || date > todayInVietnam()) return badFilter(c, { date: msg().department.dashboard.dateInvalid });
        const r = await figuresOrBusy(figures, c, { day: date });
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
    withFilter(s, c, (f) => {
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
        kind === "level" ? fmt(msg().department.list.kinds.level, { level: Number(level ?? 0) }) : kind === "item" ? `${msg().department.list.title}: ${item ?? ""}` : msg().department.list.kinds[kind];
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
    const title = reached === true ? msg().department.list.kinds.reached : reached === false ? msg().department.list.kinds.unreached : msg().department.list.kinds.registered;
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
    withFilter(s, c, (f) => {
      const status = c.req.query("status");
      const statuses = Object.keys(msg().department.adviceStatuses);
      if (status && !statuses.includes(status)) return badFilter(c, { status: "trạng thái không đúng" });
      const list = adviceList(s.db, f, status, 200, viewer(c));
      const rows = list.rows.map((r) => ({ ...r, actionTitle: s.content.actions.actions.find((a) => a.id === r.actionId)?.title ?? r.actionId }));
      return c.html(<AdviceListPage me={me(c)} rows={rows} hidden={list.hidden} communes={communes} title={`${msg().department.dashboard.advice}${status ? `: ${(msg().department.adviceStatuses as Record<string, string>)[status]}` : ""}`} />);
    }),
  );
}

// The department's pages: the Plan 2902 dashboard, the lists behind its numbers, the registry
// import with its preview, linking by hand, and exports. Plain GET forms for filters.
import type { Commune } from "../../src/content/load.ts";
import type { Filter } from "../../src/domain/aggregates.ts";
import type { DashboardData, StatRow, StatTable } from "../../src/services/stats.ts";
import type { ListedAssessment } from "../../db/stats.ts";
import { fmt, msg } from "../messages.ts";
import type { Child } from "hono/jsx";
import { communeOptions, entries, Field, Select } from "../form.tsx";
import { day, StaffPage, type Me } from "../staff/common.tsx";
import { ColumnChart, HBarChart } from "./charts.tsx";
import { IndicatorCard, IndicatorDefinitions } from "./indicators.tsx";
import { vietnamYear } from "../../src/domain/vietnamTime.ts";

const BASE = "/staff/department";
const nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
const num = (x: number | string | null | undefined) => (x === null || x === undefined ? "—" : typeof x === "number" ? nf.format(x) : x);

type Params = Record<string, string | number | undefined | null>;
export function qs(p: Params): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null && v !== "") u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : "";
}
const filterParams = (f: Filter): Params => ({ communeId: f.communeId, sector: f.sector, sizeClass: f.sizeClass, legalForm: f.legalForm });

/** The list behind one number of a table (staff only). */
export function cellHref(t: StatTable, row: StatRow, col: string, f: Filter): string | undefined {
  const narrow = { ...filterParams(f), ...(row.narrow ?? {}) } as Params & { level?: number };
  const list = (kind: string, extra: Params = {}) => `${BASE}/list${qs({ kind, ...narrow, ...extra })}`;
  const registry = (extra: Params = {}) => `${BASE}/registry/list${qs({ ...filterParams(f), ...(row.narrow ?? {}), ...extra })}`;
  if (t.id.startsWith("by-")) {
    if (col === "registered") return registry();
    if (col === "reached" || col === "reachPct") return registry({ reached: 1 });
    if (col === "assessed") return list("assessed");
    if (col === "validated") return list("validated");
    if (col === "statsN" || col === "meanOverall") return list("consent");
    if (col === "platformPct") return list("platform");
    const m = /^level(\d)$/.exec(col);
    if (m) return list("level", { level: m[1] });
  }
  if (t.id === "levels") return row.total ? list("consent") : list("level", { level: row.key });
  if (t.id === "pillars") return list("consent");
  if (t.id === "trend") return list(col === "submitted" ? "assessed" : "consent", { ...(row.total ? {} : { quarter: row.key }), all: 1 });
  if (t.id === "change") return list("pairs");
  if (t.id === "advice") return `${BASE}/advice${qs({ ...filterParams(f), status: row.total ? undefined : row.key })}`;
  // A gap's base is the consenting businesses the question applies to: no list is kept for that.
  if (t.id === "gaps") return col === "base" ? undefined : list("item", { item: `gap:${row.key}` });
  if (t.id === "platforms") return col === "base" ? list("consent") : list("item", { item: `platform:${row.key}` });
  if (t.id === "schemes") return col === "base" ? list("consent") : list("item", { item: `scheme:${row.key}` });
  if (t.id === "infrastructure-skills") return col === "statsN" ? list("consent") : list("item", { item: `weak:${col.slice(5)}` });
  return undefined;
}

function Table(props: { t: StatTable; f: Filter; links: boolean }) {
  const d = msg().department;
  const { t } = props;
  const cols = t.columns.filter((c) => c.key !== "label");
  return (
    <section class="card dept-table" id={`t-${t.id}`} aria-labelledby={`t-${t.id}-h`}>
      <h2 id={`t-${t.id}-h`}>{t.title}</h2>
      {t.lead ? <p class="muted">{t.lead}</p> : null}
      <div class="table-wrap" tabindex={0}>
        <table class="counts">
          <thead>
            <tr>
              <th scope="col">{t.columns[0]!.label}</th>
              {cols.map((c) => (
                <th scope="col">{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.map((r) => (
              <tr class={r.total ? "total" : undefined}>
                <th scope="row">{r.label}</th>
                {cols.map((c) => {
                  const v = r.hidden.includes(c.key) ? d.suppressed : num(r.values[c.key]);
                  const value = r.values[c.key];
                  const href = props.links && typeof value === "number" && value !== 0 ? cellHref(t, r, c.key, props.f) : undefined;
                  return <td>{href ? <a href={href}>{v}</a> : v}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="small">
        <a href={`${BASE}/exports/tables/${t.id}.csv${qs(filterParams(props.f))}`}>{d.dashboard.download} (CSV)</a>
      </p>
    </section>
  );
}

/** One column of a row table: its heading and what each row shows under it. */
interface Column<T> {
  heading: string;
  cell: (row: T) => Child;
}

/** Rows under plain column headings, scrolling sideways on a narrow screen. */
export function RowsTable<T>(props: { columns: Column<T>[]; rows: readonly T[]; class?: string }) {
  return (
    <div class="table-wrap" tabindex={0}>
      <table class={props.class}>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th>{c.heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              {props.columns.map((c) => (
                <td>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A list page's rows (or a line saying there are none), then the link to the next page of them. */
function RowsList<T>(props: { columns: Column<T>[]; rows: readonly T[]; next?: string }) {
  const d = msg().department;
  return (
    <>
      {props.rows.length === 0 ? <p>{d.list.empty}</p> : <RowsTable columns={props.columns} rows={props.rows} />}
      {props.next ? (
        <p>
          <a class="button secondary" href={props.next}>
            {d.list.more}
          </a>
        </p>
      ) : null}
    </>
  );
}

export const sectorName = (sector: string) => (msg().sectors as Record<string, string>)[sector];
export const legalFormName = (legalForm: string) => (msg().legalForms as Record<string, string>)[legalForm];
export const sizeName = (sizeClass: string | null) => (sizeClass ? (msg().sizeClasses as Record<string, string>)[sizeClass] : msg().department.sizeUnknown);

function Filters(props: { communes: Commune[]; f: Filter; action: string; date?: string | null }) {
  const d = msg().department;
  return (
    <form method="get" action={props.action} class="card dept-filters">
      {props.date !== undefined ? (
        <Field id="date" label={d.dashboard.date} hint={d.dashboard.dateHint}>
          <input type="date" id="f-date" name="date" value={props.date ?? ""} min="2020-01-01" />
        </Field>
      ) : null}
      <Field id="communeId" label={msg().profile.commune}>
        <Select id="communeId" value={props.f.communeId} options={communeOptions(props.communes)} placeholder={d.dashboard.allCommunes} />
      </Field>
      <Field id="sector" label={msg().profile.sector}>
        <Select id="sector" value={props.f.sector} options={entries(msg().sectors)} placeholder={d.dashboard.allSectors} />
      </Field>
      <Field id="sizeClass" label={d.list.size}>
        <Select id="sizeClass" value={props.f.sizeClass} options={entries(msg().sizeClasses)} placeholder={d.dashboard.allSizes} />
      </Field>
      <Field id="legalForm" label={msg().profile.legalForm}>
        <Select id="legalForm" value={props.f.legalForm} options={entries(msg().legalForms)} placeholder={d.dashboard.allForms} />
      </Field>
      <div class="actions">
        <button type="submit">{d.dashboard.apply}</button>
        <a href={props.action}>{d.dashboard.clear}</a>
      </div>
    </form>
  );
}

export function DashboardPage(props: { me: Me; data: DashboardData; communes: Commune[]; years: number[]; notice?: string }) {
  const d = msg().department;
  const { data } = props;
  const f = data.filter;
  const h = data.headline;
  const ind = data.indicators;
  const list = (kind: string, extra: Params = {}) => `${BASE}/list${qs({ kind, ...filterParams(f), ...extra })}`;
  const table = (id: string) => data.tables.find((t) => t.id === id)!;
  const asOf = data.asOf;
  const trendT = data.tables.find((t) => t.id === "trend");
  const reachTarget = ind.indicators.find((x) => x.numerator === "reached")?.target.percent;
  const thisYear = vietnamYear();
  const years = [...new Set([...props.years, thisYear - 1, thisYear])].sort((a, b) => b - a);
  return (
    <StaffPage me={props.me} title={d.dashboard.title} notice={props.notice}>
      <p class="lead">{fmt(d.dashboard.lead, { year: ind.targetYear })}</p>
      <Filters communes={props.communes} f={f} action={BASE} date={asOf ?? null} />
      {asOf ? (
        <p class="notice" id="as-of">
          {fmt(d.dashboard.asOf, { date: `${asOf.slice(8, 10)}/${asOf.slice(5, 7)}/${asOf.slice(0, 4)}` })} <a href={`${BASE}${qs(filterParams(f))}`}>{d.dashboard.asOfToday}</a>
        </p>
      ) : null}
      <p class="muted">{d.indicators.lead}</p>
      {h.registered === 0 ? (
        <p class="notice">
          {d.dashboard.noRegistry} <a href={`${BASE}/registry`}>{d.dashboard.importRegistry}</a>
        </p>
      ) : null}
      <div class="kpis">
        {data.indicatorViews.map((v) => (
          <IndicatorCard ind={ind} view={v} href={v.indicator.numerator === "reached" ? `${BASE}/registry/list${qs({ ...filterParams(f), reached: 1 })}` : list("platform")} />
        ))}
        <section class="card kpi" id="kpi-validated">
          <h2>{d.dashboard.kpiValidated}</h2>
          <p class="big-number">
            <a href={list("validated")}>{nf.format(h.validated)}</a>
          </p>
          <p>
            <a href={list("validated")}>{nf.format(h.validated)}</a> / <a href={list("assessed")}>{nf.format(h.assessed)}</a>
          </p>
          <p class="muted">
            {fmt(d.dashboard.validatedOf, { validated: nf.format(h.validated), self: nf.format(h.selfAssessed), assessed: nf.format(h.assessed), guided: nf.format(h.guided) })}
          </p>
          <p>
            <a href={list("self")}>{d.list.kinds.self}</a> · <a href={list("guided")}>{d.list.kinds.guided}</a>
          </p>
        </section>
      </div>
      {data.unlinked > 0 ? (
        <p class="notice">
          <a href={`${BASE}/registry/link${qs({ communeId: f.communeId, sector: f.sector })}`}>{fmt(d.dashboard.unlinked, { n: nf.format(data.unlinked) })}</a>
        </p>
      ) : null}
      <p class="muted">{fmt(d.dashboard.consentNote, { base: nf.format(h.statisticsBase), assessed: nf.format(h.assessed) })}</p>
      {data.pendingDemand > 0 ? <p class="muted">{fmt(d.dashboard.pending, { n: nf.format(data.pendingDemand) })}</p> : null}
      <p class="muted">{d.dashboard.suppressedNote}</p>
      <IndicatorDefinitions ind={ind} />

      {asOf ? null : (
        <>
      <section class="card">
        <h2>{d.dashboard.levels}</h2>
        <ColumnChart
          id="chart-levels"
          title={d.dashboard.levels}
          bars={data.levels.map((n, level) => ({ label: `Mức ${level}`, value: n, href: list("level", { level }) }))}
        />
      </section>
      <section class="card">
        <h2>{d.dashboard.pillars}</h2>
        <HBarChart
          id="chart-pillars"
          title={d.dashboard.pillars}
          max={100}
          bars={data.pillars.map((p) => ({ label: p.shortName, value: p.mean === null ? null : Math.round(p.mean * 10) / 10, text: p.mean === null ? "—" : nf.format(Math.round(p.mean)), href: list("consent") }))}
        />
      </section>
      <section class="card">
        <h2>{d.dashboard.trend}</h2>
        <ColumnChart
          id="chart-trend"
          title={`${d.dashboard.trend}: ${d.columns.submitted}`}
          bars={(trendT?.rows ?? [])
            .filter((r) => !r.total)
            .slice(-12)
            .map((r) => ({ label: `Q${r.key.slice(-1)}/${r.key.slice(0, 4)}`, value: Number(r.values.submitted ?? 0), href: list("assessed", { quarter: r.key, all: 1 }) }))}
        />
      </section>
      <section class="card">
        <h2>{`${d.dashboard.bySector}: ${d.columns.reachPct}`}</h2>
        <HBarChart
          id="chart-sector-reach"
          title={`${d.dashboard.bySector}: ${d.columns.reachPct}`}
          max={100}
          target={reachTarget === undefined ? undefined : { value: reachTarget, label: `${reachTarget}%` }}
          bars={table("by-sector")
            .rows.filter((r) => !r.total)
            .map((r) => ({ label: r.label, value: r.values.reachPct as number | null, text: r.values.reachPct === null ? "—" : `${nf.format(r.values.reachPct as number)}%`, href: `${BASE}/registry/list${qs({ ...filterParams(f), sector: r.key, reached: 1 })}` }))}
        />
      </section>

        </>
      )}

      {data.tables.map((t) => (
        <Table t={t} f={f} links={!asOf} />
      ))}

      <section class="card" id="exports">
        <h2>{d.dashboard.exportsHeading}</h2>
        <p>
          <a class="button secondary" href={`${BASE}/exports/tables.xlsx${qs(filterParams(f))}`}>
            {d.dashboard.downloadAll}
          </a>{" "}
          <a href={`${BASE}/exports${qs(filterParams(f))}`}>{d.exports.title}</a>
        </p>
        <h3>{d.dashboard.yearReport}</h3>
        <p class="muted">{fmt(d.dashboard.yearReportLead, { due: ind.annualReport.due })}</p>
        <form method="get" action={`${BASE}/report-761.xlsx`} class="inline-form">
          <Field id="year" label={d.dashboard.year}>
            <Select id="year" value={String(years.includes(thisYear - 1) ? thisYear - 1 : years[0])} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
          </Field>
          <Field id="edition" label={d.report.edition}>
            <Select id="edition" value="published" options={entries(d.report.editions)} />
          </Field>
          <button type="submit">{d.dashboard.makeReport}</button>
        </form>
      </section>
    </StaffPage>
  );
}

export function ListPage(props: { me: Me; title: string; rows: ListedAssessment[]; communes: Map<string, Commune>; next?: string; exportHref: string }) {
  const d = msg().department;
  return (
    <StaffPage me={props.me} title={props.title}>
      <p class="muted">{d.list.lead}</p>
      <p class="muted">{msg().access.listHidden}</p>
      <p>
        <a href={BASE}>← {d.nav.dashboard}</a> · <a href={props.exportHref}>{d.list.download}</a>
      </p>
      <RowsList
        rows={props.rows}
        next={props.next}
        columns={[
          {
            heading: d.list.name,
            cell: (r) => (
              <>
                <a href={`/staff/assessments/${r.id}`}>{r.businessName}</a>
                {r.round > 1 ? <span class="tag">T{r.round - 1}</span> : null}
              </>
            ),
          },
          { heading: d.list.taxCode, cell: (r) => r.taxCode ?? "—" },
          { heading: d.list.commune, cell: (r) => props.communes.get(r.communeId)?.name ?? r.communeId },
          { heading: d.list.sector, cell: (r) => sectorName(r.sector) },
          { heading: d.list.size, cell: (r) => sizeName(r.sizeClass) },
          { heading: d.list.level, cell: (r) => r.level },
          { heading: d.list.score, cell: (r) => nf.format(r.overall) },
          { heading: d.list.submitted, cell: (r) => day(r.submittedAt) },
          { heading: d.list.validated, cell: (r) => (r.validated ? d.list.yes : d.list.no) },
        ]}
      />
    </StaffPage>
  );
}

export function RegistryListPage(props: {
  me: Me;
  title: string;
  rows: { id: number; taxCode: string | null; name: string; legalForm: string; communeId: string; sector: string; sizeClass: string | null; reached: number }[];
  communes: Map<string, Commune>;
  next?: string;
}) {
  const d = msg().department;
  return (
    <StaffPage me={props.me} title={props.title}>
      <p>
        <a href={BASE}>← {d.nav.dashboard}</a>
      </p>
      <RowsList
        rows={props.rows}
        next={props.next}
        columns={[
          { heading: d.list.name, cell: (r) => r.name },
          { heading: d.list.taxCode, cell: (r) => r.taxCode ?? "—" },
          { heading: msg().profile.legalForm, cell: (r) => legalFormName(r.legalForm) },
          { heading: d.list.commune, cell: (r) => props.communes.get(r.communeId)?.name ?? r.communeId },
          { heading: d.list.sector, cell: (r) => sectorName(r.sector) },
          { heading: d.list.size, cell: (r) => sizeName(r.sizeClass) },
          { heading: d.columns.reached, cell: (r) => (r.reached ? d.list.yes : d.list.no) },
        ]}
      />
    </StaffPage>
  );
}

export function LinkPage(props: {
  me: Me;
  items: { id: number; name: string; taxCode: string | null; communeId: string; sector: string; legalForm: string; submittedAt: string; candidates: { id: number; name: string; taxCode: string | null; reached: boolean }[] }[];
  /** Unlinked self-assessments the officer may not see (counted, never named). */
  hidden: number;
  links: { assessmentId: number; name: string | null; taxCode: string | null; registryName: string; registryTaxCode: string | null; communeId: string; linkedAt: string }[];
  communes: Commune[];
  f: Filter;
  notice?: string;
  error?: string;
}) {
  const d = msg().department;
  const byId = new Map(props.communes.map((c) => [c.id, c]));
  return (
    <StaffPage me={props.me} title={d.registry.link} notice={props.notice} error={props.error}>
      <p class="lead">{d.registry.linkLead}</p>
      <form method="get" action={`${BASE}/registry/link`} class="card dept-filters">
        <Field id="communeId" label={msg().profile.commune}>
          <Select id="communeId" value={props.f.communeId} options={communeOptions(props.communes)} placeholder={d.dashboard.allCommunes} />
        </Field>
        <div class="actions">
          <button type="submit">{d.dashboard.apply}</button>
        </div>
      </form>
      {props.items.length === 0 ? <p>{d.list.empty}</p> : null}
      {props.hidden ? <p class="muted">{fmt(msg().access.linkHidden, { n: nf.format(props.hidden) })}</p> : null}
      {props.items.map((it) => (
        <form method="post" action={`${BASE}/registry/link`} class="card">
          <p>
            <strong>{it.name}</strong> · {byId.get(it.communeId)?.name ?? it.communeId} · {legalFormName(it.legalForm)} · {day(it.submittedAt)}
          </p>
          <input type="hidden" name="assessmentId" value={String(it.id)} />
          <label class="field" for={`f-reg-${it.id}`}>
            {d.registry.linkTo}
          </label>
          <select id={`f-reg-${it.id}`} name="registryId" required>
            <option value="">{d.registry.linkPick}</option>
            {it.candidates.map((c) => (
              <option value={String(c.id)}>
                {c.name}
                {c.taxCode ? ` (${c.taxCode})` : ""}
                {c.reached ? ` — ${d.registry.alreadyReached}` : ""}
              </option>
            ))}
          </select>
          <div class="actions">
            <button type="submit" class="secondary">
              {d.registry.linkSave}
            </button>
          </div>
        </form>
      ))}
      {props.links.length ? (
        <section class="card">
          <h2>{d.registry.manualLinks}</h2>
          <p>{d.registry.manualLinksLead}</p>
          <ul>
            {props.links.map((l) => (
              <li>
                <form method="post" action={`${BASE}/registry/unlink`} class="inline-form">
                  <input type="hidden" name="assessmentId" value={String(l.assessmentId)} />
                  {l.name === null ? <em>{msg().access.hiddenSide}</em> : <strong>{l.name}</strong>}
                  {l.taxCode ? ` (${l.taxCode})` : ""} → {l.registryName}
                  {l.registryTaxCode ? ` (${l.registryTaxCode})` : ""} · {byId.get(l.communeId)?.name ?? l.communeId} · {day(l.linkedAt)}{" "}
                  <button type="submit" class="secondary">
                    {d.registry.unlink}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </StaffPage>
  );
}

export function ExportsPage(props: { me: Me; f: Filter; tables: { id: string; title: string }[]; communes: Commune[] }) {
  const d = msg().department;
  const q = qs(filterParams(props.f));
  return (
    <StaffPage me={props.me} title={d.exports.title}>
      <p class="lead">{d.exports.lead}</p>
      <Filters communes={props.communes} f={props.f} action={`${BASE}/exports`} />
      <p class="notice">{d.exports.rowLevelNote}</p>
      <p class="muted">{d.exports.dialects}</p>
      <table>
        <tbody>
          {(
            [
              ["assessments", d.exports.assessments],
              ["answers", d.exports.answers],
              ["support", d.exports.support],
            ] as const
          ).map(([id, label]) => (
            <tr>
              <th scope="row">{label}</th>
              <td>
                <a href={`${BASE}/exports/${id}.csv${q}`}>{d.exports.csv}</a>
              </td>
              <td>
                <a href={`${BASE}/exports/${id}.csv${qs({ ...filterParams(props.f), excel: "vi" })}`}>{d.exports.csvExcelVi}</a>
              </td>
              <td>
                <a href={`${BASE}/exports/${id}.xlsx${q}`}>{d.exports.xlsx}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{d.exports.tables}</h2>
      <p>
        <a class="button secondary" href={`${BASE}/exports/tables.xlsx${q}`}>
          {d.dashboard.downloadAll}
        </a>
      </p>
      <ul>
        {props.tables.map((t) => (
          <li>
            <a href={`${BASE}/exports/tables/${t.id}.csv${q}`}>{t.title} (CSV)</a> ·{" "}
            <a href={`${BASE}/exports/tables/${t.id}.csv${qs({ ...filterParams(props.f), excel: "vi" })}`}>{d.exports.csvExcelVi}</a>
          </li>
        ))}
      </ul>
    </StaffPage>
  );
}

export function AdviceListPage(props: {
  me: Me;
  rows: { id: number; businessName: string; communeId: string; actionTitle: string; status: string; createdAt: string; assessmentId: number }[];
  hidden: number;
  communes: Map<string, Commune>;
  title: string;
}) {
  const d = msg().department;
  return (
    <StaffPage me={props.me} title={props.title}>
      <p>
        <a href={BASE}>← {d.nav.dashboard}</a>
      </p>
      {props.hidden ? <p class="muted">{fmt(msg().access.adviceHidden, { n: nf.format(props.hidden) })}</p> : null}
      <RowsList
        rows={props.rows}
        columns={[
          {
            heading: d.list.name,
            cell: (r) => (
              <>
                <a href={`/staff/assessments/${r.assessmentId}`}>{r.businessName}</a>
                <br />
                <span class="muted">{r.actionTitle}</span>
              </>
            ),
          },
          { heading: d.list.commune, cell: (r) => props.communes.get(r.communeId)?.name ?? r.communeId },
          { heading: d.columns.status, cell: (r) => (d.adviceStatuses as Record<string, string>)[r.status] ?? r.status },
          { heading: d.list.submitted, cell: (r) => day(r.createdAt) },
        ]}
      />
    </StaffPage>
  );
}

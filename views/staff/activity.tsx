// The centre's activity page: four tables (requests for advice, re-assessments due, advisors'
// work, support against the budget), each downloadable as CSV (standard or for Excel in
// Vietnamese) and all together as one Excel workbook.
import type { Activity } from "../../src/services/activity.ts";
import type { StatTable } from "../../src/services/stats.ts";
import { fmt, msg } from "../messages.ts";
import { StaffPage, when, type Me } from "./common.tsx";
import { Field, Select } from "../form.tsx";

const nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
const num = (x: unknown) => (x === null || x === undefined ? "—" : typeof x === "number" ? nf.format(x) : String(x));
const BASE = "/staff/activity";

function ActivityTable(props: { t: StatTable; year: number }) {
  const a = msg().department.activity;
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
                {cols.map((c) => (
                  <td>{num(r.values[c.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="small">
        <a href={`${BASE}/tables/${t.id}.csv?year=${props.year}`}>{a.csv}</a> · <a href={`${BASE}/tables/${t.id}.csv?year=${props.year}&excel=vi`}>{a.csvExcelVi}</a>
      </p>
    </section>
  );
}

export function ActivityPage(props: { me: Me; data: Activity; years: number[] }) {
  const a = msg().department.activity;
  const { data } = props;
  const b = data.budget;
  const money = (x: number | null) => (x === null ? "—" : nf.format(x));
  return (
    <StaffPage me={props.me} title={a.title}>
      <p class="lead">{fmt(a.lead, { at: when(data.at) })}</p>
      <form method="get" action={BASE} class="inline-form">
        <Field id="year" label={a.year}>
          <Select id="year" value={String(data.year)} options={props.years.map((y) => ({ value: String(y), label: String(y) }))} />
        </Field>
        <button type="submit">{a.show}</button>{" "}
        <a class="button secondary" href={`${BASE}/export.xlsx?year=${data.year}`}>
          {a.downloadXlsx}
        </a>
      </form>
      <section class="card kpi" id="budget">
        <h2>{fmt(a.support, { year: data.year })}</h2>
        <p>
          <strong>
            {b.budgetVnd === null
              ? fmt(a.budgetMissing, { spent: money(b.spentVnd), year: data.year })
              : fmt(a.budget, { year: data.year, total: money(b.budgetVnd), spent: money(b.spentVnd), pct: b.usedPct === null ? "—" : `${nf.format(b.usedPct)}%`, remaining: money(b.remainingVnd) })}
          </strong>
        </p>
        {b.budgetVnd === null ? <p class="notice">{fmt(a.noBudget, { year: data.year })}</p> : null}
        {b.withoutAmount > 0 ? <p class="muted">{fmt(a.withoutAmount, { n: nf.format(b.withoutAmount) })}</p> : null}
      </section>
      {data.tables.map((t) => (
        <ActivityTable t={t} year={data.year} />
      ))}
    </StaffPage>
  );
}

// The Plan 2902 indicators on the department's dashboard: each for the population the plan names,
// the other populations beside it, every assessment next to validated ones only, the target path
// 2026-2030 and the gap to this year's step; and the definitions as a table.
import type { Figure, IndicatorView, Indicators } from "../../src/domain/indicators.ts";
import { targetPath } from "../../src/domain/indicators.ts";
import { fmt, msg } from "../messages.ts";
import { TargetBar } from "./charts.tsx";

const nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
const pctText = (x: number | null) => (x === null ? "—" : `${nf.format(x)}%`);
const ruleText = (r: string) => (r === "at_least" ? msg().department.dashboard.ruleAtLeast : msg().department.dashboard.ruleMoreThan);

function progressLine(x: Figure, year: number, noun: string) {
  const m = msg().department.indicators;
  const d = msg().department;
  const p = x.progress;
  if (p.valuePct === null) return fmt(m.noBase, { population: noun });
  if (p.met) return fmt(m.met, { year });
  if (p.gapPts === 0) return fmt(m.atTarget, { year, n: nf.format(p.stillNeeded ?? 0) });
  return fmt(m.gap, { year, pts: nf.format(p.gapPts ?? 0), n: nf.format(p.stillNeeded ?? 0) });
}

export function IndicatorCard(props: { ind: Indicators; view: IndicatorView; href: string }) {
  const m = msg().department.indicators;
  const d = msg().department;
  const { ind, view: v } = props;
  const x = v.indicator;
  const noun = v.population.noun;
  const ms = v.milestone;
  const id = `ind-${x.id}`;
  return (
    <section class="card kpi indicator" id={id}>
      <h2>{x.name}</h2>
      <p class="big-number">
        <a href={props.href}>{pctText(v.all.valuePct)}</a>
      </p>
      <p class="muted">{fmt(m.of, { n: nf.format(v.all.numerator), d: nf.format(v.all.denominator), population: noun })}</p>
      <p>{fmt(m.validatedOnly, { pct: pctText(v.validated.valuePct), n: nf.format(v.validated.numerator), d: nf.format(v.validated.denominator) })}</p>
      <TargetBar
        id={`${id}-chart`}
        title={`${x.name}: ${pctText(v.all.valuePct)} / ${x.target.percent}%`}
        valuePct={v.all.valuePct}
        targetPct={x.target.percent}
        targetLabel={fmt(d.dashboard.targetMark, { pct: x.target.percent, year: ind.targetYear })}
      />
      <p>
        {fmt(m.targetLine, { year: ind.targetYear, rule: ruleText(x.target.rule), pct: x.target.percent })} <strong>{progressLine(v.all, ind.targetYear, noun)}</strong>
      </p>
      {v.all.progress.met && !v.validated.progress.met ? (
        <p class="notice" id={`${id}-self-reported`}>
          {fmt(m.metSelfReported, { pct: pctText(v.validated.valuePct), n: nf.format(v.validated.numerator), d: nf.format(v.validated.denominator) })}
        </p>
      ) : null}
      {ms && ms.kind !== "target" ? (
        <p class={ms.kind === "placeholder" ? "notice" : undefined}>
          <strong>
            {ms.progress.valuePct === null
              ? fmt(m.milestone, { year: ms.year, pct: nf.format(ms.percent) })
              : ms.progress.met
                ? fmt(m.milestoneMet, { year: ms.year, pct: nf.format(ms.percent) })
                : fmt(m.milestoneGap, { year: ms.year, pct: nf.format(ms.percent), pts: nf.format(ms.progress.gapPts ?? 0), n: nf.format(ms.progress.stillNeeded ?? 0) })}
          </strong>{" "}
          {ms.kind === "placeholder" ? fmt(m.placeholderNote, { targetYear: ind.targetYear }) : fmt(m.approvedNote, { by: x.milestones.approvedBy ?? "" })}
        </p>
      ) : null}
      {v.all.sizeUnknown > 0 ? <p class="muted">{fmt(v.population.sizeUnknown === "include" ? m.sizeUnknown : m.sizeUnknownExcluded, { n: nf.format(v.all.sizeUnknown) })}</p> : null}
      {v.sample ? (
        <div class="sample">
          <p>
            {fmt(m.sample, {
              n: nf.format(v.sample.assessed),
              population: noun,
              pct: pctText(v.sample.valuePct),
              vpct: pctText(v.sample.validatedPct),
              vn: nf.format(v.sample.validatedAssessed),
            })}
          </p>
          <p class={v.sample.metAmongAssessed && !v.all.progress.met ? "notice" : "muted"}>
            {fmt(v.sample.metAmongAssessed && !v.all.progress.met ? m.sampleMet : m.sampleCaveat, {
              rule: ruleText(x.target.rule),
              pct: x.target.percent,
              coverage: pctText(v.sample.registryCoveragePct),
              population: noun,
            })}
          </p>
        </div>
      ) : null}
      <details>
        <summary>{m.compareHeading}</summary>
        <div class="table-wrap" tabindex={0}>
          <table class="counts">
            <thead>
              <tr>
                <th scope="col">{m.group}</th>
                <th scope="col">{m.value}</th>
                <th scope="col">{m.validated}</th>
                <th scope="col">{m.count}</th>
              </tr>
            </thead>
            <tbody>
              {[{ population: v.population, all: v.all, validated: v.validated }, ...v.compare].map((c) => (
                <tr>
                  <th scope="row">{c.population.name}</th>
                  <td>{pctText(c.all.valuePct)}</td>
                  <td>{pctText(c.validated.valuePct)}</td>
                  <td>{`${nf.format(c.all.numerator)}/${nf.format(c.all.denominator)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <details>
        <summary>{fmt(m.path, { from: ind.planStartYear, to: ind.targetYear })}</summary>
        <table class="counts">
          <thead>
            <tr>
              <th scope="col">{m.pathYear}</th>
              <th scope="col">{m.pathValue}</th>
              <th scope="col">{m.pathKindHeading}</th>
            </tr>
          </thead>
          <tbody>
            {targetPath(ind, x).map((p) => (
              <tr class={ms && p.year === ms.year ? "total" : undefined}>
                <th scope="row">{p.year}</th>
                <td>{p.milestone ? `${p.milestone.rule === "more_than" ? "> " : ""}${nf.format(p.milestone.percent)}` : "—"}</td>
                <td>{p.milestone ? m.pathKind[p.milestone.kind] : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

/** What each indicator counts, over what, for which businesses. */
export function IndicatorDefinitions(props: { ind: Indicators }) {
  const m = msg().department.indicators;
  const { ind } = props;
  const pop = (id: string) => ind.populations.find((p) => p.id === id)!;
  return (
    <section class="card" id="indicator-definitions">
      <details>
        <summary>
          <strong>{m.definitions}</strong>
        </summary>
        <p class="muted">{m.definitionsLead}</p>
        <div class="table-wrap" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.defIndicator}</th>
                <th scope="col">{m.defPopulation}</th>
                <th scope="col">{m.defNumerator}</th>
                <th scope="col">{m.defDenominator}</th>
                <th scope="col">{fmt(m.defTarget, { year: ind.targetYear })}</th>
              </tr>
            </thead>
            <tbody>
              {ind.indicators.map((x) => {
                const p = pop(x.population);
                return (
                  <tr>
                    <th scope="row">{x.name}</th>
                    <td>
                      <strong>{p.name}</strong>: {p.definition}
                    </td>
                    <td>{fmt(m.terms[x.numerator], { population: p.noun })}</td>
                    <td>{fmt(m.terms[x.denominator], { population: p.name })}</td>
                    <td>{`${ruleText(x.target.rule)} ${x.target.percent}%`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

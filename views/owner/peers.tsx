// The peer comparison on the owner's result: median and top quartile of consenting businesses of the
// same sector and size class, or why there is none yet. The business's own scores are shown as the
// headline shows them (one decimal), so "Điểm chung: 63,5/100" is not "Bạn 64" a few lines below.
import type { PeerBenchmark } from "../../src/services/peers.ts";
import { fmt, intlLocale, msg } from "../messages.ts";

const whole = { format: (n: number) => n.toLocaleString(intlLocale(), { maximumFractionDigits: 0 }) };
const oneDecimal = { format: (n: number) => n.toLocaleString(intlLocale(), { maximumFractionDigits: 1 }) };
const show = (x: number | null | undefined) => (x === null || x === undefined ? "—" : whole.format(Math.round(x)));
/** Scores are stored rounded to one decimal (scoring.round1); the headline prints them as they are. */
const showOwn = (x: number | null | undefined) => (x === null || x === undefined ? "—" : oneDecimal.format(x));

export function PeerSection(props: { peers: PeerBenchmark; own: { id: string; score: number | null }[]; overall: number }) {
  const p = msg().department.peers;
  const b = props.peers;
  // "Nông nghiệp – sản phẩm OCOP" → "nông nghiệp – sản phẩm OCOP" inside a sentence.
  const lowerFirst = (x: string) => x.charAt(0).toLowerCase() + x.slice(1);
  const sector = lowerFirst((msg().sectors as Record<string, string>)[b.sector] ?? b.sector);
  const size = lowerFirst((msg().sizeClasses as Record<string, string>)[b.sizeClass] ?? b.sizeClass);
  if (!b.ok)
    return (
      <section class="card" id="peers">
        <h2>{p.heading}</h2>
        <p class="muted">{fmt(p.tooFew, { min: b.minPeers, sector, size, n: b.peers })}</p>
      </section>
    );
  const own = new Map(props.own.map((x) => [x.id, x.score]));
  return (
    <section class="card" id="peers">
      <h2>{p.heading}</h2>
      <p>{fmt(p.lead, { n: b.peers, sector, size })}</p>
      <div class="table-wrap" tabindex={0}>
        <table class="counts">
          <thead>
            <tr>
              <th scope="col">{p.pillar}</th>
              <th scope="col">{p.you}</th>
              <th scope="col">{p.median}</th>
              <th scope="col">{p.topQuartile}</th>
            </tr>
          </thead>
          <tbody>
            <tr class="total">
              <th scope="row">{p.overall}</th>
              <td>{showOwn(props.overall)}</td>
              <td>{show(b.overall.median)}</td>
              <td>{show(b.overall.topQuartile)}</td>
            </tr>
            {b.pillars.map((x) => (
              <tr>
                <th scope="row">{x.shortName}</th>
                <td>{showOwn(own.get(x.id))}</td>
                <td>{show(x.median)}</td>
                <td>{show(x.topQuartile)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{p.legend}</p>
    </section>
  );
}

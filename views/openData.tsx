// The public page of the open data: what it is, how it is computed and protected, every field.
import type { OpenData, OpenDataReachRow, OpenDataTableRow } from "../src/services/openData.ts";
import { Layout } from "./layout.tsx";
import { fmt, msg } from "./messages.ts";

const nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
const n = (x: number | null) => (x === null ? "x" : nf.format(x));
const p = (x: number | null) => (x === null ? "x" : `${nf.format(x)}%`);

const TABLE_NAMES: Record<keyof OpenData["tables"], string> = {
  by_sector: "Theo ngành",
  by_commune: "Theo xã/phường",
  by_size: "Theo quy mô (Nghị định 80/2021)",
  by_legal_form: "Theo loại hình",
  reach_by_sector: "Tiếp cận theo ngành: cơ sở trong sổ đăng ký đã được đánh giá",
  reach_by_commune: "Tiếp cận theo xã/phường: cơ sở trong sổ đăng ký đã được đánh giá",
};

function ReadinessTable(props: { id: string; rows: OpenDataTableRow[] }) {
  return (
    <section class="card">
      <h2>{TABLE_NAMES[props.id as keyof OpenData["tables"]]}</h2>
      <div class="table-wrap" tabindex={0}>
        <table class="counts">
          <thead>
            <tr>
              <th scope="col">Nhóm</th>
              <th scope="col">Số cơ sở</th>
              <th scope="col">Dùng nền tảng số</th>
              <th scope="col">Điểm TB</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr class={r.total ? "total" : undefined}>
                <th scope="row">{r.name}</th>
                <td>{n(r.businesses)}</td>
                <td>{p(r.platform_use_pct)}</td>
                <td>{n(r.mean_overall)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="small">
        <a href={`/open-data/tables/${props.id}.csv`}>{props.id}.csv</a>
      </p>
    </section>
  );
}

function ReachTable(props: { id: string; rows: OpenDataReachRow[] }) {
  return (
    <section class="card">
      <h2>{TABLE_NAMES[props.id as keyof OpenData["tables"]]}</h2>
      <div class="table-wrap" tabindex={0}>
        <table class="counts">
          <thead>
            <tr>
              <th scope="col">Nhóm</th>
              <th scope="col">Trong sổ đăng ký</th>
              <th scope="col">Đã đánh giá</th>
              <th scope="col">Tỷ lệ</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr class={r.total ? "total" : undefined}>
                <th scope="row">{r.name}</th>
                <td>{nf.format(r.registered)}</td>
                <td>{n(r.businesses)}</td>
                <td>{p(r.reach_pct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="small">
        <a href={`/open-data/tables/${props.id}.csv`}>{props.id}.csv</a>
      </p>
    </section>
  );
}

/** The share of the register the assessed businesses are: the figures rest on businesses that chose to take part. */
export function selfSelectedNote(o: OpenData): string {
  const m = msg().department.openData;
  const registered = o.tables.reach_by_sector.find((r) => r.total)?.registered ?? 0;
  const n = o.total.businesses ?? 0;
  if (!registered) return fmt(m.selfSelectedNoRegistry, { n: nf.format(n) });
  return fmt(m.selfSelected, { n: nf.format(n), registered: nf.format(registered), coverage: `${nf.format(Math.round((1000 * n) / registered) / 10)}%` });
}

export function OpenDataPage(props: { method: string[]; data: OpenData }) {
  const o = props.data;
  const shown = o.rows.filter((r) => !r.suppressed).length;
  const fields: [string, string][] = [
    ["sector, sector_name", "Ngành: ocop (Nông nghiệp – OCOP), tourism (Du lịch cộng đồng), border_trade (Thương mại biên mậu), other (ngành khác); * = tất cả"],
    ["commune_id, commune_name", "Xã/phường (45 đơn vị hành chính cấp xã từ 01/07/2025); * = toàn tỉnh"],
    ["size_class, size_class_name", "Quy mô theo Nghị định 80/2021: micro (siêu nhỏ), small (nhỏ), medium (vừa), large (lớn)"],
    ["suppressed", "1 (true) khi nhóm bị ẩn: mọi số của dòng để trống (null)"],
    ["businesses", "Số cơ sở (bài đánh giá mới nhất của mỗi cơ sở, đã đồng ý cho dùng số liệu thống kê)"],
    ["platform_use_pct", "Tỷ lệ cơ sở dùng nền tảng số trong sản xuất, kinh doanh (%)"],
    ["mean_overall", "Điểm sẵn sàng chung trung bình (0-100)"],
    ["level_N_pct", "Tỷ lệ cơ sở ở mức N (0-5), %: chỉ công bố cho toàn tỉnh (dòng total); trong các nhóm để trống"],
    ["pillar_ID_mean", "Điểm trung bình của trụ cột ID (0-100); trống khi dưới 5 cơ sở có điểm trụ cột này"],
  ];
  return (
    <Layout title={msg().department.openData.title}>
      <h1>{msg().department.openData.title}</h1>
      <p class="lead">
        Số liệu tổng hợp, không có dữ liệu của từng cơ sở. Tải về: <a href="/open-data/readiness.csv">readiness.csv</a> (CSV, UTF-8) hoặc{" "}
        <a href="/open-data/readiness.json">readiness.json</a> (JSON).
      </p>
      <section class="card">
        <h2>Toàn tỉnh</h2>
        {o.total.suppressed ? (
          <p>Chưa đủ cơ sở để công bố.</p>
        ) : (
          <p>
            {nf.format(o.total.businesses ?? 0)} cơ sở; dùng nền tảng số: {o.total.platform_use_pct === null ? "—" : `${nf.format(o.total.platform_use_pct)}%`}; điểm trung bình:{" "}
            {o.total.mean_overall === null ? "—" : nf.format(o.total.mean_overall)}/100.
          </p>
        )}
        {o.total.suppressed ? null : <p id="self-selected">{selfSelectedNote(o)}</p>}
        <p class="muted">
          {o.rows.length} nhóm ngành × xã/phường × quy mô; {shown} nhóm được công bố, còn lại bị ẩn vì dưới {o.min_group_size} cơ sở (hoặc ẩn kèm).{" "}
          Theo xã/phường: {o.tables.by_commune.filter((r) => !r.total && !r.suppressed).length}/{o.tables.by_commune.length - 1} xã/phường được công bố (
          <a href="/open-data/tables/by_commune.csv">by_commune.csv</a>); tiếp cận theo xã/phường: {o.tables.reach_by_commune.filter((r) => !r.total && !r.suppressed).length}/
          {o.tables.reach_by_commune.length - 1} (<a href="/open-data/tables/reach_by_commune.csv">reach_by_commune.csv</a>). Ô ghi x là nhóm bị ẩn.
        </p>
      </section>
      <ReadinessTable id="by_sector" rows={o.tables.by_sector} />
      <ReadinessTable id="by_size" rows={o.tables.by_size} />
      <ReadinessTable id="by_legal_form" rows={o.tables.by_legal_form} />
      <ReachTable id="reach_by_sector" rows={o.tables.reach_by_sector} />
      <section class="card">
        {props.method.map((line, i) => (i === 0 ? <h2>{line}</h2> : <p>{line}</p>))}
        <p>
          Dữ liệu mở gồm các nhóm ngành × xã/phường × quy mô (rows), các bảng theo ngành, xã/phường, quy mô, loại hình (tables.by_*), tiếp cận theo ngành và xã/phường
          (tables.reach_*) và dòng toàn tỉnh. Mọi bảng được bảo vệ cùng nhau: nhóm dưới {o.min_group_size} cơ sở bị ẩn; nhóm ô trống cũng bị ẩn, để dữ liệu không cho biết
          nơi nào có nhóm nhỏ; rồi ẩn thêm (trước hết là các ô ngành × xã/phường × quy mô) cho đến khi không số bị ẩn nào tính ngược ra được từ toàn bộ các số được công bố,
          kể cả khi cộng trừ giữa các bảng. Tỷ lệ từng mức (0-5) chỉ công bố cho toàn tỉnh. Số cơ sở trong sổ đăng ký là số liệu công khai, không bị ẩn.
        </p>
      </section>
      <section class="card">
        <h2>Các cột</h2>
        <p>
          Bảng <code>tables.by_sector</code>, <code>by_commune</code>, <code>by_size</code>, <code>by_legal_form</code>: mỗi dòng có <code>key</code>, <code>name</code>,{" "}
          <code>total</code> (dòng toàn tỉnh), <code>suppressed</code>, <code>businesses</code>, <code>platform_use_pct</code>, <code>mean_overall</code>,{" "}
          <code>pillar_means</code>. Bảng <code>tables.reach_by_sector</code>, <code>reach_by_commune</code>: <code>registered</code> (cơ sở trong sổ đăng ký),{" "}
          <code>businesses</code> (trong số đó, cơ sở đã có bài đánh giá), <code>reach_pct</code>. Số bị ẩn là null (để trống trong CSV).
        </p>
        <table>
          <tbody>
            {fields.map(([k, v]) => (
              <tr>
                <th scope="row">
                  <code>{k}</code>
                </th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted">
          Trụ cột: {o.pillars.map((p) => `${p.id} (${p.name})`).join("; ")}. Mức: {o.levels.map((l) => `${l.level} ${l.name}`).join("; ")}. Bộ câu hỏi {o.questionnaire.id}{" "}
          phiên bản {o.questionnaire.version}.
        </p>
      </section>
    </Layout>
  );
}

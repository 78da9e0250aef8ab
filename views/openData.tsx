// The public page of the open data: what it is, how it is computed and protected, every field.
import type { OpenData } from "../src/services/openData.ts";
import { Layout } from "./layout.tsx";
import { vi } from "./messages.ts";

const nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

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
    ["level_N_pct", "Tỷ lệ cơ sở ở mức N (0-5), %"],
    ["pillar_ID_mean", "Điểm trung bình của trụ cột ID (0-100); trống khi dưới 5 cơ sở có điểm trụ cột này"],
  ];
  return (
    <Layout title={vi.department.openData.title}>
      <h1>{vi.department.openData.title}</h1>
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
        <p class="muted">
          {o.rows.length} nhóm ngành × xã/phường × quy mô; {shown} nhóm được công bố, còn lại bị ẩn vì dưới {o.min_group_size} cơ sở (hoặc ẩn kèm).
        </p>
      </section>
      <section class="card">
        {props.method.map((line, i) => (i === 0 ? <h2>{line}</h2> : <p>{line}</p>))}
        <p>
          Dữ liệu mở chỉ có các nhóm ngành × xã/phường × quy mô và một dòng toàn tỉnh. Nhóm trống cũng bị ẩn, để dữ liệu không cho biết nơi nào có nhóm nhỏ. Khi tổng các nhóm bị ẩn dưới{" "}
          {o.min_group_size} cơ sở, nhóm nhỏ nhất kế tiếp cũng bị ẩn, để dòng toàn tỉnh trừ đi các dòng được công bố không cho ra một nhóm dưới {o.min_group_size} cơ sở.
        </p>
      </section>
      <section class="card">
        <h2>Các cột</h2>
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

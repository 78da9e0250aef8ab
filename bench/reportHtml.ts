// The same report as HTML + print CSS, for the headless-Chromium baseline of bench/pdf.ts: the
// same ReportData, the same sections, fonts and vector radar, so both renderers lay out the same
// content. Bench-only: the service serves the react-pdf document.
import { fmt, vi } from "../views/messages.ts";
import type { ReportData } from "../src/pdf/reportData.ts";

const t = vi.report.pdf;
const esc = (s: string | number) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
// One formatter for the whole run: toLocaleString builds a new one on every call.
const numberFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
const num = (x: number) => numberFormat.format(x);
const score = (x: number | null) => (x === null ? "—" : String(Math.round(x)));

function radar(d: ReportData): string {
  const W = 280, H = 236, cx = W / 2, cy = H / 2 + 4, r = 70, n = d.pillars.length;
  const pt = (i: number, v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + Math.cos(a) * r * (v / 100), cy + Math.sin(a) * r * (v / 100)] as const;
  };
  const poly = (vals: (number | null)[]) => vals.map((v, i) => pt(i, v ?? 0).map((x) => x.toFixed(1)).join(",")).join(" ");
  const rings = [25, 50, 75, 100].map((v) => `<polygon points="${poly(d.pillars.map(() => v))}" fill="none" stroke="#c9d1d9" stroke-width="0.7"/>`).join("");
  const axes = d.pillars.map((_, i) => { const [x, y] = pt(i, 100); return `<line x1="${cx}" y1="${cy}" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#c9d1d9" stroke-width="0.7"/>`; }).join("");
  const labels = d.pillars
    .map((p, i) => {
      const [x, y] = pt(i, 118);
      const anchor = Math.abs(x - cx) < 6 ? "middle" : x > cx ? "start" : "end";
      return `<text x="${x.toFixed(1)}" y="${(y - 2).toFixed(1)}" text-anchor="${anchor}" font-size="7.5">${esc(p.shortName)}<tspan x="${x.toFixed(1)}" dy="9" font-weight="700" fill="#0b6e4f">${score(p.score)}</tspan></text>`;
    })
    .join("");
  const peer = d.peers ? `<polygon points="${poly(d.peers.values)}" fill="none" stroke="#8a4b00" stroke-width="1.4" stroke-dasharray="4 3"/>` : "";
  return `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${rings}${axes}<polygon points="${poly(d.pillars.map((p) => p.score))}" fill="rgba(11,110,79,0.22)" stroke="#0b6e4f" stroke-width="1.8"/>${peer}${labels}</svg>`;
}

const CSS = (fontDir: string) => `
@font-face{font-family:BVP;src:url("${fontDir}/400Regular/BeVietnamPro_400Regular.ttf");font-weight:400}
@font-face{font-family:BVP;src:url("${fontDir}/600SemiBold/BeVietnamPro_600SemiBold.ttf");font-weight:600}
@font-face{font-family:BVP;src:url("${fontDir}/700Bold/BeVietnamPro_700Bold.ttf");font-weight:700}
@page{size:A4;margin:44pt 48pt 58pt}
body{font-family:BVP;font-size:9.5pt;line-height:1.45;color:#1c2b33;margin:0}
h1{font-size:20pt;margin:18pt 0 4pt}h2{font-size:14pt;color:#0b6e4f;margin:4pt 0 6pt}h3{font-size:11pt;margin:0 0 3pt}h4{font-size:9.5pt;margin:6pt 0 2pt}
.muted{color:#56656d}.small{font-size:8pt;color:#56656d}.card{border:0.8pt solid #d5dde0;border-radius:4pt;padding:10pt;margin-bottom:10pt;break-inside:avoid}
.tint{background:#e8f3ef;border-radius:4pt;padding:10pt;margin-bottom:10pt}.break{break-before:page}
table{border-collapse:collapse;width:100%}td,th{border-bottom:0.6pt solid #d5dde0;padding:3pt 6pt 3pt 0;text-align:left;vertical-align:top}th{font-weight:400;font-size:8pt;color:#56656d}
tr{break-inside:avoid}.badge{display:inline-flex;width:54pt;height:54pt;border-radius:50%;background:#0b6e4f;color:#fff;font-size:28pt;font-weight:700;align-items:center;justify-content:center}
.row{display:flex;gap:12pt;align-items:center}.bar{height:5pt;background:#d5dde0;border-radius:2pt}.bar i{display:block;height:5pt;background:#0b6e4f;border-radius:2pt}
ul{margin:0;padding-left:12pt}`;

export function reportHtml(d: ReportData, fontDir: string): string {
  const pillars = d.pillars
    .map(
      (p) => `<div class="card"><div class="row" style="justify-content:space-between"><h3>${esc(p.name)}${p.provisional ? ` <span class="small">(${t.radar.provisionalTag})</span>` : ""}</h3><h3>${score(p.score)}/100</h3></div>
<div class="bar"><i style="width:${p.score ?? 0}%"></i></div><p class="muted">${esc(p.description)}</p>
<h4>${t.pillars.strengths}</h4><ul>${p.strengths.map((x) => `<li>${esc(x.question)} <span class="muted">— ${t.pillars.answer}: “${esc(x.answer)}” (${num(x.earned)}/${num(x.possible)})</span></li>`).join("")}</ul>
<h4>${t.pillars.gaps}</h4><ul>${p.gaps.map((g) => `<li>${esc(g.question)} <span class="muted">— “${esc(g.answer)}” (${num(g.pointsLost)})</span>${g.todo ? `<br><b>${t.pillars.todo}:</b> ${esc(g.todo)}` : ""}</li>`).join("")}</ul></div>`,
    )
    .join("");
  const roadmap = d.roadmap.horizons
    .filter((h) => h.actions.length)
    .map(
      (h) => `<h3>${esc(h.title)}</h3>${h.actions
        .map(
          (a) => `<div class="card"><b>${esc(a.title)}</b><p>${esc(a.summary)}</p><ul>${a.why.map((w) => `<li class="muted">${esc(w)}</li>`).join("")}</ul>
<ul>${a.platforms.map((p) => `<li><b>${esc(p.name)}</b> · ${esc(p.vendor)} · ${esc(p.priceLabel)}</li>`).join("")}</ul>
<div class="row"><div>${esc(a.costLabel)}</div><div>${esc(a.supportLabels.join("; "))}</div><div><b>${esc(a.ownerShareLabel)}</b></div></div></div>`,
        )
        .join("")}`,
    )
    .join("");
  const schemes = d.schemes
    .map((s) => `<div class="card"><b>${esc(s.name)}</b><p>${esc(s.description)}</p><p>${esc(s.coverage ?? "")}</p><ol>${s.howToApply.map((x) => `<li>${esc(x)}</li>`).join("")}</ol><p class="small">${esc(s.legalBasis)}</p></div>`)
    .join("");
  const answers = d.answerSections
    .map((sec) => `<tr><td colspan="4"><b>${esc(sec.title)}</b></td></tr>${sec.rows.map((r) => `<tr><td>${r.number}</td><td>${esc(r.question)}</td><td>${esc(r.answer)}</td><td>${r.points}</td></tr>`).join("")}`)
    .join("");
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(d.title)}</title><style>${CSS(fontDir)}</style></head><body>
<section><p class="small">${esc(t.kicker)} · ${esc(vi.site.owner)}</p><h1>${esc(d.title)}</h1><p class="muted">${esc(t.subject)}</p>
<h2>${esc(d.business.name)}</h2><table>${d.business.facts.map((f) => `<tr><td class="muted">${esc(f.label)}</td><td>${esc(f.value)}</td></tr>`).join("")}<tr><td class="muted">${t.cover.questionnaire}</td><td>${esc(d.questionnaireLabel)}</td></tr></table>
<div class="tint row"><span class="badge">${d.level.level}</span><div><b>${esc(fmt(t.cover.levelLine, { level: d.level.level, name: d.level.name }))}</b><br>${esc(fmt(t.cover.overallLine, { score: num(d.overall), band: d.euBand.name }))}</div></div>
<div class="card row"><svg width="84" height="84" viewBox="0 0 ${d.link.qr.size} ${d.link.qr.size}"><rect width="${d.link.qr.size}" height="${d.link.qr.size}" fill="#fff"/><path d="${d.link.qr.path}"/></svg><div>${t.cover.qrCaption}<br><b>${esc(d.link.url)}</b></div></div></section>
<section class="break"><h2>${t.headline.heading}</h2><div class="row"><span class="badge">${d.level.level}</span><div><b>${esc(d.level.name)}</b><br>${num(d.overall)}/100 · ${esc(d.euBand.name)}</div></div><p>${esc(d.level.meaning)}</p>
${d.next.status !== "top_level" ? `<div class="tint"><h3>${esc(fmt(t.headline.nextHeading, { level: d.next.level, name: d.next.name }))}</h3><p>${esc(d.next.meaning)}</p>${d.next.status === "reached_by_plan" ? `<ol>${d.next.steps.map((s) => `<li>${esc(s.action)}</li>`).join("")}</ol>` : ""}</div>` : ""}
<h2>${t.radar.heading}</h2><div class="row">${radar(d)}<table>${d.pillars.map((p) => `<tr><td>${esc(p.name)}</td><td><b>${score(p.score)}</b></td><td>${num(p.weight)}</td></tr>`).join("")}</table></div></section>
<section class="break"><h2>${t.pillars.heading}</h2>${pillars}</section>
<section class="break"><h2>${t.roadmap.heading}</h2>${roadmap}</section>
<section class="break"><h2>${t.support.heading}</h2>${schemes}${d.contact ? `<div class="tint"><b>${esc(d.contact.organisation)}</b><br>${esc(d.contact.address)}</div>` : ""}</section>
<section class="break"><h2>${t.appendix.answersHeading}</h2><table>${answers}</table>
<h2>${t.appendix.methodHeading}</h2><p>${esc(t.appendix.methodLead)}</p><table>${d.method.weights.map((w) => `<tr><td>${esc(w.name)}</td><td>${num(w.weight)}</td><td>${num(w.sharePercent)}%</td></tr>`).join("")}</table>
<table>${d.method.levels.map((l) => `<tr><td>${l.level}</td><td>${esc(l.name)}</td><td>${l.minScore}</td></tr>`).join("")}</table><ul>${d.method.provisionalNotes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>
<h2>${t.appendix.consentHeading}</h2><p>${esc(d.consent.lead)}</p>${d.consent.purposes.map((p) => `<p><b>${p.granted ? t.appendix.granted : t.appendix.refused}: ${esc(p.label)}</b><br><span class="muted">${esc(p.detail)}</span></p>`).join("")}<p>${esc(d.consent.rights)}</p></section>
</body></html>`;
}

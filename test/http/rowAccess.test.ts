// Row-level access: the route × role matrix says who may open a route; this test says what comes
// out of it. Every route of the app (every GET, and every staff POST that answers with a page when
// its form is empty) is walked with every concrete id and every list, export and table, as each
// role, and every body (XLSX unpacked, JSON parsed) is searched for owners whose self-assessment the
// policy hides from that staff member: their business name, tax code, contact details, message,
// and their answers (the rows of the answers export and links to the assessment carry its id).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { LIST_KINDS } from "../../db/stats.ts";
import { addToPreview, finishPreview, startPreview } from "../../db/registry.ts";
import { setContactConsent, requestAdvice } from "../../src/services/advice.ts";
import { withdrawConsent } from "../../src/services/dataRights.ts";
import { dashboardData, refreshDemand } from "../../src/services/stats.ts";
import { createApiToken } from "../../src/services/apiTokens.ts";
import { asset } from "../../src/http/assets.ts";
import type { Services } from "../../src/services/assessments.ts";
import { pickBest, pickMixed, pickWorst } from "../answering.ts";
import { makeTestApp, type TestApp } from "../helpers.ts";
import { addStaff, form, get, profileForm, signInAs } from "../staffHelpers.ts";
import { addRegistryRows, servicesOf, submitOwner, validTaxCode, type Owner } from "../statsFixtures.ts";

type Actor = "anon" | "advisorA" | "advisorB" | "department" | "admin";
const ACTORS: Actor[] = ["anon", "advisorA", "advisorB", "department", "admin"];

interface Secret {
  label: string;
  id: number;
  name: string;
  taxCode: string | null;
  /** Words only this owner wrote (contact, message). */
  own: string[];
  /** Who may see this owner's record. */
  seenBy: Actor[];
}

let t: TestApp;
let s: Services;
let cookies: Record<Actor, string | undefined>;
let token: string;
const secrets: Secret[] = [];
let controlCode = "";
let visibleIds: { guided: number; validated: number };

const owner = (name: string, o: Partial<Owner> = {}): Owner => ({
  name,
  legalForm: "company",
  taxCode: null,
  communeId: "tua_chua",
  sector: "ocop",
  statistics: true,
  pick: pickMixed,
  ...o,
});

beforeAll(async () => {
  const high = { max: 100_000, windowMs: 60_000 };
  t = makeTestApp({ limits: { login: high, lookup: high, create: high, advice: high } });
  s = servicesOf(t);
  const accounts = {
    advisorA: await addStaff(t.db, "advisor", "Cán bộ Lò Văn A"),
    advisorB: await addStaff(t.db, "advisor", "Cán bộ Lò Văn B"),
    department: await addStaff(t.db, "department"),
    admin: await addStaff(t.db, "admin"),
  };
  cookies = { anon: undefined } as Record<Actor, string | undefined>;
  for (const a of ["advisorA", "advisorB", "department", "admin"] as const) cookies[a] = await signInAs(t, accounts[a]);

  // Owners whose self-assessment stays theirs (hidden from every staff member).
  const h1 = await submitOwner(s, owner("Công ty TNHH Kín Đáo Một", { taxCode: validTaxCode("560700011"), pick: pickBest }));
  const h2 = await submitOwner(s, owner("Hộ kinh doanh Riêng Tư Hai", { legalForm: "household", statistics: false, pick: pickWorst }));
  // asked for advice, then withdrew the contact consent: hidden again
  const h3 = await submitOwner(s, owner("Hợp tác xã Thôi Liên Hệ Ba", { legalForm: "cooperative", taxCode: validTaxCode("560700122"), communeId: "muong_thanh" }));
  setContactConsent(s, h3, true);
  const r3 = requestAdvice(s, h3, { actionId: "vietqr_payments", platformId: null, channel: "phone", contact: "0912 300 333", message: "Lời nhắn riêng số ba" });
  if (!r3.ok) throw new Error(r3.error.message);
  withdrawConsent(s, h3, "contact", false);
  // gave advisor A the code: A sees it, B and the department do not
  const h4 = await submitOwner(s, owner("Công ty TNHH Mã Riêng Bốn", { taxCode: validTaxCode("560700233"), sector: "tourism" }));
  const find = await t.app.request("/staff/find", form({ code: h4.code }, cookies.advisorA));
  if (find.status !== 303) throw new Error(`find: ${find.status}`);
  // asked for advice and still agrees to be contacted: advisors see it, the department does not
  const h5 = await submitOwner(s, owner("Hộ kinh doanh Xin Tư Vấn Năm", { legalForm: "household", communeId: "muong_thanh" }));
  setContactConsent(s, h5, true);
  const r5 = requestAdvice(s, h5, { actionId: "google_maps_listing", platformId: null, channel: "zalo", contact: "0977 500 555", message: "Nhờ cán bộ gọi lại số năm" });
  if (!r5.ok) throw new Error(r5.error.message);
  secrets.push(
    { label: "H1 self-assessment", id: h1.id, name: h1.businessName, taxCode: h1.taxCode, own: [], seenBy: [] },
    { label: "H2 household, refused statistics", id: h2.id, name: h2.businessName, taxCode: null, own: [], seenBy: [] },
    { label: "H3 advice withdrawn", id: h3.id, name: h3.businessName, taxCode: h3.taxCode, own: ["0912 300 333", "Lời nhắn riêng số ba"], seenBy: [] },
    { label: "H4 code given to advisor A", id: h4.id, name: h4.businessName, taxCode: h4.taxCode, own: [], seenBy: ["advisorA"] },
    { label: "H5 asked for advice", id: h5.id, name: h5.businessName, taxCode: null, own: ["0977 500 555", "Nhờ cán bộ gọi lại số năm"], seenBy: ["advisorA", "advisorB"] },
  );

  // What staff legitimately see: a guided session (advisor A), an assessment A validated with its owner.
  const guided = await t.app.request("/staff/businesses", form(profileForm({ name: "HTX Cùng Cán Bộ", taxCode: validTaxCode("560700344") }), cookies.advisorA));
  const guidedId = Number(/\/staff\/assessments\/(\d+)\//.exec(guided.headers.get("location") ?? "")![1]);
  const v = await submitOwner(s, owner("Công ty TNHH Đã Xác Nhận", { taxCode: validTaxCode("560700455"), pick: pickBest }));
  await t.app.request("/staff/find", form({ code: v.code }, cookies.advisorA));
  const validated = await t.app.request(`/staff/assessments/${v.id}/validate`, form({ note: "đã xem cùng chủ cơ sở" }, cookies.advisorA));
  if (validated.status !== 303) throw new Error(`validate: ${validated.status}`);
  // Support given to the guided business (its correction and withdrawal forms are walked too).
  const guidedBusiness = (t.db.$client.prepare("SELECT business_id FROM assessments WHERE id = ?").get(guidedId) as { business_id: number }).business_id;
  const support = await t.app.request(`/staff/businesses/${guidedBusiness}/support`, form({ type: "training", date: new Date().toISOString().slice(0, 10) }, cookies.advisorA));
  if (support.status !== 303) throw new Error(`support: ${support.status}`);
  visibleIds = { guided: guidedId, validated: v.id };
  // A control owner whose code walks the owner pages.
  controlCode = (await submitOwner(s, owner("Hộ kinh doanh Khách Mở Trang", { legalForm: "household" }))).code;
  // The register: other businesses of the same communes (none of the hidden tax codes).
  addRegistryRows(s, [
    { taxCode: validTaxCode("560700566"), name: "Công ty Trong Sổ", legalForm: "company", communeId: "tua_chua", sector: "ocop" },
    { taxCode: null, name: "Hộ Trong Sổ", legalForm: "household", communeId: "muong_thanh", sector: "ocop" },
  ]);
  // One preview of the register (its page, errors and missing rows are walked too).
  const imp = startPreview(t.db, { fileName: "so.csv", staffId: null, fullRegister: true });
  addToPreview(t.db, imp.id, [{ line: 2, registryKey: "hh:Hộ Mới Trong Tệp:tua_chua", taxCode: null, name: "Hộ Mới Trong Tệp", legalForm: "household", communeId: "tua_chua", sector: "other", sizeClass: null }], [{ row: 3, field: "name", message: "thiếu tên cơ sở" }], 0);
  finishPreview(t.db, imp.id, { rowCount: 2, errorCount: 1, errorRows: 1, fresh: 1, changed: 0, toReopen: 0, missing: 0 });
  refreshDemand(s, 60_000);
  token = createApiToken(t.db, "Cổng dữ liệu").token;
}, 120_000);
afterAll(() => t?.cleanup());

// ── the walk ──

const ids = (sql: string) => (t.db.$client.prepare(sql).all() as { id: number }[]).map((r) => r.id);

/** Concrete requests for one route of the app. */
function pathsOf(method: string, route: string): string[] {
  const assessments = ids(`SELECT id FROM assessments ORDER BY id`);
  const businesses = ids(`SELECT id FROM businesses ORDER BY id`);
  const requests = ids(`SELECT id FROM advice_requests ORDER BY id`);
  const q = t.content.current.questions[0]!.id;
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  const tables = dashboardData(s, {}, { outbound: true, refresh: false }).tables.map((x) => x.id);
  const each = (xs: number[], f: (id: number) => string) => xs.map(f);
  const r = route;
  if (r === "/static/:file") return [asset("app.css")];
  if (r.startsWith("/a/:code") || r.startsWith("/api/v1/assessments/:code")) return [r.replace(":code", controlCode).replace(":n", "1")];
  if (r.startsWith("/staff/assessments/:id"))
    return each(assessments, (id) => r.replace(":id", String(id)).replace(":n", "1").replace(":questionId", q));
  if (r.startsWith("/staff/businesses/:id/support/:supportId"))
    return (t.db.$client.prepare(`SELECT id, business_id FROM support_records ORDER BY id`).all() as { id: number; business_id: number }[]).map((x) =>
      r.replace(":id", String(x.business_id)).replace(":supportId", String(x.id)),
    );
  if (r.startsWith("/staff/businesses/:id")) return each(businesses, (id) => r.replace(":id", String(id)));
  if (r === "/api/v1/businesses/:id/history") return each(businesses, (id) => `/api/v1/businesses/${id}/history`);
  if (r === "/staff/advice/:id") return each(requests, (id) => `/staff/advice/${id}`);
  if (r === "/staff/merges/:id/undo") return each(ids(`SELECT id FROM business_merges`), (id) => `/staff/merges/${id}/undo`);
  if (r.startsWith("/staff/admin/users/:id")) return [];
  if (r === "/staff/department/list")
    return [
      ...LIST_KINDS.filter((k) => k !== "level" && k !== "item").flatMap((k) => [`${r}?kind=${k}`, `${r}?kind=${k}&all=1`]),
      ...[0, 1, 2, 3, 4, 5].map((l) => `${r}?kind=level&level=${l}`),
      ...(t.db.$client.prepare(`SELECT DISTINCT j.value item FROM stat_facts f, json_each(f.demand) j`).all() as { item: string }[]).map((x) => `${r}?kind=item&item=${encodeURIComponent(x.item)}`),
      `${r}?kind=assessed&communeId=muong_thanh`,
    ];
  // "Danh sách cơ sở" searched for every hidden owner by name and tax code.
  if (r === "/staff/businesses")
    return [r, ...secrets.flatMap((x) => [`${r}?q=${encodeURIComponent(x.name)}`, ...(x.taxCode ? [`${r}?q=${x.taxCode}`] : [])])];
  if (r === "/staff/department/registry/list") return [r, `${r}?reached=1`, `${r}?reached=0`];
  if (r === "/staff/department/advice") return [r, `${r}?status=new`, `${r}?status=in_progress`];
  if (r === "/staff/department/exports/:file")
    return ["assessments", "answers", "support"].flatMap((k) => [`/staff/department/exports/${k}.csv`, `/staff/department/exports/${k}.csv?excel=vi`, `/staff/department/exports/${k}.xlsx`]);
  if (r === "/staff/department/exports/tables/:file") return tables.map((id) => `/staff/department/exports/tables/${id}.csv`);
  if (r === "/staff/department/report-761.xlsx") return [`${r}?year=${year}`];
  if (r === "/api/v1/stats/tables/:id") return tables.map((id) => `/api/v1/stats/tables/${id}`);
  if (r === "/staff/department/registry/link") return [r, `${r}?communeId=muong_thanh`];
  if (r.startsWith("/staff/department/registry/imports/:id"))
    return each(ids(`SELECT id FROM registry_imports ORDER BY id`), (id) => r.replace(":id", String(id)));
  if (r.startsWith("/staff/department/registry/rows/:id")) return each(ids(`SELECT id FROM registry ORDER BY id`), (id) => r.replace(":id", String(id)));
  if (r === "/open-data/tables/:file") return ["by_sector", "by_commune", "by_size", "by_legal_form", "reach_by_sector", "reach_by_commune"].map((n) => `/open-data/tables/${n}.csv`);
  if (r === "/staff/activity/tables/:file") return ["advice", "reassessments", "advisors", "support"].flatMap((n) => [`${r.replace(":file", `${n}.csv`)}`, `${r.replace(":file", `${n}.csv`)}?excel=vi`]);
  if (r.includes(":")) throw new Error(`no concrete paths for ${method} ${r}: teach pathsOf`);
  return [r];
}

/** POSTs that could change what later requests see, or end a session, are not sent. */
const SKIPPED_POSTS = /logout|\/active$|\/password$|\/validate$|\/submit$|\/answers$|\/p\/:n$|\/erase$|\/consent|\/profile$|^\/(a|api|assessments|resume)/;

async function bodyText(res: Response): Promise<string> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("spreadsheetml")) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const lines: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v))).join("\t"))));
    return lines.join("\n");
  }
  if (type.includes("pdf")) return "";
  return await res.text();
}

/** Every way an owner's assessment can show in a body: its row id in a row-level export, its links, its JSON. */
function leaks(body: string, sec: Secret): string[] {
  const found: string[] = [];
  const has = (x: string | null) => x !== null && body.includes(x);
  if (has(sec.name)) found.push(`name "${sec.name}"`);
  if (sec.taxCode && has(sec.taxCode)) found.push(`tax code ${sec.taxCode}`);
  for (const w of sec.own) if (has(w)) found.push(`"${w}"`);
  if (new RegExp(`/staff/assessments/${sec.id}(?![0-9])`).test(body)) found.push(`link to assessment ${sec.id}`);
  // Row-level exports start with "Mã bài" (the assessment's id): a row of this id is its answers.
  const lines = body.split(/\r?\n/);
  if (/^\uFEFF?Mã bài/.test(lines[0] ?? "") && lines.some((l) => l.split(/[,\t]/)[0] === String(sec.id))) found.push(`export row of assessment ${sec.id}`);
  if (body.startsWith("{")) {
    try {
      const json = JSON.parse(body) as { assessments?: { id: number }[] };
      if (json.assessments?.some((a) => a.id === sec.id)) found.push(`history of assessment ${sec.id}`);
    } catch {
      /* not JSON */
    }
  }
  return found;
}

describe("row-level access: what every output shows, as each role", () => {
  it("no output names, numbers or answers an owner's assessment the policy hides from the reader", async () => {
    const routes = [...new Set(t.app.routes.filter((x) => x.method === "GET" || x.method === "POST").map((x) => `${x.method} ${x.path}`))].sort();
    const walked = new Set<string>();
    const wrong: string[] = [];
    const seen = new Map<string, Set<Actor>>();
    let outputs = 0;
    // GETs first, then the POSTs that answer an empty form with a page.
    for (const key of [...routes.filter((k) => k.startsWith("GET ")), ...routes.filter((k) => k.startsWith("POST "))]) {
      const [method, route] = [key.slice(0, key.indexOf(" ")), key.slice(key.indexOf(" ") + 1)];
      if (method === "POST" && SKIPPED_POSTS.test(route)) continue;
      const paths = pathsOf(method, route);
      if (paths.length) walked.add(key);
      for (const path of paths)
        for (const actor of ACTORS) {
          const cookie = cookies[actor];
          const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(cookie ? { cookie } : {}) };
          const res = method === "GET" ? await t.app.request(path, { headers }) : await t.app.request(path, { ...form({}, cookie), headers: { ...(form({}, cookie).headers as Record<string, string>), authorization: `Bearer ${token}` } });
          // A search page echoes what the reader typed, in its search box and in the language link
          // (the same address with lang set): that is not a leak.
          const typed = new URL(path, "http://x").searchParams.get("q");
          const body = typed ? (await bodyText(res)).replaceAll(`value="${typed}"`, "").replace(/<a class="language" href="[^"]*"/g, "") : await bodyText(res);
          outputs++;
          if (res.status >= 500) wrong.push(`${method} ${path} as ${actor}: ${res.status}`);
          for (const sec of secrets) {
            const l = leaks(body, sec);
            if (!l.length) continue;
            if (sec.seenBy.includes(actor)) {
              const k = `${sec.label}`;
              if (!seen.has(k)) seen.set(k, new Set());
              seen.get(k)!.add(actor);
            } else wrong.push(`${method} ${path} as ${actor} shows ${sec.label}: ${l.join(", ")}`);
          }
        }
    }
    expect(wrong).toEqual([]);
    // Every GET route was walked (a new route must be taught to pathsOf, or this fails).
    const notWalked = routes.filter((k) => k.startsWith("GET ") && !walked.has(k) && !k.startsWith("GET /staff/admin/users/:id"));
    expect(notWalked).toEqual([]);
    // The walk does find what the policy shows: it would find a leak.
    expect(seen.get("H4 code given to advisor A")).toEqual(new Set(["advisorA"]));
    expect(seen.get("H5 asked for advice")).toEqual(new Set(["advisorA", "advisorB"]));
    console.info(`row-level access: ${walked.size} routes, ${outputs} outputs (route × concrete path × ${ACTORS.length} actors) searched for ${secrets.length} hidden owners`);
  }, 600_000);

  it("what the policy shows reaches the reader: the department exports the guided and the validated, and counts all", async () => {
    const csv = await (await t.app.request("/staff/department/exports/assessments.csv", get(cookies.department))).text();
    const idsInCsv = csv.split("\r\n").slice(1).filter(Boolean).map((l) => Number(l.split(",")[0]));
    expect(idsInCsv).toContain(visibleIds.validated);
    expect(idsInCsv).not.toContain(visibleIds.guided); // a draft: not submitted, not exported
    for (const sec of secrets) expect(idsInCsv).not.toContain(sec.id);
    // every owner is still one of the businesses assessed in the figures
    expect(dashboardData(s, {}).headline.assessed).toBe(secrets.length + 2);
  });

  it("advisor A reads the owner who gave the code, advisor B is refused it", async () => {
    const h4 = secrets.find((x) => x.label.startsWith("H4"))!;
    expect((await t.app.request(`/staff/assessments/${h4.id}`, get(cookies.advisorA))).status).toBe(200);
    expect((await t.app.request(`/staff/assessments/${h4.id}`, get(cookies.advisorB))).status).toBe(403);
    expect((await t.app.request(`/staff/assessments/${h4.id}`, get(cookies.department))).status).toBe(403);
  });
});

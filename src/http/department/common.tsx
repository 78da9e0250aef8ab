// What the department's route modules share: who is looking, the role check, the dashboard's
// filters (or a 400 page), and the figures of a past day (or a 503 page when the worker is busy).
import type { Context, Hono } from "hono";
import type { Filter } from "../../domain/aggregates.ts";
import type { Permission } from "../../domain/staff.ts";
import type { Services } from "../../services/assessments.ts";
import type { FiguresService } from "../../services/figures.ts";
import { msg } from "../../../views/messages.ts";
import { StaffPage } from "../../../views/staff/common.tsx";
import { ForbiddenPage } from "../../../views/staff/pages.tsx";
import { requires, type StaffEnv } from "../staff/session.ts";
import { parseFilter } from "./filters.ts";

export type Ctx = Context<StaffEnv>;
export type DepartmentApp = Hono<StaffEnv>;

/** What every department route module is registered with. */
export interface DepartmentDeps {
  s: Services;
  databasePath: string;
  communes: Map<string, Services["content"]["communes"][number]>;
  /** Figures at the end of a past day (the yearly report, the dashboard at a date). */
  figures: FiguresService;
}

const forbidden = (c: Ctx) => c.html(<ForbiddenPage me={c.get("staff")} />, 403);
export const need = (p: Permission) => requires(p, forbidden);
export const me = (c: Ctx) => c.get("staff")!;
/** Who is looking, for the access policy (src/domain/access.ts). */
export const viewer = (c: Ctx) => ({ id: me(c).id, role: me(c).role });

export function badFilter(c: Ctx, fields: Record<string, string>) {
  return c.html(
    <StaffPage me={me(c)} title={msg().department.dashboard.title} error={Object.values(fields).join("; ")}>
      <p>
        <a href="/staff/department">{msg().department.dashboard.clear}</a>
      </p>
    </StaffPage>,
    400,
  );
}

/** Parse the filters or answer 400 with a Vietnamese message. */
export function withFilter(s: Services, c: Ctx, then: (f: Filter) => Response | Promise<Response>) {
  const r = parseFilter(s, c.req.query());
  return r.ok ? then(r.filter) : badFilter(c, r.fields);
}

/** The figures of a past day, or a page saying to try again when the worker failed or timed out. */
export async function figuresOrBusy(figures: FiguresService, c: Ctx, job: Parameters<FiguresService["get"]>[0]) {
  try {
    return { ok: true as const, figures: await figures.get(job) };
  } catch (e) {
    console.error("figures", job, e);
    c.header("Retry-After", "60");
    const page = (
      <StaffPage me={me(c)} title={msg().department.dashboard.title} error={msg().department.report.busy}>
        <p>
          <a href="/staff/department">{msg().department.dashboard.clear}</a>
        </p>
      </StaffPage>
    );
    return { ok: false as const, page: c.html(page, 503) };
  }
}

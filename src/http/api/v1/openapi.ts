// The OpenAPI document of /api/v1, as other systems' tools read it. Routes declare their own
// request schemas, answers and the errors they produce (401, 404, 409, 422, 429...). The answers
// that come from the edge of the server, before any route runs, are added here for every
// operation they can reach, so a new route cannot forget them:
// - 403 `cross_site` for a state change sent from another site (csrf.ts);
// - 413 `too_large` for a body over the limit, on every method that takes one (bodyLimit.ts);
// - 400 `malformed_body` and 415 `unsupported_media_type` where the operation reads a JSON body;
// - 431 from Node itself when the request's headers are too large (no body);
// - 500 `internal` when something fails on our side.
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: "Mã lỗi cố định cho máy đọc, ví dụ invalid_input, not_found, rate_limited" }),
      message: z.string().openapi({ description: "Thông báo bằng tiếng Việt cho người đọc" }),
      fields: z.record(z.string(), z.string()).optional().openapi({ description: "Lỗi theo từng trường, ví dụ { \"profile.staff\": \"không được âm\" }" }),
    }),
  })
  .openapi("Error");

/** One error answer in the document: the shared `{"error": {...}}` body. */
export const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });

/** Security requirement of an operation anyone may call (an owner's code in the path is not a credential scheme). */
export const PUBLIC: Record<string, string[]>[] = [];

const ERROR_REF = { $ref: "#/components/schemas/Error" };
const errorRef = (description: string) => ({ description, content: { "application/json": { schema: ERROR_REF } } });

type Responses = Record<string, unknown>;
type Operation = { requestBody?: unknown; responses?: Responses };

const EDGE = {
  crossSite: errorRef("Yêu cầu thay đổi dữ liệu gửi từ trang web khác (mã cross_site)"),
  tooLarge: errorRef("Dữ liệu gửi lên quá 64 KB (mã too_large); kết nối được đóng sau câu trả lời"),
  malformed: errorRef("Thân yêu cầu không đọc được như JSON (mã malformed_body) hoặc sai lược đồ (mã invalid_input)"),
  unsupported: errorRef("Thân yêu cầu không phải application/json (mã unsupported_media_type)"),
  headersTooLarge: { description: "Phần đầu yêu cầu (header, cookie) quá lớn; máy chủ trả lời không có thân và đóng kết nối" },
  internal: errorRef("Lỗi phía máy chủ (mã internal); dữ liệu đã lưu không bị thay đổi"),
};

/** Adds the edge answers above to every operation of `doc` (without replacing what a route says). */
export function withEdgeResponses<T extends { paths?: object }>(doc: T): T {
  for (const item of Object.values(doc.paths ?? {}) as Record<string, unknown>[]) {
    for (const [method, value] of Object.entries(item)) {
      if (!["get", "put", "post", "delete", "patch"].includes(method)) continue;
      const op = value as Operation;
      const add = (status: string, response: unknown) => {
        op.responses ??= {};
        op.responses[status] ??= response;
      };
      if (method !== "get") {
        add("403", EDGE.crossSite);
        add("413", EDGE.tooLarge);
      }
      if (op.requestBody) {
        add("400", EDGE.malformed);
        add("415", EDGE.unsupported);
      }
      add("431", EDGE.headersTooLarge);
      add("500", EDGE.internal);
    }
  }
  return doc;
}

const INFO = {
  title: "Đánh giá sẵn sàng chuyển đổi số — Điện Biên",
  version: "1.0.0",
  description:
    "API ổn định cho trang của chủ cơ sở, công cụ của cán bộ tư vấn, Sở và hệ thống khác. Lỗi luôn có dạng {\"error\":{\"code\",\"message\",\"fields\"}}. " +
    "Thao tác công khai không cần đăng nhập (mã tiếp tục của chủ cơ sở nằm trong đường dẫn); thao tác của cán bộ cần phiên đăng nhập (cookie dx_staff); " +
    "số liệu thống kê cho hệ thống khác cần khóa API (Authorization: Bearer).",
  // The description of the API, so others may build clients from it; not the data it serves.
  license: { name: "CC BY 4.0", identifier: "CC-BY-4.0" },
};

/** GET /openapi.json on `api`: the document generated from the routes' zod schemas, built once. `operator`: who runs the service (content). */
export function serveOpenApi<E extends Env>(api: OpenAPIHono<E>, operator: string): void {
  let doc: unknown;
  api.get("/openapi.json", (c) => {
    doc ??= withEdgeResponses(
      api.getOpenAPI31Document({
        openapi: "3.1.0",
        info: { ...INFO, contact: { name: operator } },
        servers: [{ url: "/api/v1" }],
        tags: [
          { name: "owner", description: "Bài đánh giá của chủ cơ sở (mã tiếp tục trong đường dẫn)" },
          { name: "content", description: "Bộ câu hỏi, xã/phường, nền tảng số" },
          { name: "staff", description: "Cán bộ đã đăng nhập" },
          { name: "stats", description: "Số liệu tổng hợp cho hệ thống khác (khóa API)" },
        ],
      }),
    );
    return c.json(doc, 200);
  });
}

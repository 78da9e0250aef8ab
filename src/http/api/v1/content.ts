// Content anyone may read: the questionnaire in force, the communes and the platform catalogue.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { PLATFORM_CATEGORIES } from "../../../domain/catalogue.ts";
import { SECTORS } from "../../../domain/vocabularies.ts";
import type { Services } from "../../../services/assessments.ts";
import type { AppEnv } from "../../env.ts";
import { PUBLIC } from "./openapi.ts";
import { errorResponses, json } from "./schemas.ts";

export function registerContent(api: OpenAPIHono<AppEnv>, s: Services) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/questionnaires/current",
      operationId: "getCurrentQuestionnaire",
      tags: ["content"],
      security: PUBLIC,
      summary: "Bộ câu hỏi đang áp dụng",
      responses: {
        200: json(
          z.object({ id: z.string(), version: z.string(), hash: z.string() }).passthrough().openapi("Questionnaire"),
          "Bộ câu hỏi: trụ cột, câu hỏi, lựa chọn, điều kiện hiển thị, mức và dải điểm",
        ),
      },
    }),
    (c) => c.json(s.content.current, 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/communes",
      operationId: "listCommunes",
      tags: ["content"],
      security: PUBLIC,
      summary: "Danh sách xã/phường",
      responses: {
        200: json(
          z
            .array(
              z.object({
                id: z.string(),
                code: z.string().openapi({ description: "Mã số đơn vị hành chính cấp xã (5 chữ số, Quyết định 19/2025/QĐ-TTg)", example: "03325" }),
                name: z.string(),
                kind: z.enum(["ward", "commune"]),
                difficultArea: z
                  .enum(["yes", "no", "unknown"])
                  .openapi({ description: "Thuộc địa bàn có điều kiện kinh tế - xã hội khó khăn: yes, no, unknown (chưa đối chiếu được danh mục chính thức)" }),
                difficultAreaSource: z.string().optional(),
              }),
            )
            .openapi("Communes"),
          "45 đơn vị hành chính cấp xã",
        ),
      },
    }),
    (c) => c.json(s.content.communes, 200),
  );
}

export function registerPlatforms(api: OpenAPIHono<AppEnv>, s: Services) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/platforms",
      operationId: "listPlatforms",
      tags: ["content"],
      security: PUBLIC,
      summary: "Danh mục nền tảng số (lọc theo ngành, loại)",
      request: {
        query: z.object({
          sector: z.enum(SECTORS).optional(),
          category: z.enum(PLATFORM_CATEGORIES).optional(),
        }),
      },
      responses: {
        200: json(z.array(z.object({ id: z.string(), name: z.string(), category: z.string() }).passthrough()).openapi("Platforms"), "Nền tảng"),
        ...errorResponses(400),
      },
    }),
    (c) => {
      const { sector, category } = c.req.valid("query");
      return c.json(
        s.content.platforms.filter((p) => (!sector || p.sectors.includes(sector)) && (!category || p.category === category)),
        200,
      );
    },
  );
}

// How a refused or failed request is answered, in one place: the API (and the open-data files)
// with `{"error":{"code","message","fields"}}`, people with a page in their language. The codes and
// statuses are a contract with other systems; the messages come from the catalogue.
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import type { z } from "zod";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { MessagePage } from "../../views/owner/pages.tsx";
import { msg } from "../../views/messages.ts";
import { loggablePath } from "./logging.ts";
import type { AppError } from "../services/assessments.ts";

/** Zod issues as { "profile.staff": "message" }, the shape of `error.fields` in the API. */
export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/** The API's answer to a refused request; `fields` (input name → what is wrong) only when given. */
export function apiError<S extends ContentfulStatusCode>(c: Context, status: S, code: string, message: string, fields?: Record<string, string>) {
  return c.json({ error: fields ? { code, message, fields } : { code, message } }, status);
}

/** What a person who typed a resume code is told when it finds nothing: badly formed, mistyped, or unknown. */
export function resumeCodeProblem(e: AppError): string {
  return e.code === "invalid_code" ? msg().errors.badCode : e.reason === "mistyped_code" ? msg().errors.mistyped : msg().errors.notFound;
}

/** Whether the caller is a program reading JSON rather than a person reading pages. */
export const isApiRequest = (c: Context): boolean => c.req.path.startsWith("/api/");

/** A refusal answered before any route: JSON for the API, otherwise a page saying `message`. */
export function refuse(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  if (isApiRequest(c)) return apiError(c, status, code, message);
  const titles: Record<number, string | undefined> = msg().problems.titles;
  return c.html(MessagePage({ title: titles[status] ?? msg().problems.titles.other, message }), status);
}

/** What is said for an error thrown by Hono or a validator rather than answered by a route. */
const THROWN: Partial<Record<number, { code: string; message: "malformedBody" | "tooLarge" | "jsonOnly" | "internal" }>> = {
  400: { code: "malformed_body", message: "malformedBody" },
  413: { code: "too_large", message: "tooLarge" },
  415: { code: "unsupported_media_type", message: "jsonOnly" },
  500: { code: "internal", message: "internal" },
};

/**
 * Answers what no route answered (unknown address, thrown error) and logs every server error
 * through the app's logger, without the request's resume code.
 */
export function answerErrors(app: Hono<any>, logger: Logger | undefined): void {
  app.notFound((c) =>
    isApiRequest(c)
      ? apiError(c, 404, "not_found", msg().problems.noSuchAddress)
      : c.html(MessagePage({ title: msg().errors.pageNotFound, message: msg().errors.noSuchPage }), 404),
  );
  app.onError((err, c) => {
    const status = (err instanceof HTTPException ? err.status : 500) as ContentfulStatusCode;
    if (status >= 500) logger?.error({ err, method: c.req.method, path: loggablePath(c.req.path), status }, "request failed");
    const { code, message } = THROWN[status] ?? (status < 500 ? { code: "bad_request", message: "badRequest" as const } : THROWN[500]!);
    return refuse(c, status, code, msg().problems[message]);
  });
}

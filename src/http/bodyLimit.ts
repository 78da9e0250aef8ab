// Request bodies over a size limit get 413, and the connection is left in a state both ends know.
// A 413 sent while the client is still sending leaves unread bytes on a kept-alive connection:
// Node then drops the socket after promising keep-alive, the client's next request on it fails,
// and a client still writing may see a reset before it reads the 413. So the rest of the body is
// read and thrown away (up to DRAIN_MAX_BYTES, for at most DRAIN_MAX_MS), and every 413 says
// `Connection: close`, whoever sent it (this limit, a route's own, Hono's).
import type { Context, MiddlewareHandler } from "hono";

/** Read and discarded after an over-limit body before answering; a larger body is cut off. */
export const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
export const DRAIN_MAX_MS = 2_000;

/** Reads what is left of `body`, discarding it, within the bounds above. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<void> {
  let read = alreadyRead;
  const until = Date.now() + DRAIN_MAX_MS;
  try {
    while (read <= DRAIN_MAX_BYTES && Date.now() < until) {
      const timeLeft = until - Date.now();
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), timeLeft).unref())]);
      if (!chunk || chunk.done) return;
      read += chunk.value.byteLength;
    }
  } catch {
    // The client went away: nothing left to keep in order.
  } finally {
    reader.releaseLock();
  }
}

/**
 * Refuses a body over `maxSize` bytes with `tooLarge(c)`. A declared Content-Length over the limit
 * is refused before reading; a chunked body is counted as it arrives. Under the limit, the body is
 * kept in memory for the handler.
 */
export function limitBody(maxSize: number, tooLarge: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.has("transfer-encoding") ? NaN : Number(raw.headers.get("content-length"));
    if (Number.isFinite(declared) && declared <= maxSize) return next();
    const reader = raw.body.getReader();
    if (Number.isFinite(declared)) {
      if (declared <= DRAIN_MAX_BYTES) await drain(reader, 0);
      return tooLarge(c);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxSize) {
        await drain(reader, size);
        return tooLarge(c);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(raw, { body: Buffer.concat(chunks) });
    return next();
  };
}

/** Every 413 closes the connection once answered (see above). */
export function closeAfterTooLarge(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status === 413) c.res.headers.set("Connection", "close");
  };
}

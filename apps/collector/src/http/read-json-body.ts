import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import type { ErrorBody } from "@touchpoint/protocol";
import { readBodyText, type BodyTiming } from "./read-body.js";

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/**
 * Reads a request body as JSON within `limit` bytes and the timing. A refusal comes with its
 * JSON answer: 400 for text that is not UTF-8 or not JSON, 413 over the limit, 408 past the
 * timeout or below the minimum rate (closing the connection, as the rest of the body may still
 * be on its way).
 */
export async function readJsonBody(c: Context, limit: number, timing: BodyTiming): Promise<JsonBody> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const body = await readBodyText(c.req.raw, limit, timing, incoming);
  if (!body.ok) {
    if (body.reason === "timeout") {
      const message = `the body did not arrive within ${timing.timeoutMs} ms`;
      return { ok: false, response: c.json<ErrorBody>({ error: { code: "body_timeout", message } }, 408, { Connection: "close" }) };
    }
    if (body.reason === "too_slow") {
      const message = `the body arrived slower than ${timing.minRate?.bytesPerSecond} bytes a second`;
      return { ok: false, response: c.json<ErrorBody>({ error: { code: "body_too_slow", message } }, 408, { Connection: "close" }) };
    }
    return {
      ok: false,
      response:
        body.reason === "too_large"
          ? c.json<ErrorBody>({ error: { code: "body_too_large", message: `a request body is at most ${limit} bytes` } }, 413)
          : c.json<ErrorBody>({ error: { code: "invalid_json", message: "the body must be UTF-8 text" } }, 400),
    };
  }
  try {
    return { ok: true, value: JSON.parse(body.text) };
  } catch (error) {
    return {
      ok: false,
      response: c.json<ErrorBody>(
        { error: { code: "invalid_json", message: `the body is not valid JSON: ${(error as Error).message}` } },
        400,
      ),
    };
  }
}

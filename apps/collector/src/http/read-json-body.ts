import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import { toFieldErrors } from "@touchpoint/protocol";
import type { output, ZodType } from "zod";
import { ApiError } from "./api-error.js";
import { invalidParameter } from "./invalid-parameter.js";
import { readBodyText, type BodyTiming } from "./read-body.js";

/**
 * A request body as JSON within `limit` bytes and the timing, or a thrown refusal: 400 for text
 * that is not UTF-8 or not JSON, 413 over the limit, 408 past the timeout or below the minimum
 * rate (closing the connection, as the rest of the body may still be on its way).
 */
export async function readJsonValue(c: Context, limit: number, timing: BodyTiming): Promise<unknown> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const body = await readBodyText(c.req.raw, limit, timing, incoming);
  if (!body.ok) {
    if (body.reason === "timeout") {
      const message = `the body did not arrive within ${timing.timeoutMs} ms`;
      throw new ApiError(408, "body_timeout", message, { headers: { Connection: "close" } });
    }
    if (body.reason === "too_slow") {
      const message = `the body arrived slower than ${timing.minRate?.bytesPerSecond} bytes a second`;
      throw new ApiError(408, "body_too_slow", message, { headers: { Connection: "close" } });
    }
    throw body.reason === "too_large"
      ? new ApiError(413, "body_too_large", `a request body is at most ${limit} bytes`)
      : new ApiError(400, "invalid_json", "the body must be UTF-8 text");
  }
  try {
    return JSON.parse(body.text);
  } catch (error) {
    throw new ApiError(400, "invalid_json", `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** The body read as above and parsed by `schema`, or a thrown 400 `invalid_body` naming each field it breaks. */
export async function readBodyAs<S extends ZodType>(c: Context, schema: S, limit: number, timing: BodyTiming): Promise<output<S>> {
  const parsed = schema.safeParse(await readJsonValue(c, limit, timing));
  if (!parsed.success) throw invalidParameter(toFieldErrors(parsed.error.issues), "invalid_body");
  return parsed.data;
}

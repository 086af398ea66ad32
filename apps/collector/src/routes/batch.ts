import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ErrorBody, ProtocolLimits } from "@touchpoint/protocol";
import { readBodyText } from "../http/read-body.js";
import { batchRequestSchema, batchResponseSchema, errorBodySchema } from "../http/schemas.js";
import type { BatchIngest } from "../ingest/ingest-batch.js";
import { ingestCors } from "../middleware/ingest-cors.js";

const errorContent = { "application/json": { schema: errorBodySchema } };

/**
 * POST /v1/batch. Documented through the registry rather than validated by the OpenAPI layer:
 * the body needs a hard byte limit, text/plain (sendBeacon) and per-event partial acceptance.
 */
export function batchRoute(app: OpenAPIHono, ingestBatch: BatchIngest, limits: ProtocolLimits): void {
  const request = batchRequestSchema(limits);
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/v1/batch",
    summary: "Ingest a batch of events",
    description:
      "JSON body, sent as application/json or text/plain (navigator.sendBeacon). Valid events are stored, invalid ones reported by index; " +
      "an id stored before counts as a duplicate. A 200 means the stored events are committed to disk. " +
      "Server-side sources send `Authorization: Bearer <secret key>`: their events need only a customerId and keep their timestamps.",
    request: { body: { required: true, content: { "application/json": { schema: request }, "text/plain": { schema: request } } } },
    responses: {
      200: { description: "What happened to each event", content: { "application/json": { schema: batchResponseSchema } } },
      400: { description: "Unparsable body or invalid envelope", content: errorContent },
      401: { description: "Unknown write key or secret key", content: errorContent },
      403: { description: "Origin not allowed for this site", content: errorContent },
      413: { description: "Body or batch over the limits", content: errorContent },
      503: { description: "Not stored (storage failure or shutdown); send again", content: errorContent },
    },
  });

  app.use("/v1/batch", ingestCors());
  app.post("/v1/batch", async (c) => {
    const receivedAt = Date.now();
    const body = await readBodyText(c.req.raw, limits.maxBatchBytes);
    if (!body.ok) {
      return body.reason === "too_large"
        ? c.json<ErrorBody>({ error: { code: "body_too_large", message: `a request body is at most ${limits.maxBatchBytes} bytes` } }, 413)
        : c.json<ErrorBody>({ error: { code: "invalid_json", message: "the body must be UTF-8 text" } }, 400);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch (error) {
      return c.json<ErrorBody>({ error: { code: "invalid_json", message: `the body is not valid JSON: ${(error as Error).message}` } }, 400);
    }
    const outcome = await ingestBatch({
      body: parsed,
      origin: c.req.header("origin") ?? null,
      authorization: c.req.header("authorization") ?? null,
      userAgent: c.req.header("user-agent") ?? null,
      receivedAt,
    });
    if (outcome.status === 503) c.header("Retry-After", "1");
    return c.json(outcome.body, outcome.status);
  });
}

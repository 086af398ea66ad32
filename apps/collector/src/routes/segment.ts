import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Logger } from "pino";
import type { ProtocolLimits } from "@touchpoint/protocol";
import { basicAuthUser } from "../http/basic-auth-user.js";
import { ingestRefusalError } from "../http/ingest-refusal-answer.js";
import type { BodyTiming } from "../http/read-body.js";
import { readJsonValue } from "../http/read-json-body.js";
import { errorBodySchema } from "../http/schemas.js";
import { ingestCors } from "../middleware/ingest-cors.js";
import type { SegmentIngest } from "../segment/segment-ingest.js";
import type { SegmentType } from "../segment/segment-message.js";

/** Segment's single-message paths, with analytics.js's one-letter forms (its batching mode posts to /b). */
const MESSAGE_PATHS: readonly (readonly [SegmentType, readonly string[]])[] = [
  ["track", ["/v1/track", "/v1/t"]],
  ["page", ["/v1/page", "/v1/p"]],
  ["screen", ["/v1/screen", "/v1/s"]],
  ["identify", ["/v1/identify", "/v1/i"]],
  ["group", ["/v1/group", "/v1/g"]],
  ["alias", ["/v1/alias", "/v1/a"]],
];
/** Segment's batch paths besides POST /v1/batch, which batch.ts shares with Touchpoint's envelope. */
const BATCH_PATHS = ["/v1/b", "/v1/import"];

const errorContent = { "application/json": { schema: errorBodySchema } };
const successSchema = z.object({ success: z.literal(true) }).openapi("SegmentSuccess");
const segmentBodySchema = z.record(z.string(), z.unknown()).openapi("SegmentMessage", {
  description: "A message of Segment's tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/).",
});

export type SegmentAnswer = (c: Context, body: unknown, receivedAt: number) => Promise<Response>;

/**
 * Answers as Segment does, 200 `{ success: true }` whatever Touchpoint refused of the messages:
 * Segment's libraries drop or retry on other statuses, which would not fix a refused event.
 * What was refused is counted in /metrics (batchCounts) and logged with its reasons.
 */
export function segmentAnswer(ingestSegment: SegmentIngest, log: Logger | null, pathType?: SegmentType): SegmentAnswer {
  return async (c, body, receivedAt) => {
    const outcome = await ingestSegment({
      body,
      pathType,
      headerKey: basicAuthUser(c.req.header("authorization")),
      origin: c.req.header("origin") ?? null,
      userAgent: c.req.header("user-agent") ?? null,
      receivedAt,
    });
    if (!outcome.ok) throw ingestRefusalError(outcome.refusal, "messages");
    const { accepted, duplicates, bots, rejected, suppressed } = outcome.counts;
    c.set("batchCounts", { siteId: outcome.siteId, accepted, duplicates, bots, rejected: rejected.length, suppressed });
    if (rejected.length > 0)
      log?.warn({ site: outcome.siteId, rejected: rejected.length, first: rejected.slice(0, 3) }, "segment messages refused");
    return c.json({ success: true }, 200);
  };
}

/** Segment's tracking API: the single-message paths and the batch paths other than /v1/batch. */
export function segmentRoutes(
  app: OpenAPIHono,
  ingestSegment: SegmentIngest,
  limits: ProtocolLimits,
  bodyTiming: BodyTiming,
  log: Logger | null,
): void {
  const routes: [string, SegmentAnswer, SegmentType | null][] = [
    ...MESSAGE_PATHS.flatMap(([type, paths]) =>
      paths.map((path): [string, SegmentAnswer, SegmentType] => [path, segmentAnswer(ingestSegment, log, type), type]),
    ),
    ...BATCH_PATHS.map((path): [string, SegmentAnswer, null] => [path, segmentAnswer(ingestSegment, log), null]),
  ];
  for (const [path, answer, type] of routes) {
    app.openAPIRegistry.registerPath({
      method: "post",
      path,
      summary: type === null ? "Ingest a Segment batch" : `Ingest a Segment ${type} call`,
      description:
        "Segment's tracking API, for Segment's and RudderStack's libraries. The write key comes as HTTP Basic auth (`writeKey:`) or as `writeKey` " +
        "in the body; the site's secret key in its place makes a server sender. " +
        (type === null ? "The body is `{ batch: [messages], sentAt }`. " : "") +
        "Answers 200 `{ success: true }` as Segment does; messages Touchpoint refuses are counted in /metrics and logged.",
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: segmentBodySchema }, "text/plain": { schema: segmentBodySchema } },
        },
      },
      responses: {
        200: { description: "Received", content: { "application/json": { schema: successSchema } } },
        400: { description: "Unparsable body", content: errorContent },
        401: { description: "Missing or unknown write key", content: errorContent },
        403: { description: "Origin not allowed for this site", content: errorContent },
        413: { description: "Body or batch over the limits", content: errorContent },
        429: { description: "Rate limit of the site's key; Retry-After says when to send again", content: errorContent },
        503: { description: "Not stored; send again after Retry-After", content: errorContent },
      },
    });
    app.use(path, ingestCors());
    app.post(path, async (c) => {
      const receivedAt = Date.now();
      return answer(c, await readJsonValue(c, limits.maxBatchBytes, bodyTiming), receivedAt);
    });
  }
}

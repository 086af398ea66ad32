/** zod schemas of the collector's answers, for the OpenAPI description. */
import { z } from "@hono/zod-openapi";
import { eventSchema, type BatchResponse, type ErrorBody, type ProtocolLimits } from "@touchpoint/protocol";

const fieldError = z.object({
  path: z.string().openapi({ description: 'Dotted path inside the event, e.g. "properties.price"; "" for the whole event.' }),
  message: z.string(),
});

export const errorBodySchema: z.ZodType<ErrorBody> = z
  .object({ error: z.object({ code: z.string(), message: z.string(), issues: z.array(fieldError).optional() }) })
  .openapi("Error");

export const batchResponseSchema: z.ZodType<BatchResponse> = z
  .object({
    accepted: z.number().int().openapi({ description: "Events newly stored." }),
    duplicates: z
      .number()
      .int()
      .openapi({ description: "Events whose id was stored already (retries), including repeats inside this batch." }),
    suppressed: z.number().int().openapi({
      description:
        "Events refused because DELETE /v1/customers/{customerId} erased their event id or their customer id (a replay of erased data): not stored.",
    }),
    bots: z.number().int().openapi({ description: "Events from recognised bots: valid, not stored in journeys." }),
    rejected: z.array(z.object({ index: z.number().int(), id: z.string().nullable(), errors: z.array(fieldError) })),
  })
  .openapi("BatchResponse");

/** The envelope as documented: the runtime check reads events one by one for partial acceptance. */
export function batchRequestSchema(limits: ProtocolLimits) {
  return z
    .object({
      writeKey: z
        .string()
        .openapi({ description: "The site's public write key; any placeholder when the secret key travels in Authorization." }),
      sentAt: z.string().openapi({
        format: "date-time",
        description:
          "When the client sent the batch; browser timestamps are shifted by receivedAt - sentAt, then kept within 31 days before and 1 minute after receipt.",
      }),
      events: z.array(eventSchema(limits)).min(1).max(limits.maxEventsPerBatch),
    })
    .openapi("Batch");
}

export const healthSchema = z.object({ ok: z.literal(true) }).openapi("Health");

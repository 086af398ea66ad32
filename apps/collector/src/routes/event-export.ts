import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { toPeriod } from "@touchpoint/journeys";
import { EVENT_EXPORT_COLUMNS, eventExportChunks } from "../export/event-export.js";
import { answerOrInvalid } from "../http/invalid-parameter.js";
import { pulledStream } from "../http/pulled-stream.js";
import { enumParam, instantParam, queryParams, textParam } from "../http/query-params.js";
import { INVALID_PARAMETER, KEY_RESPONSES, SECRET_KEY } from "../http/query-responses.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import type { Store } from "../store/store.js";

const encoder = new TextEncoder();

async function* encoded(chunks: AsyncGenerator<string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield encoder.encode(chunk);
}

/** GET /v1/events/export (secret key): every stored event of a period, streamed for a warehouse. */
export function eventExportRoute(app: OpenAPIHono<KeyEnv>, store: Store): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/export",
      summary: "Every stored event of a period, for a warehouse",
      description:
        "Streamed as it is read, in constant memory: person by person in `person_key` order (byte order), each person's events in time order. " +
        "To resume a download that broke off, drop the rows of its last person_key and pass that person_key's predecessor, the last complete person, as `cursor`. " +
        "NDJSON unless `format=csv` or `Accept: text/csv`. Secret key.",
      security: SECRET_KEY,
      middleware: requireKey(store, ["secret"]),
      request: {
        query: queryParams({
          from: instantParam("Start of the period, included (open when absent)").optional(),
          to: instantParam(
            "End of the period: a date (2026-03-31) includes that whole UTC day, a date-time is excluded (open when absent)",
          ).optional(),
          cursor: textParam(
            "Only persons whose person_key sorts after this one: the last person a broken-off download completed",
          ).optional(),
          format: enumParam(["ndjson", "csv"], "ndjson (default) or csv; without it, `Accept: text/csv` picks csv").optional(),
        }),
      },
      responses: {
        200: {
          description:
            `Columns ${EVENT_EXPORT_COLUMNS.join(", ")}. person_key is c:<customer id> or a:<anonymous id> (the journey the event belongs to); ` +
            "timestamp is ISO-8601; in CSV, properties, traits and context are JSON text.",
          content: {
            "application/x-ndjson": { schema: z.string().openapi({ description: "One JSON object per line, keyed by the column names." }) },
            "text/csv": { schema: z.string() },
          },
        },
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return answerOrInvalid(async () => {
        const period = toPeriod(query.from, query.to);
        const format = query.format ?? (c.req.header("accept")?.includes("text/csv") ? "csv" : "ndjson");
        c.header("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
        c.header("Content-Disposition", `attachment; filename="events.${format}"`);
        const chunks = eventExportChunks(store, c.get("site").id, {
          period,
          format,
          ...(query.cursor === undefined ? {} : { afterPersonKey: query.cursor }),
        });
        return c.body(pulledStream(encoded(chunks)), 200);
      });
    },
  );
}

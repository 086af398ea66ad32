/** The `asOf` field of every answer read from journey digests. */
import { z } from "@hono/zod-openapi";

export const asOfField = z.string().openapi({
  description:
    "ISO-8601 time through which the answer reflects the site's events: every event committed before it counts. Journey upkeep runs right after each commit, " +
    "so this is normally the time of the request; while upkeep catches up it is earlier, and later events are not in the answer yet.",
  example: "2026-03-02T09:00:00.000Z",
});

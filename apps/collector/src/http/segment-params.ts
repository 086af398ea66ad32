/**
 * The segment parameters every report takes (the dashboard's filters): `channel=email,paid_search`
 * and `campaign=spring_sale` (comma-separated or repeated: any of them), and `trait.KEY=VALUE` for
 * each trait to match. A report reads only the people in the segment.
 */
import { z } from "@hono/zod-openapi";
import type { PersonSegment } from "@touchpoint/journeys";
import { traitParams } from "./query-params.js";

const MAX_VALUES = 50;

function valueListParam(description: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value, ctx) => {
      const values = (typeof value === "string" ? [value] : value).flatMap((part) => part.split(",")).map((part) => part.trim());
      if (values.some((part) => part === "")) {
        ctx.addIssue({ code: "custom", message: "must not hold an empty value" });
        return z.NEVER;
      }
      if (values.length > MAX_VALUES) {
        ctx.addIssue({ code: "custom", message: `names at most ${MAX_VALUES} values` });
        return z.NEVER;
      }
      return [...new Set(values)];
    })
    .openapi({ description, type: "array", items: { type: "string" } });
}

/** Spread into a report's queryParams shape, with `{ traits: true }` for `trait.KEY=VALUE`. */
export const SEGMENT_PARAMS = {
  channel: valueListParam(
    "Only people with a touchpoint in one of these channels at any time (comma-separated); with trait.KEY=VALUE and campaign, every part must hold",
  ).optional(),
  campaign: valueListParam("Only people with a touchpoint of one of these campaigns (utm_campaign of its session) at any time").optional(),
  deviceType: valueListParam(
    "Only people with an event from one of these device types (desktop, mobile, tablet, ...) at any time",
  ).optional(),
};

export function segmentOf(
  query: Record<string, unknown> & { channel?: string[]; campaign?: string[]; deviceType?: string[] },
): PersonSegment {
  return {
    traits: traitParams(query),
    channels: query.channel ?? [],
    campaigns: query.campaign ?? [],
    deviceTypes: query.deviceType ?? [],
  };
}

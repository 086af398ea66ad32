/**
 * The segment parameters every report takes (the dashboard's filters): `channel=email,paid_search`
 * and `campaign=spring_sale` (comma-separated or repeated: any of them), and `trait.KEY=VALUE` for
 * each trait to match. A report reads only the people in the segment. Beside them,
 * `stageModel=sales_funnel` reads the report through a shipped stage model instead of the site's.
 */
import { z } from "@hono/zod-openapi";
import type { PersonSegment } from "@touchpoint/journeys";
import { STAGE_MODEL_CHOICES } from "../queries/stage-model-view.js";
import { enumParam, traitParams } from "./query-params.js";

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

/** `stageModel`: for the report and for one journey. */
export const STAGE_MODEL_PARAM = {
  stageModel: enumParam(
    STAGE_MODEL_CHOICES,
    "The stage model the answer places touchpoints with: `site` (the site's own, the default), or a shipped one: `default` (awareness ... loyalty), " +
      "`three_stage` (acquisition, purchase, retention), `sales_funnel` (stranger ... promoter). Another model than the site's is worked out from the events " +
      "rather than read from the kept digests (3-6 s per million events); on a site of up to 200,000 events that work serves later requests while the site's events are unchanged (30 s at most)",
  ).optional(),
};

/** Spread into a report's queryParams shape, with `{ traits: true }` for `trait.KEY=VALUE`. */
export const SEGMENT_PARAMS = {
  ...STAGE_MODEL_PARAM,
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

import type { AttributionJourney, AttributionTouchpoint } from "./attribution-journey.js";

/** Test journeys in days from 2026-01-01T00:00:00Z, so windows and decays read as plain numbers. */
const EPOCH = Date.UTC(2026, 0, 1);

/** Epoch ms of a day (fractions allowed). */
export function day(days: number): number {
  return EPOCH + days * 86_400_000;
}

export interface TouchSpec {
  name?: string;
  channel?: string;
  day: number;
  type?: "page" | "touchpoint";
  stage?: string | null;
  campaign?: string;
  value?: number;
}

let nextId = 0;

export function touch(spec: TouchSpec): AttributionTouchpoint & { id: string } {
  nextId += 1;
  return {
    id: `t${nextId}`,
    type: spec.type ?? "touchpoint",
    name: spec.name ?? (spec.type === "page" ? "page_view" : "banner_click"),
    stage: spec.stage ?? null,
    channel: spec.channel ?? "direct",
    time: day(spec.day),
    ...(spec.value === undefined ? {} : { value: spec.value }),
    ...(spec.campaign === undefined ? {} : { campaign: spec.campaign }),
  };
}

/**
 * A journey from touches by channel (`["email", 0]` = an email-channel banner_click on day 0) and
 * purchases `[day, value]`; each purchase is also a touchpoint, as the engine builds them.
 */
export function channelJourney(
  touches: [channel: string, day: number][],
  purchases: [day: number, value: number][] = [],
): AttributionJourney {
  const purchaseTouches = purchases.map(([at, value]) => touch({ name: "purchase", channel: "direct", day: at, value }));
  return {
    touchpoints: [...touches.map(([channel, at]) => touch({ channel, day: at })), ...purchaseTouches].sort((a, b) => a.time - b.time),
    stages: [],
    conversions: purchaseTouches.map((purchase) => ({
      id: purchase.id,
      name: "purchase",
      time: purchase.time,
      value: purchase.value as number,
    })),
  };
}

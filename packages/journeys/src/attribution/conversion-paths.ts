import type { AttributionJourney, AttributionTouchpoint } from "./attribution-journey.js";
import { firstIndexFrom } from "./first-index-from.js";
import { inPeriod } from "./instant.js";
import type { ResolvedAttributionOptions } from "./options.js";
import type { PathTouch } from "./path-touch.js";
import { DIRECT_CHANNEL, touchKey } from "./touch-key.js";

export interface ConvertingPath {
  path: PathTouch[];
  /** The conversion event's id; null for a stage entry or a touchpoint named as the conversion. */
  id: string | null;
  /** Epoch ms of the conversion. */
  time: number;
  /** properties.value of the conversion event; 0 when it has none, and for stage entries. */
  value: number;
  /** The customer's first conversion of this kind (for cost per acquisition). */
  first: boolean;
}

export interface JourneyPaths {
  converting: ConvertingPath[];
  /** The path of a customer who did not convert in the period; null when they did, or had no touch in it. */
  nonConverting: PathTouch[] | null;
}

interface ConversionPoint {
  id: string | null;
  time: number;
  value: number;
}

type PathOptions = Pick<ResolvedAttributionOptions, "conversionKind" | "groupBy" | "period" | "lookbackMs">;

/**
 * The paths one journey contributes:
 * - Conversions: for `stage:<name>`, the customer's entry into that stage (at most one); for an
 *   event name, the journey's conversions of that name, or, when the stage model does not list the
 *   name as a conversion event, the touchpoints of that name (value = numeric properties.value).
 *   Conversion events delimit paths and are never touches: neither the stage model's conversion
 *   events (whatever is attributed) nor events of the attributed name.
 * - A conversion counts when its time is in [from, to). Its path is the customer's touches strictly
 *   after their previous conversion of the same kind (even one before `from`), at or after
 *   `lookbackDays` before the conversion, and strictly before it.
 * - A customer with no conversion of the kind in [from, to) contributes one non-converting path,
 *   ending at their last touch in [from, to): the touches strictly after their last earlier
 *   conversion of the kind, at or after `lookbackDays` before that last touch, up to it. For
 *   `stage:<name>`, a customer who entered the stage before `from` contributes nothing.
 * - Page views (type `page`) are touches of their channel, stage and campaign. Under
 *   groupBy=touchpoint they are dropped from any path that holds another kind of touchpoint, because
 *   a page view is the setting of an interaction, not one, and would outnumber every named
 *   touchpoint; a path made only of page views keeps them (keyed by the page's name, `page_view`).
 * - Identify events are never touches.
 */
export function journeyPaths(journey: AttributionJourney, options: PathOptions, withNonConverting = true): JourneyPaths {
  // Loops rather than array callbacks: this runs once per person of a report, a million times.
  const { period, lookbackMs } = options;
  const conversions = conversionPoints(journey, options);
  let converts = false;
  for (const conversion of conversions) if (inPeriod(conversion.time, period)) converts = true;
  // Heuristic models read converting paths only: most customers never convert, skip their touches.
  if (!converts && !withNonConverting) return { converting: [], nonConverting: null };
  const touches = eligibleTouches(journey, options);
  const times: number[] = [];
  for (const touch of touches) times.push(touch.time);
  const converting: ConvertingPath[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < conversions.length; index++) {
    const conversion = conversions[index] as ConversionPoint;
    if (inPeriod(conversion.time, period)) {
      const start = Math.max(firstIndexFrom(times, previous, true), firstIndexFrom(times, conversion.time - lookbackMs));
      const end = firstIndexFrom(times, conversion.time);
      converting.push({
        path: pathOf(touches, start, end, options),
        id: conversion.id,
        time: conversion.time,
        value: conversion.value,
        first: index === 0,
      });
    }
    previous = conversion.time;
  }
  if (converts || !withNonConverting) return { converting, nonConverting: null };
  // No conversion in the period: the path ends at the customer's last touch in it.
  const end = firstIndexFrom(times, period.to);
  const last = times[end - 1];
  let before = Number.NEGATIVE_INFINITY;
  for (const conversion of conversions) if (conversion.time < period.to) before = conversion.time;
  // A stage is entered once: a customer already in it before the period cannot fail to enter it.
  const alreadyEntered = options.conversionKind.kind === "stage" && before > Number.NEGATIVE_INFINITY;
  if (last === undefined || last < period.from || last <= before || alreadyEntered) return { converting, nonConverting: null };
  const start = Math.max(firstIndexFrom(times, before, true), firstIndexFrom(times, last - lookbackMs));
  return { converting, nonConverting: pathOf(touches, start, end, options) };
}

/**
 * The touchpoints that can be touches, in time order: page views and touchpoints, but never a
 * conversion event of the stage model (a purchase is an outcome, not a touch that moves anyone,
 * also when attributing `stage:loyalty` or `add_to_cart`), nor an event of the name attributed.
 */
function eligibleTouches(journey: AttributionJourney, options: PathOptions): AttributionTouchpoint[] {
  const { conversionKind } = options;
  const attributed = conversionKind.kind === "event" ? conversionKind.name : undefined;
  // Most journeys hold no conversion: no set of their names to build then.
  const conversionNames = journey.conversions.length === 0 ? undefined : new Set(journey.conversions.map((conversion) => conversion.name));
  const touches: AttributionTouchpoint[] = [];
  for (const touchpoint of journey.touchpoints) {
    if (touchpoint.type !== "page" && touchpoint.type !== "touchpoint") continue;
    if (conversionNames?.has(touchpoint.name)) continue;
    if (touchpoint.name === attributed) continue;
    touches.push(touchpoint);
  }
  return sortedByTime(touches);
}

function pathOf(touches: AttributionTouchpoint[], start: number, end: number, options: PathOptions): PathTouch[] {
  // Under groupBy=touchpoint, page views leave a window that holds an interaction too.
  let dropPages = false;
  if (options.groupBy === "touchpoint") {
    let pages = false;
    let interactions = false;
    for (let i = start; i < end; i++) {
      if ((touches[i] as AttributionTouchpoint).type === "page") pages = true;
      else interactions = true;
    }
    dropPages = pages && interactions;
  }
  const path: PathTouch[] = [];
  for (let i = start; i < end; i++) {
    const touchpoint = touches[i] as AttributionTouchpoint;
    if (dropPages && touchpoint.type === "page") continue;
    const key = touchKey(touchpoint, options.groupBy);
    path.push({ key, label: key, time: touchpoint.time, direct: touchpoint.channel === DIRECT_CHANNEL });
  }
  return path;
}

function conversionPoints(journey: AttributionJourney, options: PathOptions): ConversionPoint[] {
  const kind = options.conversionKind;
  if (kind.kind === "stage") {
    const entry = journey.stages.find((stage) => stage.stage === kind.stage);
    return entry ? [{ id: null, time: entry.time, value: 0 }] : [];
  }
  const listed: ConversionPoint[] = [];
  for (const conversion of journey.conversions) {
    if (conversion.name === kind.name) listed.push({ id: conversion.id, time: conversion.time, value: conversion.value });
  }
  if (listed.length > 0) return sortedByTime(listed);
  for (const touchpoint of journey.touchpoints) {
    if (touchpoint.type !== "identify" && touchpoint.name === kind.name)
      listed.push({ id: null, time: touchpoint.time, value: touchpoint.value ?? 0 });
  }
  return sortedByTime(listed);
}

/** Journeys arrive in time order; sort (stably) only when one does not. */
function sortedByTime<T extends { time: number }>(items: T[]): T[] {
  for (let i = 1; i < items.length; i++) {
    if ((items[i] as T).time < (items[i - 1] as T).time) return items.sort((a, b) => a.time - b.time);
  }
  return items;
}

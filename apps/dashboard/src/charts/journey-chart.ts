import type { Journey, JourneyTouchpoint } from "../api-types.js";
import { svg, svgLabel } from "../dom.js";
import { formatTime } from "../format.js";

const LABEL_WIDTH = 130;
/** Few touchpoints spread over this width; many get at least MIN_STEP each and scroll. */
const PLOT_WIDTH = 760;
const MIN_STEP = 12;
const MAX_STEP = 64;
const LANE_HEIGHT = 30;
const SESSION_ROW = 38;
const CURVE_GAP = 34;
const CURVE_HEIGHT = 96;
export const NO_STAGE_LANE = "(no stage)";

/** A touchpoint's rating, the point of the "emotional curve": properties.rating when it is a number. */
export function ratingOf(touchpoint: JourneyTouchpoint): number | null {
  const rating = touchpoint.properties.rating;
  const value = typeof rating === "string" && rating.trim() !== "" ? Number(rating) : rating;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The stage lanes top to bottom: the model's order first, then any other stage the journey has. */
export function stageLanes(journey: Journey, stageOrder: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const touchpoint of journey.touchpoints) seen.add(touchpoint.stage ?? NO_STAGE_LANE);
  const lanes = stageOrder.filter((stage) => seen.has(stage));
  for (const stage of [...journey.stages.map((entry) => entry.stage), ...seen]) {
    if (seen.has(stage) && !lanes.includes(stage) && stage !== NO_STAGE_LANE) lanes.push(stage);
  }
  if (seen.has(NO_STAGE_LANE)) lanes.push(NO_STAGE_LANE);
  return lanes;
}

interface SessionSpan {
  first: number;
  last: number;
  channel: string;
  startedAt: string;
}

/** Runs of consecutive touchpoints in the same session, each with the session's channel. */
function sessionSpans(journey: Journey): SessionSpan[] {
  const channels = new Map(journey.sessions.map((session) => [session.id, session.channel]));
  const spans: SessionSpan[] = [];
  let current: (SessionSpan & { id: string }) | null = null;
  journey.touchpoints.forEach((touchpoint, index) => {
    if (current && current.id === touchpoint.sessionId) {
      current.last = index;
      return;
    }
    current = { id: touchpoint.sessionId, first: index, last: index, channel: channels.get(touchpoint.sessionId) ?? touchpoint.channel, startedAt: touchpoint.timestamp };
    spans.push(current);
  });
  return spans;
}

/**
 * The journey along the stages: touchpoints in time order from left to right (evenly spaced, so
 * a busy minute and a quiet month both stay readable), one lane per stage, shaded bands per
 * session labelled with its channel, and below them the rating curve where ratings exist.
 */
export function journeyChart(journey: Journey, stageOrder: readonly string[]): SVGSVGElement {
  const touchpoints = journey.touchpoints;
  const count = touchpoints.length;
  const step = Math.min(MAX_STEP, Math.max(MIN_STEP, PLOT_WIDTH / Math.max(1, count)));
  const width = Math.ceil(LABEL_WIDTH + count * step + 20);
  const lanes = stageLanes(journey, stageOrder);
  const lanesTop = SESSION_ROW;
  const lanesBottom = lanesTop + lanes.length * LANE_HEIGHT;
  const ratings = touchpoints.map(ratingOf);
  const rated = ratings.filter((rating): rating is number => rating !== null);
  const height = lanesBottom + (rated.length > 0 ? CURVE_GAP + CURVE_HEIGHT + 20 : 8);
  const x = (index: number) => LABEL_WIDTH + index * step + step / 2;
  const laneY = (touchpoint: JourneyTouchpoint) => lanesTop + lanes.indexOf(touchpoint.stage ?? NO_STAGE_LANE) * LANE_HEIGHT + LANE_HEIGHT / 2;

  const chart = svg("svg", {
    class: "chart journey-chart",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Journey timeline: ${count} touchpoints across ${lanes.length} stages${rated.length ? `, ${rated.length} ratings` : ""}`,
  });

  sessionSpans(journey).forEach((span, index) => {
    const left = LABEL_WIDTH + span.first * step;
    const spanWidth = (span.last - span.first + 1) * step;
    const characters = Math.floor(spanWidth / 7);
    chart.append(
      svg(
        "rect",
        { x: left, y: lanesTop, width: spanWidth, height: lanesBottom - lanesTop, class: `session-band ${index % 2 ? "odd" : "even"}` },
        svg("title", {}, `Session from ${span.channel}, ${formatTime(span.startedAt)}`),
      ),
    );
    // A band too narrow for a readable label keeps its channel in the tooltip only.
    if (characters >= 4) {
      chart.append(
        svgLabel(span.channel, characters, { x: left + 3, y: lanesTop - 20, class: "session-label" }),
        svgLabel(formatTime(span.startedAt).slice(5), characters, { x: left + 3, y: lanesTop - 7, class: "session-time" }),
      );
    }
  });
  lanes.forEach((lane, index) => {
    const y = lanesTop + index * LANE_HEIGHT + LANE_HEIGHT / 2;
    chart.append(
      svg("line", { x1: LABEL_WIDTH, x2: width - 10, y1: y, y2: y, class: "lane" }),
      svgLabel(lane, 18, { x: LABEL_WIDTH - 10, y, class: "label", "text-anchor": "end", "dominant-baseline": "middle" }),
    );
  });
  if (count > 1) {
    chart.append(svg("polyline", { class: "journey-path", points: touchpoints.map((touchpoint, index) => `${x(index)},${laneY(touchpoint)}`).join(" ") }));
  }
  touchpoints.forEach((touchpoint, index) => {
    const lane = lanes.indexOf(touchpoint.stage ?? NO_STAGE_LANE);
    const stageClass = touchpoint.stage === null ? "stage-none" : `stage-${lane % 8}`;
    chart.append(
      svg(
        "circle",
        { cx: x(index), cy: laneY(touchpoint), r: 5, class: `dot ${stageClass}`, "data-index": index },
        svg("title", {}, `${touchpoint.name} · ${touchpoint.stage ?? NO_STAGE_LANE} · ${touchpoint.channel} · ${formatTime(touchpoint.timestamp)}`),
      ),
    );
  });

  if (rated.length > 0) chart.append(ratingCurve(ratings, x, lanesBottom + CURVE_GAP, width));
  return chart;
}

/** Low, middling or high on the scale, for the point's colour. */
function ratingTone(rating: number, low: number, high: number): string {
  const position = (rating - low) / (high - low);
  return position < 0.4 ? "low" : position < 0.7 ? "middle" : "high";
}

/** The emotional curve: ratings on a 1..max scale (at least 5), joined in time order. */
function ratingCurve(ratings: (number | null)[], x: (index: number) => number, top: number, width: number): SVGGElement {
  const values = ratings.filter((rating): rating is number => rating !== null);
  const low = Math.min(1, ...values);
  const high = Math.max(5, ...values);
  const y = (rating: number) => top + CURVE_HEIGHT - ((rating - low) / (high - low)) * CURVE_HEIGHT;
  const group = svg("g", { class: "rating-curve" });
  group.append(svg("text", { x: LABEL_WIDTH - 10, y: top + CURVE_HEIGHT / 2, class: "label", "text-anchor": "end", "dominant-baseline": "middle" }, "Rating"));
  for (const tick of [low, (low + high) / 2, high]) {
    group.append(
      svg("line", { x1: LABEL_WIDTH, x2: width - 10, y1: y(tick), y2: y(tick), class: "grid" }),
      svg("text", { x: LABEL_WIDTH + 2, y: y(tick) - 3, class: "axis" }, String(tick)),
    );
  }
  const points = ratings.flatMap((rating, index) => (rating === null ? [] : [{ index, rating }]));
  if (points.length > 1) {
    group.append(svg("polyline", { class: "rating-line", points: points.map((point) => `${x(point.index)},${y(point.rating)}`).join(" ") }));
  }
  for (const point of points) {
    group.append(
      svg("circle", { cx: x(point.index), cy: y(point.rating), r: 4.5, class: `rating-point ${ratingTone(point.rating, low, high)}`, "data-index": point.index }, svg("title", {}, `Rating ${point.rating}`)),
      svg("text", { x: x(point.index), y: y(point.rating) - 9, class: "rating-value", "text-anchor": "middle" }, String(point.rating)),
    );
  }
  return group;
}

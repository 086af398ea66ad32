import type { Journey, JourneyTouchpoint } from "../api-types.js";
import { svg, svgLabel } from "../dom.js";
import { formatTime } from "../format.js";
import { timeTicks } from "./time-axis.js";

const LABEL_WIDTH = 130;
const PLOT_WIDTH = 760;
const RIGHT_PAD = 24;
const LANE_HEIGHT = 30;
const SESSION_ROW = 40;
const AXIS_HEIGHT = 34;
const CURVE_GAP = 26;
const CURVE_HEIGHT = 96;
/** A session of a few minutes in a month-long journey still shows as a visible band. */
const MIN_BAND = 6;

/** A touchpoint's rating, the point of the "emotional curve": properties.rating when it is a number. */
export function ratingOf(touchpoint: JourneyTouchpoint): number | null {
  const rating = touchpoint.properties.rating;
  const value = typeof rating === "string" && rating.trim() !== "" ? Number(rating) : rating;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Sent by a server or an integration rather than a browser (a call-centre contact, a store
 * purchase, an automation's email): no page, and a channel given explicitly. Labelled as such.
 */
export function isOffline(touchpoint: JourneyTouchpoint): boolean {
  return touchpoint.type === "touchpoint" && !touchpoint.context.url && !touchpoint.context.path && Boolean(touchpoint.context.channel);
}

/** The stage lanes top to bottom: the model's order first, then any other stage the journey entered. */
export function stageLanes(journey: Journey, stageOrder: readonly string[]): string[] {
  const entered = new Set(journey.stages.map((entry) => entry.stage));
  for (const touchpoint of journey.touchpoints) if (touchpoint.stage) entered.add(touchpoint.stage);
  const lanes = stageOrder.filter((stage) => entered.has(stage));
  for (const stage of entered) if (!lanes.includes(stage)) lanes.push(stage);
  return lanes;
}

/**
 * The furthest stage reached at each touchpoint (in lane order), so a page view with no stage of
 * its own stays where the person is instead of dropping the line; null before the first stage.
 */
export function stageReached(journey: Journey, lanes: readonly string[]): (string | null)[] {
  let furthest = -1;
  return journey.touchpoints.map((touchpoint) => {
    const lane = touchpoint.stage === null ? -1 : lanes.indexOf(touchpoint.stage);
    furthest = Math.max(furthest, lane);
    return furthest >= 0 ? lanes[furthest]! : null;
  });
}

/** What a touchpoint is, in words: the page's path and title for page views, else its name. */
/** Recorded by an automation rule's `track` action: channel `automation`, the rule's name in `ruleName`. */
export function automationRuleOf(touchpoint: JourneyTouchpoint): string | null {
  if (touchpoint.type !== "touchpoint" || touchpoint.context.channel !== "automation") return null;
  const name = touchpoint.properties.ruleName;
  return typeof name === "string" && name ? name : "a rule";
}

export function touchpointLabel(touchpoint: JourneyTouchpoint): string {
  const rule = automationRuleOf(touchpoint);
  if (rule !== null) return `${touchpoint.name} (automation: ${rule})`;
  if (touchpoint.type !== "page")
    return isOffline(touchpoint) ? `${touchpoint.name} (offline, ${touchpoint.context.channel})` : touchpoint.name;
  const title = touchpoint.context.title;
  const path = touchpoint.context.path ?? touchpoint.context.url ?? "";
  return [path, title].filter(Boolean).join(" · ") || touchpoint.name;
}

/**
 * The journey on a real UTC time axis: one lane per stage entered, sessions as bands labelled with
 * their channel, every touchpoint as a mark on the lane of the furthest stage reached by then
 * (pages hollow, offline touches square), a diamond where each stage was entered, and below them
 * the rating curve joining rated touchpoints only.
 */
export function journeyChart(journey: Journey, stageOrder: readonly string[]): SVGSVGElement {
  const touchpoints = journey.touchpoints;
  const times = touchpoints.map((touchpoint) => Date.parse(touchpoint.timestamp));
  const sessionTimes = journey.sessions.flatMap((session) => [Date.parse(session.startedAt), Date.parse(session.endedAt)]);
  const first = Math.min(...times, ...sessionTimes);
  const last = Math.max(...times, ...sessionTimes);
  // A margin of 2% each side, at least a minute, so marks at the ends are not cut.
  const margin = Math.max((last - first) * 0.02, 60_000);
  const start = first - margin;
  const end = last + margin;
  const width = LABEL_WIDTH + PLOT_WIDTH + RIGHT_PAD;
  const x = (time: number) => LABEL_WIDTH + ((time - start) / (end - start)) * PLOT_WIDTH;

  const lanes = stageLanes(journey, stageOrder);
  const laneRows = Math.max(1, lanes.length);
  const lanesTop = SESSION_ROW;
  const lanesBottom = lanesTop + laneRows * LANE_HEIGHT;
  // Before the first stage entry a person is on the first lane: there is nothing lower to be.
  const laneY = (stage: string | null) => lanesTop + (stage === null ? 0.5 : lanes.indexOf(stage) + 0.5) * LANE_HEIGHT;
  const reached = stageReached(journey, lanes);
  const ratings = touchpoints.map(ratingOf);
  const rated = ratings.filter((rating): rating is number => rating !== null).length;
  const axisBottom = lanesBottom + AXIS_HEIGHT;
  const height = axisBottom + (rated > 0 ? CURVE_GAP + CURVE_HEIGHT + 16 : 4);

  const chart = svg("svg", {
    class: "chart journey-chart",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Journey timeline from ${formatTime(new Date(first).toISOString())} to ${formatTime(new Date(last).toISOString())} UTC: ${touchpoints.length} touchpoints in ${journey.sessions.length} sessions, ${journey.stages.length} stages entered${rated ? `, ${rated} ratings` : ""}`,
  });

  journey.sessions.forEach((session, index) => {
    const left = x(Date.parse(session.startedAt));
    const bandWidth = Math.max(MIN_BAND, x(Date.parse(session.endedAt)) - left);
    const next = journey.sessions[index + 1];
    const room = (next ? x(Date.parse(next.startedAt)) : width - RIGHT_PAD) - left;
    chart.append(
      svg(
        "rect",
        {
          x: left.toFixed(1),
          y: lanesTop,
          width: bandWidth.toFixed(1),
          height: lanesBottom - lanesTop,
          class: `session-band channel-${index % 2 ? "odd" : "even"}`,
          "data-channel": session.channel,
        },
        svg(
          "title",
          {},
          `Session from ${session.channel}, ${formatTime(session.startedAt)} – ${formatTime(session.endedAt).slice(11)} UTC, ${session.touchpoints} touchpoints`,
        ),
      ),
    );
    // A label only where it fits before the next session (the last one may reach back towards
    // the one before it); the tooltip always has it.
    const characters = Math.floor(room / 6.5);
    const previous = journey.sessions[index - 1];
    const roomBack = left + bandWidth - (previous ? x(Date.parse(previous.endedAt)) + 8 : LABEL_WIDTH);
    if (characters >= 4)
      chart.append(svgLabel(session.channel, characters, { x: (left + 1).toFixed(1), y: lanesTop - 8, class: "session-label" }));
    else if (!next && roomBack / 6.5 >= 4)
      chart.append(
        svgLabel(session.channel, Math.floor(roomBack / 6.5), {
          x: (left + bandWidth).toFixed(1),
          y: lanesTop - 8,
          class: "session-label",
          "text-anchor": "end",
        }),
      );
  });

  lanes.forEach((lane, index) => {
    const y = lanesTop + (index + 0.5) * LANE_HEIGHT;
    chart.append(
      svg("line", { x1: LABEL_WIDTH, x2: width - RIGHT_PAD, y1: y, y2: y, class: "lane" }),
      svgLabel(lane, 18, { x: LABEL_WIDTH - 10, y, class: "label", "text-anchor": "end", "dominant-baseline": "middle" }),
    );
  });

  for (const tick of timeTicks(start, end)) {
    const tickX = x(tick.time).toFixed(1);
    chart.append(
      svg("line", { x1: tickX, x2: tickX, y1: lanesTop, y2: lanesBottom + 4, class: "tick" }),
      svg("text", { x: tickX, y: lanesBottom + 17, class: "axis", "text-anchor": "middle" }, tick.label),
    );
  }
  chart.append(svg("text", { x: LABEL_WIDTH - 10, y: lanesBottom + 17, class: "axis", "text-anchor": "end" }, "UTC"));

  // The stage reached so far, as steps: it only ever climbs, so no sawtooth between page views.
  const steps: string[] = [];
  touchpoints.forEach((_, index) => {
    if (reached[index] === null) return;
    const pointX = x(times[index]!).toFixed(1);
    const y = laneY(reached[index]!).toFixed(1);
    if (steps.length > 0) steps.push(`${pointX},${steps[steps.length - 1]!.split(",")[1]}`);
    steps.push(`${pointX},${y}`);
  });
  if (steps.length > 1) chart.append(svg("polyline", { class: "journey-path", points: steps.join(" ") }));

  touchpoints.forEach((touchpoint, index) => {
    const cx = x(times[index]!);
    const cy = laneY(reached[index] ?? null);
    const stage = touchpoint.stage ?? reached[index];
    const lane = stage ? lanes.indexOf(stage) : -1;
    const kind =
      touchpoint.type === "page"
        ? "page"
        : automationRuleOf(touchpoint) !== null
          ? "automation"
          : isOffline(touchpoint)
            ? "offline"
            : "event";
    const title = svg(
      "title",
      {},
      `${touchpointLabel(touchpoint)} · ${touchpoint.stage ?? "no stage of its own"} · ${touchpoint.channel} · ${formatTime(touchpoint.timestamp)} UTC`,
    );
    const attributes = { class: `dot ${kind} ${lane >= 0 ? `stage-${lane % 8}` : "stage-none"}`, "data-index": index };
    chart.append(
      kind === "automation"
        ? svg(
            "polygon",
            {
              ...attributes,
              points: `${cx.toFixed(1)},${(cy - 6).toFixed(1)} ${(cx + 6).toFixed(1)},${(cy + 5).toFixed(1)} ${(cx - 6).toFixed(1)},${(cy + 5).toFixed(1)}`,
            },
            title,
          )
        : kind === "offline"
          ? svg("rect", { ...attributes, x: (cx - 5).toFixed(1), y: (cy - 5).toFixed(1), width: 10, height: 10 }, title)
          : svg("circle", { ...attributes, cx: cx.toFixed(1), cy: cy.toFixed(1), r: kind === "page" ? 3.5 : 5 }, title),
    );
  });

  for (const entry of journey.stages) {
    const lane = lanes.indexOf(entry.stage);
    if (lane < 0) continue;
    const cx = x(Date.parse(entry.enteredAt));
    const cy = laneY(entry.stage);
    chart.append(
      svg(
        "path",
        { class: `stage-entry stage-${lane % 8}`, d: `M${cx.toFixed(1)} ${(cy - 9).toFixed(1)} l7 9 l-7 9 l-7 -9 z` },
        svg("title", {}, `Entered ${entry.stage}, ${formatTime(entry.enteredAt)} UTC`),
      ),
    );
  }

  if (rated > 0) chart.append(ratingCurve(ratings, times.map(x), axisBottom + CURVE_GAP, width));
  return chart;
}

/** Low, middling or high on the scale, for the point's colour. */
function ratingTone(rating: number, low: number, high: number): string {
  const position = (rating - low) / (high - low);
  return position < 0.4 ? "low" : position < 0.7 ? "middle" : "high";
}

/** The emotional curve: ratings on a 1..max scale (at least 5), joined from rated touch to rated touch. */
function ratingCurve(ratings: (number | null)[], xs: number[], top: number, width: number): SVGGElement {
  const values = ratings.filter((rating): rating is number => rating !== null);
  const low = Math.min(1, ...values);
  const high = Math.max(5, ...values);
  const y = (rating: number) => top + CURVE_HEIGHT - ((rating - low) / (high - low)) * CURVE_HEIGHT;
  const group = svg("g", { class: "rating-curve" });
  group.append(
    svg(
      "text",
      { x: LABEL_WIDTH - 10, y: top + CURVE_HEIGHT / 2, class: "label", "text-anchor": "end", "dominant-baseline": "middle" },
      "Rating",
    ),
  );
  for (const tick of [low, (low + high) / 2, high]) {
    group.append(
      svg("line", { x1: LABEL_WIDTH, x2: width - RIGHT_PAD, y1: y(tick), y2: y(tick), class: "grid" }),
      svg("text", { x: LABEL_WIDTH + 2, y: y(tick) - 3, class: "axis" }, String(tick)),
    );
  }
  const points = ratings.flatMap((rating, index) => (rating === null ? [] : [{ index, rating }]));
  if (points.length > 1) {
    group.append(
      svg("polyline", {
        class: "rating-line",
        points: points.map((point) => `${xs[point.index]!.toFixed(1)},${y(point.rating).toFixed(1)}`).join(" "),
      }),
    );
  }
  for (const point of points) {
    group.append(
      svg(
        "circle",
        {
          cx: xs[point.index]!.toFixed(1),
          cy: y(point.rating).toFixed(1),
          r: 4.5,
          class: `rating-point ${ratingTone(point.rating, low, high)}`,
          "data-index": point.index,
        },
        svg("title", {}, `Rating ${point.rating}`),
      ),
      svg(
        "text",
        { x: xs[point.index]!.toFixed(1), y: (y(point.rating) - 9).toFixed(1), class: "rating-value", "text-anchor": "middle" },
        String(point.rating),
      ),
    );
  }
  return group;
}

import type { FunnelStage } from "../api-types.js";
import { svg, svgLabel } from "../dom.js";
import { formatCount, formatShare } from "../format.js";

const WIDTH = 700;
const CUSTOMERS_RIGHT = 578;
const LABEL_WIDTH = 130;
const FUNNEL_LEFT = 140;
const FUNNEL_WIDTH = 360;
const ROW_HEIGHT = 44;
const BAR_HEIGHT = 28;

/**
 * The classic funnel: one centred bar per stage, as wide as its share of the first stage, joined
 * by shaded trapezoids; customers and conversion from the previous stage on the right.
 */
export function funnelChart(stages: FunnelStage[], title: string): SVGSVGElement {
  const top = 22;
  const height = top + Math.max(1, stages.length) * ROW_HEIGHT;
  const widest = Math.max(0, ...stages.map((stage) => stage.customers));
  const chart = svg("svg", { class: "chart funnel-chart", viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-label": title });
  chart.append(
    svg("text", { x: CUSTOMERS_RIGHT, y: 12, class: "axis", "text-anchor": "end" }, "People"),
    svg("text", { x: WIDTH - 4, y: 12, class: "axis", "text-anchor": "end" }, "From previous"),
  );
  const centre = FUNNEL_LEFT + FUNNEL_WIDTH / 2;
  const halfWidth = (stage: FunnelStage) => (widest > 0 ? Math.max(1.5, (stage.customers / widest) * FUNNEL_WIDTH) : 1.5) / 2;
  stages.forEach((stage, index) => {
    const y = top + index * ROW_HEIGHT;
    const half = halfWidth(stage);
    const next = stages[index + 1];
    if (next) {
      const nextHalf = halfWidth(next);
      const bottom = y + BAR_HEIGHT;
      const nextTop = y + ROW_HEIGHT;
      chart.append(
        svg("polygon", {
          class: "funnel-link",
          points: `${centre - half},${bottom} ${centre + half},${bottom} ${centre + nextHalf},${nextTop} ${centre - nextHalf},${nextTop}`,
        }),
      );
    }
    const middle = y + BAR_HEIGHT / 2;
    chart.append(
      svgLabel(stage.stage, 18, { x: LABEL_WIDTH, y: middle, class: "label", "text-anchor": "end", "dominant-baseline": "middle" }),
      svg("rect", {
        x: (centre - half).toFixed(1),
        y,
        width: (half * 2).toFixed(1),
        height: BAR_HEIGHT,
        rx: 3,
        class: `bar stage-${index % 8}`,
      }),
      svg(
        "text",
        { x: CUSTOMERS_RIGHT, y: middle, class: "value", "text-anchor": "end", "dominant-baseline": "middle" },
        formatCount(stage.customers),
      ),
      svg(
        "text",
        { x: WIDTH - 4, y: middle, class: "value muted", "text-anchor": "end", "dominant-baseline": "middle" },
        formatShare(stage.conversionFromPrevious),
      ),
    );
  });
  return chart;
}

import { svg, svgLabel } from "../dom.js";

export interface BarRow {
  label: string;
  value: number;
  /** What is written beside the bar, e.g. "42.0%". */
  text: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 180;
const TEXT_WIDTH = 80;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const LABEL_CHARACTERS = 24;

/** Horizontal bars, longest = `max` (default: the largest value). */
export function barChart(rows: BarRow[], title: string, max = Math.max(0, ...rows.map((row) => row.value))): SVGSVGElement {
  const height = Math.max(1, rows.length) * ROW_HEIGHT;
  const barSpace = WIDTH - LABEL_WIDTH - TEXT_WIDTH - 16;
  const chart = svg("svg", { class: "chart bar-chart", viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-label": title });
  rows.forEach((row, index) => {
    const y = index * ROW_HEIGHT;
    const width = max > 0 ? Math.max(0, (row.value / max) * barSpace) : 0;
    chart.append(
      svgLabel(row.label, LABEL_CHARACTERS, {
        x: LABEL_WIDTH - 10,
        y: y + ROW_HEIGHT / 2,
        class: "label",
        "text-anchor": "end",
        "dominant-baseline": "middle",
      }),
      svg("rect", {
        x: LABEL_WIDTH,
        y: y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
        width: width.toFixed(1),
        height: BAR_HEIGHT,
        rx: 3,
        class: "bar",
      }),
      svg("text", { x: LABEL_WIDTH + width + 8, y: y + ROW_HEIGHT / 2, class: "value", "dominant-baseline": "middle" }, row.text),
    );
  });
  return chart;
}

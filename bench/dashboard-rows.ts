import type { DashboardMeasurement } from "./dashboard-render.js";
import { percentile } from "./percentile.js";
import type { TableRow } from "./results-table.js";

/** Issue 20's goal: the dashboard shows its first numbers within 1.5 s over 100,000 customers. */
export const DASHBOARD_FIRST_RENDER_TARGET_MS = 1500;

export function dashboardRows(measurement: DashboardMeasurement): TableRow[] {
  if (measurement.status === "unavailable") {
    return [
      {
        metric: "Dashboard first render in Chromium",
        value: "not measured",
        target: `<= ${DASHBOARD_FIRST_RENDER_TARGET_MS} ms`,
        verdict: "n/a",
      },
    ];
  }
  const { figures } = measurement;
  const median = (values: number[]) => percentile(values, 50);
  const firstRender = median(figures.firstRenderMs);
  return [
    {
      metric: `Dashboard first render (funnel shown) in Chromium, ${figures.customers.toLocaleString("en-US")} customers, median of ${figures.firstRenderMs.length}`,
      value: `${Math.round(firstRender)} ms`,
      target: `<= ${DASHBOARD_FIRST_RENDER_TARGET_MS} ms`,
      verdict: firstRender <= DASHBOARD_FIRST_RENDER_TARGET_MS ? "pass" : "fail",
    },
    {
      metric: "  every panel shown (attribution, value, paths, stalled list...), median",
      value: `${Math.round(median(figures.allPanelsMs))} ms`,
      target: "",
      verdict: "info",
    },
    {
      metric: "  journey upkeep caught up before the loads (every digest built after seeding)",
      value: `${Math.round(figures.upkeepCatchUpMs)} ms`,
      target: "",
      verdict: "info",
    },
  ];
}

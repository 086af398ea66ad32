import type { PathsResponse } from "../api-types.js";
import { barChart } from "../charts/bar-chart.js";
import { h } from "../dom.js";
import { formatChange, formatCount, formatDays, formatMoney, formatShare } from "../format.js";
import { previousConversions } from "./previous-conversions.js";
import { dataTable, emptyState, type Column } from "./data-table.js";

/** A path as it reads: steps joined by arrows, "(no touch)" for a conversion without one. */
export function pathText(path: readonly string[]): string {
  return path.length === 0 ? "(no touch)" : path.join(" → ");
}

/**
 * The top conversion paths, and how long paths are in touches and in days; with the previous
 * period, the change in conversions overall, per path (when it was among the top paths then too)
 * and per path length.
 */
export function renderPaths(response: PathsResponse, previous: PathsResponse | null = null): HTMLElement {
  const pathBefore = (path: readonly string[]) =>
    previous?.paths.find((candidate) => pathText(candidate.path) === pathText(path))?.conversions;
  const summary = h(
    "p",
    { class: "summary" },
    h("strong", {}, formatCount(response.totalConversions)),
    ` conversions (${response.conversion}) along `,
    h("strong", {}, formatCount(response.distinctPaths)),
    ` distinct paths of ${response.groupBy} · ${formatCount(response.lookbackDays)}-day lookback`,
    previousConversions(response.totalConversions, previous),
  );
  if (response.totalConversions === 0) return h("div", {}, summary, emptyState("No conversions in this period."));
  const change: Column[] = previous
    ? [{ label: "Change", numeric: true, definition: "Change in conversions from the previous period." }]
    : [];
  const bucketRows = (buckets: PathsResponse["pathLength"], before: PathsResponse["pathLength"] | undefined) =>
    buckets.map((bucket) => [
      bucket.bucket,
      formatCount(bucket.conversions),
      formatShare(bucket.share),
      ...(before
        ? [formatChange(bucket.conversions, before.find((candidate) => candidate.bucket === bucket.bucket)?.conversions ?? 0)]
        : []),
    ]);
  return h(
    "div",
    {},
    summary,
    dataTable(
      `Top conversion paths by ${response.groupBy}`,
      [
        { label: "Path" },
        { label: "Conversions", numeric: true },
        ...change,
        { label: "Value", numeric: true },
        { label: "Share", numeric: true },
        { label: "Mean days to convert", numeric: true },
      ],
      response.paths.map((path) => [
        pathText(path.path),
        formatCount(path.conversions),
        ...(previous ? [formatChange(path.conversions, pathBefore(path.path))] : []),
        formatMoney(path.value),
        formatShare(path.share),
        formatDays(path.meanDaysToConvert),
      ]),
    ),
    h(
      "div",
      { class: "columns" },
      h(
        "div",
        {},
        barChart(
          response.pathLength.map((bucket) => ({
            label: `${bucket.bucket} touches`,
            value: bucket.share,
            text: formatShare(bucket.share),
          })),
          "Share of conversions by path length",
        ),
        dataTable(
          "Path length (touches)",
          [{ label: "Touches" }, { label: "Conversions", numeric: true }, { label: "Share", numeric: true }, ...change],
          bucketRows(response.pathLength, previous?.pathLength),
        ),
      ),
      h(
        "div",
        {},
        dataTable(
          "Days from first touch to conversion",
          [{ label: "Days" }, { label: "Conversions", numeric: true }, { label: "Share", numeric: true }, ...change],
          bucketRows(response.daysToConvert, previous?.daysToConvert),
        ),
      ),
    ),
  );
}

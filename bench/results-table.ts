/** One line of the benchmark table: what was measured, the figure, the goal and whether it was met. */
export interface TableRow {
  metric: string;
  value: string;
  /** "" when the figure is context (a baseline) rather than a goal. */
  target: string;
  verdict: Verdict;
}

/** "info" for figures without a target, "n/a" for measurements that could not run. */
export type Verdict = "pass" | "fail" | "info" | "n/a";

/** Renders the benchmark table. */
export function formatTable(rows: readonly TableRow[]): string {
  return formatColumns(
    ["metric", "value", "target", "result"],
    rows.map((row) => [row.metric, row.value, row.target, row.verdict]),
  );
}

/** Renders plain-text columns, each padded to its widest cell, under a header and a rule. */
export function formatColumns(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) =>
    widths
      .map((width, i) => (row[i] ?? "").padEnd(width))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

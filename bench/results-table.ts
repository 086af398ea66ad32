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

const HEADER: Record<keyof TableRow, string> = {
  metric: "metric",
  value: "value",
  target: "target",
  verdict: "result",
};
const COLUMNS: ReadonlyArray<keyof TableRow> = ["metric", "value", "target", "verdict"];

/** Renders rows as a plain-text table with every column padded to its widest cell. */
export function formatTable(rows: readonly TableRow[]): string {
  const all = [HEADER, ...rows];
  const widths = COLUMNS.map((column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row: Record<keyof TableRow, string>) =>
    COLUMNS.map((column, i) => row[column].padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(HEADER), rule, ...rows.map(line)].join("\n");
}

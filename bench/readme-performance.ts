import type { MachineInfo } from "./machine-info.js";
import type { TableRow, Verdict } from "./results-table.js";

/** What `bench/results/latest.json` holds that the README's table is made from. */
export interface LatestResults {
  machine: MachineInfo;
  settings: { only: readonly string[] };
  table: readonly TableRow[];
}

/** The README lines between these markers are the generated table; everything else is prose. */
export const TABLE_START = "<!-- bench-table:start (npm run bench:readme --workspace=@touchpoint/bench writes this part) -->";
export const TABLE_END = "<!-- bench-table:end -->";

const VERDICT_WORDS: Record<Verdict, string> = { pass: "met", fail: "not met", info: "", "n/a": "not measured" };

/** A pipe in a cell would end the cell early in a Markdown table. */
const cell = (text: string) => text.replaceAll("|", "\\|");

/** The run's machine, its parts and its table as Markdown. */
export function renderPerformanceTable(latest: LatestResults): string {
  const { machine, settings, table } = latest;
  const date = machine.date.slice(0, 10);
  const parts = `parts: ${settings.only.join(", ")}`;
  const heading =
    `\`npm run bench\` on ${date}: ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node.replace(/^v/, "")}, ` +
    `load average ${machine.loadAverage.toFixed(2)} at start; ${parts}.`;
  const lines = [
    heading,
    "",
    "| metric | value | target | |",
    "| --- | --- | --- | --- |",
    ...table.map((row) => `| ${cell(row.metric)} | ${cell(row.value)} | ${cell(row.target)} | ${VERDICT_WORDS[row.verdict]} |`),
  ];
  return lines.join("\n");
}

/** The README with the part between the markers replaced; an error when the markers are missing or out of order. */
export function withPerformanceTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start)
    throw new Error(`README.md needs the lines ${TABLE_START} and ${TABLE_END}, in that order`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

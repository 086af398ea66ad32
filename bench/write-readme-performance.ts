// `npm run bench:readme`: writes the last run's table (results/latest.json) into the README's
// Performance section, so the README shows measured figures, never hand-copied ones.
import { readFile, writeFile } from "node:fs/promises";
import { type LatestResults, renderPerformanceTable, withPerformanceTable } from "./readme-performance.js";

const latestFile = new URL("./results/latest.json", import.meta.url);
const readmeFile = new URL("../README.md", import.meta.url);
const latest = JSON.parse(await readFile(latestFile, "utf8")) as LatestResults;
await writeFile(readmeFile, withPerformanceTable(await readFile(readmeFile, "utf8"), renderPerformanceTable(latest)));
console.log(`README.md: Performance table from ${latestFile.pathname} (${latest.table.length} rows, ${latest.machine.date})`);

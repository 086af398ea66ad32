// `npm run bench:readme`: writes the last run's table (results/latest.json) into the README's
// Performance section, so the README shows measured figures, never hand-copied ones.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type LatestResults, renderPerformanceTable, withPerformanceTable } from "./readme-performance.js";

// The files can be set for a test that runs this command as the README gives it.
const latestFile = process.env.BENCH_LATEST_FILE ?? fileURLToPath(new URL("./results/latest.json", import.meta.url));
const readmeFile = process.env.BENCH_README_FILE ?? fileURLToPath(new URL("../README.md", import.meta.url));
const latest = JSON.parse(await readFile(latestFile, "utf8")) as LatestResults;
await writeFile(readmeFile, withPerformanceTable(await readFile(readmeFile, "utf8"), renderPerformanceTable(latest)));
console.log(`README.md: Performance table from ${latestFile} (${latest.table.length} rows, ${latest.machine.date})`);

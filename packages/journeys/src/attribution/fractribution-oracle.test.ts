import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAttribution } from "./create-attribution.js";
import { fractributionShares } from "./fractribution.js";
import { channelJourney } from "./journey-fixtures.js";
import { PathSummary } from "./path-summary.js";
import type { PathTouch } from "./path-touch.js";
import { transformPath } from "./path-transforms.js";

// Google's own fractribution test data, kept unchanged in testdata/ with its licence.
const oracleDir = fileURLToPath(new URL("../../testdata/fractribution", import.meta.url));
const channels = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"];

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(oracleDir, name), "utf8").trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""]));
  });
}

function touches(path: string): PathTouch[] {
  return path.split(" > ").map((key) => ({ key, label: key, time: 0, direct: false }));
}

describe("fractribution against Google's fractribution test data", () => {
  it.each(["unique", "exposure", "first", "frequency"] as const)(
    "reproduces every customer's credit under the %s transform to 1e-9",
    (transform) => {
      const summary = new PathSummary();
      for (const row of readCsv("example_path_summary.csv")) {
        summary.add(transformPath(touches(row.path as string), [{ name: transform }]), {
          conversions: Number(row.total_conversions),
          nonConversions: Number(row.total_non_conversions),
          value: 0,
          firstConversions: 0,
        });
      }
      const expected = new Map(readCsv(`expected_${transform}_fit.csv`).map((row) => [row.customer_id, row]));
      const customers = readCsv("customers.csv");
      expect(customers).toHaveLength(1983);
      expect(expected.size).toBe(1983);
      const mismatches: string[] = [];
      for (const customer of customers) {
        const path = transformPath(touches(customer.path as string), [{ name: transform }]);
        const row = expected.get(customer.customer_id);
        const labels = path.map((touch) => touch.label);
        const fitted = summary.get(labels);
        if (!row || !fitted || labels.join(" > ") !== row.path) {
          mismatches.push(`${customer.customer_id}: path ${labels.join(" > ")} vs ${row?.path}`);
          continue;
        }
        const credit = new Map<string, number>();
        fractributionShares(summary, labels).forEach((share, i) => {
          const key = path[i]?.key as string;
          credit.set(key, (credit.get(key) ?? 0) + share);
        });
        for (const channel of channels) {
          const got = credit.get(channel) ?? 0;
          const want = Number(row[channel.toLowerCase()]);
          if (!(Math.abs(got - want) <= 1e-9)) mismatches.push(`${customer.customer_id} ${channel}: ${got} vs ${want}`);
        }
        if (Number(row.unmatched_channel) !== 0) mismatches.push(`${customer.customer_id}: unmatched ${row.unmatched_channel}`);
      }
      expect(mismatches).toEqual([]);
    },
  );

  // Journeys end to end under the transform with the most to get wrong (labels differ from keys);
  // the per-customer test above covers the others, at a fraction of the time.
  it.each(["frequency"] as const)(
    "streams the summary's journeys through createAttribution and matches the oracle's channel totals under %s",
    (transform) => {
      // One journey per conversion and per non-conversion of each path; a journey is never kept,
      // so the same object can stand for all the non-converting customers of a path.
      const attribution = createAttribution({ model: "fractribution", transforms: [{ name: transform }] });
      for (const row of readCsv("example_path_summary.csv")) {
        // Touches 0.01 days apart: even the 70-touch paths fit the 30-day lookback.
        const channelsOfPath = (row.path as string).split(" > ").map((channel, i): [string, number] => [channel, i / 100]);
        const converting = channelJourney(channelsOfPath, [[channelsOfPath.length / 100, 1]]);
        const nonConverting = channelJourney(channelsOfPath);
        for (let i = 0; i < Number(row.total_conversions); i++) attribution.addJourney(converting);
        for (let i = 0; i < Number(row.total_non_conversions); i++) attribution.addJourney(nonConverting);
      }
      const expected = new Map<string, number>();
      for (const row of readCsv(`expected_${transform}_fit.csv`)) {
        for (const channel of channels) expected.set(channel, (expected.get(channel) ?? 0) + Number(row[channel.toLowerCase()]));
      }
      const result = attribution.result();
      expect(result.totalConversions).toBe(1983);
      expect(result.totalValue).toBe(1983);
      for (const credit of result.credits) {
        expect(Math.abs(credit.conversions - (expected.get(credit.key) ?? 0)), credit.key).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(credit.value - credit.conversions), credit.key).toBeLessThanOrEqual(1e-9);
      }
      expect(result.credits.map((credit) => credit.key).sort()).toEqual(
        channels.filter((channel) => (expected.get(channel) ?? 0) > 0).sort(),
      );
    },
  );
});

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fractributionShares } from "./fractribution.js";
import { PathSummary } from "./path-summary.js";
import type { PathTouch } from "./path-touch.js";
import { transformPath } from "./path-transforms.js";

// Google's own fractribution fixtures live beside the clone (../shared), never in the repository.
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const oracleDir = resolve(repositoryRoot, "../shared/oracles/fractribution");
const present = existsSync(join(oracleDir, "example_path_summary.csv"));
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
  it.skipIf(!present).each(["unique", "exposure", "first", "frequency"] as const)(
    present
      ? "reproduces every customer's credit under the %s transform to 1e-9"
      : `reproduces every customer's credit under the %s transform (SKIPPED: ${oracleDir} is absent; CI clones ../shared beside the repository)`,
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
});

import { describe, expect, it } from "vitest";
import type { InvalidOptionError } from "../attribution/invalid-option.js";
import { channelJourney } from "../attribution/journey-fixtures.js";
import { createPathReport, type PathReportOptions } from "./create-path-report.js";

/**
 * Purchases and the paths before them (30-day lookback), days from 1 January 2026:
 *   A: email d0, paid_search d2, purchase d5 (100): [email, paid_search], 5 days, 2 touches.
 *   B: email d0, purchase d1 (20): [email], 1 day.
 *   C: email d10, purchase d10.5 (30): [email], half a day (bucket 0).
 *   D: purchase d3 (10), no touch: [], no days, 0 touches.
 *   E: email d0 (outside the lookback), display d15, display d16, paid_search d20, purchase d40 (50):
 *      [display, display, paid_search], 25 days (bucket 12-30), 3 touches.
 *   F: email d0, no purchase: not a conversion path.
 */
const JOURNEYS = [
  channelJourney(
    [
      ["email", 0],
      ["paid_search", 2],
    ],
    [[5, 100]],
  ),
  channelJourney([["email", 0]], [[1, 20]]),
  channelJourney([["email", 10]], [[10.5, 30]]),
  channelJourney([], [[3, 10]]),
  channelJourney(
    [
      ["email", 0],
      ["display", 15],
      ["display", 16],
      ["paid_search", 20],
    ],
    [[40, 50]],
  ),
  channelJourney([["email", 0]]),
];

function report(options: PathReportOptions = {}) {
  const paths = createPathReport(options);
  for (const journey of JOURNEYS) paths.addJourney(journey);
  return paths.result();
}

const bucket = (name: string, conversions: number, value: number) => ({ bucket: name, conversions, value, share: conversions / 5 });

describe("createPathReport", () => {
  it("lists the top paths by conversions, then value, with path length and days-to-convert distributions", () => {
    const result = report();
    expect(result).toMatchObject({
      conversion: "purchase",
      groupBy: "channel",
      lookbackDays: 30,
      totalConversions: 5,
      totalValue: 210,
      distinctPaths: 4,
    });
    expect(result.paths).toEqual([
      { path: ["email"], conversions: 2, value: 50, share: 0.4, meanDaysToConvert: 0.75 },
      { path: ["email", "paid_search"], conversions: 1, value: 100, share: 0.2, meanDaysToConvert: 5 },
      { path: ["display", "display", "paid_search"], conversions: 1, value: 50, share: 0.2, meanDaysToConvert: 25 },
      { path: [], conversions: 1, value: 10, share: 0.2, meanDaysToConvert: null },
    ]);
    const empty = (name: string) => bucket(name, 0, 0);
    expect(result.pathLength).toEqual([
      bucket("0", 1, 10),
      bucket("1", 2, 50),
      bucket("2", 1, 100),
      bucket("3", 1, 50),
      ...["4", "5", "6", "7", "8", "9", "10", "11", "12+"].map(empty),
    ]);
    expect(result.daysToConvert).toEqual([
      bucket("(none)", 1, 10),
      bucket("0", 1, 30),
      bucket("1", 1, 20),
      ...["2", "3", "4"].map(empty),
      bucket("5", 1, 100),
      ...["6", "7", "8", "9", "10", "11"].map(empty),
      bucket("12-30", 1, 50),
      ...["31-60", "61-90", "91+"].map(empty),
    ]);
  });

  it("transforms paths before counting them, and lists only the top `limit`", () => {
    // exposure collapses E's repeated display; its days still run from its first touch (d15).
    const result = report({ transforms: [{ name: "exposure" }], limit: 3 });
    expect(result.distinctPaths).toBe(4);
    expect(result.paths.map((p) => [p.path, p.meanDaysToConvert])).toEqual([
      [["email"], 0.75],
      [["email", "paid_search"], 5],
      [["display", "paid_search"], 25],
    ]);
    expect(result.pathLength.slice(0, 4).map((b) => b.conversions)).toEqual([1, 2, 2, 0]);
  });

  it("puts 12 touches and more in one bucket", () => {
    const paths = createPathReport({});
    paths.addJourney(
      channelJourney(
        Array.from({ length: 13 }, (_, i) => ["email", i] as [string, number]),
        [[14, 1]],
      ),
    );
    expect(paths.result().pathLength.at(-1)).toEqual({ bucket: "12+", conversions: 1, value: 1, share: 1 });
  });

  it.each([
    [{ limit: 0 }, "limit"],
    [{ limit: 1.5 }, "limit"],
    [{ groupBy: "device" as PathReportOptions["groupBy"] }, "groupBy"],
    [{ lookbackDays: -1 }, "lookbackDays"],
    [{ conversion: "stage:" }, "conversion"],
  ])("refuses %o naming the option", (options, option) => {
    expect(() => createPathReport(options)).toThrowError(expect.objectContaining({ option }) as InvalidOptionError);
  });
});

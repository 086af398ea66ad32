import { journeyPaths } from "../attribution/conversion-paths.js";
import type { AttributionJourney } from "../attribution/attribution-journey.js";
import { DAY_MS, positiveNumber, toPeriod, type Instant } from "../attribution/instant.js";
import { InvalidOptionError } from "../attribution/invalid-option.js";
import {
  ATTRIBUTION_GROUP_BY,
  DEFAULT_CONVERSION,
  DEFAULT_GROUP_BY,
  DEFAULT_LOOKBACK_DAYS,
  parseConversion,
  type AttributionGroupBy,
} from "../attribution/options.js";
import { transformPath, validatePathTransform, type PathTransform } from "../attribution/path-transforms.js";

export const DEFAULT_PATH_LIMIT = 20;
export const MAX_PATH_LIMIT = 1000;

export interface PathReportOptions {
  /** A conversion event name or `stage:<name>`, as attribution takes it. Default `purchase`. */
  conversion?: string;
  /** What a path is made of. Default `channel`. */
  groupBy?: AttributionGroupBy;
  /** Conversions in [from, to); open when absent. */
  from?: Instant;
  to?: Instant;
  /** How far before a conversion its path reaches. Default 30. */
  lookbackDays?: number;
  /** Applied in order to each path before it is counted (exposure shows GA4's "email x3" as one step). */
  transforms?: readonly PathTransform[];
  /** How many of the top paths to list. Default 20, at most 1000. */
  limit?: number;
}

export interface ConversionPathRow {
  /** The path's touches (their labels), first to last; empty for conversions with no touch in their window. */
  path: string[];
  conversions: number;
  value: number;
  /** conversions / totalConversions. */
  share: number;
  /** Mean days from the first touch in the conversion's window to the conversion; null for the empty path. */
  meanDaysToConvert: number | null;
}

export interface PathBucket {
  /** `0`, `1`, ..., `12+` touches; `0`, `1`, ..., `12-30`, `31-60`, `61-90`, `91+` days; `(none)` for conversions with no touch. */
  bucket: string;
  conversions: number;
  value: number;
  /** conversions / totalConversions. */
  share: number;
}

export interface PathReportResult {
  conversion: string;
  groupBy: AttributionGroupBy;
  lookbackDays: number;
  totalConversions: number;
  totalValue: number;
  /** Distinct paths among the conversions (the listed ones are the top `limit`). */
  distinctPaths: number;
  /** Most conversions first, then most value, then by path. */
  paths: ConversionPathRow[];
  /** Conversions by the number of touches in their (transformed) path; every bucket, in order. */
  pathLength: PathBucket[];
  /** Conversions by whole days from the first touch of their window to them; every bucket, in order. */
  daysToConvert: PathBucket[];
}

export interface PathReportAccumulator {
  addJourney(journey: AttributionJourney): void;
  result(): PathReportResult;
}

const LENGTH_BUCKETS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12+"];
const DAY_BUCKETS = ["(none)", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12-30", "31-60", "61-90", "91+"];

function lengthBucket(touches: number): number {
  return Math.min(touches, LENGTH_BUCKETS.length - 1);
}

/** The index in DAY_BUCKETS of a whole number of days. */
function dayBucket(days: number): number {
  if (days <= 11) return days + 1;
  if (days <= 30) return 13;
  if (days <= 60) return 14;
  if (days <= 90) return 15;
  return 16;
}

interface PathTally {
  path: string[];
  conversions: number;
  value: number;
  days: number;
}

/**
 * Conversion paths as GA4's report shows them: the paths that led to conversions (the same paths
 * attribution credits, see conversion-paths.ts), the top ones by conversions, and how long and how
 * many touches conversions took. Keeps a tally per distinct path.
 */
export function createPathReport(options: PathReportOptions): PathReportAccumulator {
  const conversion = options.conversion ?? DEFAULT_CONVERSION;
  const groupBy = options.groupBy ?? DEFAULT_GROUP_BY;
  if (!(ATTRIBUTION_GROUP_BY as readonly string[]).includes(groupBy)) {
    throw new InvalidOptionError(
      "groupBy",
      `unknown groupBy ${JSON.stringify(groupBy)}; expected one of ${ATTRIBUTION_GROUP_BY.join(", ")}`,
    );
  }
  const lookbackDays = positiveNumber(options.lookbackDays, DEFAULT_LOOKBACK_DAYS, "lookbackDays");
  const limit = options.limit ?? DEFAULT_PATH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PATH_LIMIT)
    throw new InvalidOptionError("limit", `must be a whole number from 1 to ${MAX_PATH_LIMIT}`);
  const transforms = (options.transforms ?? []).map(validatePathTransform);
  const pathOptions = {
    conversionKind: parseConversion(conversion),
    groupBy,
    period: toPeriod(options.from, options.to),
    lookbackMs: lookbackDays * DAY_MS,
  };
  const tallies = new Map<string, PathTally>();
  const lengths = LENGTH_BUCKETS.map(() => ({ conversions: 0, value: 0 }));
  const days = DAY_BUCKETS.map(() => ({ conversions: 0, value: 0 }));
  let totalConversions = 0;
  let totalValue = 0;

  return {
    addJourney(journey) {
      for (const converting of journeyPaths(journey, pathOptions, false).converting) {
        totalConversions += 1;
        totalValue += converting.value;
        const path = transformPath(converting.path, transforms).map((touch) => touch.label);
        const firstTouch = converting.path[0];
        const daysToConvert = firstTouch === undefined ? null : (converting.time - firstTouch.time) / DAY_MS;
        const id = path.join("\u0000");
        let tally = tallies.get(id);
        if (!tally) tallies.set(id, (tally = { path, conversions: 0, value: 0, days: 0 }));
        tally.conversions += 1;
        tally.value += converting.value;
        tally.days += daysToConvert ?? 0;
        const length = lengths[lengthBucket(path.length)] as { conversions: number; value: number };
        length.conversions += 1;
        length.value += converting.value;
        const wait = days[daysToConvert === null ? 0 : dayBucket(Math.floor(daysToConvert))] as { conversions: number; value: number };
        wait.conversions += 1;
        wait.value += converting.value;
      }
    },

    result() {
      const share = (conversions: number) => (totalConversions > 0 ? conversions / totalConversions : 0);
      const top = [...tallies.values()].sort(comparePaths).slice(0, limit);
      return {
        conversion,
        groupBy,
        lookbackDays,
        totalConversions,
        totalValue,
        distinctPaths: tallies.size,
        paths: top.map((tally) => ({
          path: tally.path,
          conversions: tally.conversions,
          value: tally.value,
          share: share(tally.conversions),
          meanDaysToConvert: tally.path.length === 0 ? null : tally.days / tally.conversions,
        })),
        pathLength: lengths.map((b, i) => ({ bucket: LENGTH_BUCKETS[i] as string, ...b, share: share(b.conversions) })),
        daysToConvert: days.map((b, i) => ({ bucket: DAY_BUCKETS[i] as string, ...b, share: share(b.conversions) })),
      };
    },
  };
}

function comparePaths(a: PathTally, b: PathTally): number {
  if (a.conversions !== b.conversions) return b.conversions - a.conversions;
  if (a.value !== b.value) return b.value - a.value;
  const x = a.path.join(" > ");
  const y = b.path.join(" > ");
  return x < y ? -1 : x > y ? 1 : 0;
}

import { DAY_MS, inPeriod, toEpochMs, toPeriod, type Instant } from "../attribution/instant.js";
import { InvalidOptionError } from "../attribution/invalid-option.js";
import { DEFAULT_CONVERSION } from "../attribution/options.js";
import type { SpendRow } from "../attribution/spend.js";
import { NO_TOUCH_KEY, NOT_SET_KEY, touchKey } from "../attribution/touch-key.js";
import type { JourneyDigest } from "../journey/journey-digest.js";
import { firstTouch } from "./first-touch.js";
import { budgetSpend, monthOf, spendByKey, spendByMonth, type GroupSpend } from "./spend-by-group.js";

/** `channel`, `campaign` (of the customer's first touch), `cohort` (month of first purchase) or `trait.KEY`. */
export type CustomerValueGroupBy = "channel" | "campaign" | "cohort" | `trait.${string}`;

export const CUSTOMER_VALUE_GROUP_BY = ["channel", "campaign", "cohort", "trait.KEY"] as const;
/** The horizons of `cltvAt`, in days after a customer's first purchase. */
export const CLTV_HORIZON_DAYS = [30, 90, 365] as const;
/** The key of `total`: every customer acquired in the period. */
export const ALL_CUSTOMERS_KEY = "(all)";

export interface CustomerValueOptions {
  /** Default `channel`. */
  groupBy?: CustomerValueGroupBy;
  /** The conversion event whose first occurrence makes a customer and whose values add up (default `purchase`). */
  conversion?: string;
  /** Customers whose first conversion is in [from, to); spend is pro-rated into the same period. Open when absent. */
  from?: Instant;
  to?: Instant;
  /** The moment value is counted to (the engine reads no clock): later conversions are not yet value. */
  now: Instant;
}

/** The journey fields customer value reads. */
export type CustomerValueJourney = Readonly<Pick<JourneyDigest, "touchpoints" | "conversions" | "traits">>;

export interface CltvAtHorizon {
  days: number;
  /** Customers acquired at least `days` ago: the only ones whose value at the horizon is known. */
  customers: number;
  /** Their conversion value in the first `days` days from their first purchase (that included), per customer; null without such customers. */
  cltv: number | null;
}

export interface CustomerValueRow {
  key: string;
  /** Customers acquired in the period: their first conversion of the kind is in [from, to). */
  customers: number;
  /** Their conversion value to date (every conversion of the kind up to `now`, the first included). */
  value: number;
  /** value / customers; null without customers. */
  cltv: number | null;
  cltvAt: CltvAtHorizon[];
  /** Spend pro-rated into [from, to); null without spend for the key (traits have none). */
  cost: number | null;
  /** null without spend, or when the spend summed is in more than one currency (then cost is null too). */
  currency: string | null;
  /** cost / customers; null without cost or customers. */
  cac: number | null;
  /** cltv / cac; null unless cac > 0. */
  ltvToCac: number | null;
  /** Days from first purchase until the customers' value to date, per customer, reaches cac (fractional); null when it has not, or without cac. */
  paybackDays: number | null;
}

export interface CustomerValueResult {
  groupBy: CustomerValueGroupBy;
  conversion: string;
  /** Every customer acquired in the period; its cost is the channel spend (the whole budget), so its cac is the blended one. */
  total: CustomerValueRow;
  /** Cohorts by month; other groupings by customers, most first, then key. */
  groups: CustomerValueRow[];
}

export interface CustomerValueAccumulator {
  /** Counts one person's journey; each person once, in any order. */
  addJourney(journey: CustomerValueJourney): void;
  /** The groups priced with the site's spend ledger. */
  result(spend: readonly SpendRow[]): CustomerValueResult;
}

interface Tally {
  customers: number;
  value: number;
  /** Per horizon: customers old enough, and their value within it. */
  matured: number[];
  maturedValue: number[];
  /** [offset from first purchase in ms, value] of every conversion counted, for the payback day. */
  conversions: [number, number][];
}

const newTally = (): Tally => ({
  customers: 0,
  value: 0,
  matured: CLTV_HORIZON_DAYS.map(() => 0),
  maturedValue: CLTV_HORIZON_DAYS.map(() => 0),
  conversions: [],
});

function parseGroupBy(groupBy: string): CustomerValueGroupBy {
  if (groupBy === "channel" || groupBy === "campaign" || groupBy === "cohort") return groupBy;
  if (groupBy.startsWith("trait.") && groupBy.length > "trait.".length) return groupBy as CustomerValueGroupBy;
  throw new InvalidOptionError("groupBy", `unknown groupBy ${JSON.stringify(groupBy)}; expected channel, campaign, cohort or trait.KEY`);
}

/**
 * Customer acquisition cost and lifetime value (definitions in ATTRIBUTION.md, "Customer value").
 * A customer is a person with a conversion of the kind; they are acquired at their first one, in
 * the group of their first touch (the earliest page view or touchpoint strictly before it; `(none)`
 * without one), of its month, or of their trait. Keeps a few counters per group and one pair per
 * conversion of the customers acquired, for the payback day.
 */
export function createCustomerValue(options: CustomerValueOptions): CustomerValueAccumulator {
  const groupBy = parseGroupBy(options.groupBy ?? "channel");
  const conversion = options.conversion ?? DEFAULT_CONVERSION;
  if (!conversion.trim() || conversion.startsWith("stage:"))
    throw new InvalidOptionError("conversion", "must be a conversion event name such as purchase");
  const period = toPeriod(options.from, options.to);
  const now = toEpochMs(options.now, "now");
  const horizonsMs = CLTV_HORIZON_DAYS.map((days) => days * DAY_MS);
  const tallies = new Map<string, Tally>();
  const total = newTally();

  function groupOf(journey: CustomerValueJourney, first: number): string {
    if (groupBy === "cohort") return monthOf(first);
    if (groupBy === "channel" || groupBy === "campaign") {
      const touch = firstTouch(journey);
      return touch && touch.time < first ? touchKey(touch, groupBy) : NO_TOUCH_KEY;
    }
    const trait = journey.traits[groupBy.slice("trait.".length)];
    return trait === undefined || trait === null ? NOT_SET_KEY : String(trait);
  }

  function count(tally: Tally, first: number, values: readonly { time: number; value: number }[]): void {
    tally.customers += 1;
    horizonsMs.forEach((horizon, i) => {
      if (first + horizon > now) return;
      tally.matured[i] = (tally.matured[i] as number) + 1;
      for (const { time, value } of values) if (time < first + horizon) tally.maturedValue[i] = (tally.maturedValue[i] as number) + value;
    });
    for (const { time, value } of values) {
      tally.value += value;
      tally.conversions.push([time - first, value]);
    }
  }

  return {
    addJourney(journey) {
      let first = Infinity;
      for (const c of journey.conversions) if (c.name === conversion && c.time < first) first = c.time;
      if (!inPeriod(first, period) || first > now) return;
      const values = journey.conversions.filter((c) => c.name === conversion && c.time <= now);
      const key = groupOf(journey, first);
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = newTally()));
      count(tally, first, values);
      count(total, first, values);
    },

    result(spend) {
      const spendOf: Map<string, GroupSpend> =
        groupBy === "channel" || groupBy === "campaign"
          ? spendByKey(spend, groupBy, period)
          : groupBy === "cohort"
            ? spendByMonth(spend, period)
            : new Map();
      const keys = new Set([...tallies.keys(), ...spendOf.keys()]);
      const groups = [...keys].map((key) => row(key, tallies.get(key) ?? newTally(), spendOf.get(key)));
      groups.sort(
        groupBy === "cohort" ? (a, b) => compareText(a.key, b.key) : (a, b) => b.customers - a.customers || compareText(a.key, b.key),
      );
      return { groupBy, conversion, total: row(ALL_CUSTOMERS_KEY, total, budgetSpend(spend, period)), groups };
    },
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function row(key: string, tally: Tally, spend: GroupSpend | undefined): CustomerValueRow {
  const { customers, value } = tally;
  const cltv = customers > 0 ? value / customers : null;
  const cost = spend && spend.currency !== null ? spend.cost : null;
  const cac = cost !== null && customers > 0 ? cost / customers : null;
  return {
    key,
    customers,
    value,
    cltv,
    cltvAt: CLTV_HORIZON_DAYS.map((days, i) => {
      const matured = tally.matured[i] as number;
      return { days, customers: matured, cltv: matured > 0 ? (tally.maturedValue[i] as number) / matured : null };
    }),
    cost,
    currency: cost === null ? null : (spend?.currency ?? null),
    cac,
    ltvToCac: cac !== null && cac > 0 && cltv !== null ? cltv / cac : null,
    paybackDays: cac === null ? null : paybackDays(tally, cac),
  };
}

/** The first offset at which the customers' cumulative value, per customer, reaches cac; in days. */
function paybackDays(tally: Tally, cac: number): number | null {
  const conversions = tally.conversions.toSorted((a, b) => a[0] - b[0]);
  let cumulative = 0;
  for (const [offset, value] of conversions) {
    cumulative += value;
    // A relative tolerance: value and cost sums in floating point must not miss an exact payback.
    if (cumulative / tally.customers >= cac * (1 - 1e-12)) return offset / DAY_MS;
  }
  return null;
}

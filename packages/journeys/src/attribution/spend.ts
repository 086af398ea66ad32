import type { AttributionResult } from "./create-attribution.js";
import { compareCredits, type AttributionCredit } from "./credit-table.js";
import { DATE_ONLY, DAY_MS, toPeriod, type Instant } from "./instant.js";
import { InvalidOptionError } from "./invalid-option.js";

export const SPEND_GROUP_BY = ["channel", "campaign"] as const;

/** Money spent on one channel or campaign over a period. */
export interface SpendRow {
  groupBy: (typeof SPEND_GROUP_BY)[number];
  key: string;
  /** `YYYY-MM-DD` (whole UTC days, both ends included) or an ISO date-time (an instant; `to` excluded). */
  from: string;
  to: string;
  amount: number;
  currency: string;
}

export interface SpendCredit extends AttributionCredit {
  /** Spend of this key pro-rated into the query window; null when no spend row of the key overlaps it. */
  cost: number | null;
  currency: string | null;
  /** value / cost; null without a cost above 0. */
  roas: number | null;
  /** cost / firstConversions (cost per attributed first conversion); null without first conversions. */
  cac: number | null;
}

export interface AttributionWithSpend extends Omit<AttributionResult, "credits"> {
  credits: SpendCredit[];
}

/**
 * Adds cost, roas and cac to an attribution result. Only spend rows of the result's groupBy count
 * (spend is recorded per channel or campaign, so touchpoint and stage results get null costs).
 * A row's amount is spread evenly over its time span, and the query window [from, to) takes the
 * part it overlaps: amount x overlap / span, to the millisecond (a `YYYY-MM-DD` row spans whole
 * UTC days, so a 30-day row overlapping 10 days of the window contributes a third). A key with
 * spend but no credit is listed with zero credit. Rows of one key overlapping the window must share
 * a currency; values are assumed to be in it.
 */
export function withSpend(
  result: AttributionResult,
  spend: readonly SpendRow[],
  window: { from?: Instant; to?: Instant } = {},
): AttributionWithSpend {
  const period = toPeriod(window.from, window.to);
  const costs = new Map<string, { cost: number; currency: string }>();
  spend.forEach((row, index) => {
    if (row.groupBy !== result.groupBy) return;
    const span = spendSpan(row, index);
    const overlap = Math.min(span.to, period.to) - Math.max(span.from, period.from);
    if (overlap <= 0) return;
    const cost = (row.amount * overlap) / (span.to - span.from);
    const known = costs.get(row.key);
    if (known && known.currency !== row.currency) {
      throw new InvalidOptionError("spend", `spend for ${JSON.stringify(row.key)} mixes currencies ${known.currency} and ${row.currency}`);
    }
    costs.set(row.key, { cost: (known?.cost ?? 0) + cost, currency: row.currency });
  });
  const credits: SpendCredit[] = result.credits.map((credit) => priced(credit, costs.get(credit.key)));
  const credited = new Set(result.credits.map((credit) => credit.key));
  for (const [key, cost] of costs) {
    if (!credited.has(key)) credits.push(priced({ key, conversions: 0, value: 0, share: 0, firstConversions: 0 }, cost));
  }
  return { ...result, credits: credits.sort(compareCredits) };
}

function priced(credit: AttributionCredit, spend: { cost: number; currency: string } | undefined): SpendCredit {
  if (!spend) return { ...credit, cost: null, currency: null, roas: null, cac: null };
  return {
    ...credit,
    cost: spend.cost,
    currency: spend.currency,
    roas: spend.cost > 0 ? credit.value / spend.cost : null,
    cac: credit.firstConversions > 0 ? spend.cost / credit.firstConversions : null,
  };
}

/** A spend row's span as [from, to) in epoch ms (a `YYYY-MM-DD` `to` includes that whole day, as a query's `to` does); a bad row throws naming `spend[index]`. */
export function spendSpan(row: SpendRow, index: number): { from: number; to: number } {
  const option = `spend[${index}]`;
  if (!Number.isFinite(row.amount) || row.amount < 0) throw new InvalidOptionError(option, "amount must be a number >= 0");
  const from = Date.parse(row.from);
  const to = Date.parse(row.to) + (DATE_ONLY.test(row.to) ? DAY_MS : 0);
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new InvalidOptionError(option, "from and to must be YYYY-MM-DD dates or ISO-8601 date-times");
  if (to <= from) throw new InvalidOptionError(option, "to must not be before from");
  return { from, to };
}

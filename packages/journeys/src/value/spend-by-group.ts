import { spendSpan, type SpendRow } from "../attribution/spend.js";
import type { Period } from "../attribution/instant.js";

/** Money pro-rated into a group; `currency` null when the rows summed are in more than one. */
export interface GroupSpend {
  cost: number;
  currency: string | null;
}

/** Adds `cost` in `currency` to a group's spend; a second currency leaves the currency null (mixed). */
export function addSpend(spend: Map<string, GroupSpend>, key: string, cost: number, currency: string): void {
  const known = spend.get(key);
  if (!known) spend.set(key, { cost, currency });
  else spend.set(key, { cost: known.cost + cost, currency: known.currency === currency ? currency : null });
}

/**
 * The part of `row` inside `period`, as [from, to) in epoch ms and the amount that falls in it:
 * the amount is spread evenly over the row's span (a `YYYY-MM-DD` row spans whole UTC days), as in
 * withSpend. null when they do not overlap.
 */
export function spendOverlap(row: SpendRow, index: number, period: Period): { from: number; to: number; cost: number } | null {
  const span = spendSpan(row, index);
  const from = Math.max(span.from, period.from);
  const to = Math.min(span.to, period.to);
  if (to <= from) return null;
  return { from, to, cost: (row.amount * (to - from)) / (span.to - span.from) };
}

/** Spend per key of the rows of one groupBy (channel or campaign), pro-rated into `period`. */
export function spendByKey(rows: readonly SpendRow[], groupBy: SpendRow["groupBy"], period: Period): Map<string, GroupSpend> {
  const spend = new Map<string, GroupSpend>();
  rows.forEach((row, index) => {
    if (row.groupBy !== groupBy) return;
    const overlap = spendOverlap(row, index, period);
    if (overlap) addSpend(spend, row.key, overlap.cost, row.currency);
  });
  return spend;
}

/** All channel spend (the whole budget) pro-rated into `period`; undefined without any. */
export function budgetSpend(rows: readonly SpendRow[], period: Period): GroupSpend | undefined {
  const spend = new Map<string, GroupSpend>();
  rows.forEach((row, index) => {
    if (row.groupBy !== "channel") return;
    const overlap = spendOverlap(row, index, period);
    if (overlap) addSpend(spend, "", overlap.cost, row.currency);
  });
  return spend.get("");
}

/** `YYYY-MM` of an epoch ms, UTC. */
export function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

/**
 * Channel spend (the whole budget: campaign rows would count the same money twice) per UTC month
 * `YYYY-MM`, pro-rated into `period` and then into each month it overlaps.
 */
export function spendByMonth(rows: readonly SpendRow[], period: Period): Map<string, GroupSpend> {
  const spend = new Map<string, GroupSpend>();
  rows.forEach((row, index) => {
    if (row.groupBy !== "channel") return;
    const overlap = spendOverlap(row, index, period);
    if (!overlap) return;
    const rate = overlap.cost / (overlap.to - overlap.from);
    let start = overlap.from;
    while (start < overlap.to) {
      const date = new Date(start);
      const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      const end = Math.min(nextMonth, overlap.to);
      addSpend(spend, monthOf(start), rate * (end - start), row.currency);
      start = end;
    }
  });
  return spend;
}

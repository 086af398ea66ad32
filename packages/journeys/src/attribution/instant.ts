import { DAY_MS } from "../time/day-ms.js";
import { InvalidOptionError } from "./invalid-option.js";

/** A point in time as callers hold it: an ISO-8601 string, epoch milliseconds or a Date. */
export type Instant = string | number | Date;

export { DAY_MS };

/** Epoch milliseconds of `value`; an unparsable value is an InvalidOptionError naming `option`. */
export function toEpochMs(value: Instant, option: string): number {
  const ms = typeof value === "number" ? value : typeof value === "string" ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms))
    throw new InvalidOptionError(option, `must be an ISO-8601 date or date-time, got ${JSON.stringify(String(value))}`);
  return ms;
}

/** A half-open period [from, to) in epoch ms; absent bounds are open (-Infinity, +Infinity). */
export interface Period {
  from: number;
  to: number;
}

/** A calendar date without a time: `2026-03-31`. */
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Epoch ms just after a period that ends at `value`: a date (`2026-03-31`) includes that whole UTC
 * day, as an analyst reads "to March 31" (and as spend rows read it); a date-time is an instant
 * the period stops before.
 */
export function periodEndMs(value: Instant, option: string): number {
  const ms = toEpochMs(value, option);
  return typeof value === "string" && DATE_ONLY.test(value) ? ms + DAY_MS : ms;
}

/** `from` and `to` as every report reads them: from its start (a date: 00:00 UTC) up to the end of `to` (see periodEndMs). */
export function toPeriod(from: Instant | undefined, to: Instant | undefined): Period {
  const period = {
    from: from === undefined ? -Infinity : toEpochMs(from, "from"),
    to: to === undefined ? Infinity : periodEndMs(to, "to"),
  };
  if (period.from >= period.to) throw new InvalidOptionError("to", "must be later than from");
  return period;
}

export function inPeriod(time: number, period: Period): boolean {
  return time >= period.from && time < period.to;
}

/** A finite number > 0, or the default when absent. */
export function positiveNumber(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(option, `must be a number greater than 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

import { InvalidOptionError } from "./invalid-option.js";

/** A point in time as callers hold it: an ISO-8601 string, epoch milliseconds or a Date. */
export type Instant = string | number | Date;

export const DAY_MS = 86_400_000;

/** Epoch milliseconds of `value`; an unparsable value is an InvalidOptionError naming `option`. */
export function toEpochMs(value: Instant, option: string): number {
  const ms = typeof value === "number" ? value : typeof value === "string" ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) throw new InvalidOptionError(option, `must be an ISO-8601 date or date-time, got ${JSON.stringify(String(value))}`);
  return ms;
}

/** A half-open period [from, to) in epoch ms; absent bounds are open (-Infinity, +Infinity). */
export interface Period {
  from: number;
  to: number;
}

export function toPeriod(from: Instant | undefined, to: Instant | undefined): Period {
  const period = {
    from: from === undefined ? -Infinity : toEpochMs(from, "from"),
    to: to === undefined ? Infinity : toEpochMs(to, "to"),
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

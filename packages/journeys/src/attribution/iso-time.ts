/**
 * Epoch ms of an ISO-8601 timestamp. Journeys carry `Date.prototype.toISOString()` output
 * (`2026-01-31T23:59:59.999Z`); that exact shape is read digit by digit, about 3x faster than
 * Date.parse, which matters when 100k journeys of ten touches stream through a query. Any other
 * shape goes to Date.parse.
 */
import { DAY_MS } from "../time/day-ms.js";

export function isoTimeMs(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 /* Z */ || iso.charCodeAt(10) !== 84 /* T */) return Date.parse(iso);
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  const second = digits(iso, 17, 2);
  const ms = daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + digits(iso, 20, 3);
  const separators = iso[4] === "-" && iso[7] === "-" && iso[13] === ":" && iso[16] === ":" && iso[19] === ".";
  // Out-of-range fields (and 24:00) are left to Date.parse, so both always agree.
  const inRange = month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59;
  return separators && inRange && Number.isFinite(ms) ? ms : Date.parse(iso);
}

/** The number written by `count` decimal digits from `start`; NaN if one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

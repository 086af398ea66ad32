/**
 * ISO 8601 durations of fixed length: weeks, days, hours, minutes and seconds (`P3D`, `PT3S`,
 * `P1DT12H`, `PT0.5S`). Years and months are refused: their length depends on the calendar.
 */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds, or null when the text is not such a duration. */
export function parseIsoDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return null;
  const [, weeks, days, hours, minutes, seconds] = m;
  if ([weeks, days, hours, minutes, seconds].every((part) => part === undefined)) return null;
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part));
  return Math.round(n(weeks) * 7 * DAY + n(days) * DAY + n(hours) * HOUR + n(minutes) * MINUTE + n(seconds) * SECOND);
}

/** Milliseconds in a day of UTC time: every day-based option (lookback, stalled, half-life) and date formatting count in it. */
export const DAY_MS = 86_400_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Tick spacings a reader counts in: minutes, hours, days, weeks. */
const STEPS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  28 * DAY,
  91 * DAY,
  364 * DAY,
];

/** Round UTC instants between start and end, at most about `most` of them, with their labels. */
export function timeTicks(start: number, end: number, most = 6): { time: number; label: string }[] {
  const span = Math.max(end - start, MINUTE);
  const step = STEPS.find((candidate) => span / candidate <= most) ?? STEPS[STEPS.length - 1]!;
  const ticks: { time: number; label: string }[] = [];
  for (let time = Math.ceil(start / step) * step; time <= end; time += step) {
    const iso = new Date(time).toISOString();
    ticks.push({
      time,
      label: step >= DAY ? iso.slice(5, 10) : span > DAY ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16),
    });
  }
  return ticks;
}

/** First index whose time is >= t, or > t when `strictly` (times ascending). */
export function firstIndexFrom(times: readonly number[], t: number, strictly = false): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const time = times[mid] as number;
    if (strictly ? time <= t : time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

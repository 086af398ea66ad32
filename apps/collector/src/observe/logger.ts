/**
 * Structured logs: one JSON object a line on stdout (pino), with a level, an ISO time and a
 * message. pino writes them without blocking on formatting and is what log shippers expect;
 * the start-up lines meant for a person (keys, links) stay plain text.
 */
import pino, { type Logger } from "pino";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel, destination: pino.DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    { level, base: null, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    destination,
  );
}

/**
 * Warnings and errors that may repeat many times a second (a failing disk, a client hammering a
 * wrong key) are written the first time and then at most once per `intervalMs` for the same
 * key, carrying how many were left out since: the log shows the fault and how long it lasts
 * without drowning everything else.
 */
export function repeatLimiter(intervalMs: number, now: () => number = Date.now) {
  const last = new Map<string, { at: number; leftOut: number }>();
  return function admit(key: string): { repeated: number } | null {
    const time = now();
    const seen = last.get(key);
    if (seen !== undefined && time - seen.at < intervalMs) {
      seen.leftOut++;
      return null;
    }
    // Bounded: keys are route x status, a few hundred at most; forget them all if that ever grows.
    if (last.size >= 1_000) last.clear();
    last.set(key, { at: time, leftOut: 0 });
    return { repeated: seen?.leftOut ?? 0 };
  };
}

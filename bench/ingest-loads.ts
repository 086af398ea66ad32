import { BatchAnswers } from "./batch-answers.js";
import { createBatchBodies } from "./load/batch-bodies.js";
import { type LoadFigures, runLoad } from "./load-test.js";

export interface LoadShape {
  connections: number;
  seconds: number;
  /** A steady rate instead of as fast as the connections go. */
  requestsPerSecond?: number;
}

/** `GET url` as fast as the connections allow: the HTTP ceiling of whatever answers it. */
export function runGetLoad(url: string, shape: LoadShape): Promise<LoadFigures> {
  return runLoad({ url, method: "GET", ...shape });
}

export interface BatchLoadFigures extends LoadFigures {
  eventsPerRequest: number;
  /** Events the collector answered as accepted, per second of the run. */
  eventsPerSecond: number;
  acceptedEvents: number;
  /** Events in requests that were written to a socket, answered or not. */
  sentEvents: number;
  /** Answers that were not `200 { accepted: N, duplicates: 0, bots: 0, rejected: [] }`. */
  unexpectedAnswers: number;
  firstUnexpectedAnswer: string | null;
}

/** `POST /v1/batch` with N fresh, valid events per request, every answer checked. */
export async function runBatchLoad(
  collectorUrl: string,
  writeKey: string,
  eventsPerRequest: number,
  shape: LoadShape,
): Promise<BatchLoadFigures> {
  const nextBatch = createBatchBodies(writeKey, eventsPerRequest);
  const answers = new BatchAnswers(eventsPerRequest);
  const figures = await runLoad({
    url: `${collectorUrl}/v1/batch`,
    method: "POST",
    ...shape,
    nextRequest: () => {
      const { body, userAgent } = nextBatch();
      return { body, headers: { "content-type": "application/json", "user-agent": userAgent } };
    },
    onAnswer: (status, body) => answers.record(status, body),
  });
  return {
    ...figures,
    eventsPerRequest,
    eventsPerSecond: answers.accepted / figures.seconds,
    acceptedEvents: answers.accepted,
    sentEvents: figures.sent * eventsPerRequest,
    unexpectedAnswers: answers.unexpected,
    firstUnexpectedAnswer: answers.firstUnexpected,
  };
}

/**
 * A load run ends with up to one request per connection still in the collector; the next run's
 * new connections would find them there (and the per-address cap of 64 answers 429 to the
 * excess), and the collector's CPU spent on them would count against the next run. Two seconds
 * is ten times the slowest p99 seen, PostgreSQL's.
 */
export const LOAD_SETTLE_MS = 2_000;

export function afterLoadSettles(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, LOAD_SETTLE_MS));
}

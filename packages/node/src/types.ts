/** A flat JSON value. */
export type FlatValue = string | number | boolean | null;
/** What the collector stores: flat values, one level of nesting, arrays of at most 100 of either. */
export type PropertyValue = FlatValue | Record<string, FlatValue> | (FlatValue | Record<string, FlatValue>)[];
export type Properties = Record<string, PropertyValue>;

/** A moment: a Date, milliseconds since the epoch or an ISO-8601 string. */
export type Moment = Date | number | string;

export interface TrackInput {
  /** The customer as your systems know them (the same id the website's identify sends). */
  customerId: string;
  /** snake_case, or words ("Support Contact") the collector stores as snake_case. */
  name: string;
  /** Where it happened: call_center, store, event, crm, ... (snake_case). */
  channel?: string;
  /** When it happened; now by default. Server timestamps are kept as sent (imports of history). */
  timestamp?: Moment;
  /** `value` is the amount attribution and customer value count for a conversion. */
  properties?: Properties;
  /** The event's id, which makes a resend a duplicate; a UUIDv7 by default. */
  id?: string;
}

export interface IdentifyInput {
  customerId: string;
  traits?: Properties;
  /** A browser's anonymous id to link to the customer (from the website's SDK). */
  anonymousId?: string;
  timestamp?: Moment;
  id?: string;
}

/** An event as it goes on the wire (POST /v1/batch). */
export interface OutgoingEvent {
  id: string;
  type: "touchpoint" | "identify";
  customerId: string;
  timestamp: string;
  name?: string;
  anonymousId?: string;
  properties?: Properties;
  traits?: Properties;
  context?: { channel: string };
}

export interface DeliveryError {
  /**
   * queue_full: the queue held maxQueueSize events, the new one was dropped;
   * rejected: the collector refused these events (invalid), `rejected` says why;
   * failed: the collector refused the batch (400, 401, 403, 413) or retries ran out.
   */
  reason: "queue_full" | "rejected" | "failed";
  message: string;
  events: OutgoingEvent[];
  /** The last HTTP status; absent when no answer came (network error) or nothing was sent. */
  status?: number;
  /** For `rejected`: the collector's reasons, by index into `events`. */
  rejected?: { index: number; id: string | null; errors: { path: string; message: string }[] }[];
}

export interface ServerTrackerOptions {
  /** The site's secret key (`touchpoint sites create` prints it). Keep it on the server. */
  secretKey: string;
  /** The collector's URL, e.g. https://collector.example.com. */
  endpoint: string;
  /** Events per request, and the queue length that sends at once (default 100, at most 1,000). */
  batchSize?: number;
  /** How often queued events are sent (default 1,000 ms). */
  flushIntervalMs?: number;
  /** Events held at most while the collector is unreachable; newer ones are dropped (default 10,000). */
  maxQueueSize?: number;
  /** Retries of a batch on 408, 429, 5xx and network errors (default 5). */
  maxRetries?: number;
  /** Backoff of the first retry, doubled each time with full jitter (default 500 ms), and its cap (default 30,000 ms). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Per request (default 10,000 ms). */
  requestTimeoutMs?: number;
  /** Called for events that will not be stored; by default they are written to stderr. */
  onError?: (error: DeliveryError) => void;
  /** Send what is queued when the process is about to exit (default true). */
  flushOnExit?: boolean;
}

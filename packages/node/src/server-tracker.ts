import { isRetryable, retryDelayMs } from "./retry-delay.js";
import type { DeliveryError, IdentifyInput, Moment, OutgoingEvent, ServerTrackerOptions, TrackInput } from "./types.js";
import { uuidV7 } from "./uuid-v7.js";

/** The collector's most events per batch. */
const MAX_BATCH = 1000;

export interface ServerTracker {
  /** Queues a touchpoint of a known customer; sent within flushIntervalMs. Throws TypeError on missing fields. */
  track(input: TrackInput): void;
  /** Queues an identify: traits of the customer, and optionally a browser id linked to them. */
  identify(input: IdentifyInput): void;
  /** Sends everything queued so far; resolves when each batch was stored, reported to onError or given up. */
  flush(): Promise<void>;
  /** Flushes, then stops the timer and the exit hook; track() afterwards throws. */
  close(): Promise<void>;
  /** Events queued and not yet sent. */
  readonly queued: number;
}

function isoMoment(moment: Moment | undefined, field: string): string {
  const date = moment === undefined ? new Date() : new Date(moment);
  if (Number.isNaN(date.getTime())) throw new TypeError(`${field} must be a Date, epoch milliseconds or an ISO-8601 string`);
  return date.toISOString();
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new TypeError(`${field} is required (a non-empty string)`);
  return value;
}

const writeToStderr = (error: DeliveryError) =>
  console.error(`@touchpoint/node: ${error.events.length} event(s) not stored (${error.reason}): ${error.message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A tracker for server-side sources (call center, store, CRM): events carry a customer id and
 * are sent with the site's secret key in batches, retried with backoff while the collector is
 * unavailable, held in a bounded in-memory queue, and flushed before the process exits.
 */
export function createServerTracker(options: ServerTrackerOptions): ServerTracker {
  const secretKey = requireText(options.secretKey, "secretKey");
  const url = new URL("/v1/batch", requireText(options.endpoint, "endpoint")).href;
  const batchSize = Math.min(Math.max(1, options.batchSize ?? 100), MAX_BATCH);
  const maxQueueSize = options.maxQueueSize ?? 10_000;
  const maxRetries = options.maxRetries ?? 5;
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const backoffMaxMs = options.backoffMaxMs ?? 30_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const report = options.onError ?? writeToStderr;

  const queue: OutgoingEvent[] = [];
  let sending: Promise<void> | null = null;
  let closed = false;

  /** One batch until it is stored, refused or out of retries. */
  async function send(events: OutgoingEvent[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let status: number | undefined;
      let retryAfter: string | null = null;
      let problem: string;
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
          body: JSON.stringify({ writeKey: "server", sentAt: new Date().toISOString(), events }),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        status = response.status;
        retryAfter = response.headers.get("retry-after");
        const body = (await response.json().catch(() => null)) as {
          rejected?: DeliveryError["rejected"];
          error?: { message?: string };
        } | null;
        if (status === 200) {
          const rejected = body?.rejected ?? [];
          if (rejected.length > 0) {
            const refused = rejected.map((r) => events[r.index]!);
            report({
              reason: "rejected",
              message: `the collector refused ${rejected.length} event(s) as invalid`,
              events: refused,
              status,
              rejected: rejected.map((r, index) => ({ ...r, index })),
            });
          }
          return;
        }
        problem = `HTTP ${status}: ${body?.error?.message ?? "no error message"}`;
        if (!isRetryable(status)) return report({ reason: "failed", message: problem, events, status });
      } catch (error) {
        problem = `no answer: ${(error as Error).message}`;
      }
      if (attempt >= maxRetries) {
        return report({
          reason: "failed",
          message: `gave up after ${attempt + 1} attempts; last: ${problem}`,
          events,
          ...(status === undefined ? {} : { status }),
        });
      }
      await sleep(retryDelayMs(attempt, retryAfter, backoffBaseMs, backoffMaxMs));
    }
  }

  /** Sends batch after batch, in order, until the queue is empty. */
  async function drain(): Promise<void> {
    while (queue.length > 0) await send(queue.splice(0, batchSize));
  }

  function flush(): Promise<void> {
    sending ??= drain().finally(() => {
      sending = null;
    });
    // Events queued while the last batch was on its way are sent by a new drain.
    return sending.then(() => (queue.length > 0 ? flush() : undefined));
  }

  function enqueue(event: OutgoingEvent): void {
    if (closed) throw new Error("this tracker is closed");
    if (queue.length >= maxQueueSize) {
      report({
        reason: "queue_full",
        message: `the queue holds ${maxQueueSize} events (the collector is unreachable or slower than the events come)`,
        events: [event],
      });
      return;
    }
    queue.push(event);
    if (queue.length >= batchSize) void flush();
  }

  const timer = setInterval(() => {
    if (queue.length > 0) void flush();
  }, options.flushIntervalMs ?? 1000);
  // The timer alone must not keep a process alive; the exit hook sends what is left.
  timer.unref();
  const onBeforeExit = () => {
    if (queue.length > 0) void flush();
  };
  if (options.flushOnExit !== false) process.on("beforeExit", onBeforeExit);

  return {
    track(input) {
      const customerId = requireText(input?.customerId, "customerId");
      const name = requireText(input.name, "name");
      enqueue({
        id: input.id ?? uuidV7(),
        type: "touchpoint",
        name,
        customerId,
        timestamp: isoMoment(input.timestamp, "timestamp"),
        ...(input.properties && { properties: input.properties }),
        ...(input.channel !== undefined && { context: { channel: requireText(input.channel, "channel") } }),
      });
    },
    identify(input) {
      const customerId = requireText(input?.customerId, "customerId");
      enqueue({
        id: input.id ?? uuidV7(),
        type: "identify",
        customerId,
        timestamp: isoMoment(input.timestamp, "timestamp"),
        ...(input.anonymousId !== undefined && { anonymousId: requireText(input.anonymousId, "anonymousId") }),
        ...(input.traits && { traits: input.traits }),
      });
    },
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      process.off("beforeExit", onBeforeExit);
      await flush();
    },
    get queued() {
      return queue.length;
    },
  };
}

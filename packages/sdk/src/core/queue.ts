import type { BatchResponse, TrackEvent } from "@touchpoint/protocol/types";
import type { Consent, TrackerError, TrackerOptions } from "../types.js";
import { retryDelay } from "./backoff.js";
import { chunk } from "./chunk.js";
import { iso, now } from "./clock.js";
import { guard } from "./guard.js";
import { safeJson, utf8Bytes } from "./json.js";
import {
  BATCH_EVENTS,
  BATCH_WAIT_MS,
  BEACON_BYTES,
  CLAIM_MS,
  FETCH_CHARS,
  MAX_EVENT_BYTES,
  MAX_EVENTS_PER_BATCH,
  MAX_HELD_EVENTS,
  MAX_QUEUED_CHARS,
  MAX_QUEUED_EVENTS,
  ORPHAN_MS,
  PERSIST_MS,
  QUEUE_PREFIX,
  SWEEP_MS,
} from "./settings.js";
import { readJson, type KeyValueStore } from "./store.js";

export interface QueueOptions extends Pick<TrackerOptions, "writeKey" | "beforeSend"> {
  store: KeyValueStore;
  /** This tracker's id: its queue lives under QUEUE_PREFIX + tab. */
  tab: string;
  /** The tracker that ran before this one in the same tab (a reload or a link): its queue is adopted at once. */
  previous?: string | null;
  consentState(): Consent;
  /** POSTs a batch body to the collector. */
  post(body: string): Promise<Response>;
  /** Hands a body to the browser to deliver after the page is gone; false when it refused. */
  beacon(body: string): boolean | undefined;
  /** What could not be delivered, and why. */
  report(error: TrackerError): void;
}

export interface Queue {
  /** Takes an event through consent and beforeSend into the retry queue. */
  admit(event: TrackEvent): void;
  /** Consent changed: `granted` replays the held events, `denied` drops them and this tab's queue. */
  decide(consent: Consent): void;
  /** Sends now; resolves when the queue is drained or a retry is scheduled. */
  drain(): Promise<void>;
  /** The page is being hidden or left: write the queue to storage and, when `online`, beacon it. */
  leave(online: boolean): void;
}

/** A queue as stored: last write (ms), the tab claiming it, and the events. */
type Box = { t: number; c?: string; e: unknown[] };

/**
 * The delivery pipeline: consent gate, beforeSend, a retry queue, batching (20 events or 1
 * second), retries and the unload path. Events wait until the collector answers: a 2xx, or a 4xx
 * that a retry cannot fix, removes them; anything else (network error, 408, 429, 5xx) retries
 * after the server's Retry-After, or with exponential backoff and full jitter.
 *
 * The queue lives in memory as the JSON text of each event (serialised once, when it is
 * admitted) and is written to storage at most once per PERSIST_MS, and at once when the page is
 * hidden or left, so neither a burst nor a long queue makes a call write to storage.
 *
 * Across pages and tabs, without locks (localStorage has no atomic compare-and-set):
 * - every tracker (one per page) keeps its unacknowledged events under its own key
 *   `tp_q_<tab>` = { t: last write, c?: claiming tab, e: events }. A tracker writes only its
 *   own key and sends only its own events, so two live tabs never send the same one;
 * - the next page in the same tab finds its predecessor's id in sessionStorage and adopts that
 *   queue at once, with any queue its predecessor claimed and left before taking: a reload or a
 *   link is not a closed tab;
 * - live trackers rewrite their key every SWEEP_MS while it holds events. A key untouched for
 *   ORPHAN_MS was left by a closed (or long frozen) tab: another tab claims it by writing its id
 *   into `c`, and CLAIM_MS later (when a competing claim has reached every tab: the last writer
 *   wins) takes the events if the claim is still its own. Every tracker looks for such keys when
 *   it starts and every SWEEP_MS, so an orphaned queue leaves on a timer, not only with new events;
 * - an owner that wakes up writes its key again, which clears the claim. Its memory still holds
 *   its events either way.
 * - a beacon's fate is unknown (the browser only says it took the body), so beaconed events stay
 *   queued until a later fetch, on this page or the next, is answered.
 * Whatever slips through (a claim on a live tab, a beacon that arrived) is sent twice at worst,
 * never lost: the collector deduplicates on the event id.
 */
export function createQueue({ store, tab, previous, writeKey, consentState, beforeSend, post, beacon, report }: QueueOptions): Queue {
  const own = QUEUE_PREFIX + tab;
  let queue: string[] = [];
  /** Characters of the queue, as stored (each event and a comma). */
  let chars = 0;
  /** Events dropped by the overflow not reported yet. */
  let dropped = 0;
  let held: TrackEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let inflight: Promise<void> | undefined;
  let writing = false;
  /** drain() was called: send until the queue is empty, not only a backlog. */
  let flushing = false;
  const beaconed = new Set<string>();

  /** Adds an event, the oldest going first beyond the bounds; one report per overflow (per turn). */
  const push = (json: string) => {
    queue.push(json);
    chars += json.length + 1;
    while (queue.length > MAX_QUEUED_EVENTS || chars > MAX_QUEUED_CHARS) {
      chars -= queue.shift()!.length + 1;
      if (!dropped++) queueMicrotask(() => report({ type: "overflow", count: dropped }) ?? (dropped = 0));
    }
  };
  const persist = () => {
    writing = false;
    if (queue.length) store.write(own, `{"t":${now()},"e":[${queue}]}`);
    else store.erase(own);
  };
  const persistSoon = () => {
    if (!writing) setTimeout(persist, PERSIST_MS);
    writing = true;
  };
  const remove = (sent: string[]) => {
    const gone = new Set(sent);
    queue = queue.filter((event) => !gone.has(event));
    chars = queue.reduce((sum, event) => sum + event.length + 1, 0);
    for (const event of sent) beaconed.delete(event);
    persistSoon();
  };
  const box = (key: string) => readJson<Box>(store, key);
  const adopt = (key: string, events: unknown) => {
    store.erase(key);
    if (Array.isArray(events)) for (const json of events.map(safeJson)) if (json) push(json);
    persistSoon();
  };

  /** Adopts the previous page's queue and confirmed claims, and claims orphaned queues. */
  const sweep = () => {
    let claimed = false;
    let took = false;
    for (const key of store.list()) {
      const other = key.startsWith(QUEUE_PREFIX) && key !== own && box(key);
      if (!other) continue;
      // The previous page's queue, and a claim it made and had no time to confirm, are this page's.
      if (key === QUEUE_PREFIX + previous || other.c === tab || (previous && other.c === previous)) {
        adopt(key, other.e);
        took = true;
      } else if (!(now() - other.t < ORPHAN_MS)) {
        store.write(key, safeJson({ ...other, t: now(), c: tab })!);
        claimed = true;
      }
    }
    if (claimed) setTimeout(sweep, CLAIM_MS);
    // What was taken leaves at once, in one request.
    if (took && !attempt) void send();
  };
  setInterval(() => {
    if (queue.length) persist();
    sweep();
  }, SWEEP_MS);

  const body = (events: string[]) => `{"writeKey":${safeJson(writeKey)},"sentAt":"${iso(now())}","events":[${events}]}`;
  const room = (bytes: number) => bytes - body([]).length;
  const schedule = (ms: number) => {
    timer ??= setTimeout(send, ms);
  };

  /*
   * One request at a time. A 2xx, or a 4xx that a retry cannot fix, settles the batch; a 408, 429
   * or 5xx throws its Retry-After header, a network error its error: both schedule a retry.
   */
  function send(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const batch = !inflight && chunk(queue, MAX_EVENTS_PER_BATCH, room(FETCH_CHARS))[0];
    if (batch) {
      inflight = post(body(batch))
        .then((res) => {
          const status = res.status;
          if (status === 408 || status === 429 || status >= 500) throw res.headers.get("retry-after");
          remove(batch);
          attempt = 0;
          if (status >= 300) return report({ type: "dropped", status, count: batch.length });
          return res.json().then(
            ({ rejected }: BatchResponse) => rejected?.length && report({ type: "rejected", rejected }),
            () => {},
          );
        })
        .finally(() => (inflight = undefined))
        .then(
          // A backlog (or a flush) leaves at once; a few events wait for their batch.
          () =>
            queue.length >= BATCH_EVENTS || (flushing && queue.length)
              ? send()
              : ((flushing = false), queue.length ? schedule(BATCH_WAIT_MS) : undefined),
          (failure: unknown) => schedule(retryDelay(++attempt, failure)),
        );
    }
    return inflight ?? Promise.resolve();
  }

  const deliver = (event: TrackEvent) => {
    const out = beforeSend ? guard(() => beforeSend(event)) : event;
    if (!out) return;
    const json = safeJson(out);
    // An event over the protocol's size would be refused: it is dropped here, and said so.
    const bytes = json ? (json.length * 3 > MAX_EVENT_BYTES ? utf8Bytes(json) : 0) : Infinity;
    if (bytes > MAX_EVENT_BYTES) {
      return report({
        type: "invalid",
        call: out.type,
        errors: [{ path: "", message: `an event is at most ${MAX_EVENT_BYTES} bytes; this one is ${bytes}` }],
      });
    }
    push(json!);
    persistSoon();
    if (!attempt && queue.length >= BATCH_EVENTS) void send();
    else schedule(BATCH_WAIT_MS);
  };

  sweep();
  return {
    admit(event) {
      const state = consentState();
      if (state === "granted") deliver(event);
      else if (state === "pending" && held.length < MAX_HELD_EVENTS) held.push(event);
    },
    decide(next) {
      if (next === "granted") held.splice(0).forEach(deliver);
      if (next === "denied") {
        held = [];
        queue = [];
        chars = 0;
        store.erase(own);
      }
    },
    drain() {
      attempt = 0;
      flushing = true;
      return send();
    },
    leave(online) {
      persist();
      // While the collector fails, a beacon would vanish unseen: the queue waits for a retry instead.
      if (attempt || !online) return;
      const fresh = queue.filter((event) => !beaconed.has(event));
      for (const batch of chunk(fresh, MAX_EVENTS_PER_BATCH, room(BEACON_BYTES), utf8Bytes)) {
        if (beacon(body(batch))) batch.forEach((event) => beaconed.add(event));
      }
    },
  };
}

import type { BatchResponse, TrackEvent } from "@touchpoint/protocol/types";
import type { Consent, TrackerOptions } from "../types.js";
import { retryDelay } from "./backoff.js";
import { chunk } from "./chunk.js";
import { iso, now } from "./clock.js";
import {
  BATCH_EVENTS,
  BATCH_WAIT_MS,
  BEACON_BYTES,
  FETCH_BYTES,
  MAX_EVENTS_PER_BATCH,
  MAX_HELD_EVENTS,
  MAX_QUEUED_CHARS,
  MAX_QUEUED_EVENTS,
  ORPHAN_MS,
  QUEUE_PREFIX,
} from "./settings.js";
import { readJson, type KeyValueStore } from "./store.js";

export interface QueueOptions extends Pick<TrackerOptions, "writeKey" | "beforeSend" | "onError"> {
  store: KeyValueStore;
  /** This tracker's id: its queue lives under QUEUE_PREFIX + tab. */
  tab: string;
  consentState(): Consent;
  /** POSTs a batch body to the collector. */
  post(body: string): Promise<Response>;
  /** Hands a body to the browser to deliver after the page is gone; false when it refused. */
  beacon(body: string): boolean | undefined;
}

export interface Queue {
  /** Takes an event through consent and beforeSend into the persistent queue. */
  admit(event: TrackEvent): void;
  /** Consent changed: `granted` replays the held events, `denied` drops them and this tab's queue. */
  decide(consent: Consent): void;
  /** Sends now; resolves when the queue is drained or a retry is scheduled. */
  drain(): Promise<void>;
  /** The page is being hidden or left: beacon everything queued. */
  leave(): void;
}

/**
 * The delivery pipeline: consent gate, beforeSend, a persistent retry queue, batching (20 events
 * or 1 second), retries and the unload path. Events wait in storage until the collector answers:
 * a 2xx, or a 4xx that a retry cannot fix, removes them; anything else (network error, 408, 429,
 * 5xx) retries after the server's Retry-After, or with exponential backoff and full jitter.
 *
 * The queue is safe across tabs without locks (localStorage has no atomic compare-and-set):
 * - every tracker (one per tab) keeps its unacknowledged events under its own key
 *   `tp_q_<tab>` = { t: last write, c?: claiming tab, e: events }. A tab writes only its own key,
 *   so no two tabs race on one read-modify-write, and sends only its own events, so two live tabs
 *   never send the same one;
 * - a key untouched for ORPHAN_MS was left by a closed (or long frozen) tab. Another tab claims it
 *   by writing its id into `c`, and on a later pass (at least a second on, when a competing claim
 *   has reached every tab: the last writer wins) takes the events if the claim is still its own;
 * - an owner that wakes up writes its key again, which clears the claim: it keeps its events;
 * - owners rewrite their key before each send, so events in flight are not claimed unless the
 *   request hangs for longer than ORPHAN_MS.
 * Whatever slips through (a hung request, a tab frozen mid-claim) is sent twice at worst, never
 * lost: the collector deduplicates on the event id.
 */
export function createQueue({ store, tab, writeKey, consentState, beforeSend, post, beacon, onError }: QueueOptions): Queue {
  const own = QUEUE_PREFIX + tab;
  let held: TrackEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let inflight: Promise<void> | undefined;

  const box = (key: string) => readJson<{ t: number; c?: string; e: TrackEvent[] }>(store, key);
  const queued = () => box(own)?.e ?? [];
  const save = (events: TrackEvent[]) => {
    let chars = JSON.stringify(events).length;
    let dropped = 0;
    while (events.length > MAX_QUEUED_EVENTS || chars > MAX_QUEUED_CHARS) {
      chars -= JSON.stringify(events.shift()).length + 1;
      dropped++;
    }
    if (dropped) onError?.({ type: "overflow", count: dropped });
    if (events.length) store.write(own, JSON.stringify({ t: now(), e: events }));
    else store.erase(own);
  };
  const discard = (sent: TrackEvent[]) => {
    const ids = sent.map((e) => e.id);
    save(queued().filter((e) => !ids.includes(e.id)));
  };
  /** Claims orphaned queues, takes those claimed on an earlier pass, and returns this tab's events to send. */
  const sendable = () => {
    for (const key of store.list()) {
      const other = key.startsWith(QUEUE_PREFIX) && key !== own && box(key);
      if (!other) continue;
      if (other.c === tab) {
        store.erase(key);
        save([...queued(), ...other.e]);
      } else if (!(now() - other.t < ORPHAN_MS)) {
        store.write(key, JSON.stringify({ ...other, t: now(), c: tab }));
      }
    }
    const mine = box(own);
    const events = mine?.e ?? [];
    // Another tab is adopting these events: they are its to send.
    if ((mine?.c || tab) !== tab) return [];
    // Rewriting the key marks this tab alive while the events are in flight.
    save(events);
    return events;
  };

  const body = (events: TrackEvent[]) => JSON.stringify({ writeKey, sentAt: iso(now()), events });
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
    const batch = !inflight && chunk(sendable(), BATCH_EVENTS, room(FETCH_BYTES))[0];
    if (batch) {
      inflight = post(body(batch))
        .then(async (res) => {
          const status = res.status;
          if (status === 408 || status === 429 || status >= 500) throw res.headers.get("retry-after");
          discard(batch);
          attempt = 0;
          if (status >= 300) return onError?.({ type: "dropped", status, count: batch.length });
          const { rejected } = (await res.json()) as BatchResponse;
          if (rejected?.length) onError?.({ type: "rejected", rejected });
        })
        .finally(() => (inflight = undefined))
        .then(
          () => (queued().length ? send() : undefined),
          (failure: unknown) => schedule(retryDelay(++attempt, failure)),
        );
    }
    return inflight ?? Promise.resolve();
  }

  const deliver = (event: TrackEvent) => {
    const out = beforeSend ? beforeSend(event) : event;
    if (!out) return;
    save([...queued(), out]);
    if (!attempt && queued().length >= BATCH_EVENTS) void send();
    else schedule(BATCH_WAIT_MS);
  };

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
        store.erase(own);
      }
    },
    drain() {
      attempt = 0;
      return send();
    },
    leave() {
      // While the collector fails, a beacon would vanish unseen: the queue waits for a retry instead.
      if (attempt) return;
      for (const batch of chunk(queued(), MAX_EVENTS_PER_BATCH, room(BEACON_BYTES))) {
        if (beacon(body(batch))) discard(batch);
      }
    },
  };
}

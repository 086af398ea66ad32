import type { BatchEnvelope, TrackEvent } from "@touchpoint/protocol/types";
import type { KeyValueStore } from "../core/store.js";

export interface Delivery {
  via: "fetch" | "beacon";
  envelope: Omit<BatchEnvelope, "events"> & { events: TrackEvent[] };
  /** Size of the body in UTF-8 bytes. */
  bytes: number;
}

export type Answer = { status: number; headers?: Record<string, string>; body?: unknown } | "network-error";

/**
 * A recording collector for unit tests: `post` and `beacon` record every body; `post` answers
 * with the next scripted answer (200 with everything accepted when none is left).
 */
export function recordingCollector() {
  const deliveries: Delivery[] = [];
  const answers: Answer[] = [];
  let beaconAccepts = true;
  const record = (via: Delivery["via"], body: string) =>
    deliveries.push({ via, envelope: JSON.parse(body), bytes: new TextEncoder().encode(body).length });
  return {
    deliveries,
    answers,
    refuseBeacons() {
      beaconAccepts = false;
    },
    async post(body: string): Promise<Response> {
      record("fetch", body);
      const answer = answers.shift() ?? { status: 200 };
      if (answer === "network-error") throw new TypeError("Failed to fetch");
      const count = (JSON.parse(body) as BatchEnvelope).events.length;
      const payload = answer.body ?? { accepted: count, duplicates: 0, bots: 0, rejected: [] };
      return new Response(JSON.stringify(payload), { status: answer.status, headers: answer.headers });
    },
    beacon(body: string): boolean {
      if (beaconAccepts) record("beacon", body);
      return beaconAccepts;
    },
    /** Ids of every event delivered, in order, with repeats. */
    sentIds: () => deliveries.flatMap((d) => d.envelope.events.map((e) => e.id)),
  };
}

/** localStorage as a plain map: several queues sharing one behave like tabs of one site. */
export function sharedStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    read: (key) => map.get(key) ?? null,
    write: (key, value) => void map.set(key, value),
    erase: (key) => void map.delete(key),
    list: () => [...map.keys()],
  };
}

/** A touchpoint event numbered n, made at n seconds past 2026-01-01T00:00:00Z. */
export const testEvent = (n: number, extra: Partial<TrackEvent> = {}): TrackEvent =>
  ({
    id: `e${n}`,
    type: "touchpoint",
    name: "banner_click",
    anonymousId: "anon",
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    ...extra,
  }) as TrackEvent;

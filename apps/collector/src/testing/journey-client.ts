/**
 * Events as the SDK and servers send them, at readable times, and a client of a collector
 * fixture's query API, for tests through HTTP. Fake Date (vi.useFakeTimers({ toFake: ["Date"] }))
 * in such tests: sentAt and the time of receipt are then the same instant, so no clock-skew
 * correction moves the events' timestamps.
 */
import { afterEach, beforeEach, expect, vi } from "vitest";
import type { BatchResponse } from "@touchpoint/protocol";
import { collectorFixture, type CollectorFixture } from "./collector-fixture.js";
import { CHROME_WINDOWS } from "./user-agents.js";

/** Monday 2 March 2026, 09:00 UTC. */
export const T0 = Date.parse("2026-03-02T09:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The ISO time `offsetMs` after T0. */
export const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

export type WireEvent = Record<string, unknown>;

export const page = (
  id: string,
  anonymousId: string,
  offsetMs: number,
  context: Record<string, unknown>,
  extra: WireEvent = {},
): WireEvent => ({
  id,
  type: "page",
  anonymousId,
  timestamp: at(offsetMs),
  context,
  ...extra,
});

export const touch = (id: string, anonymousId: string, name: string, offsetMs: number, extra: WireEvent = {}): WireEvent => ({
  id,
  type: "touchpoint",
  name,
  anonymousId,
  timestamp: at(offsetMs),
  ...extra,
});

export const identify = (
  id: string,
  anonymousId: string,
  customerId: string,
  offsetMs: number,
  traits?: Record<string, string>,
): WireEvent => ({
  id,
  type: "identify",
  anonymousId,
  customerId,
  timestamp: at(offsetMs),
  ...(traits && { traits }),
});

export interface JsonAnswer {
  status: number;
  // Tests read whatever the endpoint answers.
  // biome-ignore lint/suspicious/noExplicitAny: a test helper; each test asserts the shape it expects
  body: any;
}

export function journeyClient(f: CollectorFixture) {
  async function answer(res: Response): Promise<JsonAnswer> {
    return { status: res.status, body: await res.json() };
  }
  return {
    /** Posts events as a browser with the write key; every event must be accepted or counted. */
    async send(events: WireEvent[], userAgent = CHROME_WINDOWS): Promise<BatchResponse> {
      const res = await f.postBatch({ writeKey: f.site.writeKey, sentAt: new Date().toISOString(), events }, { "user-agent": userAgent });
      expect(res.status).toBe(200);
      return (await res.json()) as BatchResponse;
    },
    /** Posts events as a server-side source with the secret key (customer id only, explicit channel). */
    async sendAsServer(events: WireEvent[]): Promise<BatchResponse> {
      const res = await f.postBatch(
        { writeKey: "server", sentAt: new Date().toISOString(), events },
        { authorization: `Bearer ${f.site.secretKey}` },
      );
      expect(res.status).toBe(200);
      return (await res.json()) as BatchResponse;
    },
    /**
     * GETs once journey upkeep has caught up with every commit before the call, so a report
     * reflects what the test sent (a client over the network waits until `asOf` passes its
     * last commit instead).
     */
    async get(path: string, key: string = f.site.readKey): Promise<JsonAnswer> {
      await f.upkeep.caughtUp();
      return answer(await f.app.request(path, { headers: { authorization: `Bearer ${key}` } }));
    },
    async request(method: string, path: string, key: string, body?: unknown): Promise<JsonAnswer> {
      const headers: Record<string, string> = { authorization: `Bearer ${key}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      return answer(await f.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
    },
  };
}

export type JourneyClient = ReturnType<typeof journeyClient>;

export interface JourneyApp {
  f: CollectorFixture;
  api: JourneyClient;
}

/** For each test of the calling suite, a fresh collector whose clock (Date only: timers still run) stands at `now`. */
export function useJourneyApp(now: number): JourneyApp {
  const app = {} as JourneyApp;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now });
    app.f = await collectorFixture();
    app.api = journeyClient(app.f);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await app.f.store.close();
  });
  return app;
}

/** The query API's answer to a parameter it refuses. */
export function invalidParameterAnswer(path: string, message: string): JsonAnswer {
  return { status: 400, body: { error: { code: "invalid_parameter", message: `${path}: ${message}`, issues: [{ path, message }] } } };
}

import { createBatchValidator } from "@touchpoint/protocol";
import { describe, expect, it } from "vitest";
import { createBatchBodies, EVENTS_PER_VISIT } from "./batch-bodies.js";

describe("createBatchBodies", () => {
  const validator = createBatchValidator();

  it("makes batches the protocol accepts whole, from the public write key", () => {
    const next = createBatchBodies("wk_bench", 50);
    const body = JSON.parse(next().body) as { writeKey: string; events: unknown[] };
    const envelope = validator.parseEnvelope(body);
    expect(envelope.ok).toBe(true);
    expect(body.writeKey).toBe("wk_bench");
    expect(body.events).toHaveLength(50);
    const rejected = body.events.map((event, i) => validator.validateEvent(event, i, "browser")).filter((result) => !result.ok);
    expect(rejected).toEqual([]);
  });

  it("never repeats an event id, within a batch or across batches", () => {
    const next = createBatchBodies("wk_bench", 50);
    const ids = Array.from({ length: 40 }, () =>
      (JSON.parse(next().body) as { events: Array<{ id: string }> }).events.map((e) => e.id),
    ).flat();
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
  });

  it("sends one visitor's events per batch, with that visitor's browser", () => {
    const next = createBatchBodies("wk_bench", 3);
    const first = next();
    const second = next();
    const visitors = (request: { body: string }) =>
      new Set((JSON.parse(request.body) as { events: Array<{ anonymousId: string }> }).events.map((e) => e.anonymousId));
    expect([...visitors(first)]).toEqual(["bench-visitor-0"]);
    expect([...visitors(second)]).toEqual(["bench-visitor-1"]);
    expect(first.userAgent).toContain("Windows NT 10.0");
    expect(second.userAgent).toContain("Macintosh");
  });

  it("starts a new visit, with a new anonymous id and session, after a visitor's EVENTS_PER_VISIT events", () => {
    const next = createBatchBodies("wk_bench", 25);
    const visitOf = () => {
      const events = (JSON.parse(next().body) as { events: Array<{ anonymousId: string; sessionId: string }> }).events;
      return [...new Set(events.map((e) => `${e.anonymousId} ${e.sessionId}`))];
    };
    // 200 browsers in turn: each one's third request (events 51-75) is a new visit.
    const seen: string[][] = [];
    for (let request = 0; request < 3 * 200; request++) seen.push(visitOf());
    expect(EVENTS_PER_VISIT).toBe(50);
    expect(seen[0]).toEqual(["bench-visitor-0 bench-session-0"]);
    expect(seen[200]).toEqual(["bench-visitor-0 bench-session-0"]);
    expect(seen[400]).toEqual(["bench-visitor-0-1 bench-session-0-1"]);
    expect(seen[401]).toEqual(["bench-visitor-1-1 bench-session-1-1"]);
  });
});

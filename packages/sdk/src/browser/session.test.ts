import { describe, expect, it } from "vitest";
import { sharedStore } from "../testing/recording-collector.js";
import { touchSession } from "./session.js";

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const MINUTE = 60_000;

describe("touchSession", () => {
  it("starts a session with the landing URL's campaign and keeps it for the session's later pages", () => {
    const store = sharedStore();
    const first = touchSession(store, T0, "?utm_source=newsletter&utm_medium=email&gclid=abc");
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      start: T0,
      last: T0,
      utm: { source: "newsletter", medium: "email" },
      clickId: { gclid: "abc" },
    });
    const later = touchSession(store, T0 + 10 * MINUTE, "");
    expect(later).toEqual({ ...first, last: T0 + 10 * MINUTE });
  });

  it("ends a session after 30 minutes without an event", () => {
    const store = sharedStore();
    const first = touchSession(store, T0, "?utm_source=a");
    const still = touchSession(store, T0 + 29 * MINUTE, "");
    const next = touchSession(store, T0 + 59 * MINUTE, "?utm_source=b");
    expect(still.id).toBe(first.id);
    expect(next.id).not.toBe(first.id);
    expect(next).toMatchObject({ start: T0 + 59 * MINUTE, utm: { source: "b" } });
  });

  it("ends a session after 24 hours even while active", () => {
    const store = sharedStore();
    const first = touchSession(store, T0, "");
    let last = first;
    for (let m = 20; m < 24 * 60; m += 20) last = touchSession(store, T0 + m * MINUTE, "");
    expect(last.id).toBe(first.id);
    expect(touchSession(store, T0 + 24 * 60 * MINUTE, "").id).not.toBe(first.id);
  });

  it("replaces a damaged stored session", () => {
    const store = sharedStore();
    store.write("tp_s", '{"id":"x"}');
    expect(touchSession(store, T0, "").id).not.toBe("x");
    store.write("tp_s", "{not json");
    expect(touchSession(store, T0, "").start).toBe(T0);
  });

  it("starts a new session when a page carries another campaign, and keeps it for the same one", () => {
    const store = sharedStore();
    const ad = touchSession(store, T0, "?utm_source=google&utm_medium=cpc&gclid=G-1");
    const samePage = touchSession(store, T0 + 5_000, "?utm_source=google&utm_medium=cpc&gclid=G-1");
    const newsletter = touchSession(store, T0 + 10_000, "?utm_source=newsletter&utm_medium=email");
    const later = touchSession(store, T0 + 20_000, "");
    expect(samePage.id).toBe(ad.id);
    expect(newsletter.id).not.toBe(ad.id);
    expect(newsletter).toMatchObject({ start: T0 + 10_000, utm: { source: "newsletter", medium: "email" } });
    expect(newsletter.clickId).toBeUndefined();
    expect(later.id).toBe(newsletter.id);
  });
});

import { describe, expect, it } from "vitest";
import { isRetryable, retryDelayMs } from "./retry-delay.js";

describe("retryDelayMs", () => {
  it("honours Retry-After in seconds or as an HTTP date, within the cap", () => {
    expect(retryDelayMs(0, "3", 500, 30_000)).toBe(3_000);
    expect(retryDelayMs(0, "120", 500, 30_000)).toBe(30_000);
    const now = Date.parse("2026-03-01T12:00:00.000Z");
    expect(retryDelayMs(0, "Sun, 01 Mar 2026 12:00:05 GMT", 500, 30_000, now)).toBe(5_000);
  });

  it("backs off exponentially with full jitter without Retry-After", () => {
    expect([0, 1, 2, 3, 10].map((attempt) => retryDelayMs(attempt, null, 500, 30_000, 0, () => 1))).toEqual([
      500, 1_000, 2_000, 4_000, 30_000,
    ]);
    expect(retryDelayMs(3, null, 500, 30_000, 0, () => 0.5)).toBe(2_000);
    expect(retryDelayMs(1, "soon", 500, 30_000, 0, () => 1)).toBe(1_000);
  });
});

describe("isRetryable", () => {
  it("retries 408, 429 and 5xx, never another 4xx", () => {
    expect([400, 401, 403, 408, 413, 429, 500, 502, 503].filter(isRetryable)).toEqual([408, 429, 500, 502, 503]);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { retryDelay } from "./backoff.js";

afterEach(() => vi.restoreAllMocks());

describe("retryDelay", () => {
  it("takes the server's Retry-After in seconds", () => {
    expect(retryDelay(3, "120")).toBe(120_000);
  });

  it("draws a full-jitter wait below min(60 s, 1 s * 2^attempt) otherwise", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    expect([1, 2, 5, 6, 20].map((attempt) => retryDelay(attempt, new TypeError("Failed to fetch")))).toEqual([
      1998, 3996, 31_968, 59_940, 59_940,
    ]);
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(retryDelay(4, null)).toBe(0);
  });

  it.each([null, "", "0", "-5", "soon"])("falls back to backoff for the Retry-After %j", (header) => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    expect(retryDelay(1, header)).toBe(1000);
  });
});

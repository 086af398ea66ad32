import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./retry-backoff.js";

describe("retryDelayMs", () => {
  it("doubles per attempt up to an hour, half of it jitter", () => {
    expect([1, 2, 3, 10].map((n) => retryDelayMs(n, () => 0))).toEqual([500, 1_000, 2_000, 256_000]);
    expect([1, 2, 3, 10].map((n) => retryDelayMs(n, () => 1))).toEqual([1_000, 2_000, 4_000, 512_000]);
    expect(retryDelayMs(40, () => 1)).toBe(3_600_000);
  });
});

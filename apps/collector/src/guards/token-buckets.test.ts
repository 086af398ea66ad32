import { describe, expect, it } from "vitest";
import { rateLimitKey } from "./client-address.js";
import { TokenBuckets } from "./token-buckets.js";

describe("TokenBuckets", () => {
  it("grants the burst at once, then the rate, and says how many whole seconds to wait", () => {
    let now = 0;
    const buckets = new TokenBuckets({ ratePerSecond: 10, burst: 30 }, { now: () => now });
    expect(buckets.take("a", 25)).toBe(0);
    expect(buckets.take("a", 10)).toBe(1); // 5 left, 5 short: half a second, rounded up
    expect(buckets.take("a", 5)).toBe(0); // refusing took nothing
    expect(buckets.take("a", 25)).toBe(3);
    now = 2_500; // 25 tokens flowed in
    expect(buckets.take("a", 25)).toBe(0);
    expect(buckets.take("b", 30)).toBe(0); // each key its own bucket
    now = 1_000_000;
    expect(buckets.take("a", 31)).toBe(1); // never more than the burst waits
  });

  it("keeps at most maxKeys buckets: full ones go first, else the oldest", () => {
    let now = 0;
    const buckets = new TokenBuckets({ ratePerSecond: 1, burst: 2 }, { maxKeys: 2, now: () => now });
    buckets.take("a");
    buckets.take("b");
    buckets.take("c"); // no bucket is full yet: "a", the oldest, goes
    expect(buckets.size).toBe(2);
    expect(buckets.take("a", 2)).toBe(0); // a fresh burst
    now = 5_000; // "c" and "a" have refilled: the sweep drops both, so "d" is alone
    buckets.take("d");
    expect(buckets.size).toBe(1);
  });
});

describe("rateLimitKey", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3::/64"],
    ["2001:DB8:0:0:ffff::1", "2001:db8:0:0::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
  ])("%s spends the budget of %s", (address, key) => {
    expect(rateLimitKey(address)).toBe(key);
  });
});

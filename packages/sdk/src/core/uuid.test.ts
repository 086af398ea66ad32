import { describe, expect, it } from "vitest";
import { uuidv7 } from "./uuid.js";

describe("uuidv7", () => {
  it("puts the milliseconds in the first 48 bits, then version 7 and variant 8", () => {
    const ms = Date.UTC(2026, 10, 23, 10, 0, 0, 123);
    const id = uuidv7(ms);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
  });

  it("orders ids by time and does not repeat within a millisecond", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + Math.floor(i / 10)));
    expect(new Set(ids).size).toBe(1000);
    expect(ids.map((id) => id.slice(0, 13))).toEqual([...ids.map((id) => id.slice(0, 13))].sort());
  });

  it("sorts the ids made in one millisecond in the order they were made", () => {
    const ids = Array.from({ length: 300 }, () => uuidv7(1_700_000_000_000));
    expect(ids.toSorted()).toEqual(ids);
    expect(new Set(ids).size).toBe(300);
  });
});

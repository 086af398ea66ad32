import { describe, expect, it } from "vitest";
import { uuidV7 } from "./uuid-v7.js";

describe("uuidV7", () => {
  it("is a version 7, variant 10 UUID whose first 48 bits are the time", () => {
    const id = uuidV7(Date.parse("2026-03-01T12:00:00.000Z"));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.parse("2026-03-01T12:00:00.000Z"));
  });

  it("increases strictly within one millisecond and across them, so same-time events keep their order", () => {
    const now = Date.parse("2026-03-01T12:00:01.000Z");
    const ids = [...Array.from({ length: 5000 }, () => uuidV7(now)), uuidV7(now + 1), uuidV7(now + 2)];
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
  });
});

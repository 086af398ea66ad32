import { describe, expect, it } from "vitest";
import { createUuidV7Generator } from "./uuidv7.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("createUuidV7Generator", () => {
  it("puts the millisecond timestamp first, with version 7 and the RFC variant", () => {
    const id = createUuidV7Generator(() => 0x0192_3456_789a)();
    expect(id).toMatch(UUID_V7);
    expect(id.slice(0, 13)).toBe("01923456-789a");
  });

  it("gives strictly increasing ids within one millisecond and across a clock step back", () => {
    const clock = [1000, 1000, 1000, 999, 1001];
    const next = createUuidV7Generator(() => clock.shift() as number);
    const ids = [next(), next(), next(), next(), next()];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5);
    expect(ids[3]?.slice(0, 13)).toBe("00000000-03e8");
    expect(ids[4]?.slice(0, 13)).toBe("00000000-03e9");
  });

  it("keeps two generators apart in the random tail", () => {
    const a = createUuidV7Generator(() => 5)();
    const b = createUuidV7Generator(() => 5)();
    expect(a.slice(24)).not.toBe(b.slice(24));
  });
});

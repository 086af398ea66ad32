import { describe, expect, it } from "vitest";
import { share } from "./ingest-postgres.js";

describe("share", () => {
  it("splits connections over collectors as evenly as whole numbers allow, losing none", () => {
    expect([0, 1].map((i) => share(50, 2, i))).toEqual([25, 25]);
    expect([0, 1, 2].map((i) => share(50, 3, i))).toEqual([17, 17, 16]);
    expect([0].map((i) => share(7, 1, i))).toEqual([7]);
  });
});

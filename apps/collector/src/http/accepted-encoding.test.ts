import { describe, expect, it } from "vitest";
import { acceptedEncoding } from "./accepted-encoding.js";

describe("acceptedEncoding", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["identity", null],
    ["gzip, deflate", "gzip"],
    ["gzip, deflate, br, zstd", "br"],
    ["BR;q=0.5, gzip;q=1", "br"],
    ["br;q=0, gzip", "gzip"],
    ["br;q=0, gzip;q=0", null],
    ["*", "br"],
    ["*;q=0, gzip", "gzip"],
    ["br;q=zero", null],
  ] as const)("reads %j as %j", (header, expected) => {
    expect(acceptedEncoding(header)).toBe(expected);
  });
});

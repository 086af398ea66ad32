import { describe, expect, it } from "vitest";
import { pulledStream } from "./pulled-stream.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("pulledStream", () => {
  it("reads the generator only as far as the reader asks, and ends it when the reader cancels", async () => {
    const made: string[] = [];
    let finished = false;
    async function* chunks() {
      try {
        for (const part of ["a", "b", "c"]) {
          made.push(part);
          yield bytes(part);
        }
      } finally {
        finished = true;
      }
    }
    const reader = pulledStream(chunks()).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("a");
    expect(made).toEqual(["a"]);
    await reader.cancel();
    expect(made).toEqual(["a"]);
    expect(finished).toBe(true);
  });

  it("errors the body when the generator throws, after what it gave", async () => {
    async function* chunks() {
      yield bytes("row\r\n");
      throw new Error("store went away");
    }
    const reader = pulledStream(chunks()).getReader();
    expect((await reader.read()).done).toBe(false);
    await expect(reader.read()).rejects.toThrow("store went away");
  });
});

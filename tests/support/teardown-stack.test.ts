import { describe, expect, it } from "vitest";
import { TeardownStack } from "./teardown-stack.js";

describe("TeardownStack", () => {
  it("undoes what a failed start had started, newest first, and rethrows the start's error", async () => {
    const undone: string[] = [];
    const stack = new TeardownStack();
    const start = stack.build(async (teardown) => {
      teardown.defer(() => undone.push("temp folder"));
      teardown.defer(async () => undone.push("collector"));
      throw new Error("chromium is missing");
    });
    await expect(start).rejects.toThrow("chromium is missing");
    expect(undone).toEqual(["collector", "temp folder"]);
  });

  it("runs every step on close even when one fails, then reports the first failure", async () => {
    const undone: string[] = [];
    const stack = new TeardownStack();
    await stack.build(async (teardown) => {
      teardown.defer(() => undone.push("first"));
      teardown.defer(() => {
        throw new Error("browser already gone");
      });
      teardown.defer(() => undone.push("last"));
    });
    await expect(stack.close()).rejects.toThrow("browser already gone");
    expect(undone).toEqual(["last", "first"]);
    await stack.close();
    expect(undone).toEqual(["last", "first"]);
  });
});

import { describe, expect, it } from "vitest";
import { throttledLog } from "./throttled-log.js";

describe("throttledLog", () => {
  it("writes the first line at once, then one a minute saying how many were left out", () => {
    let now = 0;
    const lines: string[] = [];
    const log = throttledLog(
      (line) => lines.push(line),
      60_000,
      () => now,
    );
    // A checkpoint failing every 100 ms for two and a half minutes: 1,500 failures.
    for (let i = 0; i < 1_500; i++, now += 100) log("a WAL checkpoint failed: SqliteError: database or disk is full");
    expect(lines).toEqual([
      "a WAL checkpoint failed: SqliteError: database or disk is full",
      "a WAL checkpoint failed: SqliteError: database or disk is full (599 more like it since the last one)",
      "a WAL checkpoint failed: SqliteError: database or disk is full (599 more like it since the last one)",
    ]);
  });
});

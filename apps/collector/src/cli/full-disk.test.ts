/**
 * A full disk under the built CLI: batches are answered 503 with Retry-After (nothing is
 * acknowledged that is not on disk), /readyz fails, and the checkpoint thread, which fails every
 * 100 ms then, logs it once rather than ten times a second. Needs a tmpfs of its own, so it runs
 * where the tests may mount one (root with CAP_SYS_ADMIN) and is skipped elsewhere.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { startServe } from "../testing/cli-process.js";
import { mountSmallDisk } from "../testing/small-disk.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

describe("a full disk", { timeout: 60_000 }, () => {
  it("is answered 503, fails readiness, and logs the failing checkpoint once", async (ctx) => {
    const disk = await mountSmallDisk("2m");
    if (disk === null) return ctx.skip("mounting a tmpfs is not allowed here");
    try {
      const served = await startServe(["--port", "0", "--db", join(disk.dir, "t.db")]);
      try {
        const writeKey = /write key: +(\S+)/.exec(served.stdout())?.[1];
        const base = `http://127.0.0.1:${served.port}`;
        const padding = "x".repeat(900);
        let refused: Response | undefined;
        for (let batch = 0; batch < 1_000 && refused === undefined; batch++) {
          const events = Array.from({ length: 20 }, (_, i) => ({
            id: `e${batch}-${i}`,
            type: "page",
            anonymousId: `anon-${batch}`,
            timestamp: new Date().toISOString(),
            properties: { padding },
          }));
          const answer = await fetch(`${base}/v1/batch`, {
            method: "POST",
            headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
            body: JSON.stringify({ writeKey, sentAt: new Date().toISOString(), events }),
          });
          if (answer.status === 200) await answer.arrayBuffer();
          else refused = answer;
        }
        expect(refused?.status).toBe(503);
        expect(refused?.headers.get("retry-after")).toBe("1");
        expect(await refused?.json()).toEqual({
          error: { code: "store_unavailable", message: "the events could not be stored; nothing from this batch was kept, send it again" },
        });
        const ready = await fetch(`${base}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toEqual({
          error: { code: "store_unavailable", message: "the last commit failed: database or disk is full (SQLITE_FULL)" },
        });

        // Ten checkpoint turns a second for two seconds: the failure is told once.
        await sleep(2_000);
        const checkpointLines = served
          .stderr()
          .split("\n")
          .filter((line) => line.includes("a WAL checkpoint failed"));
        expect(checkpointLines).toEqual(["touchpoint: a WAL checkpoint failed: SqliteError: database or disk is full"]);
      } finally {
        served.child.kill("SIGTERM");
        await served.exited;
      }
    } finally {
      await disk.unmount();
    }
  });
});

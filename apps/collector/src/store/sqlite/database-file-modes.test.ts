import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectorFixture } from "../../testing/collector-fixture.js";
import { useTempDir } from "../../testing/temp-dir.js";
import { CHROME_WINDOWS } from "../../testing/user-agents.js";

const tempDir = useTempDir("touchpoint-modes-");

describe("SQLite database files", () => {
  it("are created readable and writable by their owner only (0600: database, WAL, shared memory, marker), the database's new folder 0700", async () => {
    const path = join(tempDir(), "data", "touchpoint.db");
    const f = await collectorFixture({ path });
    try {
      const res = await f.postBatch(
        {
          writeKey: f.site.writeKey,
          sentAt: new Date().toISOString(),
          events: [{ id: "e1", type: "touchpoint", name: "banner_click", anonymousId: "a1", timestamp: new Date().toISOString() }],
        },
        { "user-agent": CHROME_WINDOWS },
      );
      expect(res.status).toBe(200);
      const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
      // The marker beside the database says one was created there (database-file-guard.ts).
      const marker = join(tempDir(), "data", ".touchpoint.db.created");
      expect({
        folder: mode(join(tempDir(), "data")),
        db: mode(path),
        wal: mode(`${path}-wal`),
        shm: mode(`${path}-shm`),
        marker: mode(marker),
      }).toEqual({
        folder: "700",
        db: "600",
        wal: "600",
        shm: "600",
        marker: "600",
      });
    } finally {
      await f.store.close();
    }
  });
});

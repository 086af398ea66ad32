import { statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { useTempDir } from "../../testing/temp-dir.js";
import { truncateWal } from "./truncate-wal.js";

const tempDir = useTempDir("touchpoint-truncate-");

describe("truncateWal", () => {
  it("empties the WAL, and gives up with a log line (not a long block) while another connection reads an older snapshot", async () => {
    const path = join(tempDir(), "t.db");
    const writer = new Database(path);
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0");
    writer.pragma("busy_timeout = 5000");
    writer.exec("CREATE TABLE t (v TEXT)");
    writer.prepare("INSERT INTO t VALUES (?)").run("x".repeat(10_000));
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    expect(await truncateWal(writer)).toBe(true);
    expect(statSync(`${path}-wal`).size).toBe(0);

    const reader = new Database(path);
    reader.exec("BEGIN");
    reader.prepare("SELECT count(*) FROM t").get();
    writer.prepare("INSERT INTO t VALUES (?)").run("y");
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await truncateWal(writer)).toBe(false);
      expect(log.mock.calls).toHaveLength(1);
      expect(String(log.mock.calls[0]![0])).toMatch(
        /^touchpoint: after an erasure the WAL could not be emptied \(readers held it through 20 tries\)/,
      );
      // The busy timeout is the connection's own again.
      expect(writer.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      log.mockRestore();
      reader.exec("COMMIT");
      reader.close();
      writer.close();
    }
  });
});

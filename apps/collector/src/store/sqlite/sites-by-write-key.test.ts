import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createSitesByWriteKey } from "./sites-by-write-key.js";

describe("createSitesByWriteKey", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function twoConnections() {
    const dir = mkdtempSync(join(tmpdir(), "tp-sites-cache-"));
    dirs.push(dir);
    const path = join(dir, "db.sqlite");
    const mine = new Database(path);
    mine.pragma("journal_mode = WAL");
    mine.exec("CREATE TABLE sites (write_key TEXT, name TEXT)");
    mine.prepare("INSERT INTO sites VALUES ('tp_pub_a', 'shop')").run();
    const reads: string[] = [];
    const byName = mine.prepare("SELECT name FROM sites WHERE write_key = ?").pluck();
    const sites = createSitesByWriteKey(mine, (key) => {
      reads.push(key);
      return (byName.get(key) as string | undefined) ?? null;
    });
    return { mine, other: new Database(path), sites, reads };
  }

  it("reads a known key once while nothing else commits", () => {
    const { mine, other, sites, reads } = twoConnections();
    expect(sites.find("tp_pub_a")).toBe("shop");
    expect(sites.find("tp_pub_a")).toBe("shop");
    expect(reads).toEqual(["tp_pub_a"]);
    mine.close();
    other.close();
  });

  it("reads again after another connection commits, from the next event-loop turn: a rotation elsewhere takes effect on the next request", async () => {
    const { mine, other, sites, reads } = twoConnections();
    expect(sites.find("tp_pub_a")).toBe("shop");
    other.prepare("UPDATE sites SET write_key = 'tp_pub_b'").run();
    // Lookups of the same turn arrived before the commit could be seen.
    expect(sites.find("tp_pub_a")).toBe("shop");
    await new Promise((resolve) => setImmediate(resolve));
    expect(sites.find("tp_pub_a")).toBeNull();
    expect(sites.find("tp_pub_b")).toBe("shop");
    expect(reads).toEqual(["tp_pub_a", "tp_pub_a", "tp_pub_b"]);
    mine.close();
    other.close();
  });

  it("reads again after clear, for this connection's own site writes", () => {
    const { mine, other, sites, reads } = twoConnections();
    sites.find("tp_pub_a");
    mine.prepare("UPDATE sites SET name = 'store'").run();
    sites.clear();
    expect(sites.find("tp_pub_a")).toBe("store");
    expect(reads).toEqual(["tp_pub_a", "tp_pub_a"]);
    mine.close();
    other.close();
  });

  it("does not keep unknown keys", () => {
    const { mine, other, sites, reads } = twoConnections();
    expect(sites.find("tp_pub_x")).toBeNull();
    expect(sites.find("tp_pub_x")).toBeNull();
    expect(reads).toEqual(["tp_pub_x", "tp_pub_x"]);
    mine.close();
    other.close();
  });
});

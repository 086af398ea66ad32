import type { Database } from "better-sqlite3";

/**
 * Sites by write key, kept in memory: every browser batch looks its site up, and reading and
 * parsing the row was a tenth of a 1-event ingest. `PRAGMA data_version` changes whenever another
 * connection (the CLI rotating a key, another collector) commits, so the cache is dropped then;
 * this connection's own site writes call `clear`. The version is read once per event-loop turn
 * (reading it opens a read transaction: a tenth of a 1-event ingest again): requests handled in
 * one turn arrived together, and any request that arrives after a rotation elsewhere committed is
 * handled in a later turn, so the rotation still takes effect on the next request. Unknown keys
 * are not cached, so guessed keys cannot grow the map.
 */
export function createSitesByWriteKey<S>(client: Database, read: (writeKey: string) => S | null) {
  const dataVersion = client.prepare("PRAGMA data_version").pluck();
  const cache = new Map<string, S>();
  let seenVersion: unknown = null;
  let checkedThisTurn = false;
  const nextTurn = () => {
    checkedThisTurn = false;
  };

  return {
    find(writeKey: string): S | null {
      if (!checkedThisTurn) {
        checkedThisTurn = true;
        setImmediate(nextTurn);
        const version = dataVersion.get();
        if (version !== seenVersion) {
          cache.clear();
          seenVersion = version;
        }
      }
      const cached = cache.get(writeKey);
      if (cached !== undefined) return cached;
      const site = read(writeKey);
      if (site !== null) cache.set(writeKey, site);
      return site;
    },

    clear(): void {
      cache.clear();
    },
  };
}

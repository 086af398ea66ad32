import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { useTempDir } from "../../testing/temp-dir.js";
import { eventRow } from "../store-behaviour.js";
import type { Store } from "../store.js";
import { openSqliteStore } from "./sqlite-store.js";
import { createUpkeepPersonEvents } from "./upkeep-person-events.js";

const tempDir = useTempDir("touchpoint-upkeep-person-");
const closing: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

/** A store, and a second connection to its file for the reader under test. */
async function openBoth(): Promise<{ store: Store; client: Database.Database }> {
  const path = join(tempDir(), "touchpoint.db");
  const store = await openSqliteStore(path);
  closing.push(() => store.close());
  const client = new Database(path);
  closing.push(() => client.close());
  return { store, client };
}

const visit = (id: string, timestamp: number) => eventRow(id, { timestamp, properties: JSON.stringify({ step: id }) });

it("reads a person's events in time order, ties by insertion, with their seqs", async () => {
  const { store, client } = await openBoth();
  const read = createUpkeepPersonEvents(client);
  // c and b share a time: c, stored first, comes first, although b sorts before it by id.
  await store.insertEvents([visit("c", 200), visit("a", 100), visit("b", 200)]);
  await store.insertEvents([visit("d", 150), eventRow("other", { anonymousId: "anon-2", personKey: "a:anon-2" })]);
  const person = read("site_a", "a:anon-1");
  expect(person.events.map((e) => e.id)).toEqual(["a", "d", "c", "b"]);
  expect(person.seqs).toEqual([2, 4, 1, 3]);
  expect(person.events[0]).toEqual({
    id: "a",
    type: "touchpoint",
    name: "catalog_view",
    anonymousId: "anon-1",
    customerId: null,
    sessionId: "sess-1",
    timestamp: 100,
    properties: { step: "a" },
    traits: null,
    context: { path: "/catalog" },
    device: null,
  });
  expect(read("site_b", "a:anon-1")).toEqual({ events: [], seqs: [] });
});

it("follows events that identity stitching moves and erasure deletes", async () => {
  const { store, client } = await openBoth();
  const read = createUpkeepPersonEvents(client);
  await store.insertEvents([visit("v1", 100), visit("v2", 300)]);
  expect(read("site_a", "a:anon-1").events.map((e) => e.id)).toEqual(["v1", "v2"]);

  await store.insertEvents([
    eventRow("i1", { type: "identify", name: "identify", customerId: "alice", personKey: "c:alice", timestamp: 200, traits: "{}" }),
  ]);
  expect(read("site_a", "a:anon-1")).toEqual({ events: [], seqs: [] });
  expect(read("site_a", "c:alice").events.map((e) => e.id)).toEqual(["v1", "i1", "v2"]);

  await store.eraseCustomer("site_a", "alice");
  expect(read("site_a", "c:alice")).toEqual({ events: [], seqs: [] });
  // The erased ids come back only as new events (the suppression list refuses these very ids).
  await store.insertEvents([visit("v3", 400)]);
  expect(read("site_a", "a:anon-1").events.map((e) => e.id)).toEqual(["v3"]);
});

import { join } from "node:path";
import Database from "better-sqlite3";
import type { JourneyEvent } from "@touchpoint/journeys";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../../testing/temp-dir.js";
import { idDigestBuilder } from "../journey-store-behaviour.js";
import { eventRow } from "../store-behaviour.js";
import type { DigestBuilder, EventRow, Store } from "../store.js";
import { openSqliteStore } from "./sqlite-store.js";

const tempDir = useTempDir("touchpoint-recent-events-");

/** A row as ingest makes it: its JSON columns also as the objects they were serialised from. */
function ingested(id: string, timestamp: number, anonymousId = "anon-1"): EventRow {
  const properties = { sku: id, price: timestamp / 10, tags: ["a", "b"] };
  const context = { path: `/p/${id}`, utm: { source: "newsletter" } };
  return {
    ...eventRow(id, { timestamp, anonymousId, personKey: `a:${anonymousId}`, deviceType: "mobile", browser: "Safari", os: "iOS" }),
    properties: JSON.stringify(properties),
    context: JSON.stringify(context),
    parsed: { properties, traits: null, context },
  };
}

/** Digests of event ids, remembering the events upkeep handed it for each person. */
function recordingBuilder(): DigestBuilder & { seen: Map<string, JourneyEvent[]> } {
  const ids = idDigestBuilder();
  const seen = new Map<string, JourneyEvent[]>();
  return {
    modelKey: ids.modelKey,
    seen,
    digestOf(person) {
      seen.set(person.personKey, person.events);
      return ids.digestOf(person);
    },
  };
}

describe("journey upkeep on SQLite, from the events this process stored", () => {
  let store: Store;
  afterEach(() => store.close());

  /** Opens a store whose site has been kept up once: later passes rebuild only changed persons. */
  async function open(path: string) {
    store = await openSqliteStore(path);
    await upkeep();
  }
  async function upkeep(builder = recordingBuilder()) {
    await store.upkeepJourneyDigests("site_a", builder);
    return builder.seen;
  }
  const stored = (personKey: string) => store.readEvents("site_a", { personKey });

  it("hands the builder exactly what a read of the rows gives, in time order, whichever rows it holds", async () => {
    await open(join(tempDir(), "recent.db"));
    // Held rows (ingest's), rows it must read one by one (a few without their objects), and a
    // person with more of those than it reads one by one.
    await store.insertEvents([ingested("e1", 30), ingested("e2", 10), eventRow("r1", { timestamp: 20 })]);
    await store.insertEvents([ingested("e3", 20), ingested("e4", 5)]);
    await store.insertEvents(
      Array.from({ length: 12 }, (_, i) => eventRow(`o${i}`, { anonymousId: "other", personKey: "a:other", timestamp: 12 - i })),
    );
    await store.insertEvents([ingested("o-new", 7, "other")]);
    const seen = await upkeep();

    expect(seen.get("a:anon-1")!.map((e) => e.id)).toEqual(["e4", "e2", "r1", "e3", "e1"]);
    expect(seen.get("a:anon-1")).toEqual(await stored("a:anon-1"));
    expect(seen.get("a:other")!.map((e) => e.id)).toEqual([
      "o11",
      "o10",
      "o9",
      "o8",
      "o7",
      "o6",
      "o5",
      "o-new",
      "o4",
      "o3",
      "o2",
      "o1",
      "o0",
    ]);
    expect(seen.get("a:other")).toEqual(await stored("a:other"));
  });

  it("follows rows deleted or moved by another connection", async () => {
    const path = join(tempDir(), "moved.db");
    await open(path);
    await store.insertEvents([ingested("e1", 1), ingested("e2", 2), ingested("x1", 3, "other")]);
    await upkeep();

    const raw = new Database(path);
    raw.prepare("DELETE FROM events WHERE id = 'e1'").run();
    raw.prepare("UPDATE events SET person_key = 'a:anon-1' WHERE id = 'x1'").run();
    raw.close();
    const seen = await upkeep();
    expect(seen.get("a:anon-1")!.map((e) => e.id)).toEqual(["e2", "x1"]);
    expect(seen.get("a:anon-1")).toEqual(await stored("a:anon-1"));
  });

  it("keeps nothing of a rolled back insert, whose seq the next row is given", async () => {
    await open(join(tempDir(), "rollback.db"));
    const broken = { ...ingested("bad", 2), type: null as unknown as string };
    await expect(store.insertEvents([ingested("lost", 1), broken])).rejects.toThrow(/NOT NULL/);
    // A row without its objects is not held: only the seq check can tell it from the lost one.
    await store.insertEvents([eventRow("kept", { timestamp: 3 })]);
    const seen = await upkeep();
    expect(seen.get("a:anon-1")!.map((e) => e.id)).toEqual(["kept"]);
    expect(seen.get("a:anon-1")).toEqual(await stored("a:anon-1"));
  });
});

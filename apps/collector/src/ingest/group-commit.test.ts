import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { EventRow, Store } from "../store/store.js";
import { useTempDir } from "../testing/temp-dir.js";
import { createGroupCommitWriter, WriterClosedError } from "./group-commit.js";

function row(id: string): EventRow {
  return {
    siteId: "site_a",
    id,
    type: "touchpoint",
    name: "banner_click",
    anonymousId: "anon-1",
    customerId: null,
    personKey: "a:anon-1",
    sessionId: null,
    timestamp: 1_000,
    receivedAt: 1_000,
    properties: "{}",
    traits: null,
    context: "{}",
    userAgent: null,
    browser: null,
    os: null,
    deviceType: null,
  };
}

const tempDir = useTempDir("touchpoint-commit-");
let path: string;
let store: Store;
beforeEach(async () => {
  path = join(tempDir(), "t.db");
  store = await openSqliteStore(path);
});
afterEach(async () => {
  await store.close();
});

describe("group-commit writer", () => {
  it("answers each writer with its own rows' outcomes, a repeat across writers being a duplicate", async () => {
    const writer = createGroupCommitWriter(store, { windowMs: 5, maxRows: 1000 });
    const answers = await Promise.all([writer.write([row("a"), row("b")]), writer.write([row("b"), row("c")]), writer.write([row("a")])]);
    expect(answers).toEqual([["new", "new"], ["duplicate", "new"], ["duplicate"]]);
    expect(await store.countEvents("site_a")).toBe(3);
  });

  it("commits concurrent writes in one transaction: when it fails, every writer is refused and nothing is kept", async () => {
    // A real SQLite failure on one row of the group.
    const raw = new Database(path);
    raw.exec("CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.id = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END");
    raw.close();
    const writer = createGroupCommitWriter(store, { windowMs: 5, maxRows: 1000 });
    const results = await Promise.allSettled([writer.write([row("fine-1")]), writer.write([row("fine-2"), row("poison")])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await store.countEvents("site_a")).toBe(0);
    // The next group is unaffected.
    expect(await writer.write([row("fine-3")])).toEqual(["new"]);
  });

  it("starts a group at once when max rows wait, and flushes on close before refusing more", async () => {
    const writer = createGroupCommitWriter(store, { windowMs: 60_000, maxRows: 2 });
    expect(await writer.write([row("a"), row("b")])).toEqual(["new", "new"]);
    const pending = writer.write([row("c")]);
    await writer.close();
    expect(await pending).toEqual(["new"]);
    await expect(writer.write([row("d")])).rejects.toBeInstanceOf(WriterClosedError);
    expect(await store.countEvents("site_a")).toBe(3);
  });
});

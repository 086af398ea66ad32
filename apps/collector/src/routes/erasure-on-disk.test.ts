/**
 * Erasure through HTTP on a SQLite file, judged by the bytes on disk: after
 * DELETE /v1/customers/:id, no file of the database (the database, its WAL, its shared memory)
 * holds the customer's id, traits or device id, whatever reports built before.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { journeyClient, type JourneyClient } from "../testing/journey-client.js";
import { useTempDir } from "../testing/temp-dir.js";

const tempDir = useTempDir("touchpoint-erasure-");
let f: CollectorFixture;
let api: JourneyClient;
let path = "";

beforeEach(async () => {
  path = join(tempDir(), "data", "touchpoint.db");
  f = await collectorFixture({ path });
  api = journeyClient(f);
});
afterEach(async () => {
  await f.store.close();
});

const ERASED = { customerId: "erin.erased@example.com", trait: "Trait-Only-Erin-Has", device: "device-of-erin-7f3a" };
const now = () => new Date().toISOString();

/** The database's files as they are now; the WAL and shared memory exist while the store is open. */
const databaseFiles = () => [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file));

/** The values among `values` found, byte for byte, in some file of the database. */
function foundOnDisk(values: readonly string[]): string[] {
  const contents = databaseFiles().map((file) => readFileSync(file));
  return values.filter((value) => contents.some((bytes) => bytes.includes(Buffer.from(value, "utf8"))));
}

describe("erasure on disk (SQLite)", () => {
  it("leaves no byte of the erased customer's id, traits or device id in the database, its WAL or its shared memory", async () => {
    // Erin browses, logs in with a trait, and buys; Kim stays.
    await api.send([
      {
        id: "019ab0c2-0000-7000-8000-00000000e001",
        type: "touchpoint",
        name: "banner_click",
        anonymousId: ERASED.device,
        timestamp: now(),
        properties: { campaign: "winter" },
      },
      {
        id: "019ab0c2-0000-7000-8000-00000000e002",
        type: "identify",
        anonymousId: ERASED.device,
        customerId: ERASED.customerId,
        timestamp: now(),
        traits: { persona: ERASED.trait },
      },
      {
        id: "019ab0c2-0000-7000-8000-00000000e003",
        type: "touchpoint",
        name: "purchase",
        anonymousId: ERASED.device,
        timestamp: now(),
        properties: { value: 42 },
      },
      {
        id: "019ab0c2-0000-7000-8000-00000000f001",
        type: "identify",
        anonymousId: "device-of-kim",
        customerId: "kim@example.com",
        timestamp: now(),
        traits: { persona: "Kept" },
      },
    ]);
    // Reports build journey digests, which hold the customer id and traits.
    expect((await api.get("/v1/funnel")).status).toBe(200);
    expect((await api.get("/v1/customers")).body.customers.map((c: { customerId: string }) => c.customerId)).toEqual([
      ERASED.customerId,
      "kim@example.com",
    ]);
    expect(foundOnDisk(Object.values(ERASED))).toEqual(Object.values(ERASED));

    expect(await api.request("DELETE", `/v1/customers/${encodeURIComponent(ERASED.customerId)}`, f.site.secretKey)).toEqual({
      status: 200,
      body: { customerId: ERASED.customerId, erased: { events: 3, links: 1 } },
    });

    expect(databaseFiles().map((file) => file.slice(path.length))).toEqual(["", "-wal", "-shm"]);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(foundOnDisk(Object.values(ERASED))).toEqual([]);
    // What stays is Kim's.
    expect(foundOnDisk(["kim@example.com", "Kept", "device-of-kim"])).toEqual(["kim@example.com", "Kept", "device-of-kim"]);
    expect((await api.get("/v1/customers")).body.customers.map((c: { customerId: string }) => c.customerId)).toEqual(["kim@example.com"]);
  });
});

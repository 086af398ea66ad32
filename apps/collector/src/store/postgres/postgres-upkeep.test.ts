/**
 * Journey upkeep shared by collector processes on one PostgreSQL: each queued person is rebuilt by
 * one node (FOR UPDATE SKIP LOCKED), and a change that lands while a node rebuilds that person is
 * queued again, never lost.
 */
import { describe, expect, it } from "vitest";
import { findPostgresBin } from "../../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../../testing/use-throwaway-postgres.js";
import { idDigestBuilder, readDigests } from "../journey-store-behaviour.js";
import { eventRow } from "../store-behaviour.js";
import type { Store } from "../store.js";
import { openPostgresStore } from "./postgres-store.js";

const SITE = "site_a";
const PERSONS = 1_000;
const known = (id: string, customerId: string, timestamp: number) =>
  eventRow(id, { anonymousId: null, customerId, personKey: `c:${customerId}`, timestamp });
const customer = (i: number) => `cust-${String(i).padStart(4, "0")}`;

describe.skipIf(!findPostgresBin())(
  "PostgreSQL journey upkeep on two nodes (skipped only where the postgresql package is missing)",
  { timeout: 60_000 },
  () => {
    const server = useThrowawayPostgres();

    async function twoNodes(name: string): Promise<[Store, Store]> {
      const url = await server().createDatabase(name);
      return Promise.all([openPostgresStore(url, { maxConnections: 4 }), openPostgresStore(url, { maxConnections: 4 })]);
    }

    it("rebuilds every queued person exactly once with both nodes at work on the queue", async () => {
      const [first, second] = await twoNodes("upkeep_once");
      try {
        await first.insertEvents(Array.from({ length: PERSONS }, (_, i) => known(`e${i}`, customer(i), i)));
        const [one, two] = [idDigestBuilder(), idDigestBuilder()];
        await Promise.all([first.upkeepJourneyDigests(SITE, one), second.upkeepJourneyDigests(SITE, two)]);
        const built = [...one.built, ...two.built].sort();
        expect(built).toEqual(Array.from({ length: PERSONS }, (_, i) => `c:${customer(i)}`));
        expect(await readDigests(second)).toEqual(Array.from({ length: PERSONS }, (_, i) => [`c:${customer(i)}`, [`e${i}`]]));
        // Nothing left: another pass on either node builds nobody.
        const again = idDigestBuilder();
        await Promise.all([first.upkeepJourneyDigests(SITE, again), second.upkeepJourneyDigests(SITE, again)]);
        expect(again.built).toEqual([]);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });

    it("loses no change that commits while another node rebuilds the person", async () => {
      const [first, second] = await twoNodes("upkeep_races");
      try {
        await first.insertEvents(Array.from({ length: PERSONS }, (_, i) => known(`e${i}`, customer(i), i)));
        // Upkeep on both nodes while a third writer adds a second event to every person, in groups.
        const writes = (async () => {
          for (let i = 0; i < PERSONS; i += 50) {
            await second.insertEvents(Array.from({ length: 50 }, (_, j) => known(`late${i + j}`, customer(i + j), 10_000 + i + j)));
          }
        })();
        const upkeeps = (async () => {
          for (let pass = 0; pass < 5; pass++)
            await Promise.all([first.upkeepJourneyDigests(SITE, idDigestBuilder()), second.upkeepJourneyDigests(SITE, idDigestBuilder())]);
        })();
        await Promise.all([writes, upkeeps]);
        await first.upkeepJourneyDigests(SITE, idDigestBuilder());
        const caughtUp = Date.now();
        expect(await readDigests(first)).toEqual(Array.from({ length: PERSONS }, (_, i) => [`c:${customer(i)}`, [`e${i}`, `late${i}`]]));
        expect(await first.journeyDigestsAsOf(SITE, "ids")).toBeGreaterThanOrEqual(caughtUp);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  },
);

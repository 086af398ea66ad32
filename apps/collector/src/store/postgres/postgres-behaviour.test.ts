import { afterAll, beforeAll, describe } from "vitest";
import { findPostgresBin, startThrowawayPostgres, type ThrowawayPostgres } from "../../testing/throwaway-postgres.js";
import { describeJourneyStoreBehaviour } from "../journey-store-behaviour.js";
import { describeStoreBehaviour, type StoreFactory } from "../store-behaviour.js";
import { openPostgresStore } from "./postgres-store.js";

describe.skipIf(!findPostgresBin())("PostgreSQL (skipped only where the postgresql package is missing)", () => {
  let server: ThrowawayPostgres;
  let databases = 0;
  beforeAll(async () => {
    server = await startThrowawayPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  // One server for the file, a fresh database for every test.
  const factory: StoreFactory = {
    newDatabase: () => server.createDatabase(`behaviour_${++databases}`),
    open: (url) => openPostgresStore(url, { maxConnections: 4 }),
  };
  describeStoreBehaviour("PostgreSQL", factory);
  describeJourneyStoreBehaviour("PostgreSQL", factory);
});

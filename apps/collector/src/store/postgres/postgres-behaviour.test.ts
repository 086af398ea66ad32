import { describe } from "vitest";
import { findPostgresBin } from "../../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../../testing/use-throwaway-postgres.js";
import { describeJourneyStoreBehaviour } from "../journey-store-behaviour.js";
import { describeStoreBehaviour, type StoreFactory } from "../store-behaviour.js";
import { openPostgresStore } from "./postgres-store.js";

describe.skipIf(!findPostgresBin())("PostgreSQL (skipped only where the postgresql package is missing)", () => {
  const server = useThrowawayPostgres();
  let databases = 0;

  // One server for the file, a fresh database for every test.
  const factory: StoreFactory = {
    newDatabase: () => server().createDatabase(`behaviour_${++databases}`),
    open: (url) => openPostgresStore(url, { maxConnections: 4 }),
  };
  describeStoreBehaviour("PostgreSQL", factory);
  describeJourneyStoreBehaviour("PostgreSQL", factory);
});

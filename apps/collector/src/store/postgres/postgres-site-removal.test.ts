import { describe } from "vitest";
import { findPostgresBin } from "../../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../../testing/use-throwaway-postgres.js";
import { describeSiteRemovalBehaviour } from "../site-removal-behaviour.js";
import { openPostgresStore } from "./postgres-store.js";

describe.skipIf(!findPostgresBin())("PostgreSQL (skipped only where the postgresql package is missing)", () => {
  const server = useThrowawayPostgres();
  let databases = 0;
  describeSiteRemovalBehaviour("PostgreSQL", {
    newDatabase: () => server().createDatabase(`site_removal_${++databases}`),
    open: (url) => openPostgresStore(url, { maxConnections: 4 }),
  });
});

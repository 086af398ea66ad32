import { describe } from "vitest";
import { findPostgresBin } from "../../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../../testing/use-throwaway-postgres.js";
import { describeAutomationStoreBehaviour } from "../automation-store-behaviour.js";
import { openPostgresAutomationStore } from "./automation-driver.js";
import { openPostgresStore } from "./postgres-store.js";

describe.skipIf(!findPostgresBin())("PostgreSQL (skipped only where the postgresql package is missing)", () => {
  const server = useThrowawayPostgres();
  let databases = 0;
  describeAutomationStoreBehaviour("PostgreSQL", async () => {
    const url = await server().createDatabase(`automation_${++databases}`);
    const events = await openPostgresStore(url);
    return { events, automation: await openPostgresAutomationStore(url) };
  });
});

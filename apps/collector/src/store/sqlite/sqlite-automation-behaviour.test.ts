import { join } from "node:path";
import { openAutomationStoreAt } from "../../automation/open-automation-store.js";
import { useTempDir } from "../../testing/temp-dir.js";
import { describeAutomationStoreBehaviour } from "../automation-store-behaviour.js";
import { openSqliteStore } from "./sqlite-store.js";

const dir = useTempDir("tp-automation-");
describeAutomationStoreBehaviour("SQLite", async () => {
  const file = join(dir(), "touchpoint.db");
  // As in the server: the collector's store makes the file and its tables, and automation shares its connection.
  const events = await openSqliteStore(file);
  return { events, automation: await openAutomationStoreAt(file, events) };
});

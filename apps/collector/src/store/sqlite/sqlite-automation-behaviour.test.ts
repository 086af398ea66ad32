import { join } from "node:path";
import { useTempDir } from "../../testing/temp-dir.js";
import { describeAutomationStoreBehaviour } from "../automation-store-behaviour.js";
import { openSqliteAutomationStore } from "./automation-driver.js";
import { openSqliteStore } from "./sqlite-store.js";

const dir = useTempDir("tp-automation-");
describeAutomationStoreBehaviour("SQLite", async () => {
  const file = join(dir(), "touchpoint.db");
  // The collector's store makes the file and its tables first, as in the server.
  const events = await openSqliteStore(file);
  return { events, automation: openSqliteAutomationStore(file) };
});

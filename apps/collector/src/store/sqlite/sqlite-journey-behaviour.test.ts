import { join } from "node:path";
import { useTempDir } from "../../testing/temp-dir.js";
import { describeJourneyStoreBehaviour } from "../journey-store-behaviour.js";
import { openSqliteStore } from "./sqlite-store.js";

// Files, not :memory:: a restart must find what the store left.
const tempDir = useTempDir("touchpoint-journeys-");
let databases = 0;

describeJourneyStoreBehaviour("SQLite", {
  newDatabase: async () => join(tempDir(), `journeys-${++databases}.db`),
  open: (path) => openSqliteStore(path),
});

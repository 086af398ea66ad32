import { describeJourneyStoreBehaviour } from "../journey-store-behaviour.js";
import { openSqliteStore } from "./sqlite-store.js";

describeJourneyStoreBehaviour("SQLite", {
  newDatabase: async () => ":memory:",
  open: (path) => openSqliteStore(path),
});

import { join } from "node:path";
import { useTempDir } from "../../testing/temp-dir.js";
import { describeStoreBehaviour } from "../store-behaviour.js";
import { openSqliteStore } from "./sqlite-store.js";

const tempDir = useTempDir("touchpoint-behaviour-");
let databases = 0;

describeStoreBehaviour("SQLite", {
  newDatabase: async () => join(tempDir(), `store-${++databases}.db`),
  open: (path) => openSqliteStore(path),
});

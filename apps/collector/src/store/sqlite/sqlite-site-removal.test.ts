import { join } from "node:path";
import { useTempDir } from "../../testing/temp-dir.js";
import { describeSiteRemovalBehaviour } from "../site-removal-behaviour.js";
import { openSqliteStore } from "./sqlite-store.js";

const tempDir = useTempDir("touchpoint-site-removal-");
let databases = 0;

describeSiteRemovalBehaviour("SQLite", {
  newDatabase: async () => join(tempDir(), `store-${++databases}.db`),
  open: (path) => openSqliteStore(path),
});

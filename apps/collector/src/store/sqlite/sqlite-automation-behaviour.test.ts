import { join } from "node:path";
import { useTempDir } from "../../testing/temp-dir.js";
import { describeAutomationStoreBehaviour } from "../automation-store-behaviour.js";
import { openSqliteAutomationStore } from "./automation-driver.js";

const dir = useTempDir("tp-automation-");
describeAutomationStoreBehaviour("SQLite", async () => openSqliteAutomationStore(join(dir(), "touchpoint.db")));

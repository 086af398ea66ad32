export { createApp, type AppDeps } from "./app.js";
export { DEFAULT_CONFIG, loadConfig, type CollectorConfig, type GroupCommitConfig } from "./config.js";
export { createGroupCommitWriter, type GroupCommitWriter } from "./ingest/group-commit.js";
export { openSqliteStore } from "./store/sqlite/sqlite-store.js";
export type { CreatedSite, EventRow, NewSite, ReadEventsOptions, Site, Store } from "./store/store.js";

/** A collector app on a fresh in-memory store with one site and journey upkeep, for tests through HTTP. */
import { createApp } from "../app.js";
import { DEFAULT_CONFIG, type CollectorConfig } from "../config.js";
import { createGroupCommitWriter } from "../ingest/group-commit.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { CreatedSite, Store } from "../store/store.js";
import { startJourneyUpkeep, type JourneyUpkeep } from "../upkeep/journey-upkeep.js";

export interface CollectorFixture {
  /** Its close() stops upkeep first. */
  store: Store;
  site: CreatedSite;
  app: ReturnType<typeof createApp>;
  /** Woken after each commit of the app's writer, as in the server. */
  upkeep: JourneyUpkeep;
  /** POSTs a batch (an object is sent as JSON); extra headers are added. */
  postBatch(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function collectorFixture(
  options: { config?: Partial<CollectorConfig>; origins?: string[]; path?: string; store?: Store } = {},
): Promise<CollectorFixture> {
  const opened = options.store ?? (await openSqliteStore(options.path ?? ":memory:"));
  const upkeep = startJourneyUpkeep(opened);
  const store: Store = {
    ...opened,
    async close() {
      await upkeep.stop();
      await opened.close();
    },
  };
  const site = await store.createSite({ name: "shop", origins: options.origins ?? ["https://shop.example"] });
  const config = { ...DEFAULT_CONFIG, ...options.config };
  const app = createApp({ store, config, writer: createGroupCommitWriter(store, config.groupCommit, async () => upkeep.wake()) });
  return {
    store,
    site,
    app,
    upkeep,
    async postBatch(body, headers = {}) {
      return app.request("/v1/batch", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    },
  };
}

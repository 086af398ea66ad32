/** A collector app on a fresh in-memory store with one site, for tests through HTTP. */
import { createApp } from "../app.js";
import { DEFAULT_CONFIG, type CollectorConfig } from "../config.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { CreatedSite, Store } from "../store/store.js";

export interface CollectorFixture {
  store: Store;
  site: CreatedSite;
  app: ReturnType<typeof createApp>;
  /** POSTs a batch (an object is sent as JSON); extra headers are added. */
  postBatch(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function collectorFixture(options: { config?: Partial<CollectorConfig>; origins?: string[]; path?: string } = {}): Promise<CollectorFixture> {
  const store = await openSqliteStore(options.path ?? ":memory:");
  const site = await store.createSite({ name: "shop", origins: options.origins ?? ["https://shop.example"] });
  const app = createApp({ store, config: { ...DEFAULT_CONFIG, ...options.config } });
  return {
    store,
    site,
    app,
    async postBatch(body, headers = {}) {
      return app.request("/v1/batch", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    },
  };
}

/**
 * Erasure on PostgreSQL through HTTP, judged by what the table files hold: after
 * DELETE /v1/customers/:id no row version of events, identity_links or anonymous_ids, live or
 * dead, holds the customer's id, traits or device id (pageinspect reads every heap page).
 */
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../app.js";
import { DEFAULT_CONFIG } from "../../config.js";
import { findPostgresBin } from "../../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../../testing/use-throwaway-postgres.js";
import { CHROME_WINDOWS } from "../../testing/user-agents.js";
import type { CreatedSite, Store } from "../store.js";
import { openPostgresStore } from "./postgres-store.js";

const ERASED = { customerId: "erin.erased@example.com", trait: "Trait-Only-Erin-Has", device: "device-of-erin-7f3a" };

describe.skipIf(!findPostgresBin())("erasure on PostgreSQL (skipped only where the postgresql package is missing)", () => {
  const server = useThrowawayPostgres();
  let databases = 0;
  let store: Store;
  let site: CreatedSite;
  let app: ReturnType<typeof createApp>;
  let inspector: pg.Pool;

  beforeEach(async () => {
    const url = await server().createDatabase(`erasure_${++databases}`);
    store = await openPostgresStore(url, { maxConnections: 2 });
    site = await store.createSite({ name: "shop", origins: [] });
    app = createApp({ store, config: DEFAULT_CONFIG });
    inspector = new pg.Pool({ connectionString: url, max: 1 });
    await inspector.query("CREATE EXTENSION IF NOT EXISTS pageinspect");
  });
  afterEach(async () => {
    await inspector.end();
    await store.close();
  });

  /** The values among `values` held by some row version (live or dead) of the erasure's tables. */
  async function foundInTables(values: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const value of values) {
      const { rows } = await inspector.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM unnest(ARRAY['events', 'identity_links', 'anonymous_ids']) AS t(name),
           generate_series(0, (pg_relation_size(t.name::regclass) / current_setting('block_size')::int)::int - 1) AS p(page),
           heap_page_items(get_raw_page(t.name, p.page)) AS item
         WHERE item.t_data IS NOT NULL AND position(convert_to($1, 'UTF8') IN item.t_data) > 0`,
        [value],
      );
      if ((rows[0]?.n ?? 0) > 0) found.push(value);
    }
    return found;
  }

  it("leaves no row version, live or dead, with the erased customer's id, traits or device id", async () => {
    const now = () => new Date().toISOString();
    const posted = await app.request("/v1/batch", {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
      body: JSON.stringify({
        writeKey: site.writeKey,
        sentAt: now(),
        events: [
          { id: "e1", type: "touchpoint", name: "banner_click", anonymousId: ERASED.device, timestamp: now() },
          {
            id: "e2",
            type: "identify",
            anonymousId: ERASED.device,
            customerId: ERASED.customerId,
            timestamp: now(),
            traits: { persona: ERASED.trait },
          },
          {
            id: "k1",
            type: "identify",
            anonymousId: "device-of-kim",
            customerId: "kim@example.com",
            timestamp: now(),
            traits: { persona: "Kept" },
          },
        ],
      }),
    });
    expect(await posted.json()).toEqual({ accepted: 3, duplicates: 0, suppressed: 0, bots: 0, rejected: [] });
    expect(await foundInTables(Object.values(ERASED))).toEqual(Object.values(ERASED));

    const erased = await app.request(`/v1/customers/${encodeURIComponent(ERASED.customerId)}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${site.secretKey}` },
    });
    expect(await erased.json()).toEqual({ customerId: ERASED.customerId, erased: { events: 2, links: 1 } });
    expect(await foundInTables(Object.values(ERASED))).toEqual([]);
    expect(await foundInTables(["kim@example.com", "Kept", "device-of-kim"])).toEqual(["kim@example.com", "Kept", "device-of-kim"]);
  });
});

/**
 * A NUL character wherever a key, an id or a parameter reaches a query is refused with 400 before
 * any query, on both stores alike: PostgreSQL text cannot hold NUL, so it used to answer 500 there
 * (without authentication) while SQLite answered 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { DEFAULT_CONFIG } from "../config.js";
import { openPostgresStore } from "../store/postgres/postgres-store.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { CreatedSite, Store } from "../store/store.js";
import { findPostgresBin } from "../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../testing/use-throwaway-postgres.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

const PATH_NUL = {
  error: {
    code: "invalid_parameter",
    message: "the path holds a NUL character (%00), which no id, key or parameter may contain",
    issues: [{ path: "path", message: "must not contain NUL (%00)" }],
  },
};
const QUERY_NUL = {
  error: {
    code: "invalid_parameter",
    message: "the query holds a NUL character (%00), which no id, key or parameter may contain",
    issues: [{ path: "query", message: "must not contain NUL (%00)" }],
  },
};

function describeNulRefusals(label: string, openStore: () => Promise<Store>) {
  describe(`NUL in keys, ids and parameters (${label})`, () => {
    let store: Store;
    let site: CreatedSite;
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      store = await openStore();
      site = await store.createSite({ name: "nul", origins: [] });
      app = createApp({ store, config: DEFAULT_CONFIG });
      const stored = await app.request("/v1/batch", {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
        body: JSON.stringify({
          writeKey: site.writeKey,
          sentAt: "2026-11-23T12:00:00.000Z",
          events: [{ id: "e1", type: "identify", anonymousId: "anon-1", customerId: "ada", timestamp: "2026-11-23T11:59:00.000Z" }],
        }),
      });
      expect(stored.status).toBe(200);
    }, 30_000);
    afterAll(async () => {
      await store?.close();
    });

    const ask = (path: string, init: RequestInit = {}) => app.request(path, init);
    const withKey = (key: string, init: RequestInit = {}) => ({ ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });

    it("refuses a write key with NUL as an invalid envelope", async () => {
      const answer = await ask("/v1/batch", {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
        body: JSON.stringify({
          writeKey: `${site.writeKey}\u0000`,
          sentAt: "2026-11-23T12:00:00.000Z",
          events: [{ id: "e2", type: "page", anonymousId: "a", timestamp: "2026-11-23T11:59:00.000Z" }],
        }),
      });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({
        error: {
          code: "invalid_envelope",
          message: "the batch envelope is invalid",
          issues: [{ path: "writeKey", message: "must not contain control characters" }],
        },
      });
    });

    it.each([
      ["GET /v1/journeys/a%00b without a key", "/v1/journeys/a%00b", {}, PATH_NUL],
      ["GET /v1/journeys/a%00b", "/v1/journeys/a%00b", { read: true }, PATH_NUL],
      ["GET /v1/journeys?anonymousId=a%00b", "/v1/journeys?anonymousId=a%00b", { read: true }, QUERY_NUL],
      ["GET /v1/customers?trait.persona=%00", "/v1/customers?trait.persona=%00", { read: true }, QUERY_NUL],
      ["GET /v1/customers/a%00b/export", "/v1/customers/a%00b/export", { secret: true }, PATH_NUL],
      ["DELETE /v1/customers/a%00b", "/v1/customers/a%00b", { secret: true, method: "DELETE" }, PATH_NUL],
      ["DELETE /v1/customers/ada%00", "/v1/customers/ada%00", { secret: true, method: "DELETE" }, PATH_NUL],
    ] as const)("refuses %s with 400", async (_, path, how: { read?: boolean; secret?: boolean; method?: string }, body) => {
      const key = how.read ? site.readKey : how.secret ? site.secretKey : undefined;
      const init: RequestInit = { method: how.method ?? "GET" };
      const answer = await ask(path, key === undefined ? init : withKey(key, init));
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual(body);
    });

    it("refuses a spend key with NUL, and keeps every stored event", async () => {
      const answer = await ask(
        "/v1/spend",
        withKey(site.secretKey, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ groupBy: "campaign", key: "a\u0000b", from: "2026-03-01", to: "2026-03-31", amount: 1, currency: "EUR" }),
        }),
      );
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({
        error: {
          code: "invalid_body",
          message: "key: must not contain control characters",
          issues: [{ path: "key", message: "must not contain control characters" }],
        },
      });
      expect(await store.listSpend(site.id)).toEqual([]);
      expect(await store.countEvents(site.id)).toBe(1);
      expect((await ask("/v1/journeys/ada", withKey(site.readKey))).status).toBe(200);
    });
  });
}

describeNulRefusals("SQLite", () => openSqliteStore(":memory:"));

describe.skipIf(!findPostgresBin())("PostgreSQL (skipped only where the postgresql package is missing)", () => {
  const server = useThrowawayPostgres();
  describeNulRefusals("PostgreSQL", async () => openPostgresStore(await server().createDatabase("nul_input"), { maxConnections: 4 }));
});

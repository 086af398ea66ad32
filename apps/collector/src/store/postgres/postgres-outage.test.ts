/**
 * A PostgreSQL outage through HTTP: with the server stopped, or hung (SIGSTOP: connections stay
 * open and nothing answers), every request is answered 503 with Retry-After within the
 * configured timeouts, /readyz fails while /healthz stays up, both recover with the server, and
 * nothing logged holds a key.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../app.js";
import { DEFAULT_CONFIG } from "../../config.js";
import { listen } from "../../server/listen.js";
import { findPostgresBin } from "../../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../../testing/use-throwaway-postgres.js";
import { CHROME_WINDOWS } from "../../testing/user-agents.js";
import type { CreatedSite, Store } from "../store.js";
import { openPostgresStore } from "./postgres-store.js";

describe.skipIf(!findPostgresBin())(
  "a PostgreSQL outage (skipped only where the postgresql package is missing)",
  { timeout: 60_000 },
  () => {
    const server = useThrowawayPostgres();
    let store: Store;
    let site: CreatedSite;
    let http: Server;
    let base: string;
    const logged: string[] = [];
    let batches = 0;

    beforeAll(async () => {
      store = await openPostgresStore(await server().createDatabase("outage"), {
        maxConnections: 4,
        connectTimeoutMs: 500,
        statementTimeoutMs: 500,
      });
      site = await store.createSite({ name: "outage", origins: [] });
      http = await listen(createApp({ store, config: DEFAULT_CONFIG }).fetch, {
        port: 0,
        host: "127.0.0.1",
        bodyTimeoutMs: DEFAULT_CONFIG.ops.bodyTimeoutMs,
      });
      base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      const record = (...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}\n${JSON.stringify(a)}` : String(a))).join(" "));
      };
      vi.spyOn(console, "error").mockImplementation(record);
      vi.spyOn(console, "warn").mockImplementation(record);
      vi.spyOn(console, "log").mockImplementation(record);
    });
    afterEach(async () => {
      await server().resume();
    });
    afterAll(async () => {
      vi.restoreAllMocks();
      http?.closeAllConnections();
      await new Promise((r) => (http ? http.close(r) : r(undefined)));
      await store?.close();
    });

    const post = () =>
      fetch(`${base}/v1/batch`, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
        body: JSON.stringify({
          writeKey: site.writeKey,
          sentAt: new Date().toISOString(),
          events: [
            { id: `e${++batches}`, type: "identify", anonymousId: "anon-1", customerId: "ada", timestamp: new Date().toISOString() },
          ],
        }),
      });
    const read = () => fetch(`${base}/v1/journeys/ada`, { headers: { authorization: `Bearer ${site.readKey}` } });
    const erase = () => fetch(`${base}/v1/customers/nobody`, { method: "DELETE", headers: { authorization: `Bearer ${site.secretKey}` } });
    const ready = () => fetch(`${base}/readyz`);

    async function expectUnavailable(answer: Response) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("1");
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("store_unavailable");
    }

    /** Readiness comes back once the server does; polled, since the pool reconnects on demand. */
    async function untilReady(): Promise<void> {
      for (let attempt = 0; attempt < 50; attempt++) {
        if ((await ready()).status === 200) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error("/readyz never answered 200 again");
    }

    it("answers 200 and is ready while the server runs", async () => {
      expect((await post()).status).toBe(200);
      expect((await read()).status).toBe(200);
      const answer = await ready();
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ ready: true });
    });

    it.each([
      ["hung (SIGSTOP)", () => server().pause(), () => server().resume()],
      ["stopped", () => server().halt(), () => server().restart()],
    ] as const)(
      "answers 503 with Retry-After, never 500 and never forever, while the server is %s",
      async (_, breakServer, repairServer) => {
        await breakServer();
        try {
          await expectUnavailable(await post());
          await expectUnavailable(await read());
          await expectUnavailable(await erase());
          const notReady = await ready();
          expect(notReady.status).toBe(503);
          const body = (await notReady.json()) as { error: { code: string; message: string } };
          expect(body.error.code).toBe("store_unavailable");
          expect(body.error.message).toMatch(/^PostgreSQL (did not answer select 1 within 2000 ms|cannot be reached: )/);
          const alive = await fetch(`${base}/healthz`);
          expect(alive.status).toBe(200);
        } finally {
          await repairServer();
        }
        await untilReady();
        expect((await post()).status).toBe(200);
        expect((await read()).status).toBe(200);
      },
    );

    it("logs the outages without any key", () => {
      const log = logged.join("\n");
      expect(log).toContain("the store is unavailable");
      for (const key of [site.writeKey, site.readKey, site.secretKey]) expect(log).not.toContain(key);
      expect(log).not.toContain("params:");
    });
  },
);

import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { DEFAULT_LIMITS } from "@touchpoint/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { useTempDir } from "../testing/temp-dir.js";
import { CHROME_WINDOWS, SAFARI_IPHONE } from "../testing/user-agents.js";

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "touchpoint",
  name: "review_read",
  anonymousId: "anon-1",
  timestamp: "2026-11-23T11:59:00.000Z",
  ...extra,
});

const tempDir = useTempDir("touchpoint-batch-");
let path: string;
let f: CollectorFixture;
beforeEach(async () => {
  path = join(tempDir(), "t.db");
  f = await collectorFixture({ path, config: { limits: { ...DEFAULT_LIMITS, maxBatchBytes: 4096 } } });
});
afterEach(async () => {
  await f.store.close();
});

const batch = (events: unknown[]) => ({ writeKey: f.site.writeKey, sentAt: "2026-11-23T12:00:00.000Z", events });

describe("POST /v1/batch against the database file", () => {
  it("stores the request's user agent when the event carries none, the event's own otherwise, with what it says, and no IP address", async () => {
    await f.postBatch(batch([event("e1"), event("e2", { context: { userAgent: SAFARI_IPHONE } })]), {
      "user-agent": CHROME_WINDOWS,
      "x-forwarded-for": "203.0.113.9",
    });
    const raw = new Database(path, { readonly: true });
    const rows = raw.prepare("SELECT * FROM events ORDER BY seq").all() as Record<string, unknown>[];
    raw.close();
    expect(rows.map((r) => [r.user_agent, r.browser, r.os, r.device_type])).toEqual([
      [CHROME_WINDOWS, "Chrome", "Windows", "desktop"],
      [SAFARI_IPHONE, "Mobile Safari", "iOS", "mobile"],
    ]);
    expect(JSON.stringify(rows)).not.toContain("203.0.113.9");
  });

  it("answers 503 with Retry-After and keeps nothing when the commit fails", async () => {
    const raw = new Database(path);
    raw.exec("CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.id = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END");
    raw.close();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await f.postBatch(batch([event("fine"), event("poison")]));
    errors.mockRestore();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("store_unavailable");
    expect(await f.store.countEvents(f.site.id)).toBe(0);
  });
});

describe("POST /v1/batch on a real server", () => {
  let server: Server;
  let port: number;
  beforeEach(async () => {
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: f.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("takes the whole of a body whose declared length is over the limit before answering 413, so a slow sender still reads the answer", async () => {
    // 96 KB at 4 KB every 30 ms: still writing 700 ms after the headers, past the 500 ms for which
    // @hono/node-server keeps reading a body nobody read before it cuts the connection.
    const total = 96 * 1024;
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      const req = request({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/v1/batch",
        headers: { "content-type": "application/json", "content-length": String(total) },
      });
      let sent = 0;
      req.on("response", (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
      });
      req.on("error", reject);
      const pump = () => {
        const chunk = Buffer.alloc(Math.min(4096, total - sent), " ");
        sent += chunk.length;
        if (sent < total) {
          req.write(chunk);
          setTimeout(pump, 30);
        } else req.end(chunk);
      };
      pump();
    });
    expect(answer).toEqual({
      status: 413,
      body: JSON.stringify({ error: { code: "body_too_large", message: "a request body is at most 4096 bytes" } }),
      sent: total,
    });
  });

  it("answers 413 to a chunked body without Content-Length as soon as it passes the limit", async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: "POST", path: "/v1/batch", headers: { "content-type": "application/json" } });
      let bytesSent = 0;
      let answered = false;
      req.on("response", (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      // The server may close the socket after answering while we still write.
      req.on("error", (error) => answered || reject(error));
      const chunk = Buffer.alloc(1024, " ");
      const pump = () => {
        if (answered) return;
        if (bytesSent > 1024 * 1024) return reject(new Error("the server read 1 MB without answering"));
        req.write(chunk);
        bytesSent += chunk.length;
        setTimeout(pump, 2);
      };
      req.write("[");
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "body_too_large", message: "a request body is at most 4096 bytes" } });
    expect(await f.store.countEvents(f.site.id)).toBe(0);
  });

  it("answers 413 from Content-Length before reading the body", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/batch`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x".repeat(5000),
    });
    expect(res.status).toBe(413);
  });
});

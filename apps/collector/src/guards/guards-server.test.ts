import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_CONFIG } from "../config.js";
import type { OpsConfig } from "../ops-config.js";
import { listen } from "../server/listen.js";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { slowUpload } from "../testing/raw-http.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let f: CollectorFixture | undefined;
let server: Server | undefined;
afterEach(async () => {
  vi.useRealTimers();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
  await f?.store.close();
});

/** A collector with these ops settings on a real loopback port (client limits need a peer address). */
async function serveWith(ops: Partial<OpsConfig>): Promise<{ f: CollectorFixture; base: string; port: number }> {
  f = await collectorFixture({ config: { ops: { ...DEFAULT_CONFIG.ops, ...ops } } });
  server = await listen(f.app.fetch, { port: 0, host: "127.0.0.1", bodyTimeoutMs: ops.bodyTimeoutMs ?? DEFAULT_CONFIG.ops.bodyTimeoutMs });
  const { port } = server.address() as AddressInfo;
  return { f, base: `http://127.0.0.1:${port}`, port };
}

const events = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    type: "touchpoint",
    name: "catalog_view",
    anonymousId: "anon-1",
    timestamp: "2026-11-23T11:59:00.000Z",
  }));

function batchBody(writeKey: string, prefix: string, n = 1): string {
  return JSON.stringify({ writeKey, sentAt: "2026-11-23T12:00:00.000Z", events: events(prefix, n) });
}

describe("overload guards through HTTP", () => {
  it("answers 429 with Retry-After past a client address's request budget, readable by a browser SDK", async () => {
    const { f, base } = await serveWith({ perClientLimit: { ratePerSecond: 1, burst: 2 } });
    const post = (id: string) =>
      fetch(`${base}/v1/batch`, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: "https://shop.example", "user-agent": CHROME_WINDOWS },
        body: batchBody(f.site.writeKey, id),
      });
    expect((await post("a")).status).toBe(200);
    expect((await fetch(`${base}/v1/batch`, { method: "POST", body: "{" })).status).toBe(400); // refusals spend the budget too
    const limited = await post("b");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(limited.headers.get("access-control-expose-headers")).toBe("Retry-After");
    expect(await limited.json()).toEqual({
      error: { code: "rate_limited", message: "too many requests from this address: at most 1 a second; retry in 1 s" },
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200); // only /v1/* is limited
    expect(await f.store.countEvents(f.site.id)).toBe(1);
  });

  it.each([
    ["with a Content-Length", "length"],
    ["chunked", "chunked"],
  ] as const)(
    "answers 408 JSON and closes the connection when a body trickles in past the body timeout (%s), storing nothing",
    async (_, framing) => {
      const { f, port } = await serveWith({ bodyTimeoutMs: 300 });
      const body = batchBody(f.site.writeKey, "slow");
      const upload = slowUpload(port, "/v1/batch", framing === "chunked" ? "chunked" : body.length, body.slice(0, 10), {
        "User-Agent": CHROME_WINDOWS,
      });
      const trickle = (async () => {
        for (let i = 10; i < body.length && !upload.socket.destroyed; i += 10) {
          await sleep(100);
          if (!upload.socket.destroyed) upload.send(body.slice(i, i + 10));
        }
      })();
      const answer = await upload.answer;
      await trickle;
      expect(answer.status).toBe(408);
      expect(answer.headers["content-type"]).toBe("application/json");
      expect(answer.headers.connection).toBe("close");
      expect(JSON.parse(answer.body)).toEqual({ error: { code: "body_timeout", message: "the body did not arrive within 300 ms" } });
      expect(answer.closedByServer).toBe(true);
      expect(await f.store.countEvents(f.site.id)).toBe(0);
    },
  );

  it("answers 503 with Retry-After beyond the concurrency cap, and takes requests again once places are free", async () => {
    const { f, base, port } = await serveWith({ maxConcurrentRequests: 2 });
    const bodies = [batchBody(f.site.writeKey, "held-1"), batchBody(f.site.writeKey, "held-2")];
    // Two uploads hold both places: their headers are in, their bodies not yet.
    const held = bodies.map((body) => ({
      body,
      upload: slowUpload(port, "/v1/batch", body.length, body.slice(0, 5), { "User-Agent": CHROME_WINDOWS }),
    }));
    await sleep(200);
    const refused = await fetch(`${base}/v1/batch`, {
      method: "POST",
      headers: { "user-agent": CHROME_WINDOWS },
      body: batchBody(f.site.writeKey, "refused"),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({
      error: { code: "overloaded", message: "the collector is answering 2 requests at once, its limit; send again shortly" },
    });

    for (const { body, upload } of held) upload.send(body.slice(5));
    expect((await Promise.all(held.map(({ upload }) => upload.answer))).map((a) => a.status)).toEqual([200, 200]);
    const later = await fetch(`${base}/v1/batch`, {
      method: "POST",
      headers: { "user-agent": CHROME_WINDOWS },
      body: batchBody(f.site.writeKey, "later"),
    });
    expect(later.status).toBe(200);
    expect(await f.store.countEvents(f.site.id)).toBe(3);
  });
});

/** POSTs from another loopback address (127.0.0.2): a second client as the server sees it. */
function postFrom(localAddress: string, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        localAddress,
        method: "POST",
        path: "/v1/batch",
        headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("slow uploads from one address", () => {
  it("300 sockets trickling bodies from one address leave room for every other client", async () => {
    // No minimum rate here: this is the per-address cap alone, whatever the machine's pace.
    const { f, port } = await serveWith({ maxConcurrentPerClient: 64, minBodyRate: null });
    const body = batchBody(f.site.writeKey, "held");
    const uploads = Array.from({ length: 300 }, () =>
      slowUpload(port, "/v1/batch", body.length, body.slice(0, 1), { "User-Agent": CHROME_WINDOWS }),
    );
    const refused: Promise<number>[] = uploads.map(({ answer }) =>
      answer.then(
        (a) => a.status,
        () => 0,
      ),
    );
    try {
      // The 236 uploads over the address's cap are answered at once; 64 hold their places.
      const answered = await Promise.all(refused.map((status) => Promise.race([status, sleep(3_000).then(() => "held" as const)])));
      expect(answered.filter((a) => a === 429)).toHaveLength(236);
      expect(answered.filter((a) => a === "held")).toHaveLength(64);
      expect(await postFrom("127.0.0.2", port, batchBody(f.site.writeKey, "other"))).toBe(200);
      expect(await postFrom("127.0.0.1", port, batchBody(f.site.writeKey, "same"))).toBe(429);
    } finally {
      for (const { socket } of uploads) socket.destroy();
    }
    expect(await f.store.countEvents(f.site.id)).toBe(1);
  });

  it("answers 429 JSON with Retry-After to the request over the address's cap", async () => {
    const { f, port, base } = await serveWith({ maxConcurrentPerClient: 1, minBodyRate: null });
    const body = batchBody(f.site.writeKey, "held");
    const held = slowUpload(port, "/v1/batch", body.length, body.slice(0, 5), { "User-Agent": CHROME_WINDOWS });
    await sleep(200);
    const refused = await fetch(`${base}/v1/batch`, {
      method: "POST",
      headers: { "user-agent": CHROME_WINDOWS, origin: "https://shop.example" },
      body: batchBody(f.site.writeKey, "refused"),
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(await refused.json()).toEqual({
      error: { code: "too_many_at_once", message: "this address has 1 requests in progress, its limit; send again once one is answered" },
    });
    held.send(body.slice(5));
    expect((await held.answer).status).toBe(200);
    expect(
      (
        await fetch(`${base}/v1/batch`, {
          method: "POST",
          headers: { "user-agent": CHROME_WINDOWS },
          body: batchBody(f.site.writeKey, "later"),
        })
      ).status,
    ).toBe(200);
    expect(await f.store.countEvents(f.site.id)).toBe(2);
  });

  it.each([
    ["with a Content-Length", "length"],
    ["chunked", "chunked"],
  ] as const)(
    "answers 408 once a body (%s) averages less than the minimum rate after the grace, long before the body timeout",
    async (_, framing) => {
      const { f, port } = await serveWith({ bodyTimeoutMs: 60_000, minBodyRate: { bytesPerSecond: 1000, graceMs: 300 } });
      const body = batchBody(f.site.writeKey, "trickle");
      const upload = slowUpload(port, "/v1/batch", framing === "chunked" ? "chunked" : body.length, body.slice(0, 1), {
        "User-Agent": CHROME_WINDOWS,
      });
      const trickle = (async () => {
        for (let i = 1; i < body.length && !upload.socket.destroyed; i++) {
          await sleep(100);
          if (!upload.socket.destroyed) upload.send(body.slice(i, i + 1));
        }
      })();
      const answer = await upload.answer;
      await trickle;
      expect(answer.status).toBe(408);
      expect(JSON.parse(answer.body)).toEqual({
        error: { code: "body_too_slow", message: "the body arrived slower than 1000 bytes a second" },
      });
      expect(answer.headers.connection).toBe("close");
      expect(answer.closedByServer).toBe(true);
      expect(await f.store.countEvents(f.site.id)).toBe(0);

      // A body sent in pieces at an honest pace is read whole.
      const honest = batchBody(f.site.writeKey, "honest");
      const paced = slowUpload(port, "/v1/batch", framing === "chunked" ? "chunked" : honest.length, honest.slice(0, 40), {
        "User-Agent": CHROME_WINDOWS,
      });
      await sleep(100);
      paced.send(honest.slice(40));
      if (framing === "chunked") paced.socket.write("0\r\n\r\n");
      expect((await paced.answer).status).toBe(200);
      expect(await f.store.countEvents(f.site.id)).toBe(1);
    },
  );
});

describe("the per-key event budget", () => {
  it("counts a batch's events against its site and answers 429 with the seconds until they fit", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-11-23T12:00:00.000Z") });
    f = await collectorFixture({ config: { ops: { ...DEFAULT_CONFIG.ops, perKeyLimit: { ratePerSecond: 100, burst: 1000 } } } });
    const post = (prefix: string, n: number) => f!.postBatch(batchBody(f!.site.writeKey, prefix, n), { "user-agent": CHROME_WINDOWS });
    expect((await post("a", 700)).status).toBe(200);
    const limited = await post("b", 700); // 300 tokens left, 400 short at 100 a second
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("4");
    expect(await limited.json()).toEqual({
      error: { code: "rate_limited", message: "this site sends more than its 100 events a second; retry in 4 s" },
    });
    vi.setSystemTime(Date.now() + 4_000);
    expect((await post("b", 700)).status).toBe(200);
    expect(await f.store.countEvents(f.site.id)).toBe(1400);
  });
});

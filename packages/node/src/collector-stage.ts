/**
 * For this package's tests: a real collector (in process, SQLite in memory, one site) on a
 * local port, and a proxy in front of it that answers chosen statuses instead, as an overloaded
 * or failing collector would, and counts the requests.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createApp, DEFAULT_CONFIG, openSqliteStore, type CreatedSite, type Store } from "@touchpoint/collector";

const portOf = (server: http.Server | ServerType) => ((server as http.Server).address() as AddressInfo).port;

export interface CollectorStage {
  store: Store;
  site: CreatedSite;
  /** The collector's own URL. */
  collectorUrl: string;
  /** The proxy's URL, to give the tracker. */
  proxyUrl: string;
  /** Requests the proxy received (answered by it or passed on). */
  requests: { path: string; events: number }[];
  /** The answers the proxy gives the next requests instead of passing them on, in order. */
  failNext(...answers: { status: number; retryAfter?: string }[]): void;
  /** GET on the collector's query API with the read key. */
  read<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

export async function startCollectorStage(): Promise<CollectorStage> {
  const store = await openSqliteStore(":memory:");
  const site = await store.createSite({ name: "call center", origins: [] });
  const app = createApp({ store, config: DEFAULT_CONFIG });
  const collector = await new Promise<ServerType>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(server));
  });
  const collectorPort = portOf(collector);
  const requests: CollectorStage["requests"] = [];
  const failures: { status: number; retryAfter?: string }[] = [];
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const events = (JSON.parse(body.toString("utf8") || "{}") as { events?: unknown[] }).events?.length ?? 0;
      requests.push({ path: req.url ?? "", events });
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status, {
          "content-type": "application/json",
          ...(failure.retryAfter !== undefined && { "retry-after": failure.retryAfter }),
        });
        return void res.end(JSON.stringify({ error: { code: "test", message: `answered ${failure.status} by the test proxy` } }));
      }
      const upstream = http.request(
        { host: "127.0.0.1", port: collectorPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const collectorUrl = `http://127.0.0.1:${collectorPort}`;
  return {
    store,
    site,
    collectorUrl,
    proxyUrl: `http://127.0.0.1:${portOf(proxy)}`,
    requests,
    failNext: (...answers) => failures.push(...answers),
    async read<T>(path: string) {
      const response = await fetch(`${collectorUrl}${path}`, { headers: { authorization: `Bearer ${site.readKey}` } });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async close() {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      (collector as http.Server).closeAllConnections();
      await new Promise((resolve) => collector.close(resolve));
      await store.close();
    },
  };
}

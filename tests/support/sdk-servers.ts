import http from "node:http";
import type { AddressInfo } from "node:net";

const listen = async (server: http.Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
};

const close = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/**
 * A site on its own origin (http://127.0.0.1:port): serves each page's HTML at its path, for any
 * query. Pages are `no-store` unless `cacheable`: Chromium keeps no-store pages out of the
 * back-forward cache.
 */
export async function startPageServer(pages: Record<string, (origin: string) => string>, options: { cacheable?: boolean } = {}) {
  const server = http.createServer((req, res) => {
    const page = pages[new URL(req.url ?? "/", "http://x").pathname];
    res.writeHead(page ? 200 : 404, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": options.cacheable ? "private, max-age=0" : "no-store",
    });
    res.end(page ? page(origin) : "not found");
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return { origin, close: () => close(server) };
}

/** One request the SDK made, as the proxy saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  /** Sec-Fetch-Mode: `no-cors` for navigator.sendBeacon with a text/plain body, `cors` for fetch. */
  fetchMode: string | undefined;
  eventIds: string[];
  status: number | null;
}

/**
 * How the proxy treats the next requests: passed to the collector, answered with this status
 * (and `Retry-After: 1` for 503) without reaching it, or dropped as an unreachable host would.
 */
export type ProxyMode = "pass" | "drop" | number;

/**
 * A transparent HTTP proxy in front of the collector that notes every request: how the SDK
 * delivered each event (beacon or fetch) can only be seen on the wire. When the collector is
 * down the connection is dropped, as it would be without the proxy. `setMode` makes it fail on
 * purpose, as a collector that is overloaded or unreachable.
 */
export async function startRecordingProxy(targetPort: number) {
  const seen: SeenRequest[] = [];
  let mode: ProxyMode = "pass";
  const server = http.createServer((req, res) => {
    if (mode === "drop") return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const record: SeenRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        contentType: req.headers["content-type"],
        fetchMode: req.headers["sec-fetch-mode"] as string | undefined,
        eventIds: eventIdsOf(body),
        status: null,
      };
      seen.push(record);
      if (typeof mode === "number") {
        record.status = mode;
        res.writeHead(mode, {
          "Content-Type": "application/json",
          "Access-Control-Allow-Origin": "*",
          ...(mode === 503 && { "Retry-After": "1" }),
        });
        return void res.end(JSON.stringify({ error: { code: "proxy", message: `answered ${mode} by the test proxy` } }));
      }
      const upstream = http.request(
        { host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          record.status = answer.statusCode ?? null;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(body);
    });
  });
  const port = await listen(server);
  return {
    origin: `http://localhost:${port}`,
    seen,
    setMode(next: ProxyMode) {
      mode = next;
    },
    close: () => close(server),
  };
}

function eventIdsOf(body: Buffer): string[] {
  try {
    const events = (JSON.parse(body.toString("utf8")) as { events?: { id?: unknown }[] }).events ?? [];
    return events.map((event) => String(event.id));
  } catch {
    return [];
  }
}

import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { contentTypeFor } from "./content-types.js";
import { injectPageSettings, normalizeCollectorUrl, type PageSettings } from "./page-settings.js";
import { resolvePublicPath } from "./public-path.js";

/**
 * The shop's static files. Found through the package's own name rather than import.meta.url, so
 * the path stays right when the collector bundles this module into its CLI.
 */
export const demoShopPublicDir = join(dirname(createRequire(import.meta.url).resolve("@touchpoint/demo-shop/package.json")), "public");

export interface DemoShopOptions {
  port: number;
  host: string;
  /** Base URL of the collector that serves /sdk/touchpoint.js and /v1/batch. */
  collectorUrl: string;
  /** The demo site's public write key. */
  writeKey: string;
}

export interface RunningDemoShop {
  /** The shop's origin, e.g. http://127.0.0.1:8788: the collector must allow it. */
  url: string;
  close(): Promise<void>;
}

/** Serves the demo shop's static pages with the collector URL and write key filled in. */
export async function startDemoShop(options: DemoShopOptions): Promise<RunningDemoShop> {
  if (options.writeKey.trim() === "") throw new TypeError("writeKey must not be empty");
  const settings: PageSettings = { collectorUrl: normalizeCollectorUrl(options.collectorUrl), writeKey: options.writeKey };
  const server = createServer((request, response) => {
    serveStaticFile(request, response, settings).catch(() => send(response, 500, "Internal server error"));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serveStaticFile(request: IncomingMessage, response: ServerResponse, settings: PageSettings): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    send(response, 405, "Method not allowed");
    return;
  }
  // The raw path, not new URL(): URL parsing would quietly resolve `../` and hide the attempt.
  const requestPath = (request.url ?? "/").split("?")[0] ?? "/";
  const file = resolvePublicPath(demoShopPublicDir, requestPath);
  if (file === null) {
    send(response, 400, "Bad request path");
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") {
      send(response, 404, "Not found");
      return;
    }
    throw error;
  }
  const contentType = contentTypeFor(file);
  if (contentType.startsWith("text/html")) body = Buffer.from(injectPageSettings(body.toString("utf8"), settings));
  response.writeHead(200, {
    "Content-Type": contentType,
    "Content-Length": body.length,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

function send(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
  response.end(message);
}

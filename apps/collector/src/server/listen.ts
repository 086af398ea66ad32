import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import { answerClientError } from "./client-error.js";

export interface ListenOptions {
  port: number;
  host: string;
  /** The app's body timeout (ops.bodyTimeoutMs); node's own timeouts are set around it. */
  bodyTimeoutMs: number;
}

/**
 * Serves `fetch` on node:http. The app answers a slow body itself (408 JSON); node guards what
 * the app never sees: headers must arrive within the body timeout too (node's default is a
 * minute), and node's whole-request timeout backs the app's up with a second of margin. Node
 * checks these timeouts only every `connectionsCheckingInterval` (30 s by default), so check
 * every half body timeout, at most every second.
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  { port, host, bodyTimeoutMs }: ListenOptions,
): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const server = serve(
      {
        fetch,
        port,
        hostname: host,
        serverOptions: {
          headersTimeout: bodyTimeoutMs,
          requestTimeout: 2 * bodyTimeoutMs + 1000,
          connectionsCheckingInterval: Math.min(1000, Math.ceil(bodyTimeoutMs / 2)),
        },
      },
      () => resolve(server as Server),
    );
    server.on("clientError", answerClientError);
    server.once("error", reject);
  });
}

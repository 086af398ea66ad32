/** The demo's webhook receiver: prints each delivery it gets, checking its signature as a real receiver would. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "../automation/webhook-signature.js";

export interface DemoReceiver {
  url: string;
  close(): Promise<void>;
}

export async function startDemoReceiver(
  host: string,
  signingSecret: () => string | null,
  print: (line: string) => void,
): Promise<DemoReceiver> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const secret = signingSecret();
      const verified =
        secret !== null &&
        verifyWebhook(secret, body, (req.headers["touchpoint-signature"] as string) ?? "", Math.floor(Date.now() / 1000));
      try {
        const payload = JSON.parse(body) as { rule: { name: string }; branch: string; customerId: string | null; anonymousIds: string[] };
        const who = payload.customerId ?? payload.anonymousIds[0] ?? "an unknown visitor";
        print(
          `automation webhook: "${payload.rule.name}" (branch ${payload.branch}) for ${who}, signature ${verified ? "verified" : "INVALID"}`,
        );
      } catch {
        print("automation webhook: a body that is not JSON");
      }
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host, resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}/cart-reminder`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { postWebhook } from "./webhook-delivery.js";
import { verifyWebhook } from "./webhook-signature.js";

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  server = null;
});

/** A receiver that records one request and answers with `status`, or never answers when status is null. */
async function receiver(status: number | null): Promise<{ port: number; got: Promise<{ headers: IncomingHttpHeaders; body: string }> }> {
  let resolve!: (value: { headers: IncomingHttpHeaders; body: string }) => void;
  const got = new Promise<{ headers: IncomingHttpHeaders; body: string }>((r) => (resolve = r));
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      resolve({ headers: req.headers, body });
      if (status !== null) res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return { port: (server.address() as AddressInfo).port, got };
}

const request = (url: string) => ({ url, body: '{"deliveryId":"dlv_1"}', deliveryId: "dlv_1", signingSecret: "whsec_test" });

describe("postWebhook", () => {
  it("POSTs the body with its signature and Idempotency-Key; 2xx is delivered, other statuses are retried", async () => {
    const ok = await receiver(204);
    expect(await postWebhook(request(`http://127.0.0.1:${ok.port}/hook`), { allowPrivate: true })).toEqual({ ok: true });
    const { headers, body } = await ok.got;
    expect([body, headers["idempotency-key"], headers["content-type"]]).toEqual(['{"deliveryId":"dlv_1"}', "dlv_1", "application/json"]);
    expect(verifyWebhook("whsec_test", body, headers["touchpoint-signature"] as string, Math.floor(Date.now() / 1000))).toBe(true);
  });

  it("retries a 500 and an answer that does not come in time", async () => {
    const failing = await receiver(500);
    expect(await postWebhook(request(`http://127.0.0.1:${failing.port}/`), { allowPrivate: true })).toEqual({
      ok: false,
      error: "HTTP 500",
      retry: true,
    });
    server!.closeAllConnections();
    server!.close();
    const silent = await receiver(null);
    expect(await postWebhook(request(`http://127.0.0.1:${silent.port}/`), { allowPrivate: true, timeoutMs: 300 })).toEqual({
      ok: false,
      error: "no answer within 0.3 s",
      retry: true,
    });
  });

  it("refuses private targets after DNS resolution, without retrying, unless allowed", async () => {
    const local = await receiver(204);
    expect(await postWebhook(request(`http://localhost:${local.port}/`), { allowPrivate: false })).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^refused: localhost resolves to (127\.0\.0\.1|::1), a private address \(the collector runs without --allow-private-webhooks\)$/,
      ),
      retry: false,
    });
    expect(await postWebhook(request("http://10.0.0.1/"), { allowPrivate: false })).toEqual({
      ok: false,
      error: "refused: 10.0.0.1 is a private address (the collector runs without --allow-private-webhooks)",
      retry: false,
    });
    expect(await postWebhook(request("http://[::1]/"), { allowPrivate: false })).toMatchObject({ ok: false, retry: false });
  });
});

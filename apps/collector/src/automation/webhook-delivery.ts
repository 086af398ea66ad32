/**
 * One attempt at a webhook: POST the stored body with its signature and Idempotency-Key, within
 * 10 s. The target's address is checked after DNS resolution, in the lookup the connection itself
 * uses, so a name cannot resolve to a public address for the check and a private one for the request.
 */
import { lookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPrivateAddress } from "./private-address.js";
import { signWebhook } from "./webhook-signature.js";

export const WEBHOOK_TIMEOUT_MS = 10_000;

export type AttemptOutcome = { ok: true } | { ok: false; error: string; retry: boolean };

export interface WebhookRequest {
  url: string;
  body: string;
  deliveryId: string;
  signingSecret: string;
}

class RefusedAddress extends Error {}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as unknown as { address: string; family: number }[];
      const refused = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (refused) return callback(new RefusedAddress(`${hostname} resolves to ${refused.address}, a private address`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export function postWebhook(
  request: WebhookRequest,
  { allowPrivate, timeoutMs = WEBHOOK_TIMEOUT_MS, now = Date.now }: { allowPrivate: boolean; timeoutMs?: number; now?: () => number },
): Promise<AttemptOutcome> {
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
    return Promise.resolve({
      ok: false,
      error: `refused: ${host} is a private address (the collector runs without --allow-private-webhooks)`,
      retry: false,
    });
  }
  const signature = signWebhook(request.signingSecret, request.body, Math.floor(now() / 1000));
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup(allowPrivate),
        timeout: timeoutMs,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(request.body),
          "user-agent": "Touchpoint-Webhooks/1",
          "touchpoint-signature": signature,
          "idempotency-key": request.deliveryId,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}`, retry: true });
        });
        res.on("error", (error) => resolve({ ok: false, error: error.message, retry: true }));
      },
    );
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    req.on("close", () => clearTimeout(deadline));
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", (error) => {
      if (error instanceof RefusedAddress)
        resolve({ ok: false, error: `refused: ${error.message} (the collector runs without --allow-private-webhooks)`, retry: false });
      else resolve({ ok: false, error: error.message, retry: true });
    });
    req.end(request.body);
  });
}

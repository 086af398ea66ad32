/**
 * The Touchpoint-Signature header of a webhook: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the rule's signing secret>`. The time inside the signed text lets a receiver
 * refuse replays of an old delivery (compare t with its clock).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const hmac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${hmac}`;
}

/** What a receiver does: true when the header signs this body with this secret within `toleranceSeconds` of `nowSeconds`. */
export function verifyWebhook(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1");
  if (!Number.isInteger(t) || !v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).split("v1=")[1]!, "hex");
  const given = Buffer.from(v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

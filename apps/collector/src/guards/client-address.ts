import { isIPv6 } from "node:net";
import type { Context } from "hono";

/**
 * The client's address: the TCP peer's under @hono/node-server, or the one a trusted reverse
 * proxy forwarded (--trust-proxy, observe/trusted-proxies.ts); null where there is no socket
 * (app.request in tests).
 */
export function peerAddress(c: Context): string | null {
  const forwarded = c.get("forwardedClient");
  if (forwarded !== undefined) return forwarded;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

/**
 * Whose budget a request spends: an IPv4 address, or the /64 network of an IPv6 address (one
 * subscriber gets a whole /64, so single IPv6 addresses are free to rotate). IPv4-mapped IPv6
 * addresses count as their IPv4 address. Kept in memory only; never stored or logged.
 */
export function rateLimitKey(address: string): string {
  // Every request comes through here: IPv4, the common case, costs one scan for a colon.
  if (!address.includes(":")) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return mapped;
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("%")[0]!.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = address.includes("::") ? (tail === "" ? [] : tail.split(":")) : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * --trust-proxy: behind a reverse proxy every request comes from the proxy's address, so the
 * per-client limits would throttle all clients as one. From a trusted proxy, the client is the
 * right-most address of X-Forwarded-For that is not itself a trusted proxy (the left-most entries
 * are whatever the client chose to send). Used for rate limits only: never stored nor logged.
 */
import { BlockList, isIP } from "node:net";
import type { MiddlewareHandler } from "hono";
import { ConfigError } from "../config-values.js";

declare module "hono" {
  interface ContextVariableMap {
    /** The client's address as a trusted proxy reported it (see peerAddress). */
    forwardedClient: string;
  }
}

const family = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

/** Parses `10.0.0.0/8`, `::1/128` or a bare address (a /32 or /128). */
export function trustedProxies(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = "", prefixText] = cidr.trim().split("/");
    const kind = isIP(address);
    const max = kind === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (kind === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new ConfigError(`--trust-proxy: "${cidr}" is not an address or CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, ::1/128)`);
    }
    list.addSubnet(address, prefix, family(address));
  }
  return list;
}

const isTrusted = (list: BlockList, address: string) => isIP(address) !== 0 && list.check(address, family(address));

/** The client address for a request from `peer`, given its X-Forwarded-For header. */
export function forwardedClientAddress(peer: string, forwardedFor: string | undefined, trusted: BlockList): string {
  const unmapped = (a: string) => a.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (forwardedFor === undefined || !isTrusted(trusted, unmapped(peer))) return peer;
  const hops = forwardedFor.split(",").map((hop) => unmapped(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return hops[0] ?? peer;
}

/** Puts the forwarded client address where peerAddress finds it, for requests from a trusted proxy. */
export function trustProxy(trusted: BlockList): MiddlewareHandler {
  return async (c, next) => {
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    const peer = env?.incoming?.socket?.remoteAddress;
    if (peer !== undefined) {
      const client = forwardedClientAddress(peer, c.req.header("x-forwarded-for"), trusted);
      if (client !== peer) c.set("forwardedClient", client);
    }
    await next();
  };
}

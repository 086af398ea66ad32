import { isIP, type BlockList } from "node:net";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError } from "../http/api-error.js";
import { errorBodySchema } from "../http/schemas.js";
import type { Store } from "../store/store.js";

/**
 * The settings document analytics.js (@segment/analytics-next) loads from its CDN before it sends
 * anything: with `cdnURL` set to this collector, its `Segment.io` integration posts to this
 * collector's /v1 paths and no Segment account is involved. No other integration is enabled.
 */
export function segmentSettings(writeKey: string, collectorUrl: URL) {
  return {
    integrations: {
      "Segment.io": {
        apiKey: writeKey,
        apiHost: `${collectorUrl.host}/v1`,
        protocol: collectorUrl.protocol.replace(/:$/, ""),
        unbundledIntegrations: [],
        addBundledMetadata: false,
      },
    },
    plan: { track: { __default: { enabled: true } }, identify: { __default: { enabled: true } }, group: { __default: { enabled: true } } },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    // Sample rate 0: analytics.js sends no usage metrics of its own (they would go to Segment).
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}

/**
 * This collector's URL as the browser reached it: the request's, or behind a TLS-terminating
 * proxy the first X-Forwarded-Proto and X-Forwarded-Host (an https page cannot post to http).
 * `forwarded` is null unless the request came from a trusted proxy: anyone else could otherwise
 * point a cached settings document at a host of their choosing.
 */
export function publicCollectorUrl(requestUrl: string, forwarded: { proto?: string; host?: string } | null): URL {
  const url = new URL(requestUrl);
  const proto = forwarded?.proto?.split(",")[0]?.trim().toLowerCase();
  const host = forwarded?.host?.split(",")[0]?.trim();
  const scheme = proto === "http" || proto === "https" ? proto : url.protocol.slice(0, -1);
  try {
    const candidate = new URL(`${scheme}://${host ?? url.host}`);
    return candidate.pathname === "/" && candidate.host !== "" ? candidate : url;
  } catch {
    return url;
  }
}

function fromTrustedProxy(c: Context, trusted: BlockList | null): boolean {
  const peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  if (trusted === null || peer === undefined) return false;
  const address = peer.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const kind = isIP(address);
  return kind !== 0 && trusted.check(address, kind === 6 ? "ipv6" : "ipv4");
}

/** GET /v1/projects/:writeKey/settings. `trustedProxies`: whose X-Forwarded-Proto and -Host to believe (--trust-proxy). */
export function segmentSettingsRoute(app: OpenAPIHono, store: Store, trustedProxies: BlockList | null = null): void {
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/v1/projects/{writeKey}/settings",
    summary: "Settings for Segment's analytics.js",
    description:
      "What `AnalyticsBrowser.load({ writeKey, cdnURL: <this collector> })` loads: its Segment.io integration's apiHost points back at this collector " +
      "(the host and scheme this request came to; from a proxy trusted with --trust-proxy, its X-Forwarded-Proto and X-Forwarded-Host).",
    request: { params: z.object({ writeKey: z.string() }) },
    responses: {
      200: { description: "The settings document", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
      404: { description: "No site has this write key", content: { "application/json": { schema: errorBodySchema } } },
    },
  });
  app.get("/v1/projects/:writeKey/settings", async (c) => {
    // Loaded cross-origin by every page of the site, like the SDK script.
    c.header("Access-Control-Allow-Origin", "*");
    const writeKey = c.req.param("writeKey");
    const site = await store.findSiteByWriteKey(writeKey);
    if (!site) throw new ApiError(404, "unknown_write_key", "no site has this write key");
    c.header("Cache-Control", "public, max-age=300");
    const forwarded = fromTrustedProxy(c, trustedProxies)
      ? { proto: c.req.header("x-forwarded-proto"), host: c.req.header("x-forwarded-host") }
      : null;
    return c.json(segmentSettings(writeKey, publicCollectorUrl(c.req.url, forwarded)));
  });
}

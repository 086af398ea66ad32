import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { ErrorBody } from "@touchpoint/protocol";
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

/** GET /v1/projects/:writeKey/settings. */
export function segmentSettingsRoute(app: OpenAPIHono, store: Store): void {
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/v1/projects/{writeKey}/settings",
    summary: "Settings for Segment's analytics.js",
    description:
      "What `AnalyticsBrowser.load({ writeKey, cdnURL: <this collector> })` loads: its Segment.io integration's apiHost points back at this collector " +
      "(the host and scheme this request came to).",
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
    if (!site) return c.json<ErrorBody>({ error: { code: "unknown_write_key", message: "no site has this write key" } }, 404);
    c.header("Cache-Control", "public, max-age=300");
    return c.json(segmentSettings(writeKey, new URL(c.req.url)));
  });
}

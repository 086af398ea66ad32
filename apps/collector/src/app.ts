import { OpenAPIHono } from "@hono/zod-openapi";
import { createBatchValidator } from "@touchpoint/protocol";
import type { CollectorConfig } from "./config.js";
import { clientRateLimit } from "./guards/client-rate-limit.js";
import { clientConcurrencyCap } from "./guards/client-concurrency-cap.js";
import { concurrencyCap } from "./guards/concurrency-cap.js";
import { TokenBuckets } from "./guards/token-buckets.js";
import { createGroupCommitWriter, type GroupCommitWriter } from "./ingest/group-commit.js";
import { createBatchIngest, createEventIngest } from "./ingest/ingest-batch.js";
import { internalErrorAsJson, notFoundAsJson } from "./middleware/json-errors.js";
import { refuseNul } from "./middleware/refuse-nul.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { batchRoute } from "./routes/batch.js";
import { segmentAnswer, segmentRoutes } from "./routes/segment.js";
import { segmentSettingsRoute } from "./routes/segment-settings.js";
import { createSegmentIngest } from "./segment/segment-ingest.js";
import { dashboardRoutes } from "./routes/dashboard.js";
import { healthRoute } from "./routes/health.js";
import { queryApi } from "./routes/query-api.js";
import { sdkScriptRoute } from "./routes/sdk-script.js";
import { adminSitesRoutes } from "./routes/admin-sites.js";
import { metricsRoute } from "./routes/metrics.js";
import type { Store } from "./store/store.js";
import type { Automation } from "./automation/automation.js";
import { storeWithAutomationErasure } from "./automation/erasure-store.js";
import { rulesApi } from "./routes/rules.js";
import { ruleActivityApi } from "./routes/rule-activity.js";
import { observeRequests } from "./observe/access-log.js";
import type { CollectorMetrics } from "./observe/metrics.js";
import { trustProxy } from "./observe/trusted-proxies.js";
import type { BlockList } from "node:net";
import type { Logger } from "pino";

export interface AppDeps {
  store: Store;
  config: CollectorConfig;
  /** Automation rules: the rules API, runs started after each commit, erasure cancelling runs; none by default. */
  automation?: Automation;
  /** Pass one to flush it on shutdown; by default the app makes its own. */
  writer?: GroupCommitWriter;
  /** Request metrics and access log lines; none by default (tests). */
  observe?: { metrics: CollectorMetrics; log: Logger };
  /** Reverse proxies whose X-Forwarded-For gives the client address for rate limits. */
  trustedProxies?: BlockList | null;
}

export function createApp({
  store,
  config,
  automation,
  writer = createGroupCommitWriter(store, config.groupCommit, automation?.onEventsCommitted),
  observe,
  trustedProxies = null,
}: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.onError(internalErrorAsJson);
  app.notFound(notFoundAsJson);
  // First, so every answer is counted and logged, also the guards' refusals.
  if (observe) app.use(observeRequests(observe.metrics, observe.log));
  if (trustedProxies) app.use(trustProxy(trustedProxies));
  app.use(securityHeaders());
  const { ops } = config;
  // Per address first: its refusals must not take places of the global cap.
  if (ops.maxConcurrentPerClient !== null) app.use(clientConcurrencyCap(ops.maxConcurrentPerClient));
  app.use(concurrencyCap(ops.maxConcurrentRequests));
  if (ops.perClientLimit) app.use("/v1/*", clientRateLimit(new TokenBuckets(ops.perClientLimit)));
  app.use(refuseNul());

  const validator = createBatchValidator(config.limits);
  healthRoute(app, store);
  const keyLimit = ops.perKeyLimit && new TokenBuckets(ops.perKeyLimit);
  const bodyTiming = { timeoutMs: ops.bodyTimeoutMs, minRate: ops.minBodyRate };
  const ingestSegment = createSegmentIngest({
    store,
    ingestEvents: createEventIngest({ writer, validator }),
    maxEventsPerBatch: config.limits.maxEventsPerBatch,
    keyLimit,
  });
  const log = observe?.log ?? null;
  batchRoute(app, createBatchIngest({ store, writer, validator, keyLimit }), config.limits, bodyTiming, segmentAnswer(ingestSegment, log));
  segmentRoutes(app, ingestSegment, config.limits, bodyTiming, log);
  segmentSettingsRoute(app, store, trustedProxies);
  sdkScriptRoute(app);
  dashboardRoutes(app);
  adminSitesRoutes(app, store, bodyTiming);
  if (observe) metricsRoute(app, store, observe.metrics.registry);
  app.route("/", queryApi(automation ? storeWithAutomationErasure(store, automation) : store, { bodyTiming }));
  if (automation) {
    app.route("/", rulesApi(store, automation, { bodyTiming }));
    app.route("/", ruleActivityApi(store, automation.store));
  }

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Touchpoint collector", version: "1", description: "Ingest touchpoints and query customer journeys." },
  });
  return app;
}

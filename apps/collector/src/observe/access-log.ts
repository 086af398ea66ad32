/**
 * One access log line and the request metrics per HTTP request. The line names the route
 * pattern (never the raw path, which can hold a customer id), the status, the milliseconds and
 * the site when one was identified; never a key, a header or the client address.
 *
 * Machine traffic that succeeds (ingest answered 200, health probes) logs at debug, as Segment's
 * and PostHog's capture endpoints log no line per event: at thousands of requests a second the
 * line took an eighth of the collector's CPU under 1-event load, and /metrics counts every request
 * and event anyway.
 * Everything else (queries, admin, rules, the dashboard) logs at info, 4xx at warn, 5xx at error.
 */
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { BatchCounts, CollectorMetrics } from "./metrics.js";
import { repeatLimiter } from "./logger.js";

declare module "hono" {
  interface ContextVariableMap {
    /** Set by POST /v1/batch when it answers 200. */
    batchCounts: BatchCounts;
  }
}

/** Same route and status again within this: one line, then one with the count of those left out. */
const REPEAT_INTERVAL_MS = 1_000;

/** Probes a load balancer or orchestrator sends every few seconds. */
const HEALTH_ROUTES = new Set(["/healthz", "/readyz"]);

export function observeRequests(metrics: CollectorMetrics, log: Logger): MiddlewareHandler {
  const admit = repeatLimiter(REPEAT_INTERVAL_MS);
  return async (c, next) => {
    const start = process.hrtime.bigint();
    await next();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const route = c.req.routePath;
    const status = c.res.status;
    metrics.request(route, c.req.method, status, seconds);
    const batch = c.get("batchCounts");
    if (batch !== undefined) metrics.batch(batch);

    const level = status >= 500 ? "error" : status >= 400 ? "warn" : batch !== undefined || HEALTH_ROUTES.has(route) ? "debug" : "info";
    if (!log.isLevelEnabled(level)) return;
    const site = batch?.siteId ?? (c.get("site" as never) as { id: string } | undefined)?.id ?? null;
    const line = { route, method: c.req.method, status, ms: Math.round(seconds * 10_000) / 10, site };
    if (level === "info" || level === "debug") {
      log[level](line, "request");
      return;
    }
    // Failures come in floods (a wrong key in a deployed page): rate-limit them per route and status.
    const admitted = admit(`${route} ${status}`);
    if (admitted !== null) log[level](admitted.repeated > 0 ? { ...line, repeated: admitted.repeated } : line, "request");
  };
}

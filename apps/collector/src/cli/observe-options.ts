import type { ObserveFlags } from "../observe/observe-config.js";
import type { OptionValues, Options } from "./command.js";

/** Metrics, logs and proxy settings as flags of `serve`. */
export const OBSERVE_OPTIONS = {
  "metrics-port": { type: "string" },
  "metrics-host": { type: "string" },
  "log-level": { type: "string" },
  "trust-proxy": { type: "string", multiple: true },
} as const satisfies Options;

export function observeFlags(values: OptionValues): ObserveFlags {
  return {
    metricsPort: values["metrics-port"] as string | undefined,
    metricsHost: values["metrics-host"] as string | undefined,
    logLevel: values["log-level"] as string | undefined,
    trustProxy: values["trust-proxy"] as string[] | undefined,
  };
}

export const OBSERVE_HELP = `Metrics, logs and reverse proxies (each also from the environment):
  --metrics-port N      TOUCHPOINT_METRICS_PORT      serve GET /metrics (Prometheus) without a key on this port (0 picks one;
                                                     default: off); on the main port /metrics needs the admin token
  --metrics-host H      TOUCHPOINT_METRICS_HOST      where the metrics port listens (default 127.0.0.1)
  --log-level L         TOUCHPOINT_LOG_LEVEL         debug (an access line per request), info (the same but for accepted ingest
                                                     and health probes), warn, error or silent (default info)
  --trust-proxy CIDR    TOUCHPOINT_TRUST_PROXY       a reverse proxy's address or range (repeatable; comma-separated in the
                                                     environment): from it, the client address for rate limits is taken from
                                                     X-Forwarded-For. Never stored or logged.
Logs are JSON lines on stdout: { level, time, msg, route, method, status, ms, site }.`;

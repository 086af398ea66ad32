import { ConfigError, integer } from "../config-values.js";
import { LOG_LEVELS, type LogLevel } from "./logger.js";

/** Metrics, logs and the reverse proxy in front: settings of `touchpoint serve`. */
export interface ObserveConfig {
  /** GET /metrics is served on this port only (0 picks one); null: no metrics endpoint. */
  metricsPort: number | null;
  metricsHost: string;
  logLevel: LogLevel;
  /** Addresses and CIDR ranges of reverse proxies whose X-Forwarded-For is believed (rate limits only). */
  trustProxy: string[];
}

export interface ObserveFlags {
  metricsPort?: string;
  metricsHost?: string;
  logLevel?: string;
  trustProxy?: string[];
}

/** Flags, else TOUCHPOINT_METRICS_PORT, _METRICS_HOST, _LOG_LEVEL, _TRUST_PROXY (comma-separated), else the defaults. */
export function loadObserveConfig(flags: ObserveFlags, env: NodeJS.ProcessEnv): ObserveConfig {
  const port = flags.metricsPort ?? env.TOUCHPOINT_METRICS_PORT;
  const level = flags.logLevel ?? env.TOUCHPOINT_LOG_LEVEL ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(", ")}; got "${level}"`);
  const proxies = flags.trustProxy ?? (env.TOUCHPOINT_TRUST_PROXY ?? "").split(",");
  return {
    metricsPort:
      port === undefined ? null : integer(flags.metricsPort !== undefined ? "--metrics-port" : "TOUCHPOINT_METRICS_PORT", port, 0, 65535),
    metricsHost: flags.metricsHost ?? env.TOUCHPOINT_METRICS_HOST ?? "127.0.0.1",
    logLevel: level as LogLevel,
    trustProxy: proxies.map((p) => p.trim()).filter((p) => p !== ""),
  };
}

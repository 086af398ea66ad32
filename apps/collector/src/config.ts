import { DEFAULT_LIMITS, type ProtocolLimits } from "@touchpoint/protocol";
import { ConfigError, integer } from "./config-values.js";
import { DEFAULT_OPS_CONFIG, loadOpsConfig, type OpsConfig, type OpsFlags } from "./ops-config.js";

export { ConfigError };

export interface GroupCommitConfig {
  /** How long the first waiting row waits for company before its transaction starts. */
  windowMs: number;
  /** A gathering transaction starts at once when this many rows wait. */
  maxRows: number;
}

export interface CollectorConfig {
  port: number;
  host: string;
  /** SQLite file path, or a postgres:// (postgresql://) URL for PostgreSQL. */
  db: string;
  /** Protocol limits; `maxBatchBytes` is also the hard limit on a request body. */
  limits: ProtocolLimits;
  groupCommit: GroupCommitConfig;
  /** Rate limits, concurrency cap, body timeout and retention. */
  ops: OpsConfig;
}

export const DEFAULT_CONFIG: Readonly<CollectorConfig> = Object.freeze({
  port: 8787,
  host: "127.0.0.1",
  db: "./data/touchpoint.db",
  limits: DEFAULT_LIMITS,
  groupCommit: { windowMs: 2, maxRows: 2000 },
  ops: DEFAULT_OPS_CONFIG,
});

/** Settings given on the command line; they win over the environment. */
export interface ConfigFlags extends OpsFlags {
  port?: string;
  host?: string;
  db?: string;
}

/**
 * Defaults, then TOUCHPOINT_* environment variables, then flags. Besides TOUCHPOINT_PORT, _HOST
 * and _DB: TOUCHPOINT_COMMIT_WINDOW_MS, TOUCHPOINT_COMMIT_MAX_ROWS, TOUCHPOINT_MAX_BATCH_BYTES,
 * TOUCHPOINT_MAX_EVENT_BYTES and TOUCHPOINT_MAX_EVENTS_PER_BATCH; the ops settings as
 * loadOpsConfig reads them.
 */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): CollectorConfig {
  const pick = (flag: string | undefined, variable: string) => flag ?? env[variable];
  const port = pick(flags.port, "TOUCHPOINT_PORT");
  const host = pick(flags.host, "TOUCHPOINT_HOST");
  const db = pick(flags.db, "TOUCHPOINT_DB");
  const limit = (variable: string, fallback: number) => {
    const value = env[variable];
    return value === undefined ? fallback : integer(variable, value, 1, 1 << 30);
  };
  if (host !== undefined && host.trim() === "") throw new ConfigError("host must not be empty");
  if (db !== undefined && db.trim() === "") throw new ConfigError("db must not be empty");
  const maxEventsPerBatch = limit("TOUCHPOINT_MAX_EVENTS_PER_BATCH", DEFAULT_LIMITS.maxEventsPerBatch);
  return {
    port: port === undefined ? DEFAULT_CONFIG.port : integer("port", port, 0, 65535),
    host: host ?? DEFAULT_CONFIG.host,
    db: db ?? DEFAULT_CONFIG.db,
    limits: {
      ...DEFAULT_LIMITS,
      maxBatchBytes: limit("TOUCHPOINT_MAX_BATCH_BYTES", DEFAULT_LIMITS.maxBatchBytes),
      maxEventBytes: limit("TOUCHPOINT_MAX_EVENT_BYTES", DEFAULT_LIMITS.maxEventBytes),
      maxEventsPerBatch,
    },
    groupCommit: {
      windowMs:
        env.TOUCHPOINT_COMMIT_WINDOW_MS === undefined
          ? DEFAULT_CONFIG.groupCommit.windowMs
          : integer("TOUCHPOINT_COMMIT_WINDOW_MS", env.TOUCHPOINT_COMMIT_WINDOW_MS, 0, 1000),
      maxRows: limit("TOUCHPOINT_COMMIT_MAX_ROWS", DEFAULT_CONFIG.groupCommit.maxRows),
    },
    ops: loadOpsConfig(flags, env, maxEventsPerBatch),
  };
}

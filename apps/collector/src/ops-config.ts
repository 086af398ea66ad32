import { ConfigError, integer } from "./config-values.js";

/** A token bucket: `ratePerSecond` tokens flow in, at most `burst` wait. */
export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

/** A minimum upload speed: after `graceMs`, at least `bytesPerSecond` on average since the headers. */
export interface MinBodyRate {
  bytesPerSecond: number;
  graceMs: number;
}

/** Protection against overload and slow clients, and how long events are kept. */
export interface OpsConfig {
  /** Events per second per site, whichever of its keys sent them; null: no limit. */
  perKeyLimit: RateLimit | null;
  /** Requests per second per client address on /v1/*; null: no limit. */
  perClientLimit: RateLimit | null;
  /** Requests handled at once; more are answered 503 with Retry-After. */
  maxConcurrentRequests: number;
  /** Requests handled at once from one client address; more are answered 429 with Retry-After. null: no cap. */
  maxConcurrentPerClient: number | null;
  /** A request body must have arrived this long after its headers, else 408 and the connection closes. */
  bodyTimeoutMs: number;
  /** A body still arriving must average this rate once the grace has passed, else 408; null: no minimum. */
  minBodyRate: MinBodyRate | null;
  /** PostgreSQL: how long to wait for a connection, and how long one statement may run. */
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
  /** Events older than this are deleted, at start and hourly; null keeps them forever. */
  retentionDays: number | null;
}

/**
 * The rate limits must never throttle one busy site at this machine's full speed from one
 * address (the benchmarks run with the defaults): SQLite stores about 200,000 rows/s here and
 * a bare node:http hello world answers about 29,000 requests/s, so 250,000 events/s per key and
 * 50,000 requests/s per address sit above both; the bursts absorb a backlog of retries. They stop a
 * runaway client on bigger hardware; tighter limits are configuration. 256 concurrent requests
 * is five times the benchmark's 50 connections and bounds buffered bodies to 256 x 500 KB.
 * Ten seconds is far longer than any honest 500 KB upload takes, yet frees a slow-loris slot quickly.
 * One address may hold 64 of the 256 places (the benchmark's 50 connections come from one), and
 * a body must average 1 KiB/s after 2 s: a trickle of a byte a second is cut after 2 s instead
 * of 10, and a real 500 KB batch on the slowest mobile link (about 50 KB/s) is far above it.
 * PostgreSQL: 5 s to connect, 15 s per statement (a report's pages take milliseconds each).
 */
export const DEFAULT_OPS_CONFIG: Readonly<OpsConfig> = Object.freeze({
  perKeyLimit: { ratePerSecond: 250_000, burst: 500_000 },
  perClientLimit: { ratePerSecond: 50_000, burst: 100_000 },
  maxConcurrentRequests: 256,
  maxConcurrentPerClient: 64,
  bodyTimeoutMs: 10_000,
  minBodyRate: { bytesPerSecond: 1024, graceMs: 2_000 },
  dbConnectTimeoutMs: 5_000,
  dbStatementTimeoutMs: 15_000,
  retentionDays: null,
});

/** Command-line values of the same settings (strings as parsed); they win over the environment. */
export interface OpsFlags {
  keyRate?: string;
  keyBurst?: string;
  clientRate?: string;
  clientBurst?: string;
  maxConcurrent?: string;
  maxConcurrentPerClient?: string;
  bodyTimeoutMs?: string;
  minBodyRate?: string;
  bodyGraceMs?: string;
  dbConnectTimeoutMs?: string;
  dbStatementTimeoutMs?: string;
  retentionDays?: string;
}

const MAX = 1_000_000_000;

/**
 * Flags, else TOUCHPOINT_KEY_RATE, _KEY_BURST, _CLIENT_RATE, _CLIENT_BURST, _MAX_CONCURRENT,
 * _MAX_CONCURRENT_PER_CLIENT, _BODY_TIMEOUT_MS, _MIN_BODY_RATE, _BODY_GRACE_MS,
 * _DB_CONNECT_TIMEOUT_MS, _DB_STATEMENT_TIMEOUT_MS, _RETENTION_DAYS, else the defaults. A rate of
 * 0 turns that limit off.
 * A key's burst must hold one full batch, or a full batch could never be admitted.
 */
export function loadOpsConfig(flags: OpsFlags, env: NodeJS.ProcessEnv, maxEventsPerBatch: number): OpsConfig {
  const read = (flag: string | undefined, variable: string, label: string, min: number, fallback: number) => {
    const value = flag ?? env[variable];
    return value === undefined ? fallback : integer(flag !== undefined ? label : variable, value, min, MAX);
  };
  const limit = (rate: number, burst: number): RateLimit | null => (rate === 0 ? null : { ratePerSecond: rate, burst });
  const defaults = DEFAULT_OPS_CONFIG;

  const keyRate = read(flags.keyRate, "TOUCHPOINT_KEY_RATE", "--key-rate", 0, defaults.perKeyLimit?.ratePerSecond ?? 0);
  const keyBurst = read(flags.keyBurst, "TOUCHPOINT_KEY_BURST", "--key-burst", 1, defaults.perKeyLimit?.burst ?? keyRate);
  if (keyRate > 0 && keyBurst < maxEventsPerBatch) {
    throw new ConfigError(`the per-key burst (${keyBurst}) must hold a full batch of ${maxEventsPerBatch} events`);
  }
  const clientRate = read(flags.clientRate, "TOUCHPOINT_CLIENT_RATE", "--client-rate", 0, defaults.perClientLimit?.ratePerSecond ?? 0);
  const clientBurst = read(flags.clientBurst, "TOUCHPOINT_CLIENT_BURST", "--client-burst", 1, defaults.perClientLimit?.burst ?? clientRate);
  const perClientCap = read(
    flags.maxConcurrentPerClient,
    "TOUCHPOINT_MAX_CONCURRENT_PER_CLIENT",
    "--max-concurrent-per-client",
    0,
    defaults.maxConcurrentPerClient ?? 0,
  );
  const minBodyRate = read(flags.minBodyRate, "TOUCHPOINT_MIN_BODY_RATE", "--min-body-rate", 0, defaults.minBodyRate?.bytesPerSecond ?? 0);
  const bodyGraceMs = read(flags.bodyGraceMs, "TOUCHPOINT_BODY_GRACE_MS", "--body-grace-ms", 0, defaults.minBodyRate?.graceMs ?? 0);
  const retention = flags.retentionDays ?? env.TOUCHPOINT_RETENTION_DAYS;
  return {
    perKeyLimit: limit(keyRate, keyBurst),
    perClientLimit: limit(clientRate, clientBurst),
    maxConcurrentRequests: read(flags.maxConcurrent, "TOUCHPOINT_MAX_CONCURRENT", "--max-concurrent", 1, defaults.maxConcurrentRequests),
    maxConcurrentPerClient: perClientCap === 0 ? null : perClientCap,
    bodyTimeoutMs: read(flags.bodyTimeoutMs, "TOUCHPOINT_BODY_TIMEOUT_MS", "--body-timeout-ms", 1, defaults.bodyTimeoutMs),
    minBodyRate: minBodyRate === 0 ? null : { bytesPerSecond: minBodyRate, graceMs: bodyGraceMs },
    dbConnectTimeoutMs: read(
      flags.dbConnectTimeoutMs,
      "TOUCHPOINT_DB_CONNECT_TIMEOUT_MS",
      "--db-connect-timeout-ms",
      1,
      defaults.dbConnectTimeoutMs,
    ),
    dbStatementTimeoutMs: read(
      flags.dbStatementTimeoutMs,
      "TOUCHPOINT_DB_STATEMENT_TIMEOUT_MS",
      "--db-statement-timeout-ms",
      1,
      defaults.dbStatementTimeoutMs,
    ),
    retentionDays:
      retention === undefined
        ? null
        : integer(flags.retentionDays !== undefined ? "--retention-days" : "TOUCHPOINT_RETENTION_DAYS", retention, 1, 100_000),
  };
}

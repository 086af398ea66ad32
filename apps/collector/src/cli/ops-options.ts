import type { OpsFlags } from "../ops-config.js";
import type { OptionValues, Options } from "./command.js";

/** The ops settings as flags of `serve` and `demo`. */
export const OPS_OPTIONS = {
  "key-rate": { type: "string" },
  "key-burst": { type: "string" },
  "client-rate": { type: "string" },
  "client-burst": { type: "string" },
  "max-concurrent": { type: "string" },
  "max-concurrent-per-client": { type: "string" },
  "body-timeout-ms": { type: "string" },
  "min-body-rate": { type: "string" },
  "body-grace-ms": { type: "string" },
  "db-connect-timeout-ms": { type: "string" },
  "db-statement-timeout-ms": { type: "string" },
  "retention-days": { type: "string" },
} as const satisfies Options;

export function opsFlags(values: OptionValues): OpsFlags {
  const text = (name: keyof typeof OPS_OPTIONS) => values[name] as string | undefined;
  return {
    keyRate: text("key-rate"),
    keyBurst: text("key-burst"),
    clientRate: text("client-rate"),
    clientBurst: text("client-burst"),
    maxConcurrent: text("max-concurrent"),
    maxConcurrentPerClient: text("max-concurrent-per-client"),
    bodyTimeoutMs: text("body-timeout-ms"),
    minBodyRate: text("min-body-rate"),
    bodyGraceMs: text("body-grace-ms"),
    dbConnectTimeoutMs: text("db-connect-timeout-ms"),
    dbStatementTimeoutMs: text("db-statement-timeout-ms"),
    retentionDays: text("retention-days"),
  };
}

export const OPS_HELP = `Protection and privacy (each also from the environment; a rate of 0 turns that limit off):
  --key-rate N          TOUCHPOINT_KEY_RATE          events/s per site key (default 250000)
  --key-burst N         TOUCHPOINT_KEY_BURST         events a key may send at once (default 500000)
  --client-rate N       TOUCHPOINT_CLIENT_RATE       requests/s per client address on /v1/* (default 50000)
  --client-burst N      TOUCHPOINT_CLIENT_BURST      (default 100000)
  --max-concurrent N    TOUCHPOINT_MAX_CONCURRENT    requests at once, more get 503 (default 256)
  --max-concurrent-per-client N
                        TOUCHPOINT_MAX_CONCURRENT_PER_CLIENT
                                                     requests at once from one address, more get 429 (default 64; 0: no cap)
  --body-timeout-ms N   TOUCHPOINT_BODY_TIMEOUT_MS   a body must arrive within this, else 408 (default 10000)
  --min-body-rate N     TOUCHPOINT_MIN_BODY_RATE     bytes/s a body must average after the grace, else 408 (default 1024; 0: none)
  --body-grace-ms N     TOUCHPOINT_BODY_GRACE_MS     ms before the minimum rate applies (default 2000)
  --db-connect-timeout-ms N
                        TOUCHPOINT_DB_CONNECT_TIMEOUT_MS
                                                     PostgreSQL: wait this long for a connection (default 5000)
  --db-statement-timeout-ms N
                        TOUCHPOINT_DB_STATEMENT_TIMEOUT_MS
                                                     PostgreSQL: one statement runs at most this long (default 15000)
  --retention-days N    TOUCHPOINT_RETENTION_DAYS    delete older events at start and hourly (default: keep)
Over a limit: 429 with Retry-After. Limits live in each process's memory.`;

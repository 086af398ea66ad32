import type { OpsFlags } from "../ops-config.js";
import type { OptionValues, Options } from "./command.js";

/** The ops settings as flags of `serve` and `demo`. */
export const OPS_OPTIONS = {
  "key-rate": { type: "string" },
  "key-burst": { type: "string" },
  "client-rate": { type: "string" },
  "client-burst": { type: "string" },
  "max-concurrent": { type: "string" },
  "body-timeout-ms": { type: "string" },
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
    bodyTimeoutMs: text("body-timeout-ms"),
    retentionDays: text("retention-days"),
  };
}

export const OPS_HELP = `Protection and privacy (each also from the environment; a rate of 0 turns that limit off):
  --key-rate N          TOUCHPOINT_KEY_RATE          events/s per site key (default 250000)
  --key-burst N         TOUCHPOINT_KEY_BURST         events a key may send at once (default 500000)
  --client-rate N       TOUCHPOINT_CLIENT_RATE       requests/s per client address on /v1/* (default 50000)
  --client-burst N      TOUCHPOINT_CLIENT_BURST      (default 100000)
  --max-concurrent N    TOUCHPOINT_MAX_CONCURRENT    requests at once, more get 503 (default 256)
  --body-timeout-ms N   TOUCHPOINT_BODY_TIMEOUT_MS   a body must arrive within this, else 408 (default 10000)
  --retention-days N    TOUCHPOINT_RETENTION_DAYS    delete older events at start and hourly (default: keep)
Over a limit: 429 with Retry-After. Limits live in each process's memory.`;

import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@touchpoint/protocol";
import { loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("uses the defaults without flags or environment", () => {
    expect(loadConfig({}, {})).toEqual({
      port: 8787,
      host: "127.0.0.1",
      db: "./data/touchpoint.db",
      limits: DEFAULT_LIMITS,
      groupCommit: { windowMs: 2, maxRows: 2000 },
      ops: {
        perKeyLimit: { ratePerSecond: 250_000, burst: 500_000 },
        perClientLimit: { ratePerSecond: 50_000, burst: 100_000 },
        maxConcurrentRequests: 256,
        maxConcurrentPerClient: 64,
        bodyTimeoutMs: 10_000,
        minBodyRate: { bytesPerSecond: 1024, graceMs: 2_000 },
        dbConnectTimeoutMs: 5_000,
        dbStatementTimeoutMs: 15_000,
        retentionDays: null,
      },
    });
  });

  it("reads TOUCHPOINT_* variables, and flags win over them", () => {
    const env = {
      TOUCHPOINT_PORT: "9000",
      TOUCHPOINT_HOST: "0.0.0.0",
      TOUCHPOINT_DB: "/var/lib/touchpoint.db",
      TOUCHPOINT_COMMIT_WINDOW_MS: "0",
      TOUCHPOINT_COMMIT_MAX_ROWS: "500",
      TOUCHPOINT_MAX_BATCH_BYTES: "100000",
    };
    expect(loadConfig({ port: "9100" }, env)).toMatchObject({
      port: 9100,
      host: "0.0.0.0",
      db: "/var/lib/touchpoint.db",
      limits: { ...DEFAULT_LIMITS, maxBatchBytes: 100_000 },
      groupCommit: { windowMs: 0, maxRows: 500 },
    });
  });

  it("names the setting and the rule of a bad value", () => {
    expect(() => loadConfig({ port: "80a" }, {})).toThrow('port must be an integer from 0 to 65535; got "80a"');
    expect(() => loadConfig({}, { TOUCHPOINT_PORT: "70000" })).toThrow('port must be an integer from 0 to 65535; got "70000"');
    expect(() => loadConfig({}, { TOUCHPOINT_COMMIT_MAX_ROWS: "0" })).toThrow(
      'TOUCHPOINT_COMMIT_MAX_ROWS must be an integer from 1 to 1073741824; got "0"',
    );
    expect(() => loadConfig({ db: " " }, {})).toThrow("db must not be empty");
  });
});

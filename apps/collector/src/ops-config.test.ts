import { describe, expect, it } from "vitest";
import { loadOpsConfig } from "./ops-config.js";

describe("loadOpsConfig", () => {
  it("reads TOUCHPOINT_* variables, flags win, and a rate of 0 turns a limit off", () => {
    const env = {
      TOUCHPOINT_KEY_RATE: "100",
      TOUCHPOINT_KEY_BURST: "2000",
      TOUCHPOINT_CLIENT_RATE: "5",
      TOUCHPOINT_CLIENT_BURST: "10",
      TOUCHPOINT_MAX_CONCURRENT: "8",
      TOUCHPOINT_BODY_TIMEOUT_MS: "1500",
      TOUCHPOINT_RETENTION_DAYS: "30",
      TOUCHPOINT_MAX_CONCURRENT_PER_CLIENT: "4",
      TOUCHPOINT_MIN_BODY_RATE: "100",
      TOUCHPOINT_BODY_GRACE_MS: "500",
      TOUCHPOINT_DB_CONNECT_TIMEOUT_MS: "700",
      TOUCHPOINT_DB_STATEMENT_TIMEOUT_MS: "900",
    };
    expect(loadOpsConfig({}, env, 1000)).toEqual({
      perKeyLimit: { ratePerSecond: 100, burst: 2000 },
      perClientLimit: { ratePerSecond: 5, burst: 10 },
      maxConcurrentRequests: 8,
      maxConcurrentPerClient: 4,
      bodyTimeoutMs: 1500,
      minBodyRate: { bytesPerSecond: 100, graceMs: 500 },
      dbConnectTimeoutMs: 700,
      dbStatementTimeoutMs: 900,
      retentionDays: 30,
    });
    expect(
      loadOpsConfig(
        {
          clientRate: "0",
          retentionDays: "7",
          maxConcurrent: "2",
          maxConcurrentPerClient: "1",
          minBodyRate: "0",
          dbStatementTimeoutMs: "50",
        },
        env,
        1000,
      ),
    ).toMatchObject({
      perClientLimit: null,
      maxConcurrentRequests: 2,
      maxConcurrentPerClient: 1,
      minBodyRate: null,
      dbStatementTimeoutMs: 50,
      retentionDays: 7,
    });
  });

  it("names the setting and the rule of a bad value", () => {
    expect(() => loadOpsConfig({ keyRate: "fast" }, {}, 1000)).toThrow('--key-rate must be an integer from 0 to 1000000000; got "fast"');
    expect(() => loadOpsConfig({}, { TOUCHPOINT_MAX_CONCURRENT: "0" }, 1000)).toThrow(
      'TOUCHPOINT_MAX_CONCURRENT must be an integer from 1 to 1000000000; got "0"',
    );
    expect(() => loadOpsConfig({ retentionDays: "0" }, {}, 1000)).toThrow('--retention-days must be an integer from 1 to 100000; got "0"');
    expect(() => loadOpsConfig({ keyRate: "10", keyBurst: "999" }, {}, 1000)).toThrow(
      "the per-key burst (999) must hold a full batch of 1000 events",
    );
  });
});

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { benchSettings } from "./bench-settings.js";

describe("benchSettings", () => {
  it("uses issue 7's sizes by default", () => {
    expect(benchSettings({})).toEqual({
      only: ["ingest", "postgres", "queries", "wal", "sdk", "dashboard", "export", "scale", "upkeep", "automation"],
      ingest: { seconds: 10, warmupSeconds: 2, connections: 50, rounds: 3 },
      queries: {
        customers: 100_000,
        days: 90,
        heavyCustomerEvents: 1_000,
        journeyRuns: 200,
        customersRuns: 50,
        funnelRuns: 3,
        attributionRuns: 3,
      },
      wal: { customers: 100_000, days: 90, seconds: 30, connections: 50 },
      export: { customers: 100_000, days: 90 },
      scale: { customers: 720_000, days: 90, directory: fileURLToPath(new URL("./results/scale/", import.meta.url)), reportRuns: 3 },
      upkeep: { eventsPerSecond: 20_000, seconds: 30, connections: 50 },
      automation: { pending: 1_000_000, ingestEvents: 200_000, rounds: 3 },
    });
  });

  it("takes whole numbers from the environment, 0 only where it means none (warm-up, pending timers)", () => {
    const settings = benchSettings({ BENCH_SECONDS: "3", BENCH_WARMUP_SECONDS: "0", BENCH_SEED_CUSTOMERS: "" });
    expect(settings.ingest).toEqual({ seconds: 3, warmupSeconds: 0, connections: 50, rounds: 3 });
    expect(settings.queries.customers).toBe(100_000);
    expect(benchSettings({ BENCH_AUTOMATION_PENDING: "0", BENCH_AUTOMATION_EVENTS: "5000" }).automation).toEqual({
      pending: 0,
      ingestEvents: 5_000,
      rounds: 3,
    });
    expect(() => benchSettings({ BENCH_AUTOMATION_ROUNDS: "0" })).toThrow('BENCH_AUTOMATION_ROUNDS must be a whole number >= 1, got "0"');
  });

  it("names the variable of a bad value", () => {
    expect(() => benchSettings({ BENCH_SECONDS: "0" })).toThrow('BENCH_SECONDS must be a whole number >= 1, got "0"');
    expect(() => benchSettings({ BENCH_CONNECTIONS: "2.5" })).toThrow('BENCH_CONNECTIONS must be a whole number >= 1, got "2.5"');
    expect(() => benchSettings({ BENCH_WARMUP_SECONDS: "-1" })).toThrow('BENCH_WARMUP_SECONDS must be a whole number >= 0, got "-1"');
  });

  it("runs only the parts BENCH_ONLY names, in run order", () => {
    expect(benchSettings({ BENCH_ONLY: "ingest" }).only).toEqual(["ingest"]);
    expect(benchSettings({ BENCH_ONLY: "queries, ingest" }).only).toEqual(["ingest", "queries"]);
    expect(benchSettings({ BENCH_ONLY: "" }).only).toEqual([
      "ingest",
      "postgres",
      "queries",
      "wal",
      "sdk",
      "dashboard",
      "export",
      "scale",
      "upkeep",
      "automation",
    ]);
    expect(benchSettings({ BENCH_ONLY: "scale", BENCH_SCALE_CUSTOMERS: "1000", BENCH_SCALE_DIR: "/data/tier" })).toMatchObject({
      only: ["scale"],
      scale: { customers: 1_000, directory: "/data/tier" },
    });
    expect(benchSettings({ BENCH_ONLY: "wal", BENCH_WAL_SECONDS: "5" })).toMatchObject({ only: ["wal"], wal: { seconds: 5 } });
    expect(() => benchSettings({ BENCH_ONLY: "ingest,sqlite" })).toThrow(
      'BENCH_ONLY must name parts among ingest, postgres, queries, wal, sdk, dashboard, export, scale, upkeep, automation, separated by commas, got "ingest,sqlite"',
    );
    expect(() => benchSettings({ BENCH_ONLY: "ingest," })).toThrow(
      'BENCH_ONLY must name parts among ingest, postgres, queries, wal, sdk, dashboard, export, scale, upkeep, automation, separated by commas, got "ingest,"',
    );
  });
});

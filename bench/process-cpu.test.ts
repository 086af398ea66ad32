import { describe, expect, it } from "vitest";
import { cpuTicksFromStat, processCpuSeconds } from "./process-cpu.js";

describe("cpuTicksFromStat", () => {
  it("adds utime and stime, whatever the command name holds", () => {
    const stat = "4242 (node (main) x) S 1 4242 4242 0 -1 4194304 1234 0 0 0 731 169 0 0 20 0 11 0 555 1000 100 18446744073709551615";
    expect(cpuTicksFromStat(stat)).toBe(900);
  });
});

describe("processCpuSeconds", () => {
  it("grows with the CPU this process spends", () => {
    const before = processCpuSeconds(process.pid);
    const until = process.cpuUsage().user + 300_000;
    while (process.cpuUsage().user < until) Math.sqrt(Math.random());
    expect(processCpuSeconds(process.pid) - before).toBeGreaterThanOrEqual(0.2);
  });
});

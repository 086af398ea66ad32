import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * CPU time (user + system, every thread) a process has used so far, from /proc/<pid>/stat. A rate
 * depends on how busy the load generator on the same cores is; CPU per request does not.
 */
export function processCpuSeconds(pid: number): number {
  return cpuTicksFromStat(readFileSync(`/proc/${pid}/stat`, "utf8")) / CLOCK_TICKS_PER_SECOND;
}

/** utime + stime (fields 14 and 15) of a /proc/<pid>/stat line; the command name may hold spaces and parentheses. */
export function cpuTicksFromStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state), so field N is fields[N - 3].
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unreadable /proc stat line: ${stat.slice(0, 80)}`);
  return utime + stime;
}

import { readFileSync, writeFileSync } from "node:fs";

/**
 * Reads a process's resident memory from /proc (Linux). VmHWM is the peak resident set since the
 * process started, maintained by the kernel, so no sample can miss a short spike.
 */
export function peakResidentMb(pid: number): number {
  return statusKilobytes(pid, "VmHWM") / 1024;
}

function statusKilobytes(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status);
  if (match === null) throw new Error(`/proc/${pid}/status has no ${field} line`);
  return Number(match[1]);
}

/** Restarts the kernel's peak (VmHWM) at the current resident set, so the next peak is one phase's. */
export function resetPeakResident(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

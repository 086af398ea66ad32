import os from "node:os";

/** What the figures were measured on: numbers from another machine are not comparable. */
export interface MachineInfo {
  date: string;
  node: string;
  platform: string;
  kernel: string;
  cpus: number;
  cpuModel: string;
  memoryMb: number;
  /** 1-minute load average when the run started: other work on the cores skews every figure. */
  loadAverage: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

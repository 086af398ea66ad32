/** The BUILT CLI (dist/cli.js) as a real process, for tests of what users run. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: the collector's test script builds it first (npm test)`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[]): Promise<CliResult> {
  requireBuild();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServingCli {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** Everything printed on stdout so far. */
  stdout(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `touchpoint serve` and resolves once it printed the demo site's keys (so: listening). */
export function startServe(args: string[]): Promise<ServingCli> {
  requireBuild();
  const child = spawn(process.execPath, [CLI, "serve", ...args]);
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const port = /listening on http:\/\/[^:]+:(\d+)/.exec(out)?.[1];
      if (port && /secret key: +\S+\n/.test(out)) resolve({ child, port: Number(port), stdout: () => out, exited });
    });
    void exited.then((code) => reject(new Error(`touchpoint serve exited with ${code} before listening:\n${out}\n${err}`)));
  });
}

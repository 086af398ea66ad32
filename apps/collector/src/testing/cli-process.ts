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
  /** Everything printed on stderr so far. */
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/**
 * Starts a long-running CLI command and resolves once `ready` finds, in what it printed so far,
 * the port it serves on.
 */
export function startCliProcess(
  args: string[],
  ready: (stdout: string) => number | null,
  env: NodeJS.ProcessEnv = {},
): Promise<ServingCli> {
  requireBuild();
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const port = ready(out);
      if (port !== null) resolve({ child, port, stdout: () => out, stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`touchpoint ${args.join(" ")} exited with ${code} before it was ready:\n${out}\n${err}`)));
  });
}

const listeningPort = (out: string) => {
  const port = /listening on http:\/\/[^:]+:(\d+)/.exec(out)?.[1];
  return port === undefined ? null : Number(port);
};

/** Starts `touchpoint serve` and resolves once it printed the demo site's keys (so: listening). */
export function startServe(args: string[]): Promise<ServingCli> {
  return startCliProcess(["serve", ...args], (out) => (/secret key: +\S+\n/.test(out) ? listeningPort(out) : null));
}

/** Starts `touchpoint serve` on a database that has sites already, and resolves once it listens. */
export function startServeOn(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServingCli> {
  return startCliProcess(["serve", ...args], listeningPort, env);
}

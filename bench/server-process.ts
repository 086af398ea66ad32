import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

/** A server running as its own Node process, so it never shares an event loop with the load generator. */
export interface ServerProcess {
  pid: number;
  url: string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** The last 64 KB the process wrote, for error messages. */
  output(): string;
}

export interface StartServerOptions {
  /** Arguments after `node`: flags, script and its arguments. */
  nodeArgs: string[];
  url: string;
  /** Path answered with 200 once the server is ready. */
  readyPath: string;
  cwd?: string;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT = 64 * 1024;

const running = new Set<ChildProcess>();
// A benchmark that fails half-way must not leave servers running on the shared machine.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export async function startServerProcess(options: StartServerOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, options.nodeArgs, {
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Only the tail: a collector logs a line per request, millions in a run.
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  running.add(child);
  const exited = once(child, "exit").then(([code]) => {
    running.delete(child);
    return code as number | null;
  });

  const server: ServerProcess = {
    pid: child.pid ?? -1,
    url: options.url,
    stop: () => stopChild(child, exited),
    output: () => output,
  };
  try {
    await waitUntilReady(`${options.url}${options.readyPath}`, exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return server;
}

async function waitUntilReady(url: string, exited: Promise<number | null>): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`server exited before ${url} answered`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet: try again shortly.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

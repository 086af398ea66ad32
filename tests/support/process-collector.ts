import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { answerJson, sendRequest } from "./process-http.js";

/** The built CLI, exactly as users run it. */
export const COLLECTOR_CLI = fileURLToPath(new URL("../../apps/collector/dist/cli.js", import.meta.url));

/** Fails a suite at once, saying how to build, when the built CLI is missing. */
export function requireBuiltCollector(): void {
  if (!existsSync(COLLECTOR_CLI))
    throw new Error(
      "apps/collector/dist/cli.js is missing: build the collector first (npx turbo run build --filter=@touchpoint/collector...)",
    );
}

/** A request with the key as Bearer and a JSON body to a collector on loopback; the answer's JSON (null when empty). */
export async function callCollector(port: number, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? null : JSON.parse(text) };
}

export interface SiteKeys {
  id: string;
  name: string;
  writeKey: string;
  readKey: string;
  secretKey: string;
  origins: string[];
}

/** `touchpoint sites create`: prints the new site's keys as one JSON object. */
export async function createSite(db: string, name: string, origins: readonly string[] = []): Promise<SiteKeys> {
  const args = [COLLECTOR_CLI, "sites", "create", "--name", name, "--db", db, ...origins.flatMap((origin) => ["--origin", origin])];
  const { stdout } = await promisify(execFile)(process.execPath, args);
  return JSON.parse(stdout) as SiteKeys;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<ChildProcess>();
// A failed test must not leave collectors behind on the machine.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

const OUTPUT_KEPT = 64 * 1024;

/** `touchpoint serve` as a child process on 127.0.0.1. */
export class CollectorProcess {
  readonly exited: Promise<Exit>;
  private exit: Exit | null = null;
  private log = "";

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    running.add(child);
    const keep = (part: Buffer) => {
      this.log = (this.log + part.toString("utf8")).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        running.delete(child);
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  /** Starts the collector and waits until /healthz answers `{ ok: true }`. */
  static async start(options: { db: string; port: number; env?: NodeJS.ProcessEnv; args?: string[] }): Promise<CollectorProcess> {
    const child = spawn(
      process.execPath,
      [COLLECTOR_CLI, "serve", "--port", String(options.port), "--host", "127.0.0.1", "--db", options.db, ...(options.args ?? [])],
      { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    const collector = new CollectorProcess(child, options.port);
    try {
      await collector.waitHealthy();
    } catch (error) {
      await collector.kill();
      throw error;
    }
    return collector;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error("the collector process did not start");
    return this.child.pid;
  }

  get isRunning(): boolean {
    return this.exit === null;
  }

  /** The last 64 KB the process printed, for failure messages. */
  output(): string {
    return this.log;
  }

  private async waitHealthy(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exit) throw new Error(`the collector exited (${JSON.stringify(this.exit)}) before it was healthy:\n${this.log}`);
      const outcome = await sendRequest({ port: this.port, method: "GET", path: "/healthz", timeoutMs: 2_000 });
      if (outcome.answered && outcome.answer.status === 200 && (answerJson(outcome.answer) as { ok?: unknown } | undefined)?.ok === true)
        return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the collector was not healthy within ${timeoutMs} ms:\n${this.log}`);
  }

  /** Sends a signal and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill(signal);
    return this.exited;
  }

  /** Graceful stop (SIGTERM), with SIGKILL as the last resort after `graceMs`. */
  async stop(graceMs = 15_000): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** Resident memory of the process, from /proc/<pid>/status (VmRSS), in bytes. */
  rssBytes(): number {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${this.pid}/status`, "utf8"));
    if (!match) throw new Error(`no VmRSS for process ${this.pid}`);
    return Number(match[1]) * 1024;
  }
}

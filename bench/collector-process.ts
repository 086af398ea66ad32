import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort } from "./free-port.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const COLLECTOR_CLI = fileURLToPath(new URL("../apps/collector/dist/cli.js", import.meta.url));

const execFileAsync = promisify(execFile);

/** The JSON object `touchpoint sites create` prints (DESIGN.md, public faces). */
export interface SiteKeys {
  id: string;
  name: string;
  writeKey: string;
  readKey: string;
  secretKey: string;
  origins: string[];
}

export async function createSite(dbPath: string, name: string): Promise<SiteKeys> {
  const { stdout } = await execFileAsync(process.execPath, [COLLECTOR_CLI, "sites", "create", "--name", name, "--db", dbPath]);
  return JSON.parse(stdout) as SiteKeys;
}

export interface StartCollectorOptions {
  dbPath: string;
  /** Node flags placed before the CLI, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** More `touchpoint serve` flags, e.g. `--metrics-port`. */
  serveFlags?: string[];
  cwd?: string;
}

/** Runs the built collector (`touchpoint serve`) on a free loopback port until /healthz answers. */
export async function startCollector(options: StartCollectorOptions): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    nodeArgs: [
      ...(options.nodeFlags ?? []),
      COLLECTOR_CLI,
      "serve",
      "--port",
      String(port),
      "--host",
      "127.0.0.1",
      "--db",
      options.dbPath,
      ...(options.serveFlags ?? []),
    ],
    url: `http://127.0.0.1:${port}`,
    readyPath: "/healthz",
    cwd: options.cwd ?? REPO_ROOT,
  });
}

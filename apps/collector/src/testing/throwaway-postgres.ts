/**
 * A real PostgreSQL server for tests, started from Debian's packages into a temporary folder on a
 * free loopback port, and removed afterwards. initdb refuses to run as root, so as root the server
 * runs as the `postgres` user (runuser) with its folder owned by that user.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ThrowawayPostgres {
  /** Connection URL of the `postgres` database. */
  url: string;
  port: number;
  /** A fresh empty database on this server; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** SIGSTOP to the server and every backend: connections stay open and nothing answers (a hung server). */
  pause(): Promise<void>;
  /** SIGCONT after pause(). */
  resume(): Promise<void>;
  /** Stops the server (immediate shutdown) and keeps its data, for restart(). */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The postmaster's pid (first line of postmaster.pid) and its children's, from /proc. */
function serverPids(data: string): number[] {
  const postmaster = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n", 1)[0]);
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // The fields after the command's closing parenthesis: state, then the parent's pid.
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/** Where Debian keeps the server binaries (/usr/lib/postgresql/<version>/bin), newest first. */
export function findPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const { stdout: uid } = await run("id", ["-u", "postgres"]);
  const { stdout: gid } = await run("id", ["-g", "postgres"]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/**
 * Tests need no durability, so the server runs without fsync; `settings` (postgresql.conf names)
 * override that and anything else, e.g. `{ fsync: "on", synchronous_commit: "on" }` for a
 * benchmark with a production server's durability.
 */
export async function startThrowawayPostgres(settings: Readonly<Record<string, string>> = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  const dir = await mkdtemp(join(tmpdir(), "touchpoint-pg-"));
  const user = await postgresUser();
  if (user) await chown(dir, user.uid, user.gid);
  const asServerUser = (cmd: string, args: string[]) => (user ? run("runuser", ["-u", "postgres", "--", cmd, ...args]) : run(cmd, args));

  const data = join(dir, "data");
  await asServerUser(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"]);
  const port = await freePort();
  const overrides = Object.entries(settings)
    .map(([name, value]) => ` -c ${name}=${value}`)
    .join("");
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${overrides}`;
  const start = () =>
    asServerUser(join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  await start();

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name must be a lower-case identifier: ${name}`);
      await run(join(bin, "psql"), [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        `CREATE DATABASE ${name}`,
      ]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async pause() {
      for (const pid of serverPids(data)) process.kill(pid, "SIGSTOP");
    },
    async resume() {
      for (const pid of serverPids(data)) process.kill(pid, "SIGCONT");
    },
    async halt() {
      await asServerUser(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    },
    async restart() {
      await start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await asServerUser(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

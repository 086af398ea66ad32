import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { COLLECTOR_CLI, freePort } from "./process-collector.js";

/** `touchpoint demo` as users start it, with what it printed on start-up. */
export interface RunningDemo {
  /** e.g. http://127.0.0.1:PORT, from the "shop:" line. */
  shopUrl: string;
  /** The "dashboard:" line's link: http://127.0.0.1:PORT/dashboard#key=READ_KEY. */
  dashboardLink: string;
  /** The collector's origin, taken from the dashboard link. */
  collectorUrl: string;
  readKey: string;
  /** The demo site's id, from demo-keys.json beside the database. */
  siteId: string;
  output(): string;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const SHOP_LINE = /^ {2}shop: +(http:\/\/\S+)$/m;
const DASHBOARD_LINE = /^ {2}dashboard: +((http:\/\/[^/\s]+)\/dashboard#key=(\S+))$/m;
/** The start-up message's last line: everything above it has been printed. */
const READY_LINE = /Ctrl-C stops\.\n/;

/**
 * Starts the built CLI's `demo` command on a free collector port (`--port 0`) and a free shop
 * port, and resolves once it printed its links.
 */
export async function startDemoCommand(db: string, timeoutMs = 60_000): Promise<RunningDemo> {
  const shopPort = await freePort();
  const child = spawn(
    process.execPath,
    [COLLECTOR_CLI, "demo", "--port", "0", "--shop-port", String(shopPort), "--host", "127.0.0.1", "--db", db],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // A failed test must not leave the demo running.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  child.stdout.on("data", (part: Buffer) => (output += part.toString("utf8")));
  child.stderr.on("data", (part: Buffer) => (output += part.toString("utf8")));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      process.off("exit", killOnExit);
      resolve(code);
    }),
  );

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`touchpoint demo printed no links within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      if (!READY_LINE.test(output)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`touchpoint demo exited with ${code} before it was ready:\n${output}`));
    });
  });
  await ready.catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });

  const shop = SHOP_LINE.exec(output);
  const dashboard = DASHBOARD_LINE.exec(output);
  if (!shop?.[1] || !dashboard?.[1] || !dashboard[2] || !dashboard[3])
    throw new Error(`touchpoint demo printed no shop or dashboard link:\n${output}`);
  const keys = JSON.parse(readFileSync(join(dirname(db), "demo-keys.json"), "utf8")) as { siteId: string };
  return {
    shopUrl: shop[1],
    dashboardLink: dashboard[1],
    collectorUrl: dashboard[2],
    readKey: dashboard[3],
    siteId: keys.siteId,
    output: () => output,
    stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

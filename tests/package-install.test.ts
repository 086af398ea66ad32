/**
 * The collector as users get it from npm: the workspaces packed with `npm pack`, installed from
 * the tarballs into an empty folder, and run through `npx @touchpoint/collector`. It catches what
 * only a packed package shows: a file left out of `files`, an asset looked up in the repository,
 * a dependency that only the workspace provides.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, requireBuiltCollector } from "./support/process-collector.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The collector and the packages it serves files from at run time (the others are bundled into dist/cli.js). */
const PUBLISHED = ["@touchpoint/collector", "@touchpoint/sdk", "@touchpoint/dashboard", "@touchpoint/demo-shop"];
const READY_LINE = /Ctrl-C stops\.\n/;

let dir = "";
let app = "";
let demo: ChildProcess | null = null;

async function packageJson(path: string): Promise<{ version: string }> {
  return JSON.parse(await readFile(join(ROOT, path, "package.json"), "utf8")) as { version: string };
}

beforeAll(async () => {
  requireBuiltCollector();
  dir = await mkdtemp(join(tmpdir(), "touchpoint-package-"));
  app = join(dir, "app");
  await mkdir(app);
  const workspaces = PUBLISHED.flatMap((name) => ["--workspace", name]);
  const packed = await run("npm", ["pack", ...workspaces, "--pack-destination", dir, "--json"], { cwd: ROOT });
  const tarballs = (JSON.parse(packed.stdout) as { filename: string }[]).map((p) => join(dir, p.filename));
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "touchpoint-package-test", private: true }));
  // better-sqlite3 compiles from source on install (about 80 s on this machine); the test is
  // about our package, so it skips install scripts and takes the addon the workspace compiled
  // for the same better-sqlite3 version and the same Node.
  const sqlite = (await packageJson("node_modules/better-sqlite3")).version;
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", ...tarballs, `better-sqlite3@${sqlite}`],
    { cwd: app },
  );
  const addon = join("node_modules", "better-sqlite3", "build", "Release");
  await mkdir(join(app, addon), { recursive: true });
  await copyFile(join(ROOT, addon, "better_sqlite3.node"), join(app, addon, "better_sqlite3.node"));
});

afterAll(async () => {
  // The group outlives npx when the test failed before stopping it; ESRCH when all is gone.
  if (demo?.pid !== undefined) {
    try {
      process.kill(-demo.pid, "SIGKILL");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the packed collector installed from its tarballs", () => {
  it("answers --version with the package's version, as the touchpoint bin and through npx", async () => {
    const { version } = await packageJson("apps/collector");
    const bin = await run(join(app, "node_modules", ".bin", "touchpoint"), ["--version"], { cwd: app });
    expect(bin.stdout).toBe(`${version}\n`);
    // Without the "--", npx takes --version for itself and prints npm's version.
    const npx = await run("npx", ["--no", "--", "@touchpoint/collector", "--version"], { cwd: app });
    expect(npx.stdout).toBe(`${version}\n`);
  });

  it("runs the demo: shop, SDK script and dashboard are served, and a posted event is read back", async () => {
    const shopPort = await freePort();
    // Its own process group, so the kill below reaches node under npx too.
    const child = spawn(
      "npx",
      ["--no", "@touchpoint/collector", "demo", "--port", "0", "--shop-port", String(shopPort), "--db", "./data/touchpoint.db"],
      {
        cwd: app,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    demo = child;
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    // "close": npx and the node process under it share the pipes, so they close when both ended.
    const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => READY_LINE.test(output) && resolve());
      void exited.then((code) => reject(new Error(`touchpoint demo exited with ${code}:\n${output}`)));
    });

    const collector = /^ {2}collector: +(http:\/\/\S+)/m.exec(output)?.[1];
    const readKey = /dashboard#key=(\S+)/.exec(output)?.[1];
    const writeKey = /^ {2}write key: +(tp_pub_\S+)/m.exec(output)?.[1];
    expect(collector && readKey && writeKey, output).toBeTruthy();

    const shop = await fetch(`http://127.0.0.1:${shopPort}/`);
    expect(shop.status).toBe(200);
    expect(await shop.text()).toContain(writeKey);
    const script = await fetch(`${collector}/sdk/touchpoint.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const dashboard = await fetch(`${collector}/dashboard`);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("dashboard.js");

    const batch = await fetch(`${collector}/v1/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        writeKey,
        sentAt: "2026-11-23T10:00:05.000Z",
        events: [
          {
            id: "019ab0c2-0000-7000-8000-00000000a001",
            type: "touchpoint",
            name: "banner_click",
            anonymousId: "anon-pack",
            timestamp: "2026-11-23T10:00:00.000Z",
          },
          {
            id: "019ab0c2-0000-7000-8000-00000000a002",
            type: "identify",
            anonymousId: "anon-pack",
            customerId: "packed@example.com",
            timestamp: "2026-11-23T10:00:03.000Z",
          },
        ],
      }),
    });
    expect(await batch.json()).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });

    const journey = await fetch(`${collector}/v1/journeys/packed@example.com`, { headers: { authorization: `Bearer ${readKey}` } });
    expect(journey.status).toBe(200);
    const body = (await journey.json()) as { customerId: string; touchpoints: { id: string; name: string }[] };
    expect(body.customerId).toBe("packed@example.com");
    expect(body.touchpoints.map((t) => [t.id, t.name])).toEqual([["019ab0c2-0000-7000-8000-00000000a001", "banner_click"]]);

    // npx does not pass SIGTERM on, so the whole group gets it, as a terminal's Ctrl-C would.
    process.kill(-child.pid!, "SIGTERM");
    await exited;
    expect(output).toContain("touchpoint: SIGTERM: stopping the demo");
  });
});

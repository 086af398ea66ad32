import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { runCli, startServe } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

const tempDir = useTempDir("touchpoint-cli-");

// Each test starts node processes: seconds on a busy two-core machine.
describe("the built touchpoint CLI", { timeout: 30_000 }, () => {
  it("sites create prints exactly one JSON object with the keys, and sites list shows no secrets", async () => {
    const db = join(tempDir(), "data", "t.db");
    const created = await runCli([
      "sites",
      "create",
      "--name",
      "Shop",
      "--origin",
      "https://shop.example/any/path",
      "--origin",
      "http://localhost:8788",
      "--db",
      db,
    ]);
    expect(created.code).toBe(0);
    expect(created.stderr).toBe("");
    const site = JSON.parse(created.stdout) as Record<string, unknown>;
    expect(Object.keys(site)).toEqual(["id", "name", "writeKey", "readKey", "secretKey", "origins"]);
    expect(site).toMatchObject({ name: "Shop", origins: ["https://shop.example", "http://localhost:8788"] });

    const listed = await runCli(["sites", "list", "--db", db]);
    expect(listed.code).toBe(0);
    const sites = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(sites.map(({ createdAt, ...rest }) => rest)).toEqual([
      { id: site.id, name: "Shop", writeKey: site.writeKey, origins: site.origins },
    ]);
    expect(listed.stdout).not.toContain(site.readKey as string);
    expect(listed.stdout).not.toContain(site.secretKey as string);
  });

  it("reports bad invocations on stderr with exit code 2, and prints help with exit code 0", async () => {
    const missing = await runCli(["sites", "create", "--db", join(tempDir(), "t.db")]);
    expect(missing).toEqual({
      code: 2,
      stdout: "",
      stderr: "touchpoint sites create: --name is required\nSee `touchpoint sites create --help`.\n",
    });
    const badOrigin = await runCli(["sites", "create", "--name", "x", "--origin", "ftp://files.example", "--db", join(tempDir(), "t.db")]);
    expect(badOrigin.code).toBe(2);
    expect(badOrigin.stderr).toContain('--origin: "ftp://files.example" must be an http or https origin');
    const unknown = await runCli(["launch"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "launch"');
    const help = await runCli(["serve", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: touchpoint serve [--port 8787] [--host 127.0.0.1] [--db ./data/touchpoint.db]");
  });

  it("serves on a real port, creates the demo site on first start, and loses nothing acknowledged on SIGTERM under load", async () => {
    const db = join(tempDir(), "serve", "t.db");
    const served = await startServe(["--port", "0", "--db", db]);
    const writeKey = /write key: +(\S+)/.exec(served.stdout())?.[1];
    expect(served.stdout()).toContain('Created the site "demo"');
    const base = `http://127.0.0.1:${served.port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });

    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    async function client(name: string): Promise<void> {
      for (let n = 0; !stop; n++) {
        const ids = Array.from({ length: 20 }, (_, i) => `${name}-${n}-${i}`);
        const events = ids.map((id) => ({
          id,
          type: "touchpoint",
          name: "catalog_view",
          anonymousId: name,
          timestamp: new Date().toISOString(),
        }));
        try {
          const res = await fetch(`${base}/v1/batch`, {
            method: "POST",
            headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
            body: JSON.stringify({ writeKey, sentAt: new Date().toISOString(), events }),
          });
          sent++;
          if (res.status !== 200) return;
          const body = (await res.json()) as { accepted: number };
          expect(body.accepted).toBe(20);
          acknowledged.push(...ids);
        } catch {
          return; // the server has gone: refused or reset connections are not acknowledgements
        }
      }
    }
    const clients = Array.from({ length: 6 }, (_, i) => client(`c${i}`));
    while (sent < 60) await new Promise((resolve) => setTimeout(resolve, 5));
    served.child.kill("SIGTERM");
    const code = await served.exited;
    stop = true;
    await Promise.all(clients);

    expect(code).toBe(0);
    expect(served.stdout()).toContain("touchpoint: stopped; every acknowledged event is on disk");
    expect(acknowledged.length).toBeGreaterThanOrEqual(60 * 20 - 6 * 20);
    const store = await openSqliteStore(db);
    const [demo] = await store.listSites();
    const stored = new Set((await store.readEvents(demo!.id)).map((e) => e.id));
    await store.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});

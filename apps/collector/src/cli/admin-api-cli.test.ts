import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, startServe } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";

const tempDir = useTempDir("touchpoint-admin-api-");

describe("touchpoint admin-token and the admin API", { timeout: 60_000 }, () => {
  it("creates, lists, updates and erases sites over HTTP with the admin token only", async () => {
    const db = join(tempDir(), "t.db");
    const served = await startServe(["--port", "0", "--db", db]);
    try {
      const base = `http://127.0.0.1:${served.port}`;
      const readKey = /read key: +(\S+)/.exec(served.stdout())![1]!;
      const made = await runCli(["admin-token", "--db", db]);
      expect(made.stderr).toBe("");
      const { adminToken } = JSON.parse(made.stdout) as { adminToken: string };
      expect(adminToken).toMatch(/^tp_admin_[A-Za-z0-9_-]{32}$/);
      const admin = (path: string, init: RequestInit = {}, token = adminToken) =>
        fetch(`${base}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) },
        });

      const created = await admin("/v1/admin/sites", {
        method: "POST",
        body: JSON.stringify({ name: "Shop", origins: ["https://shop.example/cart", "https://shop.example"] }),
      });
      expect(created.status).toBe(201);
      const site = (await created.json()) as { id: string; writeKey: string; readKey: string; secretKey: string; origins: string[] };
      expect(Object.keys(site)).toEqual(["id", "name", "writeKey", "readKey", "secretKey", "origins"]);
      expect(site.origins).toEqual(["https://shop.example"]);
      // The new site ingests at once, from its allowed origin only.
      const post = (origin: string) =>
        fetch(`${base}/v1/batch`, {
          method: "POST",
          headers: { "content-type": "application/json", origin },
          body: JSON.stringify({
            writeKey: site.writeKey,
            sentAt: new Date().toISOString(),
            events: [{ id: `e-${origin}`, type: "page", anonymousId: "a", timestamp: new Date().toISOString() }],
          }),
        });
      expect((await post("https://shop.example")).status).toBe(200);
      expect((await post("https://other.example")).status).toBe(403);

      const listed = (await (await admin("/v1/admin/sites")).json()) as { id: string; name: string }[];
      expect(listed.map((s) => s.name)).toEqual(["demo", "Shop"]);
      expect(JSON.stringify(listed)).not.toContain(site.readKey);

      const updated = await admin(`/v1/admin/sites/${site.id}`, {
        method: "PATCH",
        body: JSON.stringify({ origins: ["https://other.example"] }),
      });
      expect(await updated.json()).toMatchObject({ id: site.id, origins: ["https://other.example"] });
      expect((await post("https://other.example")).status).toBe(200);

      const invalid = await admin(`/v1/admin/sites/${site.id}`, {
        method: "PATCH",
        body: JSON.stringify({ origins: ["ftp://x.example"] }),
      });
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({
        error: { code: "invalid_body", issues: [{ path: "origins.0", message: '"ftp://x.example" must be an http or https origin' }] },
      });
      expect((await admin("/v1/admin/sites", { method: "POST", body: JSON.stringify({ origins: [] }) })).status).toBe(400);

      const erased = await admin(`/v1/admin/sites/${site.id}`, { method: "DELETE" });
      expect(await erased.json()).toMatchObject({ id: site.id, deleted: { events: 2, sites: 1 } });
      expect((await admin(`/v1/admin/sites/${site.id}`, { method: "DELETE" })).status).toBe(404);
      expect((await post("https://other.example")).status).toBe(401);

      // Only the current admin token: no token, a site key, or a replaced token get 401.
      expect((await fetch(`${base}/v1/admin/sites`)).status).toBe(401);
      expect((await admin("/v1/admin/sites", {}, readKey)).status).toBe(401);
      const replaced = JSON.parse((await runCli(["admin-token", "--db", db])).stdout) as { adminToken: string };
      const old = await admin("/v1/admin/sites", {}, adminToken);
      expect(old.status).toBe(401);
      expect(await old.json()).toEqual({ error: { code: "unknown_admin_token", message: "this is not the current admin token" } });
      expect((await admin("/v1/admin/sites", {}, replaced.adminToken)).status).toBe(200);
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
  });
});

import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { DEFAULT_CONFIG } from "../config.js";
import { trustedProxies } from "../observe/trusted-proxies.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { publicCollectorUrl } from "./segment-settings.js";

describe("publicCollectorUrl", () => {
  it("is the request's origin, or a trusted proxy's forwarded scheme and host", () => {
    expect(publicCollectorUrl("http://10.0.0.5:8787/v1/projects/k/settings", null).origin).toBe("http://10.0.0.5:8787");
    expect(
      publicCollectorUrl("http://10.0.0.5:8787/v1/projects/k/settings", { proto: "https", host: "collector.example.com" }).origin,
    ).toBe("https://collector.example.com");
    expect(publicCollectorUrl("http://10.0.0.5:8787/x", { proto: "https, http", host: undefined }).origin).toBe("https://10.0.0.5:8787");
    expect(publicCollectorUrl("http://10.0.0.5:8787/x", { proto: "gopher", host: "evil.example/path" }).origin).toBe(
      "http://10.0.0.5:8787",
    );
  });
});

describe("GET /v1/projects/:writeKey/settings behind a reverse proxy", () => {
  it("points analytics.js at the proxy's https address only when the request came from a trusted proxy", async () => {
    const store = await openSqliteStore(":memory:");
    const site = await store.createSite({ name: "shop", origins: [] });
    const apiHostFrom = async (trusted: string) => {
      const app = createApp({ store, config: DEFAULT_CONFIG, trustedProxies: trustedProxies([trusted]) });
      const server = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
      });
      try {
        const port = (server.address() as AddressInfo).port;
        const res = await fetch(`http://127.0.0.1:${port}/v1/projects/${site.writeKey}/settings`, {
          headers: { "x-forwarded-proto": "https", "x-forwarded-host": "collector.example.com" },
        });
        const settings = (await res.json()) as { integrations: { "Segment.io": { apiHost: string; protocol: string } } };
        const { apiHost, protocol } = settings.integrations["Segment.io"];
        return `${protocol}://${apiHost}`;
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    };
    try {
      expect(await apiHostFrom("127.0.0.1")).toBe("https://collector.example.com/v1");
      expect(await apiHostFrom("10.0.0.0/8")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    } finally {
      await store.close();
    }
  });
});

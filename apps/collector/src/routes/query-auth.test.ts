import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { identify, journeyClient, touch } from "../testing/journey-client.js";

type Kind = "read" | "secret" | "write";

const spendRow = { groupBy: "channel", key: "email", from: "2026-03-01", to: "2026-03-31", amount: 10, currency: "EUR" };

/** Every query endpoint, the path its OpenAPI description uses, and the keys it admits. */
const ENDPOINTS: { method: string; url: string; documented: string; accepts: Kind[]; body?: unknown }[] = [
  { method: "GET", url: "/v1/journeys/alice", documented: "/v1/journeys/{customerId}", accepts: ["read"] },
  { method: "GET", url: "/v1/journeys?anonymousId=laptop", documented: "/v1/journeys", accepts: ["read"] },
  { method: "GET", url: "/v1/customers", documented: "/v1/customers", accepts: ["read"] },
  { method: "GET", url: "/v1/customers/alice/export", documented: "/v1/customers/{customerId}/export", accepts: ["read", "secret"] },
  { method: "GET", url: "/v1/attribution?model=linear", documented: "/v1/attribution", accepts: ["read"] },
  { method: "GET", url: "/v1/attribution?model=linear,markov", documented: "/v1/attribution", accepts: ["read"] },
  { method: "GET", url: "/v1/attribution/rows?model=linear", documented: "/v1/attribution/rows", accepts: ["read"] },
  { method: "GET", url: "/v1/paths", documented: "/v1/paths", accepts: ["read"] },
  { method: "GET", url: "/v1/customer-value", documented: "/v1/customer-value", accepts: ["read"] },
  { method: "GET", url: "/v1/funnel", documented: "/v1/funnel", accepts: ["read"] },
  { method: "GET", url: "/v1/moments-of-truth?stage=evaluation", documented: "/v1/moments-of-truth", accepts: ["read"] },
  { method: "POST", url: "/v1/spend", documented: "/v1/spend", accepts: ["secret"], body: spendRow },
  { method: "GET", url: "/v1/spend", documented: "/v1/spend", accepts: ["secret"] },
  { method: "GET", url: "/v1/site", documented: "/v1/site", accepts: ["read", "secret"] },
  { method: "DELETE", url: "/v1/customers/alice", documented: "/v1/customers/{customerId}", accepts: ["secret"] },
];

const KEY_NAMES: Record<Kind, string> = { write: "the public write key", read: "the read key", secret: "the site's secret key" };

let f: CollectorFixture;
beforeEach(async () => {
  f = await collectorFixture();
  await journeyClient(f).send([identify("i1", "laptop", "alice", 0), touch("t1", "laptop", "catalog_view", 1)]);
});
afterEach(async () => {
  await f.store.close();
});

function call(endpoint: (typeof ENDPOINTS)[number], authorization?: string) {
  const headers: Record<string, string> = endpoint.body === undefined ? {} : { "content-type": "application/json" };
  if (authorization !== undefined) headers.authorization = authorization;
  return f.app.request(endpoint.url, {
    method: endpoint.method,
    headers,
    body: endpoint.body === undefined ? undefined : JSON.stringify(endpoint.body),
  });
}

describe.each(ENDPOINTS)("$method $url", (endpoint) => {
  const wanted = endpoint.accepts.map((kind) => KEY_NAMES[kind]).join(" or ");

  it("answers 401 without a key, with a malformed header and with a key no site has", async () => {
    const missing = { error: { code: "missing_key", message: `send ${wanted} as \`Authorization: Bearer <key>\`` } };
    for (const authorization of [undefined, "Basic dXNlcjpwYXNz", "Bearer"]) {
      const res = await call(endpoint, authorization);
      expect([res.status, await res.json()]).toEqual([401, missing]);
    }
    const unknown = await call(endpoint, "Bearer tp_read_not-a-key-of-any-site");
    expect([unknown.status, await unknown.json()]).toEqual([401, { error: { code: "unknown_key", message: "no site has this key" } }]);
  });

  it.each(["write", "read", "secret"] as const)("with the %s key", async (kind) => {
    const key = { write: f.site.writeKey, read: f.site.readKey, secret: f.site.secretKey }[kind];
    const res = await call(endpoint, `Bearer ${key}`);
    if (endpoint.accepts.includes(kind)) {
      expect(res.status).toBe(endpoint.method === "POST" ? 201 : 200);
    } else {
      expect([res.status, await res.json()]).toEqual([
        403,
        { error: { code: "wrong_key", message: `this is ${KEY_NAMES[kind]}; this endpoint needs ${wanted}` } },
      ]);
    }
  });

  it("documents the keys it needs, and its 401 and 403", async () => {
    const doc = (await (await f.app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { security: unknown; responses: Record<string, unknown> }>>;
    };
    const operation = doc.paths[endpoint.documented]?.[endpoint.method.toLowerCase()];
    // Where the read key reads, the admin token does too (for the site its Touchpoint-Site header names).
    const schemes = endpoint.accepts.flatMap((kind) => (kind === "read" ? ["readKey", "adminToken"] : [`${kind}Key`]));
    expect(operation?.security).toEqual(schemes.map((scheme) => ({ [scheme]: [] })));
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(["401", "403"]));
  });
});

describe.each(ENDPOINTS)("$method $url with the admin token", (endpoint) => {
  const admits = endpoint.accepts.includes("read");

  it(
    admits
      ? "reads the site the Touchpoint-Site header names, and says what is missing or unknown"
      : "is refused: this endpoint needs a site key",
    async () => {
      const token = await f.store.replaceAdminToken();
      const withSite = (siteId?: string) =>
        f.app.request(endpoint.url, {
          method: endpoint.method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(siteId === undefined ? {} : { "touchpoint-site": siteId }),
            ...(endpoint.body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: endpoint.body === undefined ? undefined : JSON.stringify(endpoint.body),
        });
      if (!admits) {
        const refused = await withSite(f.site.id);
        expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([401, "unknown_key"]);
        return;
      }
      const [asAdmin, asReader] = await Promise.all([withSite(f.site.id), call(endpoint, `Bearer ${f.site.readKey}`)]);
      expect(asAdmin.status).toBe(200);
      const withoutTime = (text: string) => text.replace(/"asOf":"[^"]*"/g, "");
      expect(withoutTime(await asAdmin.text())).toBe(withoutTime(await asReader.text()));
      const missing = await withSite();
      expect([missing.status, await missing.json()]).toEqual([
        400,
        {
          error: {
            code: "missing_site",
            message: "the admin token reads the site whose id is in the `Touchpoint-Site` header (GET /v1/admin/sites)",
          },
        },
      ]);
      const unknown = await withSite("no-such-site");
      expect([unknown.status, await unknown.json()]).toEqual([
        404,
        { error: { code: "unknown_site", message: 'no site has the id "no-such-site"' } },
      ]);
    },
  );
});

describe("keys of another site", () => {
  it("read only that site's journeys", async () => {
    const other = await f.store.createSite({ name: "other", origins: [] });
    const res = await f.app.request("/v1/journeys/alice", { headers: { authorization: `Bearer ${other.readKey}` } });
    expect(res.status).toBe(404);
    expect((await f.app.request("/v1/journeys/alice", { headers: { authorization: `Bearer ${f.site.readKey}` } })).status).toBe(200);
  });
});

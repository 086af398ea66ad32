import { describe, expect, it, vi } from "vitest";
import { T0, useJourneyApp } from "../testing/journey-client.js";

const app = useJourneyApp(T0);
const row = { groupBy: "channel", key: "email", from: "2026-03-01", to: "2026-03-31", amount: 10, currency: "EUR" };

describe("GET /v1/spend", () => {
  it("lists the rows recorded with POST /v1/spend, oldest first, with the secret key only", async () => {
    const secret = app.f.site.secretKey;
    expect(await app.api.request("GET", "/v1/spend", secret)).toEqual({ status: 200, body: { spend: [] } });
    const first = await app.api.request("POST", "/v1/spend", secret, row);
    // A later row: oldest first is by createdAt.
    vi.setSystemTime(T0 + 1_000);
    const second = await app.api.request("POST", "/v1/spend", secret, { ...row, groupBy: "campaign", key: "spring", amount: 2.5 });
    expect(await app.api.request("GET", "/v1/spend", secret)).toEqual({ status: 200, body: { spend: [first.body, second.body] } });
    expect(first.body).toEqual({ id: expect.any(String), ...row, createdAt: new Date(T0).toISOString() });
    expect((await app.api.request("GET", "/v1/spend", app.f.site.readKey)).status).toBe(403);
  });
});

import { describe, expect, it } from "vitest";
import { T0, useJourneyApp } from "../testing/journey-client.js";

const app = useJourneyApp(T0);
const row = { groupBy: "channel", key: "email", from: "2026-03-01", to: "2026-03-31", amount: 10, currency: "EUR" };

describe("GET /v1/site", () => {
  it("names the key's site, with the currency of its spend once every row shares one", async () => {
    const { site } = app.f;
    const stageModels = (await app.api.get("/v1/site")).body.stageModels;
    expect(stageModels.map((model: { name: string }) => model.name)).toEqual(["site", "three_stage", "sales_funnel"]);
    const expected = { id: site.id, name: site.name, createdAt: new Date(site.createdAt).toISOString(), currency: null, stageModels };
    expect(await app.api.get("/v1/site")).toEqual({ status: 200, body: expected });
    await app.api.request("POST", "/v1/spend", site.secretKey, row);
    expect(await app.api.get("/v1/site", site.secretKey)).toEqual({ status: 200, body: { ...expected, currency: "EUR" } });
    await app.api.request("POST", "/v1/spend", site.secretKey, { ...row, key: "ads", currency: "USD" });
    expect((await app.api.get("/v1/site")).body.currency).toBeNull();
    expect((await app.api.get("/v1/site", site.writeKey)).status).toBe(403);
  });
});

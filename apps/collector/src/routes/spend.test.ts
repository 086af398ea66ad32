/** POST /v1/spend refuses amounts and keys that could not be stored or summed faithfully. */
import { describe, expect, it } from "vitest";
import { DAY, identify, page, T0, touch, useJourneyApp } from "../testing/journey-client.js";

const app = useJourneyApp(T0 + 20 * DAY);
const row = { groupBy: "channel", key: "email", from: "2026-03-01", to: "2026-03-31", amount: 10, currency: "EUR" };
const refused = (path: string, message: string) => ({
  status: 400,
  body: { error: { code: "invalid_body", message: `${path}: ${message}`, issues: [{ path, message }] } },
});

describe("POST /v1/spend", () => {
  const spend = (body: unknown) => app.api.request("POST", "/v1/spend", app.f.site.secretKey, body);

  it.each([
    ["a lone surrogate in the key", { ...row, key: "spring\ud800" }, "key", "must be well-formed Unicode (no lone surrogates)"],
    ["a control character in the key", { ...row, key: "spring\u0007" }, "key", "must not contain control characters"],
    ["an amount of 1e308", { ...row, amount: 1e308 }, "amount", "must be at most 1000000000000"],
  ])("refuses %s, naming the field", async (_, body, path, message) => {
    expect(await spend(body)).toEqual(refused(path, message));
    expect(await app.f.store.listSpend(app.f.site.id)).toEqual([]);
  });

  it("refuses an amount JSON reads as Infinity", async () => {
    const answer = await app.f.app.request("/v1/spend", {
      method: "POST",
      headers: { authorization: `Bearer ${app.f.site.secretKey}`, "content-type": "application/json" },
      body: '{"groupBy":"channel","key":"email","from":"2026-03-01","to":"2026-03-31","amount":1e999,"currency":"EUR"}',
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual(refused("amount", "must be a finite number").body);
  });

  it("keeps the cost finite at the largest amounts: two rows of the maximum add up", async () => {
    await app.api.send([
      page("p1", "laptop", 0, {
        url: "https://shop.example/?utm_source=newsletter&utm_medium=email",
        path: "/",
        utm: { source: "newsletter", medium: "email" },
      }),
      identify("p2", "laptop", "ada", 60_000),
      touch("p3", "laptop", "purchase", 120_000, { properties: { value: 100, currency: "EUR" } }),
    ]);
    expect((await spend({ ...row, amount: 1e12 })).status).toBe(201);
    expect((await spend({ ...row, amount: 1e12 })).status).toBe(201);
    const { body } = await app.api.get("/v1/attribution?model=last_touch&groupBy=channel&from=2026-03-01&to=2026-04-01");
    expect(body.credits).toEqual([expect.objectContaining({ key: "email", cost: 2e12, currency: "EUR", roas: 100 / 2e12, cac: 2e12 })]);
  });
});

/**
 * GET /v1/attribution with several models: one answer, one row per key with each model's credit.
 * Times are days after T0 (Monday 2 March 2026, 09:00 UTC):
 *   Alice: d0 09:00 page from a Google ad (paid_search); d3 09:00 page from the newsletter
 *     (email); d3 09:10 purchase (100). Path: paid_search, email.
 *   Bob: d2 09:00 page from facebook.com (organic_social); 09:10 purchase (50).
 *   Carol: d4 09:00 page from a blog (referral), 09:05 chatbot_question (referral); no purchase.
 * Email costs 30 EUR over 1-10 March.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { attributionComparisonSchema } from "../http/analyst-report-schemas.js";
import { DAY, HOUR, MINUTE, T0, identify, invalidParameterAnswer, page, touch, useJourneyApp } from "../testing/journey-client.js";

const shop = "https://shop.example/";
const app = useJourneyApp(T0 + 20 * DAY);
const d = (day: number, hour: number, minute = 0) => (day * 24 + hour - 9) * HOUR + minute * MINUTE;

beforeEach(async () => {
  await app.api.send([
    page("a1", "laptop", d(0, 9), { url: `${shop}?gclid=g-1`, path: "/", clickId: { gclid: "g-1" } }, { sessionId: "sa1" }),
    identify("a2", "laptop", "alice", d(0, 9, 5)),
    page(
      "a3",
      "laptop",
      d(3, 9),
      { url: `${shop}?utm_source=newsletter&utm_medium=email`, path: "/", utm: { source: "newsletter", medium: "email" } },
      { sessionId: "sa2" },
    ),
    touch("a4", "laptop", "purchase", d(3, 9, 10), { sessionId: "sa2", properties: { value: 100 } }),
  ]);
  await app.api.send([
    page("b1", "phone", d(2, 9), { url: shop, path: "/", referrer: "https://www.facebook.com/" }, { sessionId: "sb1" }),
    touch("b2", "phone", "purchase", d(2, 9, 10), { sessionId: "sb1", properties: { value: 50 } }),
  ]);
  await app.api.send([
    page("c1", "tablet", d(4, 9), { url: shop, path: "/", referrer: "https://blog.example/post" }, { sessionId: "sc1" }),
    touch("c2", "tablet", "chatbot_question", d(4, 9, 5), { sessionId: "sc1" }),
  ]);
  const spend = await app.api.request("POST", "/v1/spend", app.f.site.secretKey, {
    groupBy: "channel",
    key: "email",
    from: "2026-03-01",
    to: "2026-03-10",
    amount: 30,
    currency: "EUR",
  });
  expect(spend.status).toBe(201);
});

const credit = (conversions: number, value: number, roas: number | null = null, cac: number | null = null) => ({
  conversions,
  value,
  share: conversions / 2,
  firstConversions: conversions,
  roas,
  cac,
});

describe("GET /v1/attribution with several models", () => {
  it("answers model=first_touch,last_touch side by side, cost once per key", async () => {
    const { status, body } = await app.api.get("/v1/attribution?model=first_touch,last_touch");
    expect(status).toBe(200);
    expect(attributionComparisonSchema.safeParse(body).error).toBeUndefined();
    expect(body).toEqual({
      asOf: new Date(T0 + 20 * DAY).toISOString(),
      models: ["first_touch", "last_touch"],
      conversion: "purchase",
      groupBy: "channel",
      lookbackDays: 30,
      totalConversions: 2,
      totalValue: 150,
      // Sorted by the first model's conversions, then key.
      credits: [
        { key: "organic_social", cost: null, currency: null, models: { first_touch: credit(1, 50), last_touch: credit(1, 50) } },
        { key: "paid_search", cost: null, currency: null, models: { first_touch: credit(1, 100), last_touch: credit(0, 0) } },
        { key: "email", cost: 30, currency: "EUR", models: { first_touch: credit(0, 0, 0), last_touch: credit(1, 100, 100 / 30, 30) } },
      ],
    });
  });

  it("takes the models repeated too, and gives markov's removal effects beside linear", async () => {
    // Paths: paid_search > email converts (1), organic_social converts (1), referral > referral
    // does not. Markov: start goes to paid_search or organic_social or referral a third each;
    // removing paid_search or email loses Alice's conversion (P from 2/3 to 1/3: RE 1/2 each),
    // removing organic_social loses Bob's (RE 1/2). Normalised over 2 conversions: 2/3 each.
    const { body } = await app.api.get("/v1/attribution?model=linear&model=markov");
    expect(body.models).toEqual(["linear", "markov"]);
    const byKey = Object.fromEntries(
      body.credits.map((row: { key: string; models: Record<string, { conversions: number }> }) => [
        row.key,
        [row.models.linear?.conversions, row.models.markov?.conversions],
      ]),
    );
    expect(Object.keys(byKey).sort()).toEqual(["email", "organic_social", "paid_search"]);
    expect(byKey.organic_social[0]).toBe(1);
    expect(byKey.paid_search[0]).toBe(0.5);
    expect(byKey.email[0]).toBe(0.5);
    for (const key of ["organic_social", "paid_search", "email"]) expect(byKey[key][1], key).toBeCloseTo(2 / 3, 9);
  });

  it("keeps the one-model answer for one model", async () => {
    const { body } = await app.api.get("/v1/attribution?model=linear");
    expect(body.model).toBe("linear");
    expect(body.models).toBeUndefined();
  });

  it.each([
    [
      "model=linear,last_click",
      "model",
      'must be one of first_touch, last_touch, last_non_direct, linear, time_decay, position_based, markov, shapley, fractribution; got "last_click"',
    ],
    ["model=linear,linear", "model", "names a model twice"],
    ["model=linear,markov&groupBy=device", "groupBy", 'must be one of touchpoint, channel, stage, campaign; got "device"'],
  ])("refuses %s naming the parameter", async (query, path, message) => {
    expect(await app.api.get(`/v1/attribution?${query}`)).toEqual(invalidParameterAnswer(path, message));
  });
});

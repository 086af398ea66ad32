/**
 * GET /v1/customer-value end to end: journeys posted through /v1/batch (each batch sent at the
 * time of its events, as a browser would), spend through /v1/spend, the report read back through
 * HTTP, every number derived by hand below.
 *
 * Days after T0 (Monday 2 March 2026, 09:00 UTC); the report is asked on day 100 (10 June).
 *   Alice (laptop, persona runner)
 *     d0 09:00 page, landing from a Google ad (gclid), campaign spring   paid_search
 *     d1 09:10 purchase 100 (her first: acquired 3 March through paid_search, campaign spring)
 *     d40 09:10 purchase 50 (11 April; 39 days after her first)
 *   Bob (phone, persona hiker)
 *     d2 09:00 page from the newsletter (utm_medium=email)                email
 *     d2 09:10 purchase 60 (acquired 4 March through email)
 *   Carol (tablet): d3 a page typed in, no purchase: not a customer.
 *   Dan: a purchase of 30 recorded by the shop's server on d35 (6 April), no touch before it:
 *     acquired through (none), in April.
 * Spend: paid_search 124 EUR and email 31 EUR over March, campaign spring 10 EUR over March.
 */
import { vi, beforeEach, describe, expect, it } from "vitest";
import { customerValueSchema } from "../http/analyst-report-schemas.js";
import {
  DAY,
  MINUTE,
  T0,
  at,
  identify,
  invalidParameterAnswer,
  page,
  touch,
  useJourneyApp,
  type WireEvent,
} from "../testing/journey-client.js";

const NOW = T0 + 100 * DAY;
const shop = "https://shop.example/";
const app = useJourneyApp(NOW);

/** Sends a browser batch as it would arrive, a minute after its last event; batches go in time order (the rate limiter's clock must not run back). */
async function sendAt(offsetMs: number, events: WireEvent[]) {
  vi.setSystemTime(T0 + offsetMs + MINUTE);
  await app.api.send(events);
}

beforeEach(async () => {
  const spring = `${shop}?gclid=g-1&utm_campaign=spring`;
  await sendAt(5 * MINUTE, [
    page("a1", "laptop", 0, { url: spring, path: "/", clickId: { gclid: "g-1" }, utm: { campaign: "spring" } }, { sessionId: "sa1" }),
    identify("a2", "laptop", "alice", 5 * MINUTE, { persona: "runner" }),
  ]);
  await sendAt(DAY + 10 * MINUTE, [
    touch("a3", "laptop", "purchase", DAY + 10 * MINUTE, { sessionId: "sa2", properties: { value: 100, currency: "EUR" } }),
  ]);
  await sendAt(2 * DAY + 10 * MINUTE, [
    page(
      "b1",
      "phone",
      2 * DAY,
      { url: `${shop}?utm_source=newsletter&utm_medium=email`, path: "/", utm: { source: "newsletter", medium: "email" } },
      { sessionId: "sb1" },
    ),
    identify("b2", "phone", "bob", 2 * DAY + MINUTE, { persona: "hiker" }),
    touch("b3", "phone", "purchase", 2 * DAY + 10 * MINUTE, { sessionId: "sb1", properties: { value: 60, currency: "EUR" } }),
  ]);
  await sendAt(3 * DAY, [page("c1", "tablet", 3 * DAY, { url: shop, path: "/" }, { sessionId: "sc1" })]);
  await sendAt(40 * DAY + 10 * MINUTE, [
    touch("a4", "laptop", "purchase", 40 * DAY + 10 * MINUTE, { sessionId: "sa3", properties: { value: 50, currency: "EUR" } }),
  ]);
  vi.setSystemTime(NOW);
  await app.api.sendAsServer([
    {
      id: "d1",
      type: "touchpoint",
      name: "purchase",
      customerId: "dan",
      timestamp: at(35 * DAY),
      properties: { value: 30 },
      context: { channel: "call_center" },
    },
  ]);
  const spend = (body: unknown) => app.api.request("POST", "/v1/spend", app.f.site.secretKey, body);
  for (const row of [
    { groupBy: "channel", key: "paid_search", from: "2026-03-01", to: "2026-03-31", amount: 124, currency: "EUR" },
    { groupBy: "channel", key: "email", from: "2026-03-01", to: "2026-03-31", amount: 31, currency: "EUR" },
    { groupBy: "campaign", key: "spring", from: "2026-03-01", to: "2026-03-31", amount: 10, currency: "EUR" },
  ]) {
    expect((await spend(row)).status).toBe(201);
  }
});

const horizons = (d30: [number, number | null], d90: [number, number | null]) => [
  { days: 30, customers: d30[0], cltv: d30[1] },
  { days: 90, customers: d90[0], cltv: d90[1] },
  { days: 365, customers: 0, cltv: null },
];

describe("GET /v1/customer-value", () => {
  it("gives CAC, CLTV at each horizon, LTV:CAC and payback per acquisition channel", async () => {
    const { status, body } = await app.api.get("/v1/customer-value?from=2026-03-01&to=2026-04-01");
    expect(status).toBe(200);
    expect(customerValueSchema.safeParse(body).error).toBeUndefined();
    // March acquired Alice (paid_search) and Bob (email); Dan came in April. Each is 30 and 90
    // days old by day 100. Alice: 100 in her first 30 days, 150 to date; CAC 124 is reached by
    // her second purchase, 39 days after her first. Bob: 60; CAC 31, paid back at once.
    expect(body).toEqual({
      asOf: new Date(NOW).toISOString(),
      groupBy: "channel",
      conversion: "purchase",
      total: {
        key: "(all)",
        customers: 2,
        value: 210,
        cltv: 105,
        cltvAt: horizons([2, 80], [2, 105]),
        cost: 155,
        currency: "EUR",
        cac: 77.5,
        ltvToCac: 105 / 77.5,
        // On the day of their first purchases they hold (100 + 60) / 2 = 80 >= 77.5.
        paybackDays: 0,
      },
      groups: [
        {
          key: "email",
          customers: 1,
          value: 60,
          cltv: 60,
          cltvAt: horizons([1, 60], [1, 60]),
          cost: 31,
          currency: "EUR",
          cac: 31,
          ltvToCac: 60 / 31,
          paybackDays: 0,
        },
        {
          key: "paid_search",
          customers: 1,
          value: 150,
          cltv: 150,
          cltvAt: horizons([1, 100], [1, 150]),
          cost: 124,
          currency: "EUR",
          cac: 124,
          ltvToCac: 150 / 124,
          paybackDays: 39,
        },
      ],
    });
  });

  it("groups by campaign, cohort month and trait", async () => {
    const byCampaign = (await app.api.get("/v1/customer-value?groupBy=campaign")).body;
    // Without a period every customer counts: Dan through (none).
    expect(byCampaign.groups.map((g: { key: string; customers: number; cac: number | null }) => [g.key, g.customers, g.cac])).toEqual([
      ["(none)", 1, null],
      ["(not set)", 1, null],
      ["spring", 1, 10],
    ]);
    const byCohort = (await app.api.get("/v1/customer-value?groupBy=cohort")).body;
    // March: Alice and Bob, value 210, the month's channel spend 155. April: Dan, no spend.
    expect(
      byCohort.groups.map((g: { key: string; customers: number; value: number; cost: number | null }) => [
        g.key,
        g.customers,
        g.value,
        g.cost,
      ]),
    ).toEqual([
      ["2026-03", 2, 210, 155],
      ["2026-04", 1, 30, null],
    ]);
    const byPersona = (await app.api.get("/v1/customer-value?groupBy=trait.persona")).body;
    expect(byPersona.groups.map((g: { key: string; customers: number; cltv: number }) => [g.key, g.customers, g.cltv])).toEqual([
      ["(not set)", 1, 30],
      ["hiker", 1, 60],
      ["runner", 1, 150],
    ]);
  });

  it.each([
    ["groupBy=device", "groupBy", "must be channel, campaign, cohort or trait.KEY, e.g. trait.persona"],
    ["conversion=signup", "conversion", '"signup" is not a conversion event of this site; its stage model lists purchase'],
    ["conversion=stage:purchase", "conversion", "must be a conversion event name such as purchase"],
    ["from=2026-04-01&to=2026-03-01", "to", "must be later than from"],
    ["from=last-week", "from", "must be an ISO-8601 date (2026-03-01) or date-time with a time zone (2026-03-01T12:00:00Z)"],
    ["cohort=2026-03", "cohort", "is not a parameter of this endpoint"],
  ])("refuses %s naming the parameter", async (query, path, message) => {
    expect(await app.api.get(`/v1/customer-value?${query}`)).toEqual(invalidParameterAnswer(path, message));
  });

  it("answers only the read key", async () => {
    expect((await app.api.get("/v1/customer-value", "no-such-key")).status).toBe(401);
    expect((await app.api.get("/v1/customer-value", app.f.site.writeKey)).status).toBe(403);
    expect((await app.api.get("/v1/customer-value", app.f.site.secretKey)).status).toBe(403);
  });
});

/**
 * Attribution, funnel, moments of truth and spend end to end: journeys posted through
 * /v1/batch, read back from the query API, every number derived by hand below.
 *
 * Times are days after T0 (Monday 2 March 2026, 09:00 UTC):
 *   Alice (laptop, persona runner)
 *     d1 09:00 page, landing from a Google ad (gclid)      session sa1  paid_search  awareness
 *     d1 09:05 identify alice
 *     d3 09:00 page, landing from the newsletter           session sa2  email        consideration
 *     d3 09:02 catalog_view                                sa2          email        consideration
 *     d3 09:04 review_read                                 sa2          email        evaluation
 *     d5 09:00 page, typed the address                     session sa3  direct       (no stage)
 *     d5 09:10 purchase, value 100 EUR                     sa3          direct       purchase
 *   Bob (phone, persona hiker)
 *     d2 09:00 page, from facebook.com                     session sb1  organic_social awareness
 *     d2 09:01 identify bob
 *     d2 09:10 purchase, value 50 EUR                      sb1                       purchase
 *   Carol (tablet, never identified)
 *     d4 09:00 page, from a blog                           session sc1  referral     awareness
 *     d4 09:05 chatbot_question                            sc1          referral     evaluation
 * Alice's purchase path (touches before it, within 30 days): paid_search, email, email, email,
 * direct. Bob's: organic_social. Carol converts nothing (a non-converting path: referral x2).
 */
import { stageModelSchema } from "@touchpoint/journeys";
import { beforeEach, describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE, T0, identify, invalidParameterAnswer, page, touch, useJourneyApp } from "../testing/journey-client.js";
import { SAFARI_IPHONE } from "../testing/user-agents.js";

/** d20 09:00. */
const NOW = T0 + 20 * DAY;
const d = (day: number, hour: number, minute = 0) => (day * 24 + hour - 9) * HOUR + minute * MINUTE;
const shop = "https://shop.example/";

const app = useJourneyApp(NOW);
beforeEach(async () => {
  await app.api.send([
    page("a1", "laptop", d(1, 9), { url: `${shop}?gclid=g-1`, path: "/", clickId: { gclid: "g-1" } }, { sessionId: "sa1" }),
    identify("a2", "laptop", "alice", d(1, 9, 5), { persona: "runner" }),
    page(
      "a3",
      "laptop",
      d(3, 9),
      {
        url: `${shop}?utm_source=newsletter&utm_medium=email`,
        path: "/",
        utm: { source: "newsletter", medium: "email", campaign: "spring" },
      },
      { sessionId: "sa2" },
    ),
    touch("a4", "laptop", "catalog_view", d(3, 9, 2), { sessionId: "sa2" }),
    touch("a5", "laptop", "review_read", d(3, 9, 4), { sessionId: "sa2" }),
    page("a6", "laptop", d(5, 9), { url: shop, path: "/" }, { sessionId: "sa3" }),
    touch("a7", "laptop", "purchase", d(5, 9, 10), { sessionId: "sa3", properties: { value: 100, currency: "EUR" } }),
  ]);
  await app.api.send(
    [
      page("b1", "phone", d(2, 9), { url: shop, path: "/", referrer: "https://www.facebook.com/" }, { sessionId: "sb1" }),
      identify("b2", "phone", "bob", d(2, 9, 1), { persona: "hiker" }),
      touch("b3", "phone", "purchase", d(2, 9, 10), { sessionId: "sb1", properties: { value: 50, currency: "EUR" } }),
    ],
    SAFARI_IPHONE,
  );
  await app.api.send([
    page("c1", "tablet", d(4, 9), { url: shop, path: "/", referrer: "https://blog.example/post" }, { sessionId: "sc1" }),
    touch("c2", "tablet", "chatbot_question", d(4, 9, 5), { sessionId: "sc1" }),
  ]);
});

const noSpend = { cost: null, currency: null, roas: null, cac: null };
/** A credit row whose conversions are all first purchases (every purchase here is the customer's first). */
const credit = (key: string, conversions: number, value: number, totalConversions = 2) => ({
  key,
  conversions,
  value,
  share: conversions / totalConversions,
  firstConversions: conversions,
  ...noSpend,
});

function expectCredits(actual: { key: string; conversions: number; value: number }[], expected: ReturnType<typeof credit>[]) {
  expect(actual.map((c) => c.key)).toEqual(expected.map((c) => c.key));
  actual.forEach((row, i) => {
    const want = expected[i] as Record<string, unknown>;
    for (const [field, value] of Object.entries(want)) {
      if (typeof value === "number") expect((row as Record<string, unknown>)[field], `${row.key}.${field}`).toBeCloseTo(value, 9);
      else expect((row as Record<string, unknown>)[field], `${row.key}.${field}`).toEqual(value);
    }
  });
}

describe("GET /v1/attribution", () => {
  it("linear: a fifth of Alice's purchase to each of her five touches, Bob's to his one", async () => {
    const { status, body } = await app.api.get("/v1/attribution?model=linear");
    expect(status).toBe(200);
    expect({ ...body, credits: undefined }).toEqual({
      model: "linear",
      conversion: "purchase",
      groupBy: "channel",
      lookbackDays: 30,
      totalConversions: 2,
      totalValue: 150,
      credits: undefined,
      asOf: new Date(NOW).toISOString(),
    });
    // email: 3/5 of 1 conversion and of 100; paid_search and direct 1/5 each; organic_social all of Bob's.
    expectCredits(body.credits, [
      credit("organic_social", 1, 50),
      credit("email", 0.6, 60),
      credit("direct", 0.2, 20),
      credit("paid_search", 0.2, 20),
    ]);
  });

  it("last_non_direct: Alice's purchase to her last touch that is not direct (email)", async () => {
    const { body } = await app.api.get("/v1/attribution?model=last_non_direct");
    expectCredits(body.credits, [
      credit("email", 1, 100),
      credit("organic_social", 1, 50),
      credit("direct", 0, 0),
      credit("paid_search", 0, 0),
    ]);
  });

  it("position_based: 40% first, 40% last, 20% over the three between", async () => {
    // Alice: paid_search 0.4, direct 0.4, each email 0.2 / 3 (0.2 in all). Bob's one touch takes everything.
    const { body } = await app.api.get("/v1/attribution?model=position_based");
    expectCredits(body.credits, [
      credit("organic_social", 1, 50),
      credit("direct", 0.4, 40),
      credit("paid_search", 0.4, 40),
      credit("email", 0.2, 20),
    ]);
  });

  it("shapley: each conversion split evenly over the set of keys it touched", async () => {
    // Alice touched {paid_search, email, direct}: a third each; Bob {organic_social}.
    const { body } = await app.api.get("/v1/attribution?model=shapley");
    expectCredits(body.credits, [
      credit("organic_social", 1, 50),
      credit("direct", 1 / 3, 100 / 3),
      credit("email", 1 / 3, 100 / 3),
      credit("paid_search", 1 / 3, 100 / 3),
    ]);
  });

  it("groupBy=campaign: a touch takes its session's campaign, also when only the landing was tagged", async () => {
    // Alice's session sa2 landed tagged spring; its catalog_view and review_read carry no tags and
    // are spring too: 3 of her 5 touches. Her other sessions and Bob's have no campaign.
    const { body } = await app.api.get("/v1/attribution?model=linear&groupBy=campaign");
    expectCredits(body.credits, [credit("(not set)", 1.4, 90), credit("spring", 0.6, 60)]);
  });

  it("attributes stage entries, by touchpoint name, with path transforms", async () => {
    // Entries into evaluation: Alice at d3 09:04 after page_view, catalog_view (page views are
    // dropped from paths that hold other touchpoints): catalog_view 1. Carol at d4 09:05 after a
    // page view only: page_view 1. Bob never entered evaluation.
    const { body } = await app.api.get("/v1/attribution?model=first_touch&conversion=stage:evaluation&groupBy=touchpoint");
    expect(body).toMatchObject({ conversion: "stage:evaluation", groupBy: "touchpoint", totalConversions: 2, totalValue: 0 });
    expectCredits(body.credits, [credit("catalog_view", 1, 0), credit("page_view", 1, 0)]);
    // Alice's channel path without direct touches is paid_search, email, email, email; exposure
    // collapses it to paid_search, email: linear gives each half.
    const transformed = await app.api.get("/v1/attribution?model=linear&transform=remove_if_not_all:direct&transform=exposure");
    expectCredits(transformed.body.credits, [credit("organic_social", 1, 50), credit("email", 0.5, 50), credit("paid_search", 0.5, 50)]);
  });

  it("counts only conversions in [from, to), with the lookback window before each", async () => {
    // Only Alice's purchase (d5, 7 March) is in 5 to 8 March (the whole of 8 March included); with
    // a 3-day lookback her path starts at d2 09:10:
    // email, email, email, direct.
    const { body } = await app.api.get("/v1/attribution?model=first_touch&from=2026-03-05&to=2026-03-08&lookbackDays=3");
    expect([body.totalConversions, body.totalValue]).toEqual([1, 100]);
    expectCredits(body.credits, [credit("email", 1, 100, 1), credit("direct", 0, 0, 1)]);
  });

  it("adds cost, ROAS and CAC once spend is recorded", async () => {
    const spend = (body: unknown) => app.api.request("POST", "/v1/spend", app.f.site.secretKey, body);
    // 31 EUR over the 31 days of March on email; 100 EUR on paid search over 1-10 March.
    expect(
      (await spend({ groupBy: "channel", key: "email", from: "2026-03-01", to: "2026-03-31", amount: 31, currency: "EUR" })).status,
    ).toBe(201);
    expect(
      (await spend({ groupBy: "channel", key: "paid_search", from: "2026-03-01", to: "2026-03-10", amount: 100, currency: "EUR" })).status,
    ).toBe(201);
    expect(
      (await spend({ groupBy: "campaign", key: "spring", from: "2026-03-01", to: "2026-03-31", amount: 5, currency: "EUR" })).status,
    ).toBe(201);

    // The window 2 to 12 March (12 March included, as in spend rows) takes 11 of email's 31 days
    // (11 EUR) and 9 of paid search's 10 days (90 EUR). Linear credit: email 0.6 (value 60),
    // paid_search 0.2 (value 20).
    const { body } = await app.api.get("/v1/attribution?model=linear&from=2026-03-02&to=2026-03-12");
    const priced = Object.fromEntries(body.credits.map((c: { key: string }) => [c.key, c]));
    expect(priced.email).toMatchObject({ currency: "EUR" });
    expect(priced.email.cost).toBeCloseTo(11, 9);
    expect(priced.email.roas).toBeCloseTo(60 / 11, 9);
    expect(priced.email.cac).toBeCloseTo(11 / 0.6, 9);
    expect(priced.paid_search.cost).toBeCloseTo(90, 9);
    expect(priced.paid_search.roas).toBeCloseTo(20 / 90, 9);
    expect(priced.paid_search.cac).toBeCloseTo(90 / 0.2, 9);
    expect(priced.organic_social).toMatchObject(noSpend);
  });

  it.each([
    [
      "model=last_click",
      "model",
      'must be one of first_touch, last_touch, last_non_direct, linear, time_decay, position_based, markov, shapley, fractribution; got "last_click"',
    ],
    ["", "model", "is required"],
    ["model=linear&groupBy=device", "groupBy", 'must be one of touchpoint, channel, stage, campaign; got "device"'],
    ["model=linear&from=yesterday", "from", "must be an ISO-8601 date (2026-03-01) or date-time with a time zone (2026-03-01T12:00:00Z)"],
    ["model=linear&from=2026-03-05&to=2026-03-01", "to", "must be later than from"],
    ["model=linear&lookbackDays=0", "lookbackDays", "must be greater than 0"],
    ["model=time_decay&halfLifeDays=seven", "halfLifeDays", "must be a number such as 7 or 0.5"],
    [
      "model=linear&transform=reverse",
      "transform",
      'unknown transform "reverse"; expected one of unique, exposure, first, frequency, remove_if_not_all, remove_if_last_and_not_all',
    ],
    [
      "model=linear&conversion=stage:bliss",
      "conversion",
      'unknown stage "bliss"; this site\'s stages are awareness, consideration, evaluation, purchase, loyalty',
    ],
  ])("refuses %s naming the parameter", async (query, path, message) => {
    expect(await app.api.get(`/v1/attribution?${query}`)).toEqual(invalidParameterAnswer(path, message));
  });
});

describe("GET /v1/funnel", () => {
  /** [d2, d5) with stalledDays=15.5, the period of every split below. */
  const SPLIT_PERIOD = `from=${new Date(T0 + 2 * DAY).toISOString()}&to=${new Date(T0 + 5 * DAY).toISOString()}&stalledDays=15.5`;
  /** Each group of the funnel split by `groupBy` over SPLIT_PERIOD: its key, people per stage, stalled per stage. */
  const splitFunnel = async (groupBy: string): Promise<[string, number[], number[]][]> =>
    (await app.api.get(`/v1/funnel?groupBy=${groupBy}&${SPLIT_PERIOD}`)).body.groups.map(
      (g: { key: string; stages: { customers: number; stalled: number }[] }) => [
        g.key,
        g.stages.map((s) => s.customers),
        g.stages.map((s) => s.stalled),
      ],
    );
  it("counts people per stage, conversion from the previous one, time to the next, and who is stalled", async () => {
    // Entries: Alice awareness d1 09:00, consideration d3 09:00, evaluation d3 09:04, purchase
    // d5 09:10; Bob awareness d2 09:00, purchase d2 09:10, which implies consideration and
    // evaluation then; Carol awareness d4 09:00, evaluation d4 09:05, which implies consideration
    // then. All 3 reach consideration (after 5 min, 10 min and 2 days) and evaluation (0, 0 and
    // 4 min); Alice and Bob go on to purchase (2/3, after 2 days 6 min and 0); nobody reaches
    // loyalty. Now (d20 09:00) Carol has sat in evaluation for 16 days, Alice in purchase for 15,
    // Bob for 18: all more than the default 14. Alice and Bob identified themselves; Carol did not.
    const { status, body } = await app.api.get("/v1/funnel");
    expect(status).toBe(200);
    expect(body).toEqual({
      asOf: new Date(NOW).toISOString(),
      stages: [
        {
          stage: "awareness",
          customers: 3,
          identified: 2,
          anonymous: 1,
          conversionFromPrevious: null,
          dropOff: null,
          medianDaysToNext: 10 / 1440,
          p90DaysToNext: expect.closeTo(10 / 1440 + 0.8 * (2 - 10 / 1440), 12),
          stalled: 0,
        },
        {
          stage: "consideration",
          customers: 3,
          identified: 2,
          anonymous: 1,
          conversionFromPrevious: 1,
          dropOff: 0,
          medianDaysToNext: 0,
          p90DaysToNext: expect.closeTo(0.8 * (4 / 1440), 12),
          stalled: 0,
        },
        {
          stage: "evaluation",
          customers: 3,
          identified: 2,
          anonymous: 1,
          conversionFromPrevious: 1,
          dropOff: 0,
          medianDaysToNext: expect.closeTo((2 + 6 / 1440) / 2, 12),
          p90DaysToNext: expect.closeTo(0.9 * (2 + 6 / 1440), 12),
          stalled: 1,
        },
        {
          stage: "purchase",
          customers: 2,
          identified: 2,
          anonymous: 0,
          conversionFromPrevious: 2 / 3,
          dropOff: expect.closeTo(1 / 3, 12),
          medianDaysToNext: null,
          p90DaysToNext: null,
          stalled: 2,
        },
        {
          stage: "loyalty",
          customers: 0,
          identified: 0,
          anonymous: 0,
          conversionFromPrevious: 0,
          dropOff: 1,
          medianDaysToNext: null,
          p90DaysToNext: null,
          stalled: 0,
        },
      ],
    });
  });

  it("gives one funnel per persona, within a period, with stalledDays", async () => {
    // In [d2, d5): Bob's entries (consideration and evaluation implied by his purchase), Carol's
    // (consideration implied by her evaluation) and Alice's consideration and evaluation.
    // stalledDays=15.5: Bob (18 days) and Carol (15 days 23 h 55 min) are stalled, Alice (14 days 23 h 50 min) is not.
    const counts = await splitFunnel("trait.persona");
    expect(counts).toEqual([
      ["(not set)", [1, 1, 1, 0, 0], [0, 0, 1, 0, 0]],
      ["hiker", [1, 1, 1, 1, 0], [0, 0, 0, 1, 0]],
      ["runner", [0, 1, 1, 0, 0], [0, 0, 0, 0, 0]],
    ]);
  });

  it("splits identified customers from anonymous visitors", async () => {
    // The same period as by persona: identified are runner (Alice) and hiker (Bob) together, anonymous is Carol.
    expect(await splitFunnel("identified")).toEqual([
      ["anonymous", [1, 1, 1, 0, 0], [0, 0, 1, 0, 0]],
      ["identified", [1, 2, 2, 1, 0], [0, 0, 0, 1, 0]],
    ]);
  });

  it("gives one funnel per device type: Alice and Carol on desktop browsers, Bob on an iPhone", async () => {
    // The same period as by persona: Bob alone is mobile; Alice and Carol sent from a Windows Chrome.
    expect(await splitFunnel("deviceType")).toEqual([
      ["desktop", [1, 2, 2, 0, 0], [0, 0, 1, 0, 0]],
      ["mobile", [1, 1, 1, 1, 0], [0, 0, 0, 1, 0]],
    ]);
    // Alice opens the shop on an iPhone later (no stage): she now counts under both device types at once.
    await app.api.send([page("a8", "alice-phone", d(10, 9), { url: shop, path: "/" }, { customerId: "alice" })], SAFARI_IPHONE);
    expect((await splitFunnel("deviceType")).map(([key, customers]) => [key, customers])).toEqual([
      ["desktop", [1, 1, 1, 0, 0]],
      ["desktop+mobile", [0, 1, 1, 0, 0]],
      ["mobile", [1, 1, 1, 1, 0]],
    ]);
  });

  it("gives one funnel per channel or campaign of each person's first touch", async () => {
    // First touches: Alice's Google ad landing (paid_search), Bob's from Facebook (organic_social),
    // Carol's from a blog (referral); none of those landings carried utm_campaign.
    expect(await splitFunnel("channel")).toEqual([
      ["organic_social", [1, 1, 1, 1, 0], [0, 0, 0, 1, 0]],
      ["paid_search", [0, 1, 1, 0, 0], [0, 0, 0, 0, 0]],
      ["referral", [1, 1, 1, 0, 0], [0, 0, 1, 0, 0]],
    ]);
    expect(await splitFunnel("campaign")).toEqual([["(not set)", [2, 3, 3, 1, 0], [0, 0, 1, 1, 0]]]);
    // Dave's first touch is a landing of the summer campaign by email (consideration, as Alice's newsletter landing; stalled 17 days).
    await app.api.send([
      page(
        "d1",
        "desk",
        d(3, 9),
        {
          url: `${shop}?utm_source=news&utm_medium=email&utm_campaign=summer`,
          path: "/",
          utm: { source: "news", medium: "email", campaign: "summer" },
        },
        { sessionId: "sd1" },
      ),
    ]);
    expect(await splitFunnel("campaign")).toEqual([
      ["(not set)", [2, 3, 3, 1, 0], [0, 0, 1, 1, 0]],
      ["summer", [1, 1, 0, 0, 0], [0, 1, 0, 0, 0]],
    ]);
  });

  it("refuses a groupBy it does not know", async () => {
    expect((await app.api.get("/v1/funnel?groupBy=stage")).body.error.issues).toEqual([
      { path: "groupBy", message: "must be trait.KEY, e.g. trait.persona, identified, deviceType, channel or campaign" },
    ]);
  });
});

describe("reports after changes", () => {
  const awarenessAndPurchase = async () => {
    const { body } = await app.api.get("/v1/funnel");
    return body.stages
      .filter((s: { stage: string }) => s.stage === "awareness" || s.stage === "purchase")
      .map((s: { customers: number }) => s.customers);
  };

  it("show every change in the next report: a later visitor, an identify that takes a device, an erasure, a new stage model", async () => {
    expect(await awarenessAndPurchase()).toEqual([3, 2]);
    expect((await app.api.get("/v1/attribution?model=linear")).body.totalConversions).toBe(2);

    // Dave lands from Facebook and buys.
    await app.api.send([
      page("d1", "desk", d(6, 9), { url: shop, path: "/", referrer: "https://www.facebook.com/" }, { sessionId: "sd1" }),
      touch("d2", "desk", "purchase", d(6, 9, 5), { sessionId: "sd1", properties: { value: 30, currency: "EUR" } }),
    ]);
    expect(await awarenessAndPurchase()).toEqual([4, 3]);
    expect((await app.api.get("/v1/attribution?model=linear")).body.totalValue).toBe(180);

    // Carol's tablet turns out to be Bob's: her anonymous journey joins his.
    await app.api.send([identify("c3", "tablet", "bob", d(4, 9, 6))]);
    expect(await awarenessAndPurchase()).toEqual([3, 3]);
    expect(
      (await app.api.get("/v1/customers")).body.customers.map((c: { customerId: string; currentStage: string }) => [
        c.customerId,
        c.currentStage,
      ]),
    ).toEqual([
      ["alice", "purchase"],
      ["bob", "purchase"],
    ]);

    expect((await app.api.request("DELETE", "/v1/customers/bob", app.f.site.secretKey)).status).toBe(200);
    expect(await awarenessAndPurchase()).toEqual([2, 2]);
    expect((await app.api.get("/v1/attribution?model=linear")).body.totalValue).toBe(130);

    const model = stageModelSchema.parse({
      stages: ["visiting", "buying"],
      rules: [
        { stage: "visiting", event: "page_view" },
        { stage: "buying", event: "purchase" },
      ],
    });
    expect(await app.f.store.setStageModel(app.f.site.id, model)).toBe(true);
    expect((await app.api.get("/v1/funnel")).body.stages.map((s: { stage: string; customers: number }) => [s.stage, s.customers])).toEqual([
      ["visiting", 2],
      ["buying", 2],
    ]);
  });
});

describe("GET /v1/moments-of-truth", () => {
  it("tells the touchpoints after which people advanced from those after which they went quiet", async () => {
    // Alice's review_read (d3) is followed by her purchase within 7 days; Carol's chatbot
    // question (d4) by nothing at all, and its 7 days are over.
    expect(await app.api.get("/v1/moments-of-truth?stage=evaluation&withinDays=7")).toEqual({
      status: 200,
      body: {
        asOf: new Date(NOW).toISOString(),
        stage: "evaluation",
        withinDays: 7,
        touchpoints: [
          { name: "chatbot_question", customers: 1, advanced: 0, quiet: 1 },
          { name: "review_read", customers: 1, advanced: 1, quiet: 0 },
        ],
      },
    });
    // Within one day: Alice's purchase (2 days later) comes too late, and nothing else of hers
    // happens in that day, so she too went quiet after her review.
    expect((await app.api.get("/v1/moments-of-truth?stage=evaluation&withinDays=1")).body.touchpoints).toEqual([
      { name: "chatbot_question", customers: 1, advanced: 0, quiet: 1 },
      { name: "review_read", customers: 1, advanced: 0, quiet: 1 },
    ]);
    // Within 17 days Alice advanced; and at d20 the 17 days after Carol's question are not over,
    // so she cannot be said to have gone quiet yet.
    const recent = await app.api.get("/v1/moments-of-truth?stage=evaluation&withinDays=17");
    expect(recent.body.touchpoints).toEqual([
      { name: "chatbot_question", customers: 1, advanced: 0, quiet: 0 },
      { name: "review_read", customers: 1, advanced: 1, quiet: 0 },
    ]);
  });

  it("refuses an unknown stage", async () => {
    expect((await app.api.get("/v1/moments-of-truth?stage=bliss")).body.error.issues).toEqual([
      { path: "stage", message: 'unknown stage "bliss"; expected one of awareness, consideration, evaluation, purchase, loyalty' },
    ]);
  });
});

describe("POST /v1/spend", () => {
  it("stores a row and refuses bad rows naming the field, and a second currency for a key", async () => {
    const row = { groupBy: "channel", key: "email", from: "2026-03-01", to: "2026-03-31", amount: 31, currency: "EUR" };
    const stored = await app.api.request("POST", "/v1/spend", app.f.site.secretKey, row);
    expect(stored).toEqual({ status: 201, body: { ...row, id: expect.stringMatching(/^spend_/), createdAt: new Date(NOW).toISOString() } });
    expect(await app.api.request("POST", "/v1/spend", app.f.site.secretKey, { ...row, currency: "USD" })).toEqual({
      status: 409,
      body: {
        error: {
          code: "currency_conflict",
          message: 'spend on channel "email" is recorded in EUR',
          issues: [{ path: "currency", message: 'spend on channel "email" is recorded in EUR' }],
        },
      },
    });
    const bad = await app.api.request("POST", "/v1/spend", app.f.site.secretKey, {
      ...row,
      groupBy: "touchpoint",
      amount: -5,
      currency: "euro",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_body");
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["groupBy", "amount", "currency"]);
    expect((await app.api.request("POST", "/v1/spend", app.f.site.secretKey, { ...row, to: "2026-02-28" })).body.error.issues).toEqual([
      { path: "to", message: "must not be before from" },
    ]);
    expect((await app.api.request("POST", "/v1/spend", app.f.site.readKey, row)).status).toBe(403);
  });
});

describe("segments: channel, campaign and trait filters on every report", () => {
  const stageCounts = (body: { stages: { customers: number }[] }) => body.stages.map((s) => s.customers);

  it("narrow the funnel to the people with a touch in a channel or campaign, or a trait", async () => {
    // Carol alone came from a referral; Alice alone had the spring campaign and is the runner;
    // email or organic social takes Alice and Bob.
    expect(stageCounts((await app.api.get("/v1/funnel?channel=referral")).body)).toEqual([1, 1, 1, 0, 0]);
    expect(stageCounts((await app.api.get("/v1/funnel?campaign=spring")).body)).toEqual([1, 1, 1, 1, 0]);
    expect(stageCounts((await app.api.get("/v1/funnel?trait.persona=runner")).body)).toEqual([1, 1, 1, 1, 0]);
    expect(stageCounts((await app.api.get("/v1/funnel?channel=email,organic_social")).body)).toEqual([2, 2, 2, 2, 0]);
    expect(stageCounts((await app.api.get("/v1/funnel?channel=email&channel=organic_social")).body)).toEqual([2, 2, 2, 2, 0]);
    // Every part must hold: Bob had organic social but is no runner.
    expect(stageCounts((await app.api.get("/v1/funnel?channel=organic_social&trait.persona=runner")).body)).toEqual([0, 0, 0, 0, 0]);
    // Bob browsed on his iPhone; Alice and Carol on Windows desktops.
    expect(stageCounts((await app.api.get("/v1/funnel?deviceType=mobile")).body)).toEqual([1, 1, 1, 1, 0]);
    expect(stageCounts((await app.api.get("/v1/funnel?deviceType=desktop,tablet")).body)).toEqual([2, 2, 2, 1, 0]);
  });

  it("credit only the segment's conversions, and leave spend out since it is recorded for everyone", async () => {
    const spend = { groupBy: "channel", key: "email", from: "2026-03-01", to: "2026-03-31", amount: 31, currency: "EUR" };
    expect((await app.api.request("POST", "/v1/spend", app.f.site.secretKey, spend)).status).toBe(201);
    // channel=email: Alice alone; her purchase (100) split linearly over paid_search, email x3, direct.
    const { body } = await app.api.get("/v1/attribution?model=linear&channel=email");
    expect(body.totalConversions).toBe(1);
    expect(body.totalValue).toBe(100);
    expectCredits(body.credits, [credit("email", 0.6, 60, 1), credit("direct", 0.2, 20, 1), credit("paid_search", 0.2, 20, 1)]);
    expect((await app.api.get("/v1/attribution?model=linear")).body.credits[1]).toMatchObject({ key: "email", cost: 31 });

    const compared = await app.api.get("/v1/attribution?model=linear,first_touch&trait.persona=hiker");
    expect(compared.body.credits.map((row: { key: string; cost: number | null }) => [row.key, row.cost])).toEqual([
      ["organic_social", null],
    ]);

    await app.f.upkeep.caughtUp();
    const rows = await app.f.app.request("/v1/attribution/rows?model=linear&campaign=spring&format=ndjson", {
      headers: { authorization: `Bearer ${app.f.site.readKey}` },
    });
    const lines = (await rows.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { customer_id: string; key: string });
    expect(lines.map((line) => [line.customer_id, line.key])).toEqual([
      ["alice", "paid_search"],
      ["alice", "email"],
      ["alice", "email"],
      ["alice", "email"],
      ["alice", "direct"],
    ]);
  });

  it("narrow moments of truth, paths, customer value and the customer list the same way", async () => {
    expect((await app.api.get("/v1/moments-of-truth?stage=evaluation&withinDays=7&trait.persona=runner")).body.touchpoints).toEqual([
      { name: "review_read", customers: 1, advanced: 1, quiet: 0 },
    ]);
    const paths = await app.api.get("/v1/paths?channel=organic_social");
    expect(paths.body.paths.map((p: { path: string[]; conversions: number }) => [p.path, p.conversions])).toEqual([
      [["organic_social"], 1],
    ]);
    const value = await app.api.get("/v1/customer-value?campaign=spring");
    expect(value.body.total).toMatchObject({ customers: 1, value: 100, cost: null });
    const customers = await app.api.get("/v1/customers?channel=organic_social");
    expect(customers.body.customers.map((c: { customerId: string }) => c.customerId)).toEqual(["bob"]);
    const visitors = await app.api.get("/v1/customers?identified=false&channel=referral");
    expect(visitors.body.customers).toHaveLength(1);
  });

  it("refuse an empty value, naming the parameter", async () => {
    expect(await app.api.get("/v1/funnel?channel=email,")).toEqual(invalidParameterAnswer("channel", "must not hold an empty value"));
  });
});

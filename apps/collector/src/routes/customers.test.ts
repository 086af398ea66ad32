import { stageModelSchema } from "@touchpoint/journeys";
import { beforeEach, describe, expect, it } from "vitest";
import { DAY, MINUTE, T0, at, identify, invalidParameterAnswer, page, touch, useJourneyApp } from "../testing/journey-client.js";

const NOW = T0 + 20 * DAY;

const app = useJourneyApp(NOW);

const ids = (journey: { touchpoints: { id: string }[] }) => journey.touchpoints.map((t) => t.id);

describe("stages", () => {
  // Ann: banner, catalog, review, two purchases (the second a repeat purchase: loyalty).
  const ann = [
    identify("a0", "ann-laptop", "ann", 0, { persona: "runner" }),
    touch("a1", "ann-laptop", "banner_click", MINUTE),
    touch("a2", "ann-laptop", "catalog_view", DAY),
    touch("a3", "ann-laptop", "review_read", 2 * DAY),
    touch("a4", "ann-laptop", "purchase", 3 * DAY, { properties: { value: 40, plan: "basic" } }),
    touch("a5", "ann-laptop", "purchase", 9 * DAY, { properties: { value: 60, plan: "pro" } }),
  ];

  it("places each touchpoint in a stage of the default model and enters each stage once", async () => {
    await app.api.send(ann);
    const journey = (await app.api.get("/v1/journeys/ann")).body;
    expect(journey.touchpoints.map((t: { id: string; stage: string }) => [t.id, t.stage])).toEqual([
      ["a1", "awareness"],
      ["a2", "consideration"],
      ["a3", "evaluation"],
      ["a4", "purchase"],
      ["a5", "loyalty"],
    ]);
    expect(journey.stages).toEqual([
      { stage: "awareness", enteredAt: at(MINUTE) },
      { stage: "consideration", enteredAt: at(DAY) },
      { stage: "evaluation", enteredAt: at(2 * DAY) },
      { stage: "purchase", enteredAt: at(3 * DAY) },
      { stage: "loyalty", enteredAt: at(9 * DAY) },
    ]);
    expect([journey.currentStage, journey.lifetimeValue]).toEqual(["loyalty", 100]);
  });

  it("re-reads the whole history when the site gets its own model", async () => {
    await app.api.send(ann);
    const model = stageModelSchema.parse({
      stages: ["lead", "customer", "pro_customer"],
      rules: [
        { stage: "lead", event: "catalog_view" },
        { stage: "pro_customer", event: "purchase", property: { key: "plan", equals: "pro" } },
        { stage: "customer", event: "purchase" },
      ],
    });
    expect(await app.f.store.setStageModel(app.f.site.id, model)).toBe(true);

    const journey = (await app.api.get("/v1/journeys/ann")).body;
    expect(journey.touchpoints.map((t: { id: string; stage: string | null }) => [t.id, t.stage])).toEqual([
      ["a1", null],
      ["a2", "lead"],
      ["a3", null],
      ["a4", "customer"],
      ["a5", "pro_customer"],
    ]);
    expect(journey.stages).toEqual([
      { stage: "lead", enteredAt: at(DAY) },
      { stage: "customer", enteredAt: at(3 * DAY) },
      { stage: "pro_customer", enteredAt: at(9 * DAY) },
    ]);
    expect(journey.currentStage).toBe("pro_customer");
    expect((await app.api.get("/v1/customers?stage=pro_customer")).body.customers.map((c: { customerId: string }) => c.customerId)).toEqual(
      ["ann"],
    );
    expect((await app.api.get("/v1/customers?stage=loyalty")).body.error.issues).toEqual([
      { path: "stage", message: 'unknown stage "loyalty"; this site\'s stages are lead, customer, pro_customer' },
    ]);
  });
});

describe("GET /v1/customers", () => {
  // NOW is T0 + 20 days. Bea entered consideration 10 days ago, Cal 3 days ago; Dan made his
  // purchase 18 days ago; Eve is a visitor nobody identified.
  beforeEach(async () => {
    await app.api.send([
      identify("b0", "bea-phone", "bea", 10 * DAY, { persona: "runner", tier: "1" }),
      touch("b1", "bea-phone", "catalog_view", 10 * DAY + MINUTE),
    ]);
    await app.api.send([
      identify("c0", "cal-phone", "cal", 17 * DAY, { persona: "hiker" }),
      touch("c1", "cal-phone", "catalog_view", 17 * DAY + MINUTE),
    ]);
    await app.api.send([
      identify("d0", "dan-phone", "dan", 2 * DAY, { persona: "runner", tier: "2" }),
      touch("d1", "dan-phone", "purchase", 2 * DAY + MINUTE),
    ]);
    await app.api.send([page("e0", "eve-phone", 19 * DAY, { path: "/" })]);
  });

  it("lists known customers in id order with their current stage, since when, and traits", async () => {
    expect((await app.api.get("/v1/customers")).body).toEqual({
      asOf: new Date(NOW).toISOString(),
      customers: [
        {
          customerId: "bea",
          anonymousId: null,
          currentStage: "consideration",
          stageEnteredAt: at(10 * DAY + MINUTE),
          lastSeen: at(10 * DAY + MINUTE),
          traits: { persona: "runner", tier: "1" },
        },
        {
          customerId: "cal",
          anonymousId: null,
          currentStage: "consideration",
          stageEnteredAt: at(17 * DAY + MINUTE),
          lastSeen: at(17 * DAY + MINUTE),
          traits: { persona: "hiker" },
        },
        {
          customerId: "dan",
          anonymousId: null,
          currentStage: "purchase",
          stageEnteredAt: at(2 * DAY + MINUTE),
          lastSeen: at(2 * DAY + MINUTE),
          traits: { persona: "runner", tier: "2" },
        },
      ],
      nextCursor: null,
    });
  });

  it.each([
    ["?stage=consideration", ["bea", "cal"]],
    ["?stalledDays=7", ["bea", "dan"]],
    ["?stage=consideration&stalledDays=7", ["bea"]],
    ["?stalledDays=17.99", ["dan"]],
    ["?stalledDays=18", []],
    ["?trait.persona=runner", ["bea", "dan"]],
    ["?trait.persona=runner&trait.tier=2", ["dan"]],
    ["?trait.persona=runner&stage=consideration", ["bea"]],
    ["?trait.company=acme", []],
  ])("filters %s", async (query, expected) => {
    const { status, body } = await app.api.get(`/v1/customers${query}`);
    expect(status).toBe(200);
    expect(body.customers.map((c: { customerId: string }) => c.customerId)).toEqual(expected);
  });

  it("lists anonymous visitors with identified=false, by the funnel's definition of stalled", async () => {
    await app.api.send([touch("f0", "fay-tablet", "review_read", 2 * DAY)]);
    expect((await app.api.get("/v1/customers?identified=false")).body).toEqual({
      asOf: new Date(NOW).toISOString(),
      customers: [
        { customerId: null, anonymousId: "eve-phone", currentStage: null, stageEnteredAt: null, lastSeen: at(19 * DAY), traits: {} },
        {
          customerId: null,
          anonymousId: "fay-tablet",
          currentStage: "evaluation",
          stageEnteredAt: at(2 * DAY),
          lastSeen: at(2 * DAY),
          traits: {},
        },
      ],
      nextCursor: null,
    });
    const first = (await app.api.get("/v1/customers?identified=false&limit=1")).body;
    expect(first.nextCursor).toBe(Buffer.from("eve-phone").toString("base64url"));
    expect(
      (await app.api.get(`/v1/customers?identified=false&limit=1&cursor=${first.nextCursor}`)).body.customers.map(
        (c: { anonymousId: string }) => c.anonymousId,
      ),
    ).toEqual(["fay-tablet"]);
    // The funnel's stalled count is the known customers and the anonymous visitors stalled alike.
    const stalled = async (identified: string) =>
      (await app.api.get(`/v1/customers?stalledDays=7&identified=${identified}`)).body.customers.length;
    const funnel = (await app.api.get("/v1/funnel?stalledDays=7")).body.stages as { stalled: number }[];
    expect([await stalled("true"), await stalled("false")]).toEqual([2, 1]);
    expect(funnel.reduce((sum, stage) => sum + stage.stalled, 0)).toBe(3);
  });

  it("stands each customer where they are now: a stage entry dated in the future is ignored, as in the funnel", async () => {
    await app.api.sendAsServer([
      { id: "b9", type: "touchpoint", name: "purchase", customerId: "bea", timestamp: at(25 * DAY), context: { channel: "store" } },
    ]);
    expect(
      (await app.api.get("/v1/customers?stage=consideration")).body.customers.map((c: { customerId: string }) => c.customerId),
    ).toEqual(["bea", "cal"]);
    const funnel = (await app.api.get("/v1/funnel")).body.stages as { stage: string; customers: number }[];
    expect(funnel.find((stage) => stage.stage === "purchase")?.customers).toBe(1);
  });

  it("pages with an opaque cursor, and says when there is no next page", async () => {
    const first = (await app.api.get("/v1/customers?limit=2")).body;
    expect(first.customers.map((c: { customerId: string }) => c.customerId)).toEqual(["bea", "cal"]);
    expect(first.nextCursor).toBe(Buffer.from("cal").toString("base64url"));
    const second = (await app.api.get(`/v1/customers?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.customers.map((c: { customerId: string }) => c.customerId)).toEqual(["dan"]);
    // A page filled exactly by the last match has no next page either.
    expect((await app.api.get("/v1/customers?stage=consideration&limit=2")).body.nextCursor).toBeNull();
  });

  it.each([
    ["?limit=0", "limit", "must be at least 1"],
    ["?limit=abc", "limit", "must be a whole number"],
    ["?stalledDays=-1", "stalledDays", "must be a number >= 0 such as 14 or 0.5"],
    ["?identified=no", "identified", 'must be one of true, false; got "no"'],
    ["?cursor=!!", "cursor", "is not a cursor this API gave out"],
    ["?stage=nowhere", "stage", 'unknown stage "nowhere"; this site\'s stages are awareness, consideration, evaluation, purchase, loyalty'],
    ["?trait.persona=a&trait.persona=b", "trait.persona", "must be given once"],
    ["?sort=name", "sort", "is not a parameter of this endpoint"],
  ])("refuses %s naming the parameter", async (query, path, message) => {
    expect(await app.api.get(`/v1/customers${query}`)).toEqual(invalidParameterAnswer(path, message));
  });
});

describe("export and erasure", () => {
  // Alice browses on a laptop and a phone and calls the call center. Bob later logs in on the
  // phone without a reset, and browses there as himself.
  beforeEach(async () => {
    await app.api.send([
      page("l1", "laptop", 0, { path: "/" }),
      identify("l2", "laptop", "alice", MINUTE, { plan: "pro" }),
      touch("l3", "laptop", "catalog_view", 2 * MINUTE),
    ]);
    await app.api.send([touch("p1", "phone", "review_read", DAY), identify("p2", "phone", "alice", DAY + MINUTE, { city: "Lyon" })]);
    await app.api.sendAsServer([
      {
        id: "s1",
        type: "touchpoint",
        name: "support_contact",
        customerId: "alice",
        timestamp: at(2 * DAY),
        context: { channel: "call_center" },
      },
    ]);
    await app.api.send([
      identify("b1", "phone", "bob", 3 * DAY),
      touch("b2", "phone", "catalog_view", 3 * DAY + MINUTE, { customerId: "bob" }),
    ]);
  });

  it("exports everything stored about a customer, with the read key or the secret key", async () => {
    const exported = await app.api.get("/v1/customers/alice/export");
    expect(exported.status).toBe(200);
    expect(exported.body.customerId).toBe("alice");
    expect(exported.body.traits).toEqual({ plan: "pro", city: "Lyon" });
    expect(exported.body.events.map((e: { id: string }) => e.id)).toEqual(["l1", "l2", "l3", "p1", "p2", "s1"]);
    expect(exported.body.events[0]).toEqual({
      id: "l1",
      type: "page",
      name: "page_view",
      anonymousId: "laptop",
      customerId: null,
      sessionId: null,
      timestamp: at(0),
      receivedAt: new Date(NOW).toISOString(),
      properties: {},
      traits: null,
      context: { path: "/" },
      userAgent: expect.stringContaining("Chrome/124"),
      device: { browser: "Chrome", os: "Windows", type: "desktop" },
    });
    expect(exported.body.links).toEqual([
      { anonymousId: "laptop", customerId: "alice", eventId: "l2", linkedAt: at(MINUTE) },
      { anonymousId: "phone", customerId: "alice", eventId: "p2", linkedAt: at(DAY + MINUTE) },
    ]);
    expect((await app.api.get("/v1/customers/alice/export", app.f.site.secretKey)).body).toEqual(exported.body);
    expect((await app.api.get("/v1/customers/nobody/export")).status).toBe(404);
  });

  it("erases every event, link and trait of the customer, the anonymous ones of their devices included", async () => {
    expect((await app.api.request("DELETE", "/v1/customers/alice", app.f.site.readKey)).status).toBe(403);
    expect(await app.api.request("DELETE", "/v1/customers/alice", app.f.site.secretKey)).toEqual({
      status: 200,
      body: { customerId: "alice", erased: { events: 6, links: 2 } },
    });

    expect((await app.api.get("/v1/journeys/alice")).status).toBe(404);
    expect((await app.api.get("/v1/journeys?anonymousId=laptop")).status).toBe(404);
    expect((await app.api.get("/v1/customers/alice/export")).status).toBe(404);
    // The phone now belongs to Bob, who identified it too; nothing of Alice's is in his journey.
    const bob = (await app.api.get("/v1/journeys?anonymousId=phone")).body;
    expect([bob.customerId, ids(bob), bob.traits]).toEqual(["bob", ["b2"], {}]);
    expect((await app.api.get("/v1/customers")).body.customers.map((c: { customerId: string }) => c.customerId)).toEqual(["bob"]);
    const left = await app.f.store.readEvents(app.f.site.id);
    expect(left.map((e) => e.id)).toEqual(["b1", "b2"]);
    expect(JSON.stringify(left)).not.toMatch(/alice|laptop|Lyon/);
    expect(await app.api.request("DELETE", "/v1/customers/alice", app.f.site.secretKey)).toEqual({
      status: 200,
      body: { customerId: "alice", erased: { events: 0, links: 0 } },
    });
  });

  it("refuses a replay of the erased customer's batches, and new events with their customer id, counted as suppressed", async () => {
    await app.api.request("DELETE", "/v1/customers/alice", app.f.site.secretKey);
    // The same batches again, as the SDK's retry queue would send them.
    expect(
      await app.api.send([
        page("l1", "laptop", 0, { path: "/" }),
        identify("l2", "laptop", "alice", MINUTE, { plan: "pro" }),
        touch("l3", "laptop", "catalog_view", 2 * MINUTE),
      ]),
    ).toEqual({
      accepted: 0,
      duplicates: 0,
      suppressed: 3,
      bots: 0,
      rejected: [],
    });
    expect(
      await app.api.sendAsServer([
        {
          id: "s1",
          type: "touchpoint",
          name: "support_contact",
          customerId: "alice",
          timestamp: at(2 * DAY),
          context: { channel: "call_center" },
        },
      ]),
    ).toEqual({
      accepted: 0,
      duplicates: 0,
      suppressed: 1,
      bots: 0,
      rejected: [],
    });
    // A new event naming the erased customer is refused too; a new visit of the laptop is nobody's, and Bob's retry is a duplicate.
    expect(
      await app.api.send([
        identify("l4", "tablet", "alice", 4 * DAY),
        touch("l5", "laptop", "catalog_view", 4 * DAY),
        identify("b1", "phone", "bob", 3 * DAY),
      ]),
    ).toEqual({
      accepted: 1,
      duplicates: 1,
      suppressed: 1,
      bots: 0,
      rejected: [],
    });
    expect((await app.api.get("/v1/journeys/alice")).status).toBe(404);
    expect((await app.api.get("/v1/customers/alice/export")).status).toBe(404);
    expect((await app.f.store.readEvents(app.f.site.id)).map((e) => e.id)).toEqual(["b1", "b2", "l5"]);
  });
});

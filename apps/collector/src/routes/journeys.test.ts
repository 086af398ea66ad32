import { describe, expect, it, vi } from "vitest";
import { DAY, MINUTE, at, identify, page, touch, useJourneyApp } from "../testing/journey-client.js";
import { GOOGLEBOT } from "../testing/user-agents.js";

const NOW = Date.parse("2026-03-20T12:00:00.000Z");
const chromeOnWindows = { browser: "Chrome", os: "Windows", type: "desktop" };

const app = useJourneyApp(NOW);

const fromGoogleAds = { url: "https://shop.example/?gclid=g-1", path: "/", referrer: "https://www.google.com/", clickId: { gclid: "g-1" } };

describe("GET /v1/journeys/:customerId", () => {
  it("puts a visitor's anonymous touchpoints before the identify into the customer's journey, in stages and sessions", async () => {
    const s1 = { sessionId: "s1" };
    await app.api.send([
      page("p1", "laptop", 0, fromGoogleAds, s1),
      touch("b1", "laptop", "banner_click", MINUTE, { ...s1, properties: { banner: "spring" }, context: { path: "/" } }),
      touch("c1", "laptop", "catalog_view", 3 * MINUTE, { ...s1, context: { path: "/catalog" } }),
    ]);
    await app.api.send([identify("i1", "laptop", "alice", 5 * MINUTE, { persona: "runner", plan: "free" })]);
    await app.api.send([touch("r1", "laptop", "review_read", 6 * MINUTE, { ...s1, context: { path: "/products/42" } })]);

    const { status, body } = await app.api.get("/v1/journeys/alice");
    expect(status).toBe(200);
    expect(body).toEqual({
      customerId: "alice",
      anonymousIds: ["laptop"],
      traits: { persona: "runner", plan: "free" },
      currentStage: "evaluation",
      stages: [
        { stage: "awareness", enteredAt: at(0) },
        { stage: "consideration", enteredAt: at(3 * MINUTE) },
        { stage: "evaluation", enteredAt: at(6 * MINUTE) },
      ],
      sessions: [
        {
          id: "s1",
          channel: "paid_search",
          startedAt: at(0),
          endedAt: at(6 * MINUTE),
          landingUrl: fromGoogleAds.url,
          referrer: fromGoogleAds.referrer,
          utm: null,
          touchpoints: 4,
        },
      ],
      touchpoints: [
        {
          id: "p1",
          type: "page",
          name: "page_view",
          stage: "awareness",
          channel: "paid_search",
          timestamp: at(0),
          sessionId: "s1",
          properties: {},
          context: fromGoogleAds,
        },
        {
          id: "b1",
          type: "touchpoint",
          name: "banner_click",
          stage: "awareness",
          channel: "paid_search",
          timestamp: at(MINUTE),
          sessionId: "s1",
          properties: { banner: "spring" },
          context: { path: "/" },
        },
        {
          id: "c1",
          type: "touchpoint",
          name: "catalog_view",
          stage: "consideration",
          channel: "paid_search",
          timestamp: at(3 * MINUTE),
          sessionId: "s1",
          properties: {},
          context: { path: "/catalog" },
        },
        {
          id: "r1",
          type: "touchpoint",
          name: "review_read",
          stage: "evaluation",
          channel: "paid_search",
          timestamp: at(6 * MINUTE),
          sessionId: "s1",
          properties: {},
          context: { path: "/products/42" },
        },
      ],
      conversions: [],
      lifetimeValue: 0,
      firstSeen: at(0),
      lastSeen: at(6 * MINUTE),
    });
  });

  it("joins two devices of one customer, and answers the customer's journey for either anonymous id", async () => {
    await app.api.send([touch("l1", "laptop", "catalog_view", 0), identify("l2", "laptop", "alice", MINUTE)]);
    await app.api.send([
      touch("p1", "phone", "review_read", DAY),
      touch("p2", "phone", "purchase", DAY + 2 * MINUTE, { properties: { value: 80, currency: "EUR" } }),
    ]);
    // Before the phone logs in it is an anonymous visitor of its own.
    expect((await app.api.get("/v1/journeys?anonymousId=phone")).body).toMatchObject({ customerId: null, anonymousIds: ["phone"] });
    await app.api.send([identify("p3", "phone", "alice", DAY + 5 * MINUTE)]);

    const { body } = await app.api.get("/v1/journeys/alice");
    expect(body.anonymousIds).toEqual(["laptop", "phone"]);
    expect(body.touchpoints.map((t: { id: string }) => t.id)).toEqual(["l1", "p1", "p2"]);
    expect(body.conversions).toEqual([{ id: "p2", name: "purchase", timestamp: at(DAY + 2 * MINUTE), value: 80, currency: "EUR" }]);
    expect(body.lifetimeValue).toBe(80);
    expect((await app.api.get("/v1/journeys?anonymousId=phone")).body).toEqual(body);
    expect((await app.api.get("/v1/journeys?anonymousId=laptop")).body).toEqual(body);
  });

  it("keeps two people of a shared device apart when the first one logged out (reset: a new anonymous id)", async () => {
    await app.api.send([
      touch("k1", "kiosk-1", "catalog_view", 0),
      identify("k2", "kiosk-1", "carol", MINUTE),
      touch("k3", "kiosk-1", "add_to_cart", 2 * MINUTE),
    ]);
    await app.api.send([
      page("k4", "kiosk-2", 3 * MINUTE, { path: "/pricing" }),
      identify("k5", "kiosk-2", "dave", 4 * MINUTE),
      touch("k6", "kiosk-2", "purchase", 5 * MINUTE),
    ]);

    const carol = (await app.api.get("/v1/journeys/carol")).body;
    const dave = (await app.api.get("/v1/journeys/dave")).body;
    expect([carol.anonymousIds, carol.touchpoints.map((t: { id: string }) => t.id)]).toEqual([["kiosk-1"], ["k1", "k3"]]);
    expect([dave.anonymousIds, dave.touchpoints.map((t: { id: string }) => t.id)]).toEqual([["kiosk-2"], ["k4", "k6"]]);
  });

  it("gives events that carry customer B to B, on a device identified as A", async () => {
    await app.api.send([identify("g1", "g", "grace", 0), touch("g2", "g", "catalog_view", MINUTE)]);
    await app.api.send([touch("h1", "g", "chatbot_question", 2 * MINUTE, { customerId: "heidi" })]);
    await app.api.sendAsServer([
      {
        id: "h2",
        type: "touchpoint",
        name: "talk_to_sales",
        customerId: "heidi",
        timestamp: at(3 * MINUTE),
        context: { channel: "call_center" },
      },
    ]);

    expect((await app.api.get("/v1/journeys/grace")).body.touchpoints.map((t: { id: string }) => t.id)).toEqual(["g2"]);
    const heidi = (await app.api.get("/v1/journeys/heidi")).body;
    expect(heidi.touchpoints.map((t: { id: string; channel: string }) => [t.id, t.channel])).toEqual([
      ["h1", "direct"],
      ["h2", "call_center"],
    ]);
    expect(heidi.anonymousIds).toEqual(["g"]);
  });

  it("rejects events whose customer id is a placeholder, one by one, and stores the rest", async () => {
    const placeholders = ["null", "undefined", "Anonymous", "GUEST", "0", "NaN", "[object Object]", "true", "false", "   "];
    const answer = await app.api.send([
      touch("ok-1", "v", "catalog_view", 0),
      ...placeholders.map((customerId, i) => identify(`bad-${i}`, "v", customerId, MINUTE)),
      identify("ok-2", "v", "valid-customer", 2 * MINUTE),
    ]);
    expect(answer.accepted).toBe(2);
    expect(answer.rejected.map((r) => [r.index, r.id, r.errors.map((e) => e.path)])).toEqual(
      placeholders.map((_, i) => [i + 1, `bad-${i}`, ["customerId"]]),
    );
    expect((await app.api.get("/v1/journeys/valid-customer")).body.touchpoints.map((t: { id: string }) => t.id)).toEqual(["ok-1"]);
    expect((await app.api.get("/v1/journeys/null")).status).toBe(404);
  });

  it("answers 404 with a JSON error for an unknown customer or anonymous id", async () => {
    expect(await app.api.get("/v1/journeys/nobody")).toEqual({
      status: 404,
      body: { error: { code: "unknown_customer", message: 'no event of the customer "nobody" is stored' } },
    });
    expect(await app.api.get("/v1/journeys?anonymousId=ghost")).toEqual({
      status: 404,
      body: { error: { code: "unknown_visitor", message: 'no event of the anonymous id "ghost" is stored' } },
    });
    expect((await app.api.get("/v1/journeys")).body.error).toEqual({
      code: "invalid_parameter",
      message: "anonymousId: is required",
      issues: [{ path: "anonymousId", message: "is required" }],
    });
  });

  it("reads customer ids with any characters in the path", async () => {
    await app.api.send([identify("i1", "v", "ada@example.com/../x", 0), touch("t1", "v", "catalog_view", MINUTE)]);
    expect(
      (await app.api.get(`/v1/journeys/${encodeURIComponent("ada@example.com/../x")}`)).body.touchpoints.map((t: { id: string }) => t.id),
    ).toEqual(["t1"]);
  });

  it("counts bot events and keeps them out of every journey", async () => {
    expect(
      await app.api.send([page("bot-1", "crawler", 0, { path: "/" }), touch("bot-2", "crawler", "catalog_view", MINUTE)], GOOGLEBOT),
    ).toEqual({ accepted: 0, duplicates: 0, suppressed: 0, bots: 2, rejected: [] });
    expect((await app.api.get("/v1/journeys?anonymousId=crawler")).status).toBe(404);
    expect(await app.api.send([page("v-1", "visitor", 0, { path: "/" })])).toEqual({
      accepted: 1,
      duplicates: 0,
      suppressed: 0,
      bots: 0,
      rejected: [],
    });
    const visitor = await app.f.store.readEvents(app.f.site.id);
    expect(visitor.map((e) => [e.id, e.device])).toEqual([["v-1", chromeOnWindows]]);
  });

  it("gives each session the channel its arrival says", async () => {
    await app.api.send([
      page(
        "e1",
        "v",
        0,
        { url: "https://shop.example/?utm_source=newsletter&utm_medium=email", path: "/", utm: { source: "newsletter", medium: "email" } },
        { sessionId: "email" },
      ),
      page("s1", "v", DAY, { url: "https://shop.example/", path: "/", referrer: "https://www.google.com/" }, { sessionId: "search" }),
      page("p1", "v", 2 * DAY, fromGoogleAds, { sessionId: "ads" }),
      page("f1", "v", 3 * DAY, { url: "https://shop.example/", path: "/", referrer: "https://m.facebook.com/" }, { sessionId: "social" }),
      page("r1", "v", 4 * DAY, { url: "https://shop.example/", path: "/", referrer: "https://blog.example/post" }, { sessionId: "blog" }),
      page(
        "i1",
        "v",
        4 * DAY + MINUTE,
        { url: "https://shop.example/catalog", path: "/catalog", referrer: "https://shop.example/" },
        { sessionId: "inside" },
      ),
      page("d1", "v", 5 * DAY, { url: "https://shop.example/", path: "/" }, { sessionId: "typed" }),
    ]);
    await app.api.send([identify("id", "v", "vera", 5 * DAY + MINUTE)]);
    await app.api.sendAsServer([
      {
        id: "c1",
        type: "touchpoint",
        name: "support_contact",
        customerId: "vera",
        timestamp: at(6 * DAY),
        context: { channel: "call_center" },
      },
    ]);
    expect((await app.api.get("/v1/journeys/vera")).body.sessions.map((s: { id: string; channel: string }) => [s.id, s.channel])).toEqual([
      ["email", "email"],
      ["search", "organic_search"],
      ["ads", "paid_search"],
      ["social", "organic_social"],
      ["blog", "referral"],
      // A landing from the shop itself starts no channel: the visit continues the blog referral.
      ["inside", "referral"],
      ["typed", "direct"],
      ["c1", "call_center"],
    ]);
  });

  it("reads utm tags sent only in the URL, a numeric-string value, and fbclid alone as organic social", async () => {
    await app.api.sendAsServer([
      {
        id: "u1",
        type: "page",
        customerId: "uma",
        timestamp: at(0),
        context: { url: "https://shop.example/?utm_source=crm&utm_medium=email&utm_campaign=winback", path: "/" },
      },
      {
        id: "u2",
        type: "touchpoint",
        name: "purchase",
        customerId: "uma",
        timestamp: at(MINUTE),
        properties: { value: "20", currency: "EUR" },
      },
      { id: "u3", type: "page", customerId: "uma", timestamp: at(DAY), context: { url: "https://shop.example/?fbclid=IwAR0", path: "/" } },
    ]);
    const journey = (await app.api.get("/v1/journeys/uma")).body;
    expect(journey.sessions.map((s: { channel: string; utm: unknown }) => [s.channel, s.utm])).toEqual([
      ["email", { source: "crm", medium: "email", campaign: "winback" }],
      ["organic_social", null],
    ]);
    expect([journey.conversions[0].value, journey.lifetimeValue]).toEqual([20, 20]);
    const byCampaign = (await app.api.get("/v1/attribution?model=last_touch&groupBy=campaign")).body;
    expect(byCampaign.credits.map((c: { key: string; conversions: number; value: number }) => [c.key, c.conversions, c.value])).toEqual([
      ["winback", 1, 20],
    ]);
  });
});

describe("a journey answered again", () => {
  const ids = (body: { touchpoints: { id: string }[] }) => body.touchpoints.map((t) => t.id);
  const getJourney = async (path: string, headers: Record<string, string> = {}) => {
    await app.f.upkeep.caughtUp();
    return app.f.app.request(path, { headers: { authorization: `Bearer ${app.f.site.readKey}`, ...headers } });
  };

  it("shows an added, moved, expired or erased event at the next request", async () => {
    await app.api.send([
      touch("l1", "laptop", "catalog_view", 0),
      touch("l2", "laptop", "banner_click", 20_000),
      identify("l3", "laptop", "alice", MINUTE),
    ]);
    expect(ids((await app.api.get("/v1/journeys/alice")).body)).toEqual(["l1", "l2"]);
    expect(ids((await app.api.get("/v1/journeys/alice")).body)).toEqual(["l1", "l2"]);

    await app.api.send([touch("l4", "laptop", "review_read", 2 * MINUTE)]);
    expect(ids((await app.api.get("/v1/journeys/alice")).body)).toEqual(["l1", "l2", "l4"]);

    // The phone's events move into alice's journey with the identify.
    await app.api.send([touch("p1", "phone", "add_to_cart", 3 * MINUTE)]);
    expect((await app.api.get("/v1/journeys?anonymousId=phone")).body).toMatchObject({ customerId: null, anonymousIds: ["phone"] });
    await app.api.send([identify("p2", "phone", "alice", 4 * MINUTE)]);
    const joined = (await app.api.get("/v1/journeys/alice")).body;
    expect([joined.anonymousIds, ids(joined)]).toEqual([
      ["laptop", "phone"],
      ["l1", "l2", "l4", "p1"],
    ]);
    expect((await app.api.get("/v1/journeys?anonymousId=phone")).body).toEqual(joined);

    expect(await app.f.store.deleteEventsBefore(Date.parse(at(10_000)))).toBe(1);
    expect(ids((await app.api.get("/v1/journeys/alice")).body)).toEqual(["l2", "l4", "p1"]);

    // As many events as before: one expired, one added.
    expect(await app.f.store.deleteEventsBefore(Date.parse(at(30_000)))).toBe(1);
    await app.api.send([touch("l5", "laptop", "purchase", 5 * MINUTE)]);
    expect(ids((await app.api.get("/v1/journeys/alice")).body)).toEqual(["l4", "p1", "l5"]);

    expect((await app.api.request("DELETE", "/v1/customers/alice", app.f.site.secretKey)).status).toBe(200);
    expect((await app.api.get("/v1/journeys/alice")).status).toBe(404);
    expect((await app.api.get("/v1/journeys?anonymousId=phone")).status).toBe(404);
  });

  it("reads the events once while they are unchanged, however often the journey is asked", async () => {
    await app.api.send([identify("i1", "v", "dora", 0), touch("t1", "v", "catalog_view", MINUTE)]);
    const reads = vi.spyOn(app.f.store, "readMarkedPersonEvents");
    const first = await app.api.get("/v1/journeys/dora");
    expect((await app.api.get("/v1/journeys/dora")).body).toEqual(first.body);
    expect((await app.api.get("/v1/journeys?anonymousId=v")).body).toEqual(first.body);
    expect(reads).toHaveBeenCalledTimes(1);
    await app.api.send([touch("t2", "v", "review_read", 2 * MINUTE)]);
    expect(ids((await app.api.get("/v1/journeys/dora")).body)).toEqual(["t1", "t2"]);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it("follows a change of the site's stage model", async () => {
    await app.api.send([identify("i1", "v", "bea", 0), touch("t1", "v", "catalog_view", MINUTE)]);
    expect((await app.api.get("/v1/journeys/bea")).body.stages).toEqual([{ stage: "consideration", enteredAt: at(MINUTE) }]);
    const browsing = { stages: ["browsing"], rules: [{ stage: "browsing", event: "catalog_view" }], conversions: ["purchase"] };
    expect(await app.f.store.setStageModel(app.f.site.id, browsing)).toBe(true);
    expect((await app.api.get("/v1/journeys/bea")).body.stages).toEqual([{ stage: "browsing", enteredAt: at(MINUTE) }]);
  });

  it("answers 304 without a body to If-None-Match naming the current ETag, compressed or not, and 200 once the journey changed", async () => {
    // Over the 1 KiB from which answers are compressed.
    const note = "n".repeat(2_000);
    await app.api.send([identify("i1", "v", "cleo", 0), touch("t1", "v", "catalog_view", MINUTE, { properties: { note } })]);
    const first = await getJourney("/v1/journeys/cleo");
    const etag = first.headers.get("etag") as string;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
    const firstBody = await first.json();

    const unchanged = await getJourney("/v1/journeys/cleo", { "if-none-match": `"other", ${etag}` });
    expect([unchanged.status, unchanged.headers.get("etag"), unchanged.headers.get("vary"), await unchanged.text()]).toEqual([
      304,
      etag,
      "Accept-Encoding",
      "",
    ]);
    expect((await getJourney("/v1/journeys/cleo", { "if-none-match": "*" })).status).toBe(304);
    const head = await app.f.app.request("/v1/journeys/cleo", {
      method: "HEAD",
      headers: { authorization: `Bearer ${app.f.site.readKey}` },
    });
    expect([head.status, head.headers.get("etag")]).toEqual([200, etag]);
    const gzipped = await getJourney("/v1/journeys/cleo", { "accept-encoding": "gzip" });
    expect([gzipped.headers.get("content-encoding"), gzipped.headers.get("etag"), gzipped.headers.get("vary")]).toEqual([
      "gzip",
      etag,
      "Accept-Encoding",
    ]);
    expect((await getJourney("/v1/journeys/cleo", { "accept-encoding": "gzip", "if-none-match": etag })).status).toBe(304);
    expect((await getJourney("/v1/journeys?anonymousId=v", { "if-none-match": etag })).status).toBe(304);

    // Another stage model, another answer and another ETag.
    const sales = await getJourney("/v1/journeys/cleo?stageModel=sales_funnel", { "if-none-match": etag });
    expect(sales.status).toBe(200);
    expect(sales.headers.get("etag")).not.toBe(etag);

    await app.api.send([touch("t2", "v", "review_read", 2 * MINUTE)]);
    const changed = await getJourney("/v1/journeys/cleo", { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const changedBody = await changed.json();
    expect([ids(firstBody), ids(changedBody)]).toEqual([["t1"], ["t1", "t2"]]);
  });
});

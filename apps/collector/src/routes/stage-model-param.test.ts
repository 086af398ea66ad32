/**
 * `stageModel=` on every report and journey: the same events read through the site's own model
 * (the default here) and through each shipped one, over HTTP. Times are after T0 (Monday 2 March
 * 2026, 09:00 UTC); the reports are asked on day 10.
 *   Alice (laptop): d0 09:00 page "/" from a Google ad (paid_search); 09:05 page "/pricing";
 *     09:06 identify alice; d1 09:00 purchase 100; d2 09:00 survey_response, nps_category promoter.
 *   Bob (an iPhone, anonymous): d3 09:00 ad_impression; 09:01 page "/" typed in (direct);
 *     09:02 add_to_cart.
 * Their stages, by model (a skipped stage counts as entered with the next one in the funnel):
 *   default       Alice awareness, evaluation, purchase, loyalty        Bob purchase
 *   sales_funnel  Alice visitor, prospect, customer, promoter           Bob stranger, visitor, prospect
 *   three_stage   Alice acquisition, purchase, retention                Bob purchase
 */
import { beforeEach, describe, expect, it } from "vitest";
import { DAY, MINUTE, T0, at, identify, invalidParameterAnswer, page, touch, useJourneyApp } from "../testing/journey-client.js";
import { SAFARI_IPHONE } from "../testing/user-agents.js";

const shop = "https://shop.example/";
const app = useJourneyApp(T0 + 10 * DAY);
const PERIOD = `from=${at(0)}&to=${at(10 * DAY)}`;

beforeEach(async () => {
  await app.api.send([
    page("a1", "laptop", 0, { url: `${shop}?gclid=g-1`, path: "/", clickId: { gclid: "g-1" } }, { sessionId: "sa1" }),
    page("a2", "laptop", 5 * MINUTE, { url: `${shop}pricing`, path: "/pricing", referrer: shop }, { sessionId: "sa1" }),
    identify("a3", "laptop", "alice", 6 * MINUTE),
    touch("a4", "laptop", "purchase", DAY, { sessionId: "sa2", properties: { value: 100 } }),
    touch("a5", "laptop", "survey_response", 2 * DAY, { sessionId: "sa3", properties: { nps_category: "promoter" } }),
  ]);
  await app.api.send(
    [
      touch("b1", "phone", "ad_impression", 3 * DAY, { sessionId: "sb1" }),
      page("b2", "phone", 3 * DAY + MINUTE, { url: shop, path: "/" }, { sessionId: "sb1" }),
      touch("b3", "phone", "add_to_cart", 3 * DAY + 2 * MINUTE, { sessionId: "sb1" }),
    ],
    SAFARI_IPHONE,
  );
});

const stageEntries = (journey: { stages: { stage: string; enteredAt: string }[] }) =>
  journey.stages.map((entry) => [entry.stage, entry.enteredAt]);

describe("stageModel on the query API", () => {
  it("places one journey's touchpoints in the stages of the model asked for, the site's own without it", async () => {
    const journey = async (query: string) => (await app.api.get(`/v1/journeys/alice${query}`)).body;
    const own = await journey("");
    expect(own.currentStage).toBe("loyalty");
    expect(stageEntries(own)).toEqual([
      ["awareness", at(0)],
      ["evaluation", at(5 * MINUTE)],
      ["purchase", at(DAY)],
      ["loyalty", at(2 * DAY)],
    ]);
    expect(await journey("?stageModel=site")).toEqual(own);
    expect(await journey("?stageModel=default")).toEqual(own);
    const sales = await journey("?stageModel=sales_funnel");
    expect(sales.currentStage).toBe("promoter");
    expect(stageEntries(sales)).toEqual([
      ["visitor", at(0)],
      ["prospect", at(5 * MINUTE)],
      ["customer", at(DAY)],
      ["promoter", at(2 * DAY)],
    ]);
    expect(sales.touchpoints.map((t: { stage: string | null }) => t.stage)).toEqual(["visitor", "prospect", "customer", "promoter"]);
    const visitor = (await app.api.get("/v1/journeys?anonymousId=phone&stageModel=sales_funnel")).body;
    expect(stageEntries(visitor)).toEqual([
      ["stranger", at(3 * DAY)],
      ["visitor", at(3 * DAY + MINUTE)],
      ["prospect", at(3 * DAY + 2 * MINUTE)],
    ]);
  });

  it("counts the funnel in the stages of each model", async () => {
    const funnel = async (model: string) =>
      (await app.api.get(`/v1/funnel?${PERIOD}&stageModel=${model}`)).body.stages.map((s: { stage: string; customers: number }) => [
        s.stage,
        s.customers,
      ]);
    expect(await funnel("site")).toEqual([
      ["awareness", 2],
      ["consideration", 2],
      ["evaluation", 2],
      ["purchase", 2],
      ["loyalty", 1],
    ]);
    expect(await funnel("three_stage")).toEqual([
      ["acquisition", 2],
      ["purchase", 2],
      ["retention", 1],
    ]);
    expect(await funnel("sales_funnel")).toEqual([
      ["stranger", 2],
      ["visitor", 2],
      ["contact", 2],
      ["prospect", 2],
      ["customer", 1],
      ["promoter", 1],
    ]);
    // Filters and splits apply under another model as under the site's.
    const split = (await app.api.get(`/v1/funnel?${PERIOD}&stageModel=sales_funnel&groupBy=identified`)).body.groups;
    expect(split.map((g: { key: string; stages: { customers: number }[] }) => [g.key, g.stages.map((s) => s.customers)])).toEqual([
      ["anonymous", [1, 1, 1, 1, 0, 0]],
      ["identified", [1, 1, 1, 1, 1, 1]],
    ]);
    const phones = (await app.api.get(`/v1/funnel?${PERIOD}&stageModel=sales_funnel&deviceType=mobile`)).body.stages;
    expect(phones.map((s: { customers: number }) => s.customers)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it("lists customers, credits stages, finds moments of truth and paths in the model's stages", async () => {
    const customers = (await app.api.get("/v1/customers?stageModel=sales_funnel")).body.customers;
    expect(customers.map((c: { customerId: string; currentStage: string }) => [c.customerId, c.currentStage])).toEqual([
      ["alice", "promoter"],
    ]);
    const atProspect = (await app.api.get("/v1/customers?identified=false&stage=prospect&stageModel=sales_funnel")).body.customers;
    expect(atProspect.map((c: { anonymousId: string }) => c.anonymousId)).toEqual(["phone"]);

    const credits = async (model: string) =>
      (await app.api.get(`/v1/attribution?model=last_touch&groupBy=stage&stageModel=${model}`)).body.credits
        .filter((c: { conversions: number }) => c.conversions > 0)
        .map((c: { key: string; conversions: number }) => [c.key, c.conversions]);
    // Alice's purchase: its last touch is the /pricing page.
    expect(await credits("site")).toEqual([["evaluation", 1]]);
    expect(await credits("sales_funnel")).toEqual([["prospect", 1]]);
    expect(await credits("three_stage")).toEqual([["(not set)", 1]]);
    const entering = (await app.api.get("/v1/attribution?model=first_touch&conversion=stage:prospect&stageModel=sales_funnel")).body;
    expect(entering.totalConversions).toBe(2);

    const moments = (await app.api.get(`/v1/moments-of-truth?stage=prospect&${PERIOD}&stageModel=sales_funnel`)).body.touchpoints;
    // Alice's /pricing page led to her purchase within 7 days; Bob's cart (d3) is 7 days old only after day 10.
    expect(moments).toEqual([
      { name: "add_to_cart", customers: 1, advanced: 0, quiet: 0 },
      { name: "page_view", customers: 1, advanced: 1, quiet: 0 },
    ]);
    const paths = (await app.api.get("/v1/paths?groupBy=stage&stageModel=sales_funnel")).body.paths;
    expect(paths.map((p: { path: string[] }) => p.path)).toEqual([["visitor", "prospect"]]);
    const value = (await app.api.get("/v1/customer-value?stageModel=three_stage")).body;
    expect(value.total.customers).toBe(1);
  });

  it("lists the models a report can be read through on GET /v1/site", async () => {
    const { stageModels } = (await app.api.get("/v1/site")).body;
    expect(stageModels).toEqual([
      { name: "site", stages: ["awareness", "consideration", "evaluation", "purchase", "loyalty"], conversions: ["purchase"] },
      { name: "three_stage", stages: ["acquisition", "purchase", "retention"], conversions: ["purchase"] },
      { name: "sales_funnel", stages: ["stranger", "visitor", "contact", "prospect", "customer", "promoter"], conversions: ["purchase"] },
    ]);
  });

  it("reads a site with a stages.json of its own through the default model too", async () => {
    const lead = {
      stages: ["lead", "won"],
      rules: [
        { stage: "lead", event: "page_view" },
        { stage: "won", event: "purchase" },
      ],
      conversions: ["purchase"],
    };
    expect(await app.f.store.setStageModel(app.f.site.id, lead)).toBe(true);
    expect((await app.api.get("/v1/site")).body.stageModels.map((m: { name: string }) => m.name)).toEqual([
      "site",
      "default",
      "three_stage",
      "sales_funnel",
    ]);
    const funnel = async (query: string) =>
      (await app.api.get(`/v1/funnel?${PERIOD}${query}`)).body.stages.map((s: { stage: string; customers: number }) => [
        s.stage,
        s.customers,
      ]);
    expect(await funnel("")).toEqual([
      ["lead", 2],
      ["won", 1],
    ]);
    expect(await funnel("&stageModel=default")).toEqual([
      ["awareness", 2],
      ["consideration", 2],
      ["evaluation", 2],
      ["purchase", 2],
      ["loyalty", 1],
    ]);
  });

  it("refuses a model it does not know, and a stage of another model than the one asked for", async () => {
    const unknown = 'must be one of site, default, three_stage, sales_funnel; got "aida"';
    for (const path of [
      "/v1/funnel?",
      "/v1/journeys/alice?",
      "/v1/customers?",
      "/v1/attribution?model=linear&",
      "/v1/paths?",
      "/v1/customer-value?",
    ]) {
      expect(await app.api.get(`${path}stageModel=aida`)).toEqual(invalidParameterAnswer("stageModel", unknown));
    }
    expect((await app.api.get("/v1/moments-of-truth?stage=prospect")).status).toBe(400);
    expect((await app.api.get("/v1/moments-of-truth?stage=prospect&stageModel=sales_funnel")).status).toBe(200);
  });
});

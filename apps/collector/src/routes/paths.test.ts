/**
 * GET /v1/paths end to end: journeys posted through /v1/batch, paths read back through HTTP.
 * Times are days after T0 (Monday 2 March 2026, 09:00 UTC); the report is asked on day 20.
 *   Alice: d0 09:00 page from a Google ad (paid_search); d3 09:00 page from the newsletter and
 *     09:02 catalog_view (email, email); d5 09:00 page typed in (direct); d5 09:10 purchase 100.
 *     Path: paid_search, email, email, direct; 5 days 10 minutes from her first touch.
 *   Bob: d2 09:00 page from facebook.com (organic_social); 09:10 purchase 50: organic_social, 10 minutes.
 *   Carol: d4 09:00 page from a blog, 09:05 chatbot_question; no purchase (not a conversion path).
 *   Dave: d6 09:00 page from facebook.com; 09:10 purchase 30: organic_social, 10 minutes.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { pathReportSchema } from "../http/analyst-report-schemas.js";
import { DAY, HOUR, MINUTE, T0, identify, invalidParameterAnswer, page, touch, useJourneyApp } from "../testing/journey-client.js";

const shop = "https://shop.example/";
const app = useJourneyApp(T0 + 20 * DAY);
const d = (day: number, hour: number, minute = 0) => (day * 24 + hour - 9) * HOUR + minute * MINUTE;
const facebook = (id: string, device: string, day: number) =>
  page(id, device, d(day, 9), { url: shop, path: "/", referrer: "https://www.facebook.com/" }, { sessionId: `s-${id}` });

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
    touch("a4", "laptop", "catalog_view", d(3, 9, 2), { sessionId: "sa2" }),
    page("a5", "laptop", d(5, 9), { url: shop, path: "/" }, { sessionId: "sa3" }),
    touch("a6", "laptop", "purchase", d(5, 9, 10), { sessionId: "sa3", properties: { value: 100 } }),
  ]);
  await app.api.send([
    facebook("b1", "phone", 2),
    touch("b2", "phone", "purchase", d(2, 9, 10), { sessionId: "s-b1", properties: { value: 50 } }),
  ]);
  await app.api.send([
    page("c1", "tablet", d(4, 9), { url: shop, path: "/", referrer: "https://blog.example/post" }, { sessionId: "sc1" }),
    touch("c2", "tablet", "chatbot_question", d(4, 9, 5), { sessionId: "sc1" }),
  ]);
  await app.api.send([
    facebook("e1", "desktop", 6),
    touch("e2", "desktop", "purchase", d(6, 9, 10), { sessionId: "s-e1", properties: { value: 30 } }),
  ]);
});

const bucket = (name: string, conversions: number, value: number) => ({ bucket: name, conversions, value, share: conversions / 3 });
const empty = (...names: string[]) => names.map((name) => bucket(name, 0, 0));

describe("GET /v1/paths", () => {
  it("lists the top conversion paths with the path length and days-to-convert distributions", async () => {
    const { status, body } = await app.api.get("/v1/paths");
    expect(status).toBe(200);
    expect(pathReportSchema.safeParse(body).error).toBeUndefined();
    expect(body).toEqual({
      asOf: new Date(T0 + 20 * DAY).toISOString(),
      conversion: "purchase",
      groupBy: "channel",
      lookbackDays: 30,
      totalConversions: 3,
      totalValue: 180,
      distinctPaths: 2,
      paths: [
        { path: ["organic_social"], conversions: 2, value: 80, share: 2 / 3, meanDaysToConvert: 10 / 1440 },
        { path: ["paid_search", "email", "email", "direct"], conversions: 1, value: 100, share: 1 / 3, meanDaysToConvert: 5 + 10 / 1440 },
      ],
      pathLength: [
        bucket("0", 0, 0),
        bucket("1", 2, 80),
        ...empty("2", "3"),
        bucket("4", 1, 100),
        ...empty("5", "6", "7", "8", "9", "10", "11", "12+"),
      ],
      daysToConvert: [
        bucket("(none)", 0, 0),
        bucket("0", 2, 80),
        ...empty("1", "2", "3", "4"),
        bucket("5", 1, 100),
        ...empty("6", "7", "8", "9", "10", "11", "12-30", "31-60", "61-90", "91+"),
      ],
    });
  });

  it("collapses repeats with transform=exposure, keys paths by touchpoint, and lists the top `limit`", async () => {
    const exposure = (await app.api.get("/v1/paths?transform=exposure&limit=1")).body;
    expect(exposure.distinctPaths).toBe(2);
    expect(exposure.paths.map((p: { path: string[] }) => p.path)).toEqual([["organic_social"]]);
    const all = (await app.api.get("/v1/paths?transform=exposure")).body;
    expect(all.paths[1].path).toEqual(["paid_search", "email", "direct"]);
    // By touchpoint, page views leave a path that holds another touchpoint: Alice's is her catalog_view.
    const byTouchpoint = (await app.api.get("/v1/paths?groupBy=touchpoint")).body;
    expect(byTouchpoint.paths.map((p: { path: string[]; conversions: number }) => [p.path, p.conversions])).toEqual([
      [["page_view"], 2],
      [["catalog_view"], 1],
    ]);
  });

  it.each([
    ["limit=0", "limit", "must be at least 1"],
    ["limit=1001", "limit", "must be at most 1000"],
    ["groupBy=device", "groupBy", 'must be one of touchpoint, channel, stage, campaign; got "device"'],
    [
      "transform=reverse",
      "transform",
      'unknown transform "reverse"; expected one of unique, exposure, first, frequency, remove_if_not_all, remove_if_last_and_not_all',
    ],
    [
      "conversion=stage:bliss",
      "conversion",
      'unknown stage "bliss"; this site\'s stages are awareness, consideration, evaluation, purchase, loyalty',
    ],
    ["lookbackDays=0", "lookbackDays", "must be greater than 0"],
  ])("refuses %s naming the parameter", async (query, path, message) => {
    expect(await app.api.get(`/v1/paths?${query}`)).toEqual(invalidParameterAnswer(path, message));
  });

  it("answers only the read key", async () => {
    expect((await app.api.get("/v1/paths", "no-such-key")).status).toBe(401);
    expect((await app.api.get("/v1/paths", app.f.site.writeKey)).status).toBe(403);
  });
});

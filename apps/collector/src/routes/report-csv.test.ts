/**
 * The reports as CSV (format=csv or Accept: text/csv): funnel, attribution, customers and paths,
 * each the same numbers as its JSON answer. The journeys are paths.test.ts's: Alice (paid_search,
 * email, email, direct, purchase 100), Bob and Dave (organic_social, purchases 50 and 30), Carol
 * (referral, no purchase).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE, T0, identify, page, touch, useJourneyApp } from "../testing/journey-client.js";

const shop = "https://shop.example/";
const app = useJourneyApp(T0 + 20 * DAY);
const d = (day: number, hour: number, minute = 0) => (day * 24 + hour - 9) * HOUR + minute * MINUTE;
const facebook = (id: string, device: string, day: number) =>
  page(id, device, d(day, 9), { url: shop, path: "/", referrer: "https://www.facebook.com/" }, { sessionId: `s-${id}` });

beforeEach(async () => {
  await app.api.send([
    page("a1", "laptop", d(0, 9), { url: `${shop}?gclid=g-1`, path: "/", clickId: { gclid: "g-1" } }, { sessionId: "sa1" }),
    identify("a2", "laptop", "alice", d(0, 9, 5), { plan: "pro, yearly" }),
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
    identify("b3", "phone", "bob", d(2, 9, 5)),
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

/** GETs once upkeep has caught up with what the test sent (reports come from journey digests). */
async function csvOf(path: string, accept?: string) {
  await app.f.upkeep.caughtUp();
  const res = await app.f.app.request(path, { headers: { authorization: `Bearer ${app.f.site.readKey}`, ...(accept && { accept }) } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  return { text: await res.text(), headers: res.headers };
}
const cell = (v: unknown) => (v === null ? "" : String(v));
const lines = (rows: unknown[][]) => rows.map((row) => `${row.map(cell).join(",")}\r\n`).join("");

describe("reports as CSV", () => {
  it("GET /v1/paths: one row per top path", async () => {
    const { text, headers } = await csvOf("/v1/paths?format=csv");
    expect(headers.get("content-disposition")).toBe('attachment; filename="paths.csv"');
    expect(text).toBe(
      "path,length,conversions,value,share,mean_days_to_convert\r\n" +
        `organic_social,1,2,80,${2 / 3},${10 / 1440}\r\n` +
        `paid_search > email > email > direct,4,1,100,${1 / 3},${5 + 10 / 1440}\r\n`,
    );
  });

  it("GET /v1/attribution: one row per key, for one model or several side by side, on Accept: text/csv too", async () => {
    const json = (await app.api.get("/v1/attribution?model=last_touch")).body;
    const { text } = await csvOf("/v1/attribution?model=last_touch", "text/csv");
    expect(text).toBe(
      "key,conversions,value,share,first_conversions,cost,currency,roas,cac\r\n" +
        lines(
          json.credits.map((c: Record<string, unknown>) => [
            c.key,
            c.conversions,
            c.value,
            c.share,
            c.firstConversions,
            c.cost,
            c.currency,
            c.roas,
            c.cac,
          ]),
        ),
    );
    expect(text.split("\r\n")[1]).toBe(`organic_social,2,80,${2 / 3},2,,,,`);
    const both = await csvOf("/v1/attribution?model=first_touch,linear&format=csv");
    expect(both.text.split("\r\n")[0]).toBe(
      "key,cost,currency,first_touch_conversions,first_touch_value,first_touch_share,first_touch_first_conversions,first_touch_roas,first_touch_cac," +
        "linear_conversions,linear_value,linear_share,linear_first_conversions,linear_roas,linear_cac",
    );
    expect(both.text.split("\r\n")).toContain(`paid_search,,,1,100,${1 / 3},1,,,0.25,25,${0.25 / 3},0.25,,`);
  });

  it("GET /v1/funnel: one row per stage, with a group column per trait value", async () => {
    const json = (await app.api.get("/v1/funnel")).body;
    const { text } = await csvOf("/v1/funnel?format=csv");
    const row = (s: Record<string, unknown>) => [
      s.stage,
      s.customers,
      s.identified,
      s.anonymous,
      s.conversionFromPrevious,
      s.dropOff,
      s.medianDaysToNext,
      s.p90DaysToNext,
      s.stalled,
    ];
    expect(text).toBe(
      `stage,customers,identified,anonymous,conversion_from_previous,drop_off,median_days_to_next,p90_days_to_next,stalled\r\n${lines(json.stages.map(row))}`,
    );
    expect(json.stages.length).toBe(5);
    const grouped = (await app.api.get("/v1/funnel?groupBy=trait.plan")).body;
    const { text: groupedText } = await csvOf("/v1/funnel?groupBy=trait.plan&format=csv");
    const quoted = (key: string) => (key.includes(",") ? `"${key}"` : key);
    expect(groupedText).toBe(
      "group,stage,customers,identified,anonymous,conversion_from_previous,drop_off,median_days_to_next,p90_days_to_next,stalled\r\n" +
        grouped.groups
          .flatMap((g: { key: string; stages: Record<string, unknown>[] }) =>
            g.stages.map((s) => `${[quoted(g.key), ...row(s).map(cell)].join(",")}\r\n`),
          )
          .join(""),
    );
    expect(groupedText).toContain('"pro, yearly",purchase,1,');
  });

  it("GET /v1/customers: one row per customer of the page, the next page's cursor in Next-Cursor", async () => {
    const json = (await app.api.get("/v1/customers")).body;
    const { text, headers } = await csvOf("/v1/customers?format=csv");
    expect(headers.get("next-cursor")).toBeNull();
    expect(text).toBe(
      "customer_id,anonymous_id,current_stage,stage_entered_at,last_seen,traits\r\n" +
        `alice,,${json.customers[0].currentStage},${json.customers[0].stageEnteredAt},${json.customers[0].lastSeen},"{""plan"":""pro, yearly""}"\r\n` +
        `bob,,${json.customers[1].currentStage},${json.customers[1].stageEnteredAt},${json.customers[1].lastSeen},{}\r\n`,
    );
    const first = await csvOf("/v1/customers?format=csv&limit=1");
    expect(first.text.split("\r\n").length).toBe(3);
    const next = first.headers.get("next-cursor")!;
    expect((await csvOf(`/v1/customers?format=csv&limit=1&cursor=${encodeURIComponent(next)}`)).text.split("\r\n")[1]).toMatch(/^bob,/);
  });

  it("refuses a format other than json or csv", async () => {
    const { status, body } = await app.api.get("/v1/funnel?format=xlsx");
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([{ path: "format", message: 'must be one of json, csv; got "xlsx"' }]);
  });
});

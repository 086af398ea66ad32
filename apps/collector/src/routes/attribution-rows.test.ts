/**
 * GET /v1/attribution/rows end to end: journeys posted through /v1/batch, rows read back as CSV
 * and NDJSON through HTTP. Times are days after T0 (Monday 2 March 2026, 09:00 UTC):
 *   Alice: d0 09:00 page from a Google ad (paid_search) in the campaign `spring, "big"` + newline +
 *     `sale`; d3 09:00 page from the newsletter (email, no campaign); d3 09:10 purchase a4 (100).
 *     Path: paid_search, email (campaigns: the spring one, (not set)).
 *   Bob, a guest nobody identified (anonymous id "phone"): d2 09:00 page from facebook.com
 *     (organic_social); 09:10 purchase b2 (50).
 *   Carol: a purchase c1 (20) recorded by the shop's server on d4, no touch before it: (none).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE, T0, at, identify, invalidParameterAnswer, page, touch, useJourneyApp } from "../testing/journey-client.js";

const shop = "https://shop.example/";
const CAMPAIGN = 'spring, "big"\nsale';
const app = useJourneyApp(T0 + 20 * DAY);
const d = (day: number, hour: number, minute = 0) => (day * 24 + hour - 9) * HOUR + minute * MINUTE;

beforeEach(async () => {
  const adUrl = `${shop}?gclid=g-1&utm_campaign=${encodeURIComponent(CAMPAIGN)}`;
  await app.api.send([
    page("a1", "laptop", d(0, 9), { url: adUrl, path: "/", clickId: { gclid: "g-1" }, utm: { campaign: CAMPAIGN } }, { sessionId: "sa1" }),
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
  await app.api.sendAsServer([
    {
      id: "c1",
      type: "touchpoint",
      name: "purchase",
      customerId: "carol",
      timestamp: at(d(4, 9)),
      properties: { value: 20 },
      context: { channel: "store" },
    },
  ]);
});

/** GETs once upkeep has caught up with what the test sent (the rows come from journey digests). */
async function getText(path: string, headers: Record<string, string> = {}) {
  await app.f.upkeep.caughtUp();
  const res = await app.f.app.request(path, { headers: { authorization: `Bearer ${app.f.site.readKey}`, ...headers } });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    disposition: res.headers.get("content-disposition"),
    text: await res.text(),
  };
}

/** The CSV's lines (CRLF-ended; a quoted field may hold a bare LF), header first, the rest sorted: journeys stream in the store's order. */
function csvLines(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  const [header, ...rows] = text.slice(0, -2).split("\r\n");
  return [header, ...rows.sort()];
}

const HEADER =
  "conversion_id,customer_id,anonymous_id,conversion,conversion_time,conversion_value,first_conversion,path_length,touch_index,touch_time,key";

describe("GET /v1/attribution/rows", () => {
  it("streams one CSV row per conversion and touch with each model's credit and value", async () => {
    const { status, type, disposition, text } = await getText("/v1/attribution/rows?model=linear,first_touch");
    expect([status, type, disposition]).toEqual([200, "text/csv; charset=utf-8", 'attachment; filename="attribution-rows.csv"']);
    expect(csvLines(text)).toEqual([
      `${HEADER},linear_credit,linear_value,first_touch_credit,first_touch_value`,
      "a4,alice,,purchase,2026-03-05T09:10:00.000Z,100,true,2,0,2026-03-02T09:00:00.000Z,paid_search,0.5,50,1,100",
      "a4,alice,,purchase,2026-03-05T09:10:00.000Z,100,true,2,1,2026-03-05T09:00:00.000Z,email,0.5,50,0,0",
      "b2,,phone,purchase,2026-03-04T09:10:00.000Z,50,true,1,0,2026-03-04T09:00:00.000Z,organic_social,1,50,1,50",
      "c1,carol,,purchase,2026-03-06T09:00:00.000Z,20,true,0,,,(none),1,20,1,20",
    ]);
  });

  it("quotes a value holding a comma, quotes and a newline (RFC 4180)", async () => {
    const { text } = await getText("/v1/attribution/rows?model=linear&groupBy=campaign&format=csv");
    const quoted = '"spring, ""big""\nsale"';
    expect(csvLines(text)).toEqual([
      `${HEADER},linear_credit,linear_value`,
      `a4,alice,,purchase,2026-03-05T09:10:00.000Z,100,true,2,0,2026-03-02T09:00:00.000Z,${quoted},0.5,50`,
      "a4,alice,,purchase,2026-03-05T09:10:00.000Z,100,true,2,1,2026-03-05T09:00:00.000Z,(not set),0.5,50",
      "b2,,phone,purchase,2026-03-04T09:10:00.000Z,50,true,1,0,2026-03-04T09:00:00.000Z,(not set),1,50",
      "c1,carol,,purchase,2026-03-06T09:00:00.000Z,20,true,0,,,(none),1,20",
    ]);
  });

  it("answers NDJSON with format=ndjson or Accept: application/x-ndjson, one object per row", async () => {
    for (const [query, headers] of [
      ["&format=ndjson", {}],
      ["", { accept: "application/x-ndjson" }],
    ] as const) {
      const { status, type, text } = await getText(`/v1/attribution/rows?model=last_touch&conversion=purchase${query}`, headers);
      expect([status, type]).toEqual([200, "application/x-ndjson; charset=utf-8"]);
      const rows = text
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line))
        .sort((a, b) => `${a.conversion_id}${a.touch_index}`.localeCompare(`${b.conversion_id}${b.touch_index}`));
      expect(rows[1]).toEqual({
        conversion_id: "a4",
        customer_id: "alice",
        anonymous_id: null,
        conversion: "purchase",
        conversion_time: "2026-03-05T09:10:00.000Z",
        conversion_value: 100,
        first_conversion: true,
        path_length: 2,
        touch_index: 1,
        touch_time: "2026-03-05T09:00:00.000Z",
        key: "email",
        last_touch_credit: 1,
        last_touch_value: 100,
      });
      expect(rows.map((row) => [row.conversion_id, row.key, row.last_touch_credit])).toEqual([
        ["a4", "paid_search", 0],
        ["a4", "email", 1],
        ["b2", "organic_social", 1],
        ["c1", "(none)", 1],
      ]);
    }
  });

  it("writes a row per touch before each entry into a stage, for conversion=stage:<stage>", async () => {
    const { text } = await getText("/v1/attribution/rows?model=linear&conversion=stage:purchase");
    expect(csvLines(text)).toEqual([
      `${HEADER},linear_credit,linear_value`,
      ",,phone,stage:purchase,2026-03-04T09:10:00.000Z,0,true,1,0,2026-03-04T09:00:00.000Z,organic_social,1,0",
      ",alice,,stage:purchase,2026-03-05T09:10:00.000Z,0,true,2,0,2026-03-02T09:00:00.000Z,paid_search,0.5,0",
      ",alice,,stage:purchase,2026-03-05T09:10:00.000Z,0,true,2,1,2026-03-05T09:00:00.000Z,email,0.5,0",
      ",carol,,stage:purchase,2026-03-06T09:00:00.000Z,0,true,0,,,(none),1,0",
    ]);
  });

  it("prints a zero share of a negative value (a refund) as 0, as JavaScript prints -0, in CSV and NDJSON", async () => {
    await app.api.send([
      page(
        "r1",
        "tablet",
        d(5, 9),
        { url: `${shop}?utm_source=newsletter&utm_medium=email`, path: "/", utm: { source: "newsletter", medium: "email" } },
        { sessionId: "sr1" },
      ),
      page("r2", "tablet", d(5, 10), { url: `${shop}?gclid=g-2`, path: "/", clickId: { gclid: "g-2" } }, { sessionId: "sr2" }),
      touch("r3", "tablet", "purchase", d(5, 10, 10), { sessionId: "sr2", properties: { value: -30 } }),
    ]);
    const csv = await getText("/v1/attribution/rows?model=first_touch,linear");
    expect(csvLines(csv.text).filter((line) => line?.startsWith("r3,"))).toEqual([
      "r3,,tablet,purchase,2026-03-07T10:10:00.000Z,-30,true,2,0,2026-03-07T09:00:00.000Z,email,1,-30,0.5,-15",
      "r3,,tablet,purchase,2026-03-07T10:10:00.000Z,-30,true,2,1,2026-03-07T10:00:00.000Z,paid_search,0,0,0.5,-15",
    ]);
    const ndjson = await getText("/v1/attribution/rows?model=first_touch&format=ndjson");
    expect(ndjson.text.split("\n").filter((line) => line.includes('"r3"'))).toEqual([
      '{"conversion_id":"r3","customer_id":null,"anonymous_id":"tablet","conversion":"purchase","conversion_time":"2026-03-07T10:10:00.000Z","conversion_value":-30,"first_conversion":true,"path_length":2,"touch_index":0,"touch_time":"2026-03-07T09:00:00.000Z","key":"email","first_touch_credit":1,"first_touch_value":-30}',
      '{"conversion_id":"r3","customer_id":null,"anonymous_id":"tablet","conversion":"purchase","conversion_time":"2026-03-07T10:10:00.000Z","conversion_value":-30,"first_conversion":true,"path_length":2,"touch_index":1,"touch_time":"2026-03-07T10:00:00.000Z","key":"paid_search","first_touch_credit":0,"first_touch_value":0}',
    ]);
  });

  it("escapes a key for JSON in NDJSON", async () => {
    const { text } = await getText("/v1/attribution/rows?model=linear&groupBy=campaign&format=ndjson");
    const keys = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line))
      .map((row) => `${row.conversion_id} ${row.key}`)
      .sort();
    expect(keys).toEqual(["a4 (not set)", `a4 ${CAMPAIGN}`, "b2 (not set)", "c1 (none)"]);
    expect(text).toContain('"key":"spring, \\"big\\"\\nsale"');
  });

  it.each([
    ["", "model", "is required"],
    [
      "model=markov",
      "model",
      "markov fits its credit over every path at once, not per conversion; rows are kept for first_touch, last_touch, last_non_direct, linear, time_decay, position_based, shapley",
    ],
    [
      "model=linear,last_click",
      "model",
      'must be one of first_touch, last_touch, last_non_direct, linear, time_decay, position_based, markov, shapley, fractribution; got "last_click"',
    ],
    ["model=linear&model=linear", "model", "names a model twice"],
    ["model=linear&format=xlsx", "format", 'must be one of csv, ndjson; got "xlsx"'],
    ["model=linear&lookbackDays=-1", "lookbackDays", "must be a number such as 7 or 0.5"],
    [
      "model=linear&conversion=stage:bliss",
      "conversion",
      'unknown stage "bliss"; this site\'s stages are awareness, consideration, evaluation, purchase, loyalty',
    ],
  ])("refuses %s naming the parameter", async (query, path, message) => {
    expect(await app.api.get(`/v1/attribution/rows?${query}`)).toEqual(invalidParameterAnswer(path, message));
  });

  it("answers only the read key", async () => {
    expect((await app.api.get("/v1/attribution/rows?model=linear", "no-such-key")).status).toBe(401);
    expect((await app.api.get("/v1/attribution/rows?model=linear", app.f.site.writeKey)).status).toBe(403);
  });
});

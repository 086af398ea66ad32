import { describe, expect, it } from "vitest";
import type { SpendRow } from "../attribution/spend.js";
import type { InvalidOptionError } from "../attribution/invalid-option.js";
import { day, touch } from "../attribution/journey-fixtures.js";
import { createCustomerValue, type CustomerValueGroupBy, type CustomerValueJourney } from "./create-customer-value.js";

/**
 * Days from 2026-01-01 (day 0 = 1 January); now = day 100 (11 April).
 *   Ann (runner): email touch d0; purchases d1 100, d40 50, d200 30 (after now: not yet value).
 *   Ben (hiker): paid_search touch d5; purchase d10 60.
 *   Cid: paid_search touch d20 in campaign spring; purchase d35 (5 February) 40.
 *   Dee: purchase d3 10, her only touch after it: acquired through (none).
 *   Eve: an email touch, no purchase: not a customer.
 * Horizons at now = d100: Ann (first d1) is 30 and 90 days old, Ben (d10) too (d100 is now),
 * Cid (d35) only 30, Dee (d3) 30 and 90; nobody 365.
 */
function customer(
  touches: Parameters<typeof touch>[0][],
  purchases: [number, number][],
  traits: Record<string, string> = {},
): CustomerValueJourney {
  const purchaseTouches = purchases.map(([at, value]) => touch({ name: "purchase", day: at, value }));
  return {
    traits,
    touchpoints: [...touches.map(touch), ...purchaseTouches].sort((a, b) => a.time - b.time),
    conversions: purchaseTouches.map((p) => ({ id: p.id, name: "purchase", time: p.time, value: p.value as number })),
  };
}

const JOURNEYS = [
  customer(
    [{ channel: "email", day: 0 }],
    [
      [1, 100],
      [40, 50],
      [200, 30],
    ],
    { persona: "runner" },
  ),
  customer([{ channel: "paid_search", day: 5 }], [[10, 60]], { persona: "hiker" }),
  customer([{ channel: "paid_search", day: 20, campaign: "spring" }], [[35, 40]]),
  customer([{ channel: "email", day: 4 }], [[3, 10]]),
  customer([{ channel: "email", day: 2 }], []),
];

const SPEND: SpendRow[] = [
  { groupBy: "channel", key: "email", from: "2026-01-01", to: "2026-01-10", amount: 120, currency: "EUR" },
  { groupBy: "channel", key: "paid_search", from: "2026-01-01", to: "2026-01-31", amount: 100, currency: "EUR" },
  // 30 days: 15 in January (17-31), 15 in February (1-15).
  { groupBy: "channel", key: "display", from: "2026-01-17", to: "2026-02-15", amount: 30, currency: "EUR" },
  { groupBy: "campaign", key: "spring", from: "2026-02-01", to: "2026-02-28", amount: 20, currency: "EUR" },
];

const NOW = day(100);

function valueBy(groupBy: CustomerValueGroupBy, spend = SPEND, window: { from?: string; to?: string } = {}) {
  const value = createCustomerValue({ groupBy, now: NOW, ...window });
  for (const journey of JOURNEYS) value.addJourney(journey);
  return value.result(spend);
}

const at = (d30: [number, number | null], d90: [number, number | null], d365: [number, number | null] = [0, null]) =>
  [d30, d90, d365].map(([customers, cltv], i) => ({ days: [30, 90, 365][i], customers, cltv }));

describe("createCustomerValue", () => {
  it("groups customers by the channel of their first touch, with CAC, CLTV at each horizon, LTV:CAC and payback", () => {
    const result = valueBy("channel");
    expect(result.groupBy).toBe("channel");
    expect(result.conversion).toBe("purchase");
    expect(result.groups).toEqual([
      // Ben and Cid: value 100; by day 30 Ben 60 and Cid 40; by day 90 only Ben is old enough (60).
      // CAC 100 / 2 = 50; at offset 0 they hold 100 / 2 = 50: paid back on day 0.
      {
        key: "paid_search",
        customers: 2,
        value: 100,
        cltv: 50,
        cltvAt: at([2, 50], [1, 60]),
        cost: 100,
        currency: "EUR",
        cac: 50,
        ltvToCac: 1,
        paybackDays: 0,
      },
      {
        key: "(none)",
        customers: 1,
        value: 10,
        cltv: 10,
        cltvAt: at([1, 10], [1, 10]),
        cost: null,
        currency: null,
        cac: null,
        ltvToCac: null,
        paybackDays: null,
      },
      // Ann: 100 + 50 to date (the d200 purchase is after now); CAC 120 is reached by her d40
      // purchase, 39 days after her first.
      {
        key: "email",
        customers: 1,
        value: 150,
        cltv: 150,
        cltvAt: at([1, 100], [1, 150]),
        cost: 120,
        currency: "EUR",
        cac: 120,
        ltvToCac: 150 / 120,
        paybackDays: 39,
      },
      // Spend without a customer: no CAC.
      {
        key: "display",
        customers: 0,
        value: 0,
        cltv: null,
        cltvAt: at([0, null], [0, null]),
        cost: 30,
        currency: "EUR",
        cac: null,
        ltvToCac: null,
        paybackDays: null,
      },
    ]);
    // All four customers, value 260, the whole channel budget 250: blended CAC 62.5. At offset 0
    // they hold 210 / 4 = 52.5, with Ann's d40 purchase 260 / 4 = 65: paid back on day 39.
    expect(result.total).toEqual({
      key: "(all)",
      customers: 4,
      value: 260,
      cltv: 65,
      cltvAt: at([4, 210 / 4], [3, 220 / 3]),
      cost: 250,
      currency: "EUR",
      cac: 62.5,
      ltvToCac: 65 / 62.5,
      paybackDays: 39,
    });
  });

  it("groups by the month of the first purchase, priced with the channel spend of that month", () => {
    const { groups } = valueBy("cohort");
    expect(groups.map((g) => g.key)).toEqual(["2026-01", "2026-02"]);
    const [january, february] = groups;
    // January: Ann, Ben, Dee, value 220; spend 120 + 100 + 15 of display = 235. Value per customer
    // reaches 170 / 3 at day 0 and 220 / 3 at day 39, never 235 / 3.
    expect(january).toMatchObject({ customers: 3, value: 220, currency: "EUR", paybackDays: null });
    expect(january?.cost).toBeCloseTo(235, 9);
    expect(january?.cac).toBeCloseTo(235 / 3, 9);
    expect(january?.ltvToCac).toBeCloseTo(220 / 235, 9);
    expect(january?.cltvAt).toEqual(at([3, 170 / 3], [3, 220 / 3]));
    // February: Cid, 40; display's other 15; paid back by his first purchase.
    expect(february).toMatchObject({ customers: 1, value: 40, cltv: 40, currency: "EUR", paybackDays: 0 });
    expect(february?.cost).toBeCloseTo(15, 9);
    expect(february?.cac).toBeCloseTo(15, 9);
  });

  it("groups by the campaign of the first touch and by a trait", () => {
    const byCampaign = valueBy("campaign").groups.map((g) => [g.key, g.customers, g.cost, g.cac]);
    expect(byCampaign).toEqual([
      ["(not set)", 2, null, null],
      ["(none)", 1, null, null],
      ["spring", 1, 20, 20],
    ]);
    const byPersona = valueBy("trait.persona").groups.map((g) => [g.key, g.customers, g.value, g.cost]);
    expect(byPersona).toEqual([
      ["(not set)", 2, 50, null],
      ["hiker", 1, 60, null],
      ["runner", 1, 150, null],
    ]);
  });

  it("counts customers acquired in [from, to) and spend pro-rated into it", () => {
    // Only Ben's first purchase (11 January) is in [5 January, 1 February); paid search's 100 over
    // 31 days gives 27 of them to the window.
    const { groups, total } = valueBy("channel", SPEND, { from: "2026-01-05T00:00:00Z", to: "2026-02-01T00:00:00Z" });
    const search = groups.find((g) => g.key === "paid_search");
    expect(search).toMatchObject({ customers: 1, value: 60 });
    expect(search?.cost).toBeCloseTo((100 * 27) / 31, 9);
    expect(total.customers).toBe(1);
    // email 120 over 1-10 January: 6 of its 10 days (5-10) in the window; display 15 days of 30.
    expect(total.cost).toBeCloseTo(72 + (100 * 27) / 31 + 15, 9);
  });

  it("never takes a conversion event of another kind for the first touch", () => {
    // Fay signs up (a conversion event of the stage model) through email on day 1, then comes back
    // through paid search and buys on day 3: acquired through paid_search.
    const signup = touch({ name: "signup", channel: "email", day: 1 });
    const fay = customer([{ channel: "paid_search", day: 2 }], [[3, 40]]);
    const value = createCustomerValue({ now: NOW });
    value.addJourney({
      ...fay,
      touchpoints: [signup, ...fay.touchpoints],
      conversions: [{ id: signup.id, name: "signup", time: signup.time, value: 0 }, ...fay.conversions],
    });
    expect(value.result([]).groups.map((g) => [g.key, g.customers, g.value])).toEqual([["paid_search", 1, 40]]);
  });

  it("leaves a total without cost when the budget is in several currencies", () => {
    const { total } = valueBy("channel", [
      ...SPEND,
      { groupBy: "channel", key: "affiliate", from: "2026-01-01", to: "2026-01-01", amount: 5, currency: "USD" },
    ]);
    expect(total).toMatchObject({ cost: null, currency: null, cac: null, ltvToCac: null, paybackDays: null });
  });

  it.each([
    [{ groupBy: "device" as CustomerValueGroupBy }, "groupBy"],
    [{ groupBy: "trait." as CustomerValueGroupBy }, "groupBy"],
    [{ conversion: "stage:purchase" }, "conversion"],
    [{ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }, "to"],
  ])("refuses %o naming the option", (options, option) => {
    expect(() => createCustomerValue({ now: NOW, ...options })).toThrowError(expect.objectContaining({ option }) as InvalidOptionError);
  });
});

import { describe, expect, it } from "vitest";
import { createAttribution } from "./create-attribution.js";
import { channelJourney } from "./journey-fixtures.js";
import type { AttributionModel } from "./options.js";

function credits(model: AttributionModel, journeys: ReturnType<typeof channelJourney>[], options: { halfLifeDays?: number } = {}) {
  const attribution = createAttribution({ model, ...options });
  for (const journey of journeys) attribution.addJourney(journey);
  const result = attribution.result();
  return Object.fromEntries(result.credits.map((credit) => [credit.key, [credit.conversions, credit.value]]));
}

function expectCredits(actual: Record<string, number[]>, expected: Record<string, [number, number]>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, [conversions, value]] of Object.entries(expected)) {
    expect(actual[key]?.[0], `${key} conversions`).toBeCloseTo(conversions, 9);
    expect(actual[key]?.[1], `${key} value`).toBeCloseTo(value, 9);
  }
}

// One customer: email on day 0, paid_search on day 7, direct on day 14, a purchase of 100 on day 21.
const threeTouches = channelJourney(
  [
    ["email", 0],
    ["paid_search", 7],
    ["direct", 14],
  ],
  [[21, 100]],
);

describe("heuristic models on email(d0) > paid_search(d7) > direct(d14), purchase 100 on d21", () => {
  it("first_touch gives everything to email", () => {
    expectCredits(credits("first_touch", [threeTouches]), { email: [1, 100], paid_search: [0, 0], direct: [0, 0] });
  });

  it("last_touch gives everything to direct", () => {
    expectCredits(credits("last_touch", [threeTouches]), { email: [0, 0], paid_search: [0, 0], direct: [1, 100] });
  });

  it("last_non_direct skips the direct touch", () => {
    expectCredits(credits("last_non_direct", [threeTouches]), { email: [0, 0], paid_search: [1, 100], direct: [0, 0] });
  });

  it("linear gives a third each", () => {
    expectCredits(credits("linear", [threeTouches]), { email: [1 / 3, 100 / 3], paid_search: [1 / 3, 100 / 3], direct: [1 / 3, 100 / 3] });
  });

  it("time_decay weighs 2^(-days/7): 21, 14, 7 days give 1/8, 1/4, 1/2, normalised 1/7, 2/7, 4/7", () => {
    expectCredits(credits("time_decay", [threeTouches]), {
      email: [1 / 7, 100 / 7],
      paid_search: [2 / 7, 200 / 7],
      direct: [4 / 7, 400 / 7],
    });
  });

  it("time_decay with halfLifeDays 14: weights 2^-1.5, 2^-1, 2^-0.5 normalised", () => {
    // Divide by 2^-1.5: 1, sqrt 2, 2; sum 3 + sqrt 2.
    const sum = 3 + Math.SQRT2;
    expectCredits(credits("time_decay", [threeTouches], { halfLifeDays: 14 }), {
      email: [1 / sum, 100 / sum],
      paid_search: [Math.SQRT2 / sum, (100 * Math.SQRT2) / sum],
      direct: [2 / sum, 200 / sum],
    });
  });

  it("position_based gives 40/20/40", () => {
    expectCredits(credits("position_based", [threeTouches]), { email: [0.4, 40], paid_search: [0.2, 20], direct: [0.4, 40] });
  });

  it("position_based splits 20% evenly over the middle touches: five touches give 0.4, 0.2/3 x3, 0.4", () => {
    const five = channelJourney(
      [
        ["a", 0],
        ["b", 1],
        ["c", 2],
        ["d", 3],
        ["e", 4],
      ],
      [[5, 30]],
    );
    expectCredits(credits("position_based", [five]), { a: [0.4, 12], b: [0.2 / 3, 2], c: [0.2 / 3, 2], d: [0.2 / 3, 2], e: [0.4, 12] });
  });
});

describe("heuristic edge cases", () => {
  const models = ["first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based"] as const;

  it.each(models)("%s: one touch earns the whole conversion", (model) => {
    expectCredits(credits(model, [channelJourney([["email", 3]], [[4, 80]])]), { email: [1, 80] });
  });

  it.each(models)("%s: a path of one repeated key gives that key the whole conversion", (model) => {
    expectCredits(
      credits(model, [
        channelJourney(
          [
            ["email", 1],
            ["email", 2],
            ["email", 3],
          ],
          [[4, 80]],
        ),
      ]),
      { email: [1, 80] },
    );
  });

  it("two touches: position_based and linear half each, time_decay 1/3 and 2/3 a half-life apart", () => {
    const two = channelJourney(
      [
        ["email", 0],
        ["social", 7],
      ],
      [[8, 60]],
    );
    expectCredits(credits("position_based", [two]), { email: [0.5, 30], social: [0.5, 30] });
    expectCredits(credits("linear", [two]), { email: [0.5, 30], social: [0.5, 30] });
    // 8 and 1 days before: weights 2^(-8/7) and 2^(-1/7), a ratio of 1/2, normalised 1/3 and 2/3.
    expectCredits(credits("time_decay", [two]), { email: [1 / 3, 20], social: [2 / 3, 40] });
  });

  it("last_non_direct falls back to the last touch when every touch is direct", () => {
    expectCredits(
      credits("last_non_direct", [
        channelJourney(
          [
            ["direct", 0],
            ["direct", 1],
          ],
          [[2, 10]],
        ),
      ]),
      { direct: [1, 10] },
    );
  });

  it.each(models)("%s: a conversion with no touch in the window goes to (none)", (model) => {
    // The only touch is 31 days before the purchase, outside the default 30-day lookback.
    expectCredits(credits(model, [channelJourney([["email", 0]], [[31, 25]])]), { "(none)": [1, 25] });
  });

  it.each(models)("%s: a conversion with no value earns conversions but no value", (model) => {
    expectCredits(credits(model, [channelJourney([["email", 0]], [[1, 0]])]), { email: [1, 0] });
  });

  it("a tiny half-life does not underflow: the latest touch takes everything", () => {
    expectCredits(credits("time_decay", [threeTouches], { halfLifeDays: 0.001 }), { email: [0, 0], paid_search: [0, 0], direct: [1, 100] });
  });
});

import { describe, expect, it } from "vitest";
import { createAttribution } from "./create-attribution.js";
import { channelJourney } from "./journey-fixtures.js";

describe("fractribution", () => {
  /*
   * Worked by hand. Paths and outcomes (p = conversions / all):
   *   A > B: 1 of 2 (p 1/2)     A: 1 of 4 (p 1/4)     B: 0 of 2 (p 0)     B > A: 1 of 1 (p 1)
   * A > B: A earns 1/2 - p(B) = 1/2, B earns 1/2 - p(A) = 1/4; normalised A 2/3, B 1/3 (value 60: 40, 20).
   * B > A: B earns 1 - p(A) = 3/4, A earns 1 - p(B) = 1; normalised B 3/7, A 4/7 (value 70: 30, 40).
   * A alone: its p, normalised to 1 (value 0: a conversion with no value).
   * Totals: A 2/3 + 4/7 + 1 = 47/21, B 1/3 + 3/7 = 16/21; value A 80, B 50.
   */
  it("credits each touch its marginal contribution to the path's conversion rate", () => {
    const attribution = createAttribution({ model: "fractribution" });
    attribution.addJourney(
      channelJourney(
        [
          ["A", 0],
          ["B", 1],
        ],
        [[2, 60]],
      ),
    );
    attribution.addJourney(
      channelJourney([
        ["A", 0],
        ["B", 1],
      ]),
    );
    attribution.addJourney(channelJourney([["A", 0]], [[1, 0]]));
    for (let i = 0; i < 3; i++) attribution.addJourney(channelJourney([["A", 0]]));
    for (let i = 0; i < 2; i++) attribution.addJourney(channelJourney([["B", 0]]));
    attribution.addJourney(
      channelJourney(
        [
          ["B", 0],
          ["A", 1],
        ],
        [[2, 70]],
      ),
    );
    const result = attribution.result();
    expect(result.totalConversions).toBe(3);
    expect(result.totalValue).toBe(130);
    const [a, b] = result.credits;
    expect(a?.key).toBe("A");
    expect(a?.conversions).toBeCloseTo(47 / 21, 9);
    expect(a?.value).toBeCloseTo(80, 9);
    expect(b?.key).toBe("B");
    expect(b?.conversions).toBeCloseTo(16 / 21, 9);
    expect(b?.value).toBeCloseTo(50, 9);
  });

  /*
   * C > D converts 1 of 2 (p 1/2); C alone and D alone convert 1 of 1 (p 1). Both marginal
   * contributions, 1/2 - 1, floor at 0, so the last touch (D) takes the C > D conversion.
   */
  it("gives the last touch everything when every contribution is zero", () => {
    const attribution = createAttribution({ model: "fractribution" });
    attribution.addJourney(
      channelJourney(
        [
          ["C", 0],
          ["D", 1],
        ],
        [[2, 10]],
      ),
    );
    attribution.addJourney(
      channelJourney([
        ["C", 0],
        ["D", 1],
      ]),
    );
    attribution.addJourney(channelJourney([["C", 0]], [[1, 1]]));
    attribution.addJourney(channelJourney([["D", 0]], [[1, 1]]));
    expect(attribution.result().credits).toEqual([
      { key: "D", conversions: 2, value: 11, share: 2 / 3, firstConversions: 2 },
      { key: "C", conversions: 1, value: 1, share: 1 / 3, firstConversions: 1 },
    ]);
  });

  /*
   * email > email > email converts once and is never seen shorter, so each touch earns p = 1 - 0:
   * a third each, all to email. A lone social touch converts: p = 1, all to social.
   */
  it("adds up the credit of a key met several times, and gives one touch the whole conversion", () => {
    const attribution = createAttribution({ model: "fractribution" });
    attribution.addJourney(
      channelJourney(
        [
          ["email", 0],
          ["email", 1],
          ["email", 2],
        ],
        [[3, 12]],
      ),
    );
    attribution.addJourney(channelJourney([["social", 0]], [[1, 4]]));
    expect(attribution.result().credits).toEqual([
      { key: "email", conversions: 1, value: 12, share: 0.5, firstConversions: 1 },
      { key: "social", conversions: 1, value: 4, share: 0.5, firstConversions: 1 },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { createAttribution } from "./create-attribution.js";
import { channelJourney } from "./journey-fixtures.js";

/*
 * Worked by hand with the textbook formula. Seven conversions:
 *   {A} x2 (paths A > A, value 10 each), {A,B} x1 (B > A, value 30),
 *   {A,B,C} x3 (C > A > B > C, value 60 each), {B,C} x1 (B > C, no value);
 * plus a customer who saw C and did not convert (does not enter v).
 * v(S) = conversions whose touched set is within S:
 *   v(A)=2, v(B)=v(C)=0, v(AB)=3, v(AC)=2, v(BC)=1, v(ABC)=7.
 * Marginal contributions over the six orders ABC, ACB, BAC, BCA, CAB, CBA:
 *   A: 2, 2, 3, 6, 2, 6 -> 21/6 = 3.5
 *   B: 1, 5, 0, 0, 5, 1 -> 12/6 = 2
 *   C: 4, 0, 4, 1, 0, 0 ->  9/6 = 1.5
 * which is sum over sets T containing k of R_T/|T|: A = 2 + 1/2 + 1, B = 1/2 + 1 + 1/2, C = 1 + 1/2.
 * Value by the same split: A = 20 + 15 + 60 = 95, B = 15 + 60 + 0 = 75, C = 60 + 0 = 60.
 */
describe("shapley", () => {
  it("gives the exact Shapley value of a three-key game, in conversions and value", () => {
    const attribution = createAttribution({ model: "shapley" });
    attribution.addJourney(
      channelJourney(
        [
          ["A", 0],
          ["A", 1],
        ],
        [[2, 10]],
      ),
    );
    attribution.addJourney(
      channelJourney(
        [
          ["A", 0],
          ["A", 1],
        ],
        [[2, 10]],
      ),
    );
    attribution.addJourney(
      channelJourney(
        [
          ["B", 0],
          ["A", 1],
        ],
        [[2, 30]],
      ),
    );
    for (let i = 0; i < 3; i++)
      attribution.addJourney(
        channelJourney(
          [
            ["C", 0],
            ["A", 1],
            ["B", 2],
            ["C", 3],
          ],
          [[4, 60]],
        ),
      );
    attribution.addJourney(
      channelJourney(
        [
          ["B", 0],
          ["C", 1],
        ],
        [[2, 0]],
      ),
    );
    attribution.addJourney(channelJourney([["C", 0]]));
    const result = attribution.result();
    expect(result.totalConversions).toBe(7);
    expect(result.totalValue).toBe(230);
    expect(result.credits.map((credit) => credit.key)).toEqual(["A", "B", "C"]);
    const [a, b, c] = result.credits;
    expect(a?.conversions).toBeCloseTo(3.5, 9);
    expect(b?.conversions).toBeCloseTo(2, 9);
    expect(c?.conversions).toBeCloseTo(1.5, 9);
    expect(a?.value).toBeCloseTo(95, 9);
    expect(b?.value).toBeCloseTo(75, 9);
    expect(c?.value).toBeCloseTo(60, 9);
    expect(a?.share).toBeCloseTo(0.5, 9);
  });

  it("gives one touch, and one repeated key, the whole conversion", () => {
    const attribution = createAttribution({ model: "shapley" });
    attribution.addJourney(channelJourney([["email", 0]], [[1, 5]]));
    attribution.addJourney(
      channelJourney(
        [
          ["email", 0],
          ["email", 1],
          ["email", 2],
        ],
        [[3, 0]],
      ),
    );
    expect(attribution.result().credits).toEqual([{ key: "email", conversions: 2, value: 5, share: 1, firstConversions: 2 }]);
  });

  it("splits two touches in half", () => {
    const attribution = createAttribution({ model: "shapley" });
    attribution.addJourney(
      channelJourney(
        [
          ["email", 0],
          ["social", 1],
        ],
        [[2, 9]],
      ),
    );
    expect(attribution.result().credits).toEqual([
      { key: "email", conversions: 0.5, value: 4.5, share: 0.5, firstConversions: 0.5 },
      { key: "social", conversions: 0.5, value: 4.5, share: 0.5, firstConversions: 0.5 },
    ]);
  });
});

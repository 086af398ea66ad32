import { describe, expect, expectTypeOf, it } from "vitest";
import type { JourneyDigest } from "../journey/journey-digest.js";
import type { AttributionJourney } from "./attribution-journey.js";
import { createAttribution } from "./create-attribution.js";
import { InvalidOptionError } from "./invalid-option.js";
import { channelJourney, day, touch } from "./journey-fixtures.js";
import type { AttributionOptions } from "./options.js";

describe("createAttribution", () => {
  it("answers the documented shape, shares of all conversions, credits sorted by conversions then key", () => {
    const attribution = createAttribution({ model: "last_touch", lookbackDays: 14 });
    attribution.addJourney(channelJourney([["email", 0]], [[1, 30]]));
    attribution.addJourney(channelJourney([["social", 0]], [[1, 20]]));
    attribution.addJourney(
      channelJourney(
        [
          ["search", 0],
          ["social", 1],
        ],
        [[2, 10]],
      ),
    );
    attribution.addJourney(channelJourney([["email", 0]]));
    expect(attribution.result()).toEqual({
      model: "last_touch",
      conversion: "purchase",
      groupBy: "channel",
      lookbackDays: 14,
      totalConversions: 3,
      totalValue: 60,
      credits: [
        { key: "social", conversions: 2, value: 30, share: 2 / 3, firstConversions: 2 },
        { key: "email", conversions: 1, value: 30, share: 1 / 3, firstConversions: 1 },
        { key: "search", conversions: 0, value: 0, share: 0, firstConversions: 0 },
      ],
    });
  });

  it("counts firstConversions only for each customer's first conversion of the kind", () => {
    const attribution = createAttribution({ model: "first_touch" });
    attribution.addJourney(
      channelJourney(
        [
          ["email", 0],
          ["social", 2],
        ],
        [
          [1, 5],
          [3, 7],
        ],
      ),
    );
    expect(attribution.result().credits).toEqual([
      { key: "email", conversions: 1, value: 5, share: 0.5, firstConversions: 1 },
      { key: "social", conversions: 1, value: 7, share: 0.5, firstConversions: 0 },
    ]);
  });

  it("applies path transforms before the model", () => {
    const attribution = createAttribution({ model: "last_touch", transforms: [{ name: "remove_if_last_and_not_all", key: "direct" }] });
    attribution.addJourney(
      channelJourney(
        [
          ["email", 0],
          ["direct", 1],
          ["direct", 2],
        ],
        [[3, 8]],
      ),
    );
    attribution.addJourney(channelJourney([["direct", 0]], [[1, 2]]));
    expect(attribution.result().credits.map((credit) => [credit.key, credit.conversions])).toEqual([
      ["direct", 1],
      ["email", 1],
    ]);
  });

  it("attributes a stage entry by stage, and takes the engine's JourneyDigest", () => {
    expectTypeOf<JourneyDigest>().toExtend<AttributionJourney>();
    const journey: AttributionJourney = {
      stages: [
        { stage: "awareness", time: day(0) },
        { stage: "consideration", time: day(1) },
        { stage: "evaluation", time: day(4) },
      ],
      touchpoints: [
        touch({ name: "banner_click", day: 0, stage: "awareness" }),
        touch({ name: "catalog_view", day: 1, stage: "consideration" }),
        touch({ name: "catalog_view", day: 2, stage: "consideration" }),
        touch({ name: "review_read", day: 4, stage: "evaluation" }),
      ],
      conversions: [],
    };
    // Linear over awareness, consideration, consideration: 1/3 and 2/3.
    const attribution = createAttribution({ model: "linear", conversion: "stage:evaluation", groupBy: "stage" });
    attribution.addJourney(journey);
    const result = attribution.result();
    expect(result).toMatchObject({ conversion: "stage:evaluation", groupBy: "stage", totalConversions: 1, totalValue: 0 });
    expect(result.credits.map((credit) => credit.key)).toEqual(["consideration", "awareness"]);
    expect(result.credits[0]?.conversions).toBeCloseTo(2 / 3, 12);
    expect(result.credits[1]?.conversions).toBeCloseTo(1 / 3, 12);
  });

  it("can be asked for its result twice without counting twice", () => {
    for (const model of ["markov", "shapley", "fractribution", "linear"] as const) {
      const attribution = createAttribution({ model });
      attribution.addJourney(
        channelJourney(
          [
            ["email", 0],
            ["social", 1],
          ],
          [[2, 10]],
        ),
      );
      attribution.addJourney(channelJourney([["social", 0]]));
      attribution.addJourney(channelJourney([], [[1, 3]]));
      const first = attribution.result();
      expect(attribution.result()).toEqual(first);
      expect(first.credits.reduce((sum, credit) => sum + credit.conversions, 0)).toBeCloseTo(2, 12);
    }
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ model: "u_shaped" }, "model", 'unknown model "u_shaped"'],
    [{ groupBy: "device" }, "groupBy", 'unknown groupBy "device"'],
    [{ lookbackDays: 0 }, "lookbackDays", "must be a number greater than 0, got 0"],
    [{ lookbackDays: Number.NaN }, "lookbackDays", "must be a number greater than 0, got null"],
    [{ halfLifeDays: -1 }, "halfLifeDays", "must be a number greater than 0, got -1"],
    [{ from: "yesterday" }, "from", 'must be an ISO-8601 date or date-time, got "yesterday"'],
    [{ from: day(2), to: day(1) }, "to", "must be later than from"],
    [{ conversion: "stage:" }, "conversion", "stage: must be followed by a stage name"],
    [{ conversion: " " }, "conversion", "must be a conversion event name or stage:<name>"],
    [{ transforms: [{ name: "remove_if_not_all" }] }, "transform", "remove_if_not_all needs a key"],
  ])("rejects %j naming the option", (options, option, message) => {
    const attempt = () => createAttribution({ model: "linear", ...options } as unknown as AttributionOptions);
    expect(attempt).toThrow(InvalidOptionError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidOptionError).option).toBe(option);
    }
  });
});

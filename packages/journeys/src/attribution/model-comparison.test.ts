import { describe, expect, it } from "vitest";
import { createAttribution } from "./create-attribution.js";
import { seededRandom } from "../testing/seeded-shuffle.js";
import { channelJourney, day } from "./journey-fixtures.js";
import type { InvalidOptionError } from "./invalid-option.js";
import { compareAttributionModels, createModelComparison } from "./model-comparison.js";
import { ATTRIBUTION_MODELS, type AttributionModel } from "./options.js";
import type { PathTransform } from "./path-transforms.js";
import { withSpend } from "./spend.js";

describe("compareAttributionModels", () => {
  it("puts each model's credit for a key side by side, cost once, zero where a model lists no such key", () => {
    // One purchase (90) after email d0 then display d1; display costs 30.
    const journey = channelJourney(
      [
        ["email", 0],
        ["display", 1],
      ],
      [[2, 90]],
    );
    const spend = [
      { groupBy: "channel" as const, key: "display", from: "2026-01-01", to: "2026-01-01", amount: 30, currency: "EUR" },
      { groupBy: "channel" as const, key: "sms", from: "2026-01-01", to: "2026-01-01", amount: 10, currency: "EUR" },
    ];
    const results = (["last_touch", "first_touch"] as AttributionModel[]).map((model) => {
      const attribution = createAttribution({ model });
      attribution.addJourney(journey);
      return withSpend(attribution.result(), spend);
    });
    const credit = (conversions: number, value: number, roas: number | null, cac: number | null) => ({
      conversions,
      value,
      share: conversions,
      firstConversions: conversions,
      roas,
      cac,
    });
    expect(compareAttributionModels(results)).toEqual({
      models: ["last_touch", "first_touch"],
      conversion: "purchase",
      groupBy: "channel",
      lookbackDays: 30,
      totalConversions: 1,
      totalValue: 90,
      credits: [
        { key: "display", cost: 30, currency: "EUR", models: { last_touch: credit(1, 90, 3, 30), first_touch: credit(0, 0, 0, null) } },
        {
          key: "email",
          cost: null,
          currency: null,
          models: { last_touch: credit(0, 0, null, null), first_touch: credit(1, 90, null, null) },
        },
        { key: "sms", cost: 10, currency: "EUR", models: { last_touch: credit(0, 0, 0, null), first_touch: credit(0, 0, 0, null) } },
      ],
    });
  });
});

describe("createModelComparison", () => {
  it("gives every model the result it gives alone, over journeys read once", () => {
    const random = seededRandom(42);
    const channels = ["email", "direct", "paid_search", "display"];
    const journeys = Array.from({ length: 200 }, () => {
      const touches = Array.from(
        { length: Math.floor(random() * 5) },
        () => [channels[Math.floor(random() * channels.length)] as string, random() * 40] as [string, number],
      );
      const purchases = Array.from(
        { length: Math.floor(random() * 2) },
        () => [random() * 40, Math.round(random() * 50)] as [number, number],
      );
      return channelJourney(
        touches.sort((a, b) => a[1] - b[1]),
        purchases.sort((a, b) => a[0] - b[0]),
      );
    });
    const options = { from: day(5), lookbackDays: 15, transforms: [{ name: "exposure" }] as PathTransform[] };
    const comparison = createModelComparison(options, ATTRIBUTION_MODELS);
    for (const journey of journeys) comparison.addJourney(journey);
    const alone = ATTRIBUTION_MODELS.map((model) => {
      const attribution = createAttribution({ ...options, model });
      for (const journey of journeys) attribution.addJourney(journey);
      return attribution.result();
    });
    expect(comparison.results()).toEqual(alone);
  });

  it.each([
    [[], "name at least one model"],
    [["linear", "markov", "linear"], "names a model twice"],
  ])("refuses models %o", (models, message) => {
    expect(() => createModelComparison({}, models as AttributionModel[])).toThrowError(
      expect.objectContaining({ option: "model", message: `model: ${message}` }) as InvalidOptionError,
    );
  });
});

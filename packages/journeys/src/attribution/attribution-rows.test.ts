import { describe, expect, it } from "vitest";
import { seededRandom } from "../testing/seeded-shuffle.js";
import { createAttribution } from "./create-attribution.js";
import { createAttributionRows, ROW_MODELS, type AttributionRowsJourney } from "./attribution-rows.js";
import type { InvalidOptionError } from "./invalid-option.js";
import { channelJourney, day } from "./journey-fixtures.js";
import type { AttributionModel } from "./options.js";
import type { PathTransform } from "./path-transforms.js";

const known = (customerId: string, journey: ReturnType<typeof channelJourney>): AttributionRowsJourney => ({
  customerId,
  anonymousId: null,
  ...journey,
});
const guest = (anonymousId: string, journey: ReturnType<typeof channelJourney>): AttributionRowsJourney => ({
  customerId: null,
  anonymousId,
  ...journey,
});

describe("createAttributionRows", () => {
  it("gives each conversion its touches with each model's share, and one (none) touch to a conversion without touch", () => {
    // Ann: email d0, paid_search d2, email d3, purchase d5 (100). Bob, a guest: purchase d1 (20), no touch.
    const ann = known(
      "ann",
      channelJourney(
        [
          ["email", 0],
          ["paid_search", 2],
          ["email", 3],
        ],
        [[5, 100]],
      ),
    );
    const bob = guest("browser-b", channelJourney([], [[1, 20]]));
    const writer = createAttributionRows({ models: ["linear", "position_based", "shapley", "first_touch"] });
    expect(writer.models).toEqual(["linear", "position_based", "shapley", "first_touch"]);
    // linear a third each; position_based 40/20/40; shapley half to each key, email's half over
    // its two touches; first_touch all to the first.
    expect(writer.conversionsOf(ann)).toEqual([
      {
        conversionId: ann.conversions[0]?.id,
        customerId: "ann",
        anonymousId: null,
        time: day(5),
        value: 100,
        first: true,
        touches: [
          { index: 0, time: day(0), key: "email", credits: [1 / 3, 0.4, 0.25, 1] },
          { index: 1, time: day(2), key: "paid_search", credits: [1 / 3, 0.2, 0.5, 0] },
          { index: 2, time: day(3), key: "email", credits: [1 / 3, 0.4, 0.25, 0] },
        ],
      },
    ]);
    expect(writer.conversionsOf(bob)).toEqual([
      {
        conversionId: bob.conversions[0]?.id,
        customerId: null,
        anonymousId: "browser-b",
        time: day(1),
        value: 20,
        first: true,
        touches: [{ index: null, time: null, key: "(none)", credits: [1, 1, 1, 1] }],
      },
    ]);
  });

  it("names what every journey with a conversion holds: the conversion event, or the stage", () => {
    expect(createAttributionRows({ models: ["linear"] }).convertingName).toBe("purchase");
    expect(createAttributionRows({ models: ["linear"], conversion: "signup" }).convertingName).toBe("signup");
    expect(createAttributionRows({ models: ["linear"], conversion: "stage:evaluation" }).convertingName).toBe("evaluation");
  });

  it("sums, by key, to the attribution report of every row model, on random journeys and transforms", () => {
    const random = seededRandom(15);
    const channels = ["email", "direct", "paid_search", "display", "referral"];
    const journeys = Array.from({ length: 300 }, (_, n) => {
      const touches = Array.from(
        { length: Math.floor(random() * 6) },
        () => [channels[Math.floor(random() * channels.length)] as string, random() * 60] as [string, number],
      );
      const purchases = Array.from(
        { length: Math.floor(random() * 3) },
        () => [random() * 60, Math.round(random() * 100)] as [number, number],
      );
      return known(
        `c${n}`,
        channelJourney(
          touches.sort((a, b) => a[1] - b[1]),
          purchases.sort((a, b) => a[0] - b[0]),
        ),
      );
    });
    const transformSets: PathTransform[][] = [
      [],
      [{ name: "exposure" }],
      [{ name: "first" }],
      [{ name: "remove_if_not_all", key: "direct" }],
    ];
    for (const transforms of transformSets) {
      const options = { transforms, from: day(10), lookbackDays: 20 };
      const writer = createAttributionRows({ ...options, models: ROW_MODELS });
      const rows = journeys
        .flatMap((journey) => writer.conversionsOf(journey))
        .flatMap((conversion) => conversion.touches.map((touch) => ({ ...touch, value: conversion.value })));
      ROW_MODELS.forEach((model, m) => {
        const attribution = createAttribution({ ...options, model });
        for (const journey of journeys) attribution.addJourney(journey);
        const summed = new Map<string, { conversions: number; value: number }>();
        for (const row of rows) {
          const sum = summed.get(row.key) ?? { conversions: 0, value: 0 };
          sum.conversions += row.credits[m] as number;
          sum.value += (row.credits[m] as number) * row.value;
          summed.set(row.key, sum);
        }
        const { credits } = attribution.result();
        expect([...summed.keys()].sort(), `${model} ${JSON.stringify(transforms)}`).toEqual(credits.map((c) => c.key).sort());
        for (const credit of credits) {
          expect(summed.get(credit.key)?.conversions, `${model} ${credit.key}`).toBeCloseTo(credit.conversions, 9);
          expect(summed.get(credit.key)?.value, `${model} ${credit.key}`).toBeCloseTo(credit.value, 9);
        }
      });
    }
  });

  it.each([
    [
      ["markov"],
      "markov fits its credit over every path at once, not per conversion; rows are kept for first_touch, last_touch, last_non_direct, linear, time_decay, position_based, shapley",
    ],
    [
      ["linear", "fractribution"],
      "fractribution fits its credit over every path at once, not per conversion; rows are kept for first_touch, last_touch, last_non_direct, linear, time_decay, position_based, shapley",
    ],
    [["linear", "linear"], "names a model twice"],
    [[], "name at least one model"],
  ])("refuses models %o", (models, message) => {
    expect(() => createAttributionRows({ models: models as AttributionModel[] })).toThrowError(
      expect.objectContaining({ option: "model", message: `model: ${message}` }) as InvalidOptionError,
    );
  });
});

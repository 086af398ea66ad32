import { describe, expect, it } from "vitest";
import { seededRandom } from "../testing/seeded-shuffle.js";
import type { AttributionJourney } from "./attribution-journey.js";
import { createAttribution } from "./create-attribution.js";
import { day, touch } from "./journey-fixtures.js";
import { ATTRIBUTION_GROUP_BY, ATTRIBUTION_MODELS } from "./options.js";
import type { PathTransform } from "./path-transforms.js";

const CHANNELS = ["email", "display", "paid_search", "direct", "referral"];
const NAMES = ["banner_click", "catalog_view", "review_read", "chatbot_question"];
const STAGES = ["awareness", "consideration", "evaluation", null];
const CAMPAIGNS = ["spring", "summer", undefined];

/** Every transform alone, and two chains, so each model meets each transform. */
const TRANSFORM_SETS: PathTransform[][] = [
  [],
  [{ name: "unique" }],
  [{ name: "exposure" }],
  [{ name: "first" }],
  [{ name: "frequency" }],
  [{ name: "remove_if_not_all", key: "direct" }],
  [{ name: "remove_if_last_and_not_all", key: "direct" }],
  [{ name: "remove_if_not_all", key: "(not set)" }, { name: "frequency" }],
  [{ name: "exposure" }, { name: "remove_if_last_and_not_all", key: "email" }],
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A random customer: up to 8 touches and up to 3 purchases over 60 days, page views among them. */
function randomJourney(random: () => number): AttributionJourney {
  const touches = Array.from({ length: Math.floor(random() * 9) }, () => {
    const page = random() < 0.3;
    return touch({
      type: page ? "page" : "touchpoint",
      name: page ? "page_view" : pick(NAMES, random),
      channel: pick(CHANNELS, random),
      stage: pick(STAGES, random),
      campaign: pick(CAMPAIGNS, random),
      day: Math.floor(random() * 60 * 4) / 4,
    });
  });
  const purchases = Array.from({ length: random() < 0.5 ? 0 : 1 + Math.floor(random() * 3) }, () =>
    touch({
      name: "purchase",
      channel: pick(CHANNELS, random),
      day: Math.floor(random() * 60 * 4) / 4,
      value: random() < 0.2 ? 0 : Math.round(random() * 20_000) / 100,
    }),
  );
  const touchpoints = [...touches, ...purchases].sort((a, b) => a.time - b.time);
  const conversions = purchases
    .map((purchase) => ({ id: purchase.id, name: "purchase", time: purchase.time, value: purchase.value as number }))
    .sort((a, b) => a.time - b.time);
  return { touchpoints, stages: [], conversions };
}

/** What every model must hand out: each conversion in the period, its value, and whether it was the customer's first. */
function expectedTotals(journeys: AttributionJourney[], from: number, to: number) {
  let conversions = 0;
  let value = 0;
  let first = 0;
  for (const journey of journeys) {
    journey.conversions.forEach((conversion, index) => {
      if (conversion.time < from || conversion.time >= to) return;
      conversions += 1;
      value += conversion.value;
      if (index === 0) first += 1;
    });
  }
  return { conversions, value, first };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("every model hands out exactly the conversions (property test)", () => {
  const CASES = 120;
  it.each(ATTRIBUTION_MODELS.map((model) => [model]))(
    "%s: credits sum to the conversions, value and first conversions, for every transform",
    (model) => {
      const random = seededRandom(15_000 + ATTRIBUTION_MODELS.indexOf(model));
      for (let round = 0; round < CASES; round++) {
        const journeys = Array.from({ length: 1 + Math.floor(random() * 30) }, () => randomJourney(random));
        const open = random() < 0.3;
        const from = open ? -Infinity : day(Math.floor(random() * 30));
        const to = open ? Infinity : from + (1 + Math.floor(random() * 40)) * 86_400_000;
        const groupBy = pick(ATTRIBUTION_GROUP_BY, random);
        const lookbackDays = pick([1, 7, 30], random);
        const halfLifeDays = pick([0.01, 7], random);
        const transforms = TRANSFORM_SETS[round % TRANSFORM_SETS.length] as PathTransform[];
        const attribution = createAttribution({
          model,
          groupBy,
          lookbackDays,
          halfLifeDays,
          transforms,
          ...(open ? {} : { from, to }),
        });
        for (const journey of journeys) attribution.addJourney(journey);
        const result = attribution.result();
        const expected = expectedTotals(journeys, from, to);
        const label = `seed round ${round}: ${groupBy}, ${JSON.stringify(transforms)}, lookback ${lookbackDays}`;
        expect(result.totalConversions, label).toBe(expected.conversions);
        expect(result.totalValue, label).toBeCloseTo(expected.value, 6);
        for (const credit of result.credits) {
          expect(Number.isFinite(credit.conversions) && credit.conversions >= -1e-12, `${label}: ${credit.key}`).toBe(true);
        }
        expect(sum(result.credits.map((credit) => credit.conversions)), label).toBeCloseTo(expected.conversions, 9);
        expect(sum(result.credits.map((credit) => credit.value)), label).toBeCloseTo(expected.value, 6);
        expect(sum(result.credits.map((credit) => credit.firstConversions)), label).toBeCloseTo(expected.first, 9);
        if (expected.conversions > 0) expect(sum(result.credits.map((credit) => credit.share)), label).toBeCloseTo(1, 9);
      }
    },
  );
});

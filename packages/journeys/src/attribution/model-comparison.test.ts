import { describe, expect, it } from "vitest";
import { createAttribution } from "./create-attribution.js";
import { channelJourney } from "./journey-fixtures.js";
import { compareAttributionModels } from "./model-comparison.js";
import type { AttributionModel } from "./options.js";
import { withSpend } from "./spend.js";

describe("compareAttributionModels", () => {
  it("puts each model's credit for a key side by side, cost once, zero where a model lists no such key", () => {
    // One purchase (90) after email d0 then display d1; display costs 30.
    const journey = channelJourney([["email", 0], ["display", 1]], [[2, 90]]);
    const spend = [{ groupBy: "channel" as const, key: "display", from: "2026-01-01", to: "2026-01-01", amount: 30, currency: "EUR" }, { groupBy: "channel" as const, key: "sms", from: "2026-01-01", to: "2026-01-01", amount: 10, currency: "EUR" }];
    const results = (["last_touch", "first_touch"] as AttributionModel[]).map((model) => {
      const attribution = createAttribution({ model });
      attribution.addJourney(journey);
      return withSpend(attribution.result(), spend);
    });
    const credit = (conversions: number, value: number, roas: number | null, cac: number | null) => ({ conversions, value, share: conversions, firstConversions: conversions, roas, cac });
    expect(compareAttributionModels(results)).toEqual({
      models: ["last_touch", "first_touch"],
      conversion: "purchase",
      groupBy: "channel",
      lookbackDays: 30,
      totalConversions: 1,
      totalValue: 90,
      credits: [
        { key: "display", cost: 30, currency: "EUR", models: { last_touch: credit(1, 90, 3, 30), first_touch: credit(0, 0, 0, null) } },
        { key: "email", cost: null, currency: null, models: { last_touch: credit(0, 0, null, null), first_touch: credit(1, 90, null, null) } },
        { key: "sms", cost: 10, currency: "EUR", models: { last_touch: credit(0, 0, 0, null), first_touch: credit(0, 0, 0, null) } },
      ],
    });
  });
});

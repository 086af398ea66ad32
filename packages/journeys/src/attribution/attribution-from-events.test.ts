/**
 * Attribution of journeys built from events, as the collector builds them: what a touch's
 * campaign is, and which events are touches, follow from sessions and the stage model.
 */
import { describe, expect, it } from "vitest";
import { buildJourney } from "../journey/build-journey.js";
import { digestJourney } from "../journey/journey-digest.js";
import { DEFAULT_STAGE_MODEL } from "../stages/default-models.js";
import { DAY, MINUTE, at, journeyEvent } from "../testing/journey-event.js";
import type { JourneyEvent } from "../types.js";
import { createAttribution } from "./create-attribution.js";
import type { AttributionOptions } from "./options.js";

function attribute(options: AttributionOptions, events: JourneyEvent[]) {
  const attribution = createAttribution(options);
  attribution.addJourney(digestJourney(buildJourney({ customerId: "c1", events, model: DEFAULT_STAGE_MODEL })));
  return attribution.result().credits.map(({ key, conversions }) => [key, conversions]);
}

const session = { anonymousId: "a", sessionId: "s1" };

describe("attribution from events", () => {
  it("credits the session's campaign: a landing tagged spring, then an untagged banner click and purchase", () => {
    const events = [
      journeyEvent({
        id: "e1",
        timestamp: at(0),
        ...session,
        type: "page",
        name: "page_view",
        context: { url: "https://shop.example/?utm_source=news&utm_medium=email&utm_campaign=spring" },
      }),
      journeyEvent({ id: "e2", timestamp: at(MINUTE), ...session, name: "banner_click", context: { url: "https://shop.example/p/1" } }),
      journeyEvent({ id: "e3", timestamp: at(2 * MINUTE), ...session, name: "purchase", properties: { value: 20 } }),
    ];
    expect(attribute({ model: "last_touch", groupBy: "campaign" }, events)).toEqual([["spring", 1]]);
    expect(attribute({ model: "linear", groupBy: "campaign" }, events)).toEqual([["spring", 1]]);
  });

  it("never counts a purchase as a touch for stage:loyalty (its repeat purchase converts)", () => {
    const events = [
      journeyEvent({ id: "e1", timestamp: at(0), ...session, name: "catalog_view" }),
      journeyEvent({ id: "e2", timestamp: at(MINUTE), ...session, name: "purchase" }),
      journeyEvent({ id: "e3", timestamp: at(DAY), anonymousId: "a", sessionId: "s2", name: "review_read" }),
      journeyEvent({ id: "e4", timestamp: at(DAY + MINUTE), anonymousId: "a", sessionId: "s2", name: "purchase" }),
    ];
    expect(attribute({ model: "linear", conversion: "stage:loyalty", groupBy: "touchpoint" }, events)).toEqual([
      ["catalog_view", 0.5],
      ["review_read", 0.5],
    ]);
  });

  it("counts neither the attributed event nor a purchase as a touch for add_to_cart", () => {
    const events = [
      journeyEvent({ id: "e1", timestamp: at(0), ...session, name: "review_read" }),
      journeyEvent({ id: "e2", timestamp: at(MINUTE), ...session, name: "purchase" }),
      journeyEvent({ id: "e3", timestamp: at(2 * MINUTE), ...session, name: "chatbot_question" }),
      journeyEvent({ id: "e4", timestamp: at(3 * MINUTE), ...session, name: "add_to_cart" }),
      journeyEvent({ id: "e5", timestamp: at(4 * MINUTE), ...session, name: "add_to_cart" }),
    ];
    expect(attribute({ model: "linear", conversion: "add_to_cart", groupBy: "touchpoint" }, events)).toEqual([
      ["(none)", 1],
      ["chatbot_question", 0.5],
      ["review_read", 0.5],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { day } from "../attribution/journey-fixtures.js";
import { createMomentsOfTruth, type MomentsJourney } from "./create-moments-of-truth.js";

const STAGES = ["awareness", "consideration", "evaluation", "purchase", "loyalty"];

function journey(touches: [name: string, stage: string, day: number, type?: "page"][], stages: Record<string, number>): MomentsJourney {
  return {
    touchpoints: touches.map(([name, stage, at, type]) => ({ type: type ?? "touchpoint", name, stage, time: day(at) })),
    stages: Object.entries(stages).map(([stage, at]) => ({ stage, time: day(at) })),
  };
}

/*
 * Stage evaluation, within 3 days, judged on day 30.
 *   c1: review_read d1, chatbot_question d2, purchase d3: both advanced (2 and 1 days before purchase).
 *   c2: review_read d1 and d10, purchase d12: advanced, 2 days after the second read.
 *   c3: review_read and the pricing page d5, then nothing: quiet for both (an event at the same
 *       instant is not after it).
 *   c4: review_read d5, catalog_view d7: still active, not advanced: neither.
 *   c5: chatbot_question d28: its window ends on day 31, after `now`: neither.
 *   c6: review_read d5, purchase d8, exactly 3 days later: advanced.
 *   c7: review_read d1, a page view d4, exactly 3 days later: neither.
 * review_read: 6 customers, advanced c1 c2 c6 = 1/2, quiet c3 = 1/6.
 * chatbot_question: 2 customers, advanced c1 = 1/2, quiet 0. pricing: 1 customer, quiet.
 */
const journeys = [
  journey(
    [
      ["review_read", "evaluation", 1],
      ["chatbot_question", "evaluation", 2],
      ["purchase", "purchase", 3],
    ],
    { evaluation: 1, purchase: 3 },
  ),
  journey(
    [
      ["review_read", "evaluation", 1],
      ["review_read", "evaluation", 10],
      ["purchase", "purchase", 12],
    ],
    { evaluation: 1, purchase: 12 },
  ),
  journey(
    [
      ["review_read", "evaluation", 5],
      ["pricing", "evaluation", 5, "page"],
    ],
    { evaluation: 5 },
  ),
  journey(
    [
      ["review_read", "evaluation", 5],
      ["catalog_view", "consideration", 7],
    ],
    { consideration: 0, evaluation: 5 },
  ),
  journey([["chatbot_question", "evaluation", 28]], { evaluation: 28 }),
  journey(
    [
      ["review_read", "evaluation", 5],
      ["purchase", "purchase", 8],
    ],
    { evaluation: 5, purchase: 8 },
  ),
  journey(
    [
      ["review_read", "evaluation", 1],
      ["page_view", "consideration", 4, "page"],
    ],
    { evaluation: 1 },
  ),
];

describe("createMomentsOfTruth", () => {
  it("gives each touchpoint of the stage its customers and the shares who advanced and who went quiet", () => {
    const moments = createMomentsOfTruth({ stage: "evaluation", stages: STAGES, withinDays: 3, now: day(30) });
    for (const customer of journeys) moments.addJourney(customer);
    expect(moments.result()).toEqual({
      stage: "evaluation",
      withinDays: 3,
      touchpoints: [
        { name: "review_read", customers: 6, advanced: 0.5, quiet: 1 / 6 },
        { name: "chatbot_question", customers: 2, advanced: 0.5, quiet: 0 },
        { name: "pricing", customers: 1, advanced: 0, quiet: 1 },
      ],
    });
  });

  it("counts only occurrences in [from, to)", () => {
    // From day 2: c1's and c7's reads (day 1) drop out; c2 still read on day 10.
    const moments = createMomentsOfTruth({ stage: "evaluation", stages: STAGES, withinDays: 3, now: day(30), from: day(2), to: day(20) });
    for (const customer of journeys) moments.addJourney(customer);
    expect(moments.result().touchpoints).toEqual([
      { name: "review_read", customers: 4, advanced: 0.5, quiet: 0.25 },
      { name: "chatbot_question", customers: 1, advanced: 1, quiet: 0 },
      { name: "pricing", customers: 1, advanced: 0, quiet: 1 },
    ]);
  });

  it("rejects a stage outside the model and a bad withinDays", () => {
    expect(() => createMomentsOfTruth({ stage: "checkout", stages: STAGES, now: day(0) })).toThrow(
      'stage: unknown stage "checkout"; expected one of awareness, consideration, evaluation, purchase, loyalty',
    );
    expect(() => createMomentsOfTruth({ stage: "evaluation", stages: STAGES, now: day(0), withinDays: 0 })).toThrow(
      "withinDays: must be a number greater than 0, got 0",
    );
  });
});

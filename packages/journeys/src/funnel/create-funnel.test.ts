import { describe, expect, it } from "vitest";
import { day } from "../attribution/journey-fixtures.js";
import { createFunnel, type FunnelJourney } from "./create-funnel.js";

const STAGES = ["awareness", "consideration", "evaluation", "purchase"];

function journey(entries: Record<string, number>, customerId: string | null = null): FunnelJourney {
  return { customerId, stages: Object.entries(entries).map(([stage, at]) => ({ stage, time: day(at) })) };
}

/*
 * Period [day 10, day 40), judged on day 60, stalled after more than 14 days.
 *   c1 smb:        awareness 10, consideration 12, evaluation 15, purchase 20
 *   c2 smb:        awareness 11, consideration 21
 *   c3 enterprise: awareness 12
 *   c4 (no key):   awareness 5 (before the period), consideration 15, evaluation 46 (after it)
 *   c5 enterprise: awareness 20, evaluation 22, consideration 30: reaching evaluation on day 22
 *                  implies consideration then, so consideration 22
 *   c6 smb:        awareness 50 (after the period)
 * c2 and c5 are visitors nobody identified (anonymous), the others known customers (identified).
 * customers: awareness c1 c2 c3 c5 = 4; consideration c1 c2 c4 c5 = 4; evaluation c1 c5 = 2; purchase c1 = 1.
 * awareness -> consideration: c1 (2 days), c2 (10), c5 (2) of 4: 0.75; days 2, 2, 10: median 2,
 *   p90 2 + 0.8 x 8 = 8.4.
 * consideration -> evaluation: c1 (3 days), c5 (0) of 4 (c4 after `to`): 0.5; median 1.5, p90 2.7.
 * evaluation -> purchase: c1 (5 days) of 2: 0.5.
 * Stalled on day 60: c1 at purchase (40 days), c2 at consideration (39), c3 at awareness (48), c5 at
 * evaluation (its furthest stage, 38 days); c4 at evaluation for exactly 14 days and c6 for 10 are not.
 */
const customers: [string | undefined, FunnelJourney][] = [
  ["smb", journey({ awareness: 10, consideration: 12, evaluation: 15, purchase: 20 }, "c1")],
  ["smb", journey({ awareness: 11, consideration: 21 })],
  ["enterprise", journey({ awareness: 12 }, "c3")],
  [undefined, journey({ awareness: 5, consideration: 15, evaluation: 46 }, "c4")],
  ["enterprise", journey({ awareness: 20, evaluation: 22, consideration: 30 })],
  ["smb", journey({ awareness: 50 }, "c6")],
];

function funnel() {
  const accumulator = createFunnel({ stages: STAGES, from: day(10), to: day(40), now: day(60) });
  for (const [group, customer] of customers) accumulator.addJourney(customer, group);
  return accumulator;
}

describe("createFunnel", () => {
  it("counts customers, conversion, drop-off, days to the next stage and who is stalled, per stage", () => {
    expect(funnel().result()).toEqual({
      stages: [
        {
          stage: "awareness",
          customers: 4,
          identified: 2,
          anonymous: 2,
          conversionFromPrevious: null,
          dropOff: null,
          medianDaysToNext: 2,
          p90DaysToNext: expect.closeTo(8.4, 12),
          stalled: 1,
        },
        {
          stage: "consideration",
          customers: 4,
          identified: 2,
          anonymous: 2,
          conversionFromPrevious: 0.75,
          dropOff: 0.25,
          medianDaysToNext: 1.5,
          p90DaysToNext: expect.closeTo(2.7, 12),
          stalled: 1,
        },
        {
          stage: "evaluation",
          customers: 2,
          identified: 1,
          anonymous: 1,
          conversionFromPrevious: 0.5,
          dropOff: 0.5,
          medianDaysToNext: 5,
          p90DaysToNext: 5,
          stalled: 1,
        },
        {
          stage: "purchase",
          customers: 1,
          identified: 1,
          anonymous: 0,
          conversionFromPrevious: 0.5,
          dropOff: 0.5,
          medianDaysToNext: null,
          p90DaysToNext: null,
          stalled: 1,
        },
      ],
    });
  });

  /*
   * (not set) = c4: consideration 1, nobody before it in the period; its evaluation is after `to`.
   * enterprise = c3, c5: awareness 2, consideration 1 (c5, 2 days later, implied by its
   * evaluation), evaluation 1 (0 days after); nobody purchased. Stalled c3, c5.
   * smb = c1, c2 (c6 outside): awareness -> consideration 2 of 2 after 2 and 10 days: median 6,
   * p90 2 + 0.9 x 8 = 9.2; consideration -> evaluation 1 of 2; evaluation -> purchase 1 of 1.
   */
  it("answers one funnel per group, sorted by key", () => {
    const none = { medianDaysToNext: null, p90DaysToNext: null };
    expect(funnel().groupedResult()).toEqual({
      groups: [
        {
          key: "(not set)",
          stages: [
            {
              stage: "awareness",
              customers: 0,
              identified: 0,
              anonymous: 0,
              conversionFromPrevious: null,
              dropOff: null,
              ...none,
              stalled: 0,
            },
            {
              stage: "consideration",
              customers: 1,
              identified: 1,
              anonymous: 0,
              conversionFromPrevious: null,
              dropOff: null,
              ...none,
              stalled: 0,
            },
            { stage: "evaluation", customers: 0, identified: 0, anonymous: 0, conversionFromPrevious: 0, dropOff: 1, ...none, stalled: 0 },
            {
              stage: "purchase",
              customers: 0,
              identified: 0,
              anonymous: 0,
              conversionFromPrevious: null,
              dropOff: null,
              ...none,
              stalled: 0,
            },
          ],
        },
        {
          key: "enterprise",
          stages: [
            {
              stage: "awareness",
              customers: 2,
              identified: 1,
              anonymous: 1,
              conversionFromPrevious: null,
              dropOff: null,
              medianDaysToNext: 2,
              p90DaysToNext: 2,
              stalled: 1,
            },
            {
              stage: "consideration",
              customers: 1,
              identified: 0,
              anonymous: 1,
              conversionFromPrevious: 0.5,
              dropOff: 0.5,
              medianDaysToNext: 0,
              p90DaysToNext: 0,
              stalled: 0,
            },
            { stage: "evaluation", customers: 1, identified: 0, anonymous: 1, conversionFromPrevious: 1, dropOff: 0, ...none, stalled: 1 },
            { stage: "purchase", customers: 0, identified: 0, anonymous: 0, conversionFromPrevious: 0, dropOff: 1, ...none, stalled: 0 },
          ],
        },
        {
          key: "smb",
          stages: [
            {
              stage: "awareness",
              customers: 2,
              identified: 1,
              anonymous: 1,
              conversionFromPrevious: null,
              dropOff: null,
              medianDaysToNext: 6,
              p90DaysToNext: expect.closeTo(9.2, 12),
              stalled: 0,
            },
            {
              stage: "consideration",
              customers: 2,
              identified: 1,
              anonymous: 1,
              conversionFromPrevious: 1,
              dropOff: 0,
              medianDaysToNext: 3,
              p90DaysToNext: 3,
              stalled: 1,
            },
            {
              stage: "evaluation",
              customers: 1,
              identified: 1,
              anonymous: 0,
              conversionFromPrevious: 0.5,
              dropOff: 0.5,
              medianDaysToNext: 5,
              p90DaysToNext: 5,
              stalled: 0,
            },
            { stage: "purchase", customers: 1, identified: 1, anonymous: 0, conversionFromPrevious: 1, dropOff: 0, ...none, stalled: 1 },
          ],
        },
      ],
    });
  });

  it("ignores stages outside the model and keeps a stage's earliest entry", () => {
    const accumulator = createFunnel({ stages: ["awareness", "purchase"], now: day(100), stalledDays: 30 });
    accumulator.addJourney({
      stages: [
        { stage: "awareness", time: day(3) },
        { stage: "awareness", time: day(1) },
        { stage: "webinar", time: day(2) },
        { stage: "purchase", time: day(4.5) },
      ],
    });
    expect(accumulator.result().stages).toEqual([
      {
        stage: "awareness",
        customers: 1,
        identified: 0,
        anonymous: 1,
        conversionFromPrevious: null,
        dropOff: null,
        medianDaysToNext: 3.5,
        p90DaysToNext: 3.5,
        stalled: 0,
      },
      {
        stage: "purchase",
        customers: 1,
        identified: 0,
        anonymous: 1,
        conversionFromPrevious: 1,
        dropOff: 0,
        medianDaysToNext: null,
        p90DaysToNext: null,
        stalled: 1,
      },
    ]);
  });

  it("counts a skipped stage as entered with the next one, so the funnel never widens", () => {
    const accumulator = createFunnel({ stages: STAGES, now: day(100) });
    accumulator.addJourney(journey({ awareness: 1, purchase: 4 }));
    accumulator.addJourney(journey({ consideration: 2 }));
    accumulator.addJourney(journey({ awareness: 1, consideration: 3 }));
    expect(
      accumulator
        .result()
        .stages.map(({ stage, customers, conversionFromPrevious, medianDaysToNext }) => [
          stage,
          customers,
          conversionFromPrevious,
          medianDaysToNext,
        ]),
    ).toEqual([
      ["awareness", 3, null, 2],
      ["consideration", 3, 1, 0],
      ["evaluation", 1, 1 / 3, 0],
      ["purchase", 1, 1, null],
    ]);
  });

  it("ignores stage entries dated after `now`, as the customer list does", () => {
    const accumulator = createFunnel({ stages: STAGES, now: day(30), stalledDays: 14 });
    accumulator.addJourney(journey({ awareness: 1, consideration: 2, purchase: 40 }));
    expect(accumulator.result().stages.map(({ stage, customers, stalled }) => [stage, customers, stalled])).toEqual([
      ["awareness", 1, 0],
      ["consideration", 1, 1],
      ["evaluation", 0, 0],
      ["purchase", 0, 0],
    ]);
  });

  it("rejects options naming them", () => {
    expect(() => createFunnel({ stages: [], now: day(0) })).toThrow("stages: must list the stage model's stages in order");
    expect(() => createFunnel({ stages: ["a", "a"], now: day(0) })).toThrow("stages: must not repeat a stage");
    expect(() => createFunnel({ stages: ["a"], now: "later" })).toThrow('now: must be an ISO-8601 date or date-time, got "later"');
    expect(() => createFunnel({ stages: ["a"], now: day(0), stalledDays: -2 })).toThrow(
      "stalledDays: must be a number greater than 0, got -2",
    );
  });
});

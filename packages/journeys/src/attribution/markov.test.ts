import { describe, expect, it } from "vitest";
import { createAttribution } from "./create-attribution.js";
import { channelJourney } from "./journey-fixtures.js";
import { solveLinearSystem } from "./linear-system.js";
import { markovRemovalEffects } from "./markov.js";
import { PathSummary } from "./path-summary.js";

function summaryOf(paths: [string[], number, number][]): PathSummary {
  const summary = new PathSummary();
  for (const [keys, conversions, nonConversions] of paths) {
    summary.add(
      keys.map((key) => ({ key, label: key, time: 0, direct: false })),
      { conversions, nonConversions, value: 0, firstConversions: 0 },
    );
  }
  return summary;
}

/*
 * Worked by hand. Four customers (channels A, B, C):
 *   1. A > B > A > C, purchase 100       3. C > C, purchase 50 (collapsed to C)
 *   2. B > C, no purchase                4. A, no purchase
 * Transitions: start -> A 2, B 1, C 1 (of 4); A -> B 1, C 1, null 1 (of 3); B -> A 1, C 1 (of 2);
 * C -> conversion 2, null 1 (of 3).
 * Absorption into conversion: c = 2/3; a = b/3 + c/3; b = a/2 + c/2  =>  a = 2/5, b = 8/15.
 * P = (2/4)(2/5) + (1/4)(8/15) + (1/4)(2/3) = 1/5 + 2/15 + 1/6 = 1/2.
 * Without A (into A -> null): b = c/2 = 1/3, P = (1/4)(1/3) + (1/4)(2/3) = 1/4, RE_A = 1 - (1/4)/(1/2) = 1/2.
 * Without B: a = c/3 = 2/9, P = (1/2)(2/9) + (1/4)(2/3) = 5/18, RE_B = 1 - 5/9 = 4/9.
 * Without C: P = 0, RE_C = 1.
 * Sum RE = 35/18, so shares A 9/35, B 8/35, C 18/35 of 2 conversions and 150 of value:
 * A 18/35 and 270/7, B 16/35 and 240/7, C 36/35 and 540/7.
 */
describe("markov", () => {
  const journeys = [
    channelJourney(
      [
        ["A", 0],
        ["B", 1],
        ["A", 2],
        ["C", 3],
      ],
      [[4, 100]],
    ),
    channelJourney([
      ["B", 0],
      ["C", 1],
    ]),
    channelJourney(
      [
        ["C", 0],
        ["C", 1],
      ],
      [[2, 50]],
    ),
    channelJourney([["A", 0]]),
  ];

  it("solves the removal effects of a three-channel chain with a loop exactly", () => {
    const summary = summaryOf([
      [["A", "B", "A", "C"], 1, 0],
      [["B", "C"], 0, 1],
      [["C", "C"], 1, 0],
      [["A"], 0, 1],
    ]);
    const { effects } = markovRemovalEffects(summary);
    expect(effects.get("A")).toBeCloseTo(1 / 2, 12);
    expect(effects.get("B")).toBeCloseTo(4 / 9, 12);
    expect(effects.get("C")).toBeCloseTo(1, 12);
  });

  it("credits conversions and value by normalised removal effect, streaming journeys", () => {
    const attribution = createAttribution({ model: "markov" });
    for (const journey of journeys) attribution.addJourney(journey);
    const result = attribution.result();
    expect(result.totalConversions).toBe(2);
    expect(result.totalValue).toBe(150);
    expect(result.credits.map((credit) => credit.key)).toEqual(["C", "A", "B"]);
    const [c, a, b] = result.credits;
    expect(a?.conversions).toBeCloseTo(18 / 35, 9);
    expect(a?.value).toBeCloseTo(270 / 7, 9);
    expect(b?.conversions).toBeCloseTo(16 / 35, 9);
    expect(b?.value).toBeCloseTo(240 / 7, 9);
    expect(c?.conversions).toBeCloseTo(36 / 35, 9);
    expect(c?.value).toBeCloseTo(540 / 7, 9);
    expect(c?.share).toBeCloseTo(18 / 35, 9);
  });

  /*
   * Two channels, no loop: A > B converts, A alone does not, B alone converts.
   * start -> A 2/3, B 1/3; A -> B 1/2, null 1/2; B -> conversion 1.  P = (2/3)(1/2) + 1/3 = 2/3.
   * Without A: P = 1/3, RE_A = 1/2. Without B: P = 0, RE_B = 1. Shares 1/3 and 2/3 of 2 conversions.
   */
  it("gives a two-channel example its hand-solved shares", () => {
    const attribution = createAttribution({ model: "markov" });
    attribution.addJourney(
      channelJourney(
        [
          ["A", 0],
          ["B", 1],
        ],
        [[2, 30]],
      ),
    );
    attribution.addJourney(channelJourney([["A", 0]]));
    attribution.addJourney(channelJourney([["B", 0]], [[1, 0]]));
    const credits = Object.fromEntries(attribution.result().credits.map((credit) => [credit.key, credit]));
    expect(credits.A?.conversions).toBeCloseTo(2 / 3, 9);
    expect(credits.B?.conversions).toBeCloseTo(4 / 3, 9);
    expect(credits.A?.value).toBeCloseTo(10, 9);
    expect(credits.B?.value).toBeCloseTo(20, 9);
  });

  it("gives one key all the credit when every path is that key repeated; no-touch conversions go to (none)", () => {
    const attribution = createAttribution({ model: "markov" });
    attribution.addJourney(
      channelJourney(
        [
          ["email", 0],
          ["email", 1],
        ],
        [[2, 40]],
      ),
    );
    attribution.addJourney(channelJourney([["email", 0]]));
    attribution.addJourney(channelJourney([], [[5, 7]]));
    const result = attribution.result();
    // Equal conversions: ordered by key.
    expect(result.credits).toEqual([
      { key: "(none)", conversions: 1, value: 7, share: 0.5, firstConversions: 1 },
      { key: "email", conversions: 1, value: 40, share: 0.5, firstConversions: 1 },
    ]);
  });

  /*
   * Issue 15's minimal data. L1: email, then a purchase worth 100. L2: display, then email, no
   * purchase. start -> email 1/2, display 1/2; display -> email 1; email -> conversion 1/2, null 1/2.
   * P = 1/2. Without display: P = 1/4, RE 1/2. Without email: P = 0, RE 1. Display is met only on
   * the non-converting path, yet leads into email: it earns 1/3 of the conversion, email 2/3.
   */
  it("credits a key seen only on non-converting paths by its removal effect", () => {
    const attribution = createAttribution({ model: "markov" });
    attribution.addJourney(channelJourney([["email", 0]], [[1, 100]]));
    attribution.addJourney(
      channelJourney([
        ["display", 0],
        ["email", 1],
      ]),
    );
    const result = attribution.result();
    expect(result.totalConversions).toBe(1);
    expect(result.credits.map((credit) => credit.key)).toEqual(["email", "display"]);
    const [email, display] = result.credits;
    expect(email?.conversions).toBeCloseTo(2 / 3, 12);
    expect(email?.value).toBeCloseTo(200 / 3, 12);
    expect(display?.conversions).toBeCloseTo(1 / 3, 12);
    expect(display?.value).toBeCloseTo(100 / 3, 12);
    expect(display?.firstConversions).toBeCloseTo(1 / 3, 12);
  });

  it("credits nothing when nothing converted", () => {
    const attribution = createAttribution({ model: "markov" });
    attribution.addJourney(channelJourney([["email", 0]]));
    expect(attribution.result()).toMatchObject({ totalConversions: 0, totalValue: 0, credits: [] });
  });

  it("agrees with removing each channel and re-solving the whole chain, on random paths", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const channels = ["A", "B", "C", "D", "E"];
    for (let round = 0; round < 20; round++) {
      const paths: [string[], number, number][] = [];
      for (let i = 0; i < 30; i++) {
        const keys = Array.from({ length: 1 + Math.floor(random() * 6) }, () => channels[Math.floor(random() * channels.length)] as string);
        paths.push([keys, Math.floor(random() * 3), Math.floor(random() * 3)]);
      }
      const { effects } = markovRemovalEffects(summaryOf(paths));
      const p = conversionByRemoving(paths, null);
      for (const channel of channels) {
        if (!effects.has(channel)) continue;
        expect(effects.get(channel), `round ${round} ${channel}`).toBeCloseTo(1 - conversionByRemoving(paths, channel) / p, 12);
      }
    }
  });
});

describe("markov beyond MAX_MARKOV_STATES", () => {
  it("merges the least-visited labels into one (other) state, solved like any channel", () => {
    // Visits (journeys through): A 4, B 3, C 2, D 1. With room for 3 states, C and D share (other).
    const paths: [string[], number, number][] = [
      [["A", "B"], 1, 1],
      [["A", "C"], 1, 0],
      [["A", "C", "D"], 0, 1],
      [["B", "A"], 1, 0],
    ];
    const { effects, merged } = markovRemovalEffects(summaryOf(paths), 3);
    expect(merged).toEqual(new Set(["C", "D"]));
    expect([...effects.keys()].sort()).toEqual(["(other)", "A", "B"]);
    const renamed = paths.map(([keys, conversions, nonConversions]): [string[], number, number] => [
      keys.map((key) => (key === "C" || key === "D" ? "(other)" : key)),
      conversions,
      nonConversions,
    ]);
    const p = conversionByRemoving(renamed, null);
    for (const key of ["A", "B", "(other)"]) expect(effects.get(key), key).toBeCloseTo(1 - conversionByRemoving(renamed, key) / p, 12);
  });
});

/** P(conversion) of the chain with `removed`'s state dropped (transitions into it go to null), solved directly. */
function conversionByRemoving(paths: [string[], number, number][], removed: string | null): number {
  const counts = new Map<string, Map<string, number>>();
  const add = (from: string, to: string, weight: number) => {
    const row = counts.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + weight);
    counts.set(from, row);
  };
  for (const [keys, conversions, nonConversions] of paths) {
    const collapsed = keys.filter((key, i) => key !== keys[i - 1]);
    const states = ["(start)", ...collapsed];
    for (const [i, state] of states.slice(1).entries()) add(states[i] as string, state, conversions + nonConversions);
    add(states.at(-1) as string, "(conversion)", conversions);
    add(states.at(-1) as string, "(null)", nonConversions);
  }
  const transient = [...counts.keys()].filter((state) => state !== removed);
  const index = new Map(transient.map((state, i) => [state, i]));
  const a = transient.map((from, i) => {
    const row = counts.get(from) as Map<string, number>;
    const out = [...row.values()].reduce((sum, weight) => sum + weight, 0);
    return transient.map((to, j) => (i === j ? 1 : 0) - (out > 0 ? (row.get(to) ?? 0) / out : 0));
  });
  const b = transient.map((from) => {
    const row = counts.get(from) as Map<string, number>;
    const out = [...row.values()].reduce((sum, weight) => sum + weight, 0);
    return [out > 0 ? (row.get("(conversion)") ?? 0) / out : 0];
  });
  return (solveLinearSystem(a, b)[index.get("(start)") as number] as number[])[0] as number;
}

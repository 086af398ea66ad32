import { describe, expect, it } from "vitest";
import { progressReporter } from "./progress.js";

function output(isTTY: boolean) {
  const written: string[] = [];
  return { out: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe("progressReporter", () => {
  it("redraws one bar in place on a terminal, at most ten times a second, and ends its line", () => {
    const { out, written } = output(true);
    let now = 0;
    const progress = progressReporter(out, () => now);
    now = 1_000;
    progress.update({ persons: 25, totalPersons: 100, events: 250 });
    now = 1_050; // too soon to redraw
    progress.update({ persons: 30, totalPersons: 100, events: 300 });
    now = 2_000;
    progress.update({ persons: 100, totalPersons: 100, events: 1_000 });
    progress.done();
    expect(written).toEqual([
      "\r[########......................]  25% 25/100 people, 250 events, 250 events/s",
      "\r[##############################] 100% 100/100 people, 1,000 events, 500 events/s",
      "\n",
    ]);
  });

  it("prints a plain line per tenth elsewhere", () => {
    const { out, written } = output(false);
    let now = 0;
    const progress = progressReporter(out, () => now);
    for (const persons of [5, 9, 10, 15, 34, 100]) {
      now += 1_000;
      progress.update({ persons, totalPersons: 100, events: persons * 10 });
    }
    progress.done();
    expect(written).toEqual(
      [
        "seed: 10% 10/100 people, 100 events, 33 events/s",
        "seed: 30% 34/100 people, 340 events, 68 events/s",
        "seed: 100% 100/100 people, 1,000 events, 167 events/s",
      ].map((line) => `${line}\n`),
    );
  });
});
